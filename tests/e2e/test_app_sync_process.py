"""The app runs its syncs in a process of its own (desktop.engine.sync_process), on the
default profile too: with no --profile and no STINT_HOME, Stint's config, data and logs live
in the platform's separate folders (platformdirs, under the session's HOME here), and the
sync process must open that same profile, not a folder of the same name."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.processes import wait_until


def test_the_default_profile_syncs_in_a_process_of_its_own(desktop_session, sandbox):
    session = desktop_session

    def stint(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "desktop", *args], env=session.env,
                              input=stdin, capture_output=True, text=True, timeout=120)

    connected = stint("connect", "--login-url", sandbox.login_url, "--username",
                      sandbox.username, "--password-stdin", "--ca-file", sandbox.ca_file,
                      stdin=f"{sandbox.password}\n{sandbox.security_token}\n")
    assert connected.returncode == 0, connected.stderr
    app = session.launch([sys.executable, "-m", "desktop", "--hidden"], name="stint")

    def finished_sync() -> dict | None:  # the app's first run, as `stint status` sees it
        assert app.is_running(), app.describe()
        last = json.loads(stint("status", "--json").stdout)["last_sync"]
        return last if last is not None and last["outcome"] != "running" else None

    last = wait_until(finished_sync, 90, "the app's first sync", interval=0.5)
    assert last["outcome"] == "succeeded" and last["counts"]["Opportunity"]["created"] > 0

    logs = list(Path(session.home).rglob("stint.log"))
    assert len(logs) == 1, logs  # one profile: the default one
    assert "sync: starting a sync process" in logs[0].read_text()
    stores = list(Path(session.home).rglob("stint.sqlite3"))
    assert len(stores) == 1, stores  # no second, empty profile beside it
