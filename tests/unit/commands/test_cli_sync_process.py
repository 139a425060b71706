"""The app's sync process for real: `stint _sync-run` signed in through a real Secret Service
(private gnome-keyring) against the sandbox, alone and as the app's Scheduler runs it
(desktop.commands.child_runs, desktop.engine.sync_process, push_process)."""

from __future__ import annotations

import json
import sys
import threading
from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.entries import EntrySyncState
from desktop.domain.synclog import RunOutcome
from desktop.engine import Engine
from desktop.engine.errors import NotConnected
from desktop.engine.link import USER_ID_KEY, remember_keyring
from tests.unit.commands.test_cli_processes import connect_password

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the sync process runs on Linux only")


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_the_sync_process_signs_in_from_the_keyring_and_records_its_run(
        stint_process, sandbox, profile_dir):
    assert connect_password(stint_process, sandbox).code == 0
    result = stint_process("_sync-run", "--full")  # no --profile: STINT_HOME's, as any command
    assert result.code == 0, result.err
    said = lines(result.out)  # nothing but protocol lines on stdout
    assert said[-1]["problem"] is None
    assert any("progress" in line for line in said[:-1])
    with Engine.open(profile_dir) as engine:
        run = engine.store.sync_log.get_run(said[-1]["run"])
        assert run.outcome is RunOutcome.SUCCEEDED and run.kind == "full"
        assert run.counts["Opportunity"].created > 0


def test_without_a_sign_in_it_says_why_no_run_started(stint_process, profile_dir):
    result = stint_process("_sync-run", "--profile", str(profile_dir))
    assert result.code == 3
    (said,) = lines(result.out)
    assert said["problem"]["class"] == "NotConnected"


def test_the_apps_scheduler_runs_each_sync_in_a_child(
        stint_process, sandbox, profile_dir, keyring_session, monkeypatch):
    """As the app runs it: the scheduler of an engine that never opened the keyring; the
    child finds the sign-in, reports progress, and the run reaches the app's callbacks."""
    assert connect_password(stint_process, sandbox).code == 0
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", keyring_session.bus_address)
    finished, progress = [], []
    done = threading.Event()
    with Engine.open(profile_dir) as engine:
        assert engine.sign_in_in_system_keyring()
        assert engine.known_connection_info().connected  # from the store: no keyring here
        assert engine._secret_store is None
        scheduler = engine.start_scheduler(
            runs_in_child=True, on_progress=lambda *values: progress.append(values),
            on_finished=lambda run: (finished.append(run), done.set()))
        assert done.wait(120)
        assert finished[0].outcome is RunOutcome.SUCCEEDED
        assert progress and all(isinstance(value, int) for _, *values in progress for value in values)
        assert engine._secret_store is None and engine._connection is None  # all in the child
        scheduler.stop()
    log_text = (profile_dir / "logs" / "stint.log").read_text()
    assert "starting a sync process" in log_text


def test_a_problem_in_the_child_reaches_the_app_as_its_class(
        stint_process, sandbox, profile_dir, keyring_session, monkeypatch):
    assert connect_password(stint_process, sandbox).code == 0
    # The sign-in is forgotten from the keyring behind the app's back (another tool, a reset).
    assert stint_process("disconnect").code == 0
    with Engine.open(profile_dir) as engine:  # still linked, as far as the store knows
        engine.store.sync_state.set_value(USER_ID_KEY, "005000000000001")
        remember_keyring(engine.store, True, None)
        assert engine.sign_in_in_system_keyring()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", keyring_session.bus_address)
    failures = []
    done = threading.Event()
    with Engine.open(profile_dir) as engine:
        scheduler = engine.start_scheduler(
            runs_in_child=True, on_failed=lambda problem, _: (failures.append(problem), done.set()))
        assert done.wait(120)
        scheduler.stop()
    assert isinstance(failures[0], NotConnected)  # the banner offers "Connect…"


def test_the_apps_write_back_push_runs_in_a_child(
        stint_process, sandbox, profile_dir, keyring_session, monkeypatch):
    """A stopped entry reaches Salesforce through `stint _push-run`; the app's engine reads
    the report without signing in itself."""
    assert connect_password(stint_process, sandbox).code == 0
    for key, value in (("writeback", "event"), ("writeback_short_entries", "true")):
        assert stint_process("settings", "set", key, value).code == 0
    assert stint_process("sync").code == 0
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", keyring_session.bus_address)
    with Engine.open(profile_dir) as engine:
        task = next(item for item in engine.store.items.all() if item.sobject == "Opportunity")
        now = datetime.now(UTC).replace(microsecond=0)
        entry = engine.add_entry(task.id, now - timedelta(minutes=30), now, note="Call notes")
        report = engine.push_from_app(wait_seconds=60)
        assert report is not None and (report.created, report.failed, report.error) == (1, 0, None)
        assert engine._connection is None and engine._secret_store is None  # all in the child
        assert engine.store.entries.get(entry.id).sync_state is EntrySyncState.SYNCED
    events = sandbox.salesforce().query_all("SELECT Description FROM Event")["records"]
    assert sum("Call notes" in (event["Description"] or "") for event in events) == 1


def test_a_day_of_syncs_signs_in_once(stint_process, sandbox, profile_dir):
    """Each sync process starts from the session the last one kept in the keyring (a login
    per sync would fill the org's login history every few minutes); when Salesforce ends that
    session, the next process signs in again and keeps the new one."""
    assert connect_password(stint_process, sandbox).code == 0
    signed_in = len(sandbox.sessions._state.access)
    for _ in range(3):
        result = stint_process("_sync-run", "--profile", str(profile_dir))
        assert lines(result.out)[-1]["problem"] is None, result.err
    assert len(sandbox.sessions._state.access) == signed_in + 1  # the first process's sign-in
    sandbox.sessions.expire_all_sessions()  # a session timeout, or the user logged out
    result = stint_process("_sync-run", "--profile", str(profile_dir))
    assert lines(result.out)[-1]["problem"] is None, result.err
    assert stint_process("_sync-run", "--profile", str(profile_dir)).code == 0
    assert len(sandbox.sessions._state.access) == 1  # one new sign-in, kept and used again
    # `stint disconnect` forgets the kept session with the rest.
    assert stint_process("disconnect").code == 0
    assert lines(stint_process("_sync-run", "--profile", str(profile_dir)).out)[-1]["problem"]
