"""The app's syncs in a child process (desktop.engine.sync_process), driven with stand-in
children: small Python programs that speak the child's protocol (desktop.commands.child_runs).
The real child, signed in through a real keyring against the sandbox, is in
tests/unit/commands/test_cli_sync_process.py."""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
from datetime import UTC, datetime

import pytest

from desktop.domain.synclog import RunOutcome
from desktop.engine.errors import EngineError, NotConnected, SyncAlreadyRunning
from desktop.engine.problem_relay import problem_to_data
from desktop.engine.sync_process import ScheduledRuns, SyncProcess
from desktop.platform.child_command import child_command
from desktop.platform.paths import ProfilePaths
from desktop.salesforce.errors import WrongCredentials
from desktop.store import Store

NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "stint.sqlite3") as opened:
        yield opened


@pytest.fixture
def paths(tmp_path):
    return ProfilePaths.resolve(tmp_path / "profile")


def recorded_run(store: Store, outcome: RunOutcome = RunOutcome.SUCCEEDED) -> int:
    run_id = store.sync_log.start_run(NOW, "incremental")
    store.sync_log.finish_run(run_id, NOW, outcome, None if outcome is RunOutcome.SUCCEEDED
                              else WrongCredentials().text, 3)
    return run_id


def child_saying(*lines: object, code: int = 0, before: str = ""):
    """A command that starts a stand-in child printing `lines` (JSON-encoded unless str)."""
    printed = [line if isinstance(line, str) else json.dumps(line) for line in lines]
    script = (f"import sys\n{before}\n" + "".join(f"print({text!r}, flush=True)\n" for text in printed)
              + f"sys.exit({code})\n")
    return lambda paths, full: [sys.executable, "-c", script]


def test_a_run_comes_back_from_the_store_with_its_progress(store, paths):
    run_id = recorded_run(store)
    progress = []
    process = SyncProcess(paths, store, threading.Lock(), child_saying(
        {"progress": ["Opportunity", 200, 1500]}, "not JSON: ignored", [1, 2],
        {"progress": ["Opportunity", "bad", 1]},  # malformed: not reported
        {"progress": ["Case", 40, 40]}, {"run": run_id, "problem": None}))
    run = process(False, threading.Event(), lambda *values: progress.append(values))
    assert run == store.sync_log.get_run(run_id)
    assert progress == [("Opportunity", 200, 1500), ("Case", 40, 40)]
    assert process.last_problem(run) is None


def test_a_failed_run_keeps_the_problem_behind_it(store, paths):
    run_id = recorded_run(store, RunOutcome.FAILED)
    process = SyncProcess(paths, store, threading.Lock(), child_saying(
        {"run": run_id, "problem": problem_to_data(WrongCredentials())}))
    run = process(False, threading.Event())
    assert run.outcome is RunOutcome.FAILED
    assert isinstance(process.last_problem(run), WrongCredentials)  # "Re-enter password…"


def test_a_sync_that_could_not_start_raises_its_problem(store, paths):
    process = SyncProcess(paths, store, threading.Lock(), child_saying(
        {"problem": problem_to_data(NotConnected())}, code=3))
    with pytest.raises(NotConnected):
        process(False, threading.Event())


def test_a_child_that_dies_is_a_plain_failure_with_its_complaint_logged(store, paths, caplog):
    process = SyncProcess(paths, store, threading.Lock(), child_saying(
        {"progress": ["Case", 1, 9]}, code=1,
        before="sys.stderr.write('Traceback: something broke\\n')"))
    with caplog.at_level(logging.WARNING), pytest.raises(EngineError) as raised:
        process(False, threading.Event())
    assert "stopped unexpectedly (exit code 1)" in raised.value.message
    assert "Traceback: something broke" in caplog.text


def test_a_cancel_asks_the_child_to_stop_and_gets_its_cancelled_run(store, paths):
    run_id = store.sync_log.start_run(NOW, "full")
    store.sync_log.finish_run(run_id, NOW, RunOutcome.CANCELLED, None, 1)
    waits_for_sigterm = (
        "import json, signal, sys, time\n"
        "signal.signal(signal.SIGTERM, lambda *_: (print(json.dumps("
        f"{{'run': {run_id}, 'problem': None}}), flush=True), sys.exit(0)))\n"
        "print(json.dumps({'progress': ['Case', 0, 9]}), flush=True)\n"
        "time.sleep(60)\n"
    )
    process = SyncProcess(paths, store, threading.Lock(),
                          lambda paths, full: [sys.executable, "-c", waits_for_sigterm])
    cancel = threading.Event()
    started = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    begun = time.monotonic()
    run = process(True, cancel, lambda *_: started.set())
    assert started.is_set() and run.outcome is RunOutcome.CANCELLED
    assert time.monotonic() - begun < 10


def test_one_sync_at_a_time_in_this_process(store, paths):
    busy = threading.Lock()
    busy.acquire()  # a write-back push of this process is sending
    process = SyncProcess(paths, store, busy, child_saying({"run": 1, "problem": None}))
    with pytest.raises(SyncAlreadyRunning):
        process(False, threading.Event())


def test_scheduled_runs_sync_here_when_no_child_could_sign_in(store, paths, monkeypatch):
    """A session-only sign-in (or the demo's secrets) lives in this process only; and a child
    that cannot be started at all leaves the sync to this process too."""
    run_id = recorded_run(store)
    here = []

    def run_here(full, cancel, on_progress=None):
        here.append(full)
        return store.sync_log.get_run(run_id)

    runs = ScheduledRuns(paths, store, threading.Lock(), run_here, lambda run: None,
                         child_can_run=lambda: False)
    runs(False, threading.Event())
    assert here == [False]

    runs = ScheduledRuns(paths, store, threading.Lock(), run_here, lambda run: None,
                         child_can_run=lambda: True)
    monkeypatch.setattr(runs._child, "_command", lambda paths, full: ["/nonexistent/stint"])
    runs(True, threading.Event())
    assert here == [False, True]


def test_the_default_profile_is_named_by_no_profile_option(tmp_path):
    """The default profile keeps its config, data and logs in the platform's separate
    folders: `--profile ROOT` would name another, empty profile, so the child is given none
    (and finds the default itself, as any `stint` command)."""
    default = ProfilePaths.resolve(None, environ={})
    assert default.is_default
    command = child_command("_sync-run", default, "--full")
    assert "--profile" not in command and command[-2:] == ["_sync-run", "--full"]
    explicit = ProfilePaths.resolve(tmp_path / "profile")
    assert child_command("_push-run", explicit, "--wait", "5")[-5:] == [
        "_push-run", "--profile", str(explicit.root), "--wait", "5"]
