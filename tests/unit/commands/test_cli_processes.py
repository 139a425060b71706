"""The real `stint` command in subprocesses, with a real Secret Service (private gnome-keyring):
password and browser sign-in, secrets never written to the profile, and a sync killed with
SIGKILL half-way that the next sync completes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from desktop.engine import Engine
from desktop.platform.secrets import MemorySecretStore
from desktop.sandbox.harness import start_sandbox
from tests.unit.commands.conftest import all_profile_bytes, issued_tokens

BROWSER_SCRIPT = Path(__file__).with_name("oauth_browser.py")


def connect_password(stint_process, sandbox):
    return stint_process(
        "connect", "--login-url", sandbox.login_url, "--username", sandbox.username,
        "--password-stdin", "--ca-file", sandbox.ca_file,
        stdin=f"{sandbox.password}\n{sandbox.security_token}\n",
    )


def assert_no_secrets_in(profile_dir, secrets):
    files = all_profile_bytes(profile_dir)
    assert any(name.endswith(".sqlite3") for name in files)
    assert any("logs" in name for name in files)
    for path, content in files.items():
        for secret in secrets:
            assert secret.encode() not in content, f"a secret is in {path}"


def test_password_sign_in_is_kept_in_the_keyring_across_processes(stint_process, sandbox, profile_dir):
    connected = connect_password(stint_process, sandbox)
    assert connected.code == 0, connected.err
    assert connected.err == ""  # the keyring works: no "session only" warning
    synced = stint_process("sync", "--json")
    assert synced.code == 0, synced.err
    assert synced.json()["outcome"] == "succeeded"
    status = stint_process("status", "--json").json()
    assert status["connection"]["keyring"] == "system" and status["connection"]["connected"]
    assert stint_process("sync").code == 0
    tokens = issued_tokens(sandbox)
    assert tokens
    assert_no_secrets_in(profile_dir, [sandbox.password, sandbox.security_token, *tokens])
    assert stint_process("disconnect").code == 0
    assert stint_process("sync").code == 1


def test_browser_sign_in_end_to_end(stint_process, sandbox, profile_dir, callback_url):
    assert stint_process("settings", "set", "oauth_callback_url", callback_url).code == 0
    browser = f"{sys.executable} {BROWSER_SCRIPT} %s"
    env = {
        "BROWSER": browser,
        "PYTHONPATH": os.pathsep.join([str(Path.cwd()), os.environ.get("PYTHONPATH", "")]),
        "STINT_TEST_SANDBOX_CA": sandbox.ca_file,
        "STINT_TEST_SANDBOX_USERNAME": sandbox.username,
        "STINT_TEST_SANDBOX_PASSWORD": sandbox.password,
    }
    connected = stint_process(
        "connect", "--oauth", "--login-url", sandbox.login_url, "--consumer-key",
        sandbox.client_id, "--ca-file", sandbox.ca_file, "--json", env=env,
    )
    assert connected.code == 0, connected.err
    info = connected.json()
    assert info["auth_method"] == "oauth" and info["user_id"] == sandbox.org.api_user.id
    first_tokens = issued_tokens(sandbox)
    # a new process renews the session from the refresh token in the keyring
    sandbox.sessions.expire_all_sessions()
    synced = stint_process("sync", "--json")
    assert synced.code == 0, synced.err
    assert synced.json()["counts"]["Opportunity"]["created"] > 50
    tokens = set(first_tokens) | set(issued_tokens(sandbox))
    assert len(tokens) >= 3  # an access token, its renewal and the refresh token
    assert_no_secrets_in(profile_dir, [sandbox.password, *tokens])


def test_device_sign_in_end_to_end(stint_process, sandbox, profile_dir):
    """`stint connect --device` prints the code and where to enter it, then waits; the user
    enters it in a browser elsewhere; the refresh token lands in the keyring."""
    sandbox.devices.interval_seconds = 0.5
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop", "connect", "--device", "--login-url",
         sandbox.login_url, "--consumer-key", sandbox.client_id, "--ca-file", sandbox.ca_file,
         "--json"],
        env=stint_process.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        instructions = child.stderr.readline()
        assert instructions.startswith("To sign in, open "), instructions
        words = instructions.split()
        url, code = words[words.index("open") + 1], words[-1]
        assert url == f"{sandbox.login_url}/setup/connect"
        assert [e.user_code for e in sandbox.devices.pending()] == [code]
        assert "connected" in sandbox.browser().enter_device_code(url, code)
        out, err = child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == 0, err
    info = json.loads(out)
    assert info["auth_method"] == "device" and info["username"] == sandbox.username
    synced = stint_process("sync", "--json")
    assert synced.code == 0 and synced.json()["outcome"] == "succeeded", synced.err
    assert_no_secrets_in(profile_dir, [*issued_tokens(sandbox)])


def test_a_sync_killed_half_way_is_completed_by_the_next(stint_process, profile_dir, tmp_path):
    with start_sandbox("small", seed=5, opportunities=9000, cases=200, tasks=600) as sandbox:
        assert connect_password(stint_process, sandbox).code == 0
        sandbox.faults.set_latency(400, path_prefix="query")  # every further page is slow
        child = subprocess.Popen([sys.executable, "-m", "desktop", "sync"],
                                 env=stint_process.env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        db = profile_dir / "data" / "stint.sqlite3"
        committed = 0
        deadline = time.monotonic() + 60
        try:
            while time.monotonic() < deadline and child.poll() is None:
                committed = _count(db, "SELECT count(*) FROM items") - 1
                if committed >= 4000:  # two pages of opportunities are in
                    break
                time.sleep(0.02)
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
        assert 4000 <= committed < 9000, "the kill came in the middle of the sync"
        assert _count(db, "SELECT count(*) FROM sync_runs WHERE outcome = 'running'") == 1

        sandbox.faults.set_latency(0)
        resumed = stint_process("sync", "--json")
        assert resumed.code == 0, resumed.err
        assert resumed.json()["kind"] == "full"

        # the same tree as an uninterrupted sync into a fresh profile
        reference = tmp_path / "reference"
        with Engine.open(reference, secret_store=MemorySecretStore(), policy={},
                         log_to_file=False) as engine:
            engine.connect_password(sandbox.username, sandbox.password, sandbox.security_token,
                                    login_url=sandbox.login_url, ca_file=sandbox.ca_file)
            engine.sync()
            expected = {(i.id, i.parent_id, i.archived) for i in engine.store.items.all(True)}
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        got = set(conn.execute("SELECT id, parent_id, archived = 1 FROM items"))
        outcomes = [row[0] for row in conn.execute("SELECT outcome FROM sync_runs ORDER BY id")]
    finally:
        conn.close()
    assert {(i, p, bool(a)) for i, p, a in got} == expected
    assert outcomes == ["interrupted", "succeeded"]


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute(sql).fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0
