"""platform.detached: a `stint` command started in its own session, with null stdio."""

from __future__ import annotations

import os
import sys

import pytest

from desktop.platform.detached import start_detached, stint_command


def test_the_command_runs_this_installation_of_stint():
    assert stint_command(["status"]) == [sys.executable, "-m", "desktop", "status"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX sessions")
def test_a_detached_command_runs_in_its_own_session(tmp_path, capfd):
    pid = start_detached(["--profile", str(tmp_path), "settings", "set",
                          "sync_interval_minutes", "30"])
    assert os.getsid(pid) == pid != os.getsid(0)  # a new session: no terminal of ours
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert capfd.readouterr() == ("", "")  # it printed nowhere here
    from desktop.engine import Engine

    with Engine.open(tmp_path, policy={}, log_to_file=False) as engine:
        assert engine.settings.current().sync_interval_minutes == 30
