"""Pausing synchronization without unlinking (issue 15), on the real engine and sandbox:
stored (it survives a restart), "since" kept, write-back waits, a forced sync still runs,
the scheduler starts nothing, and the admin policy can lock it."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from desktop.commands.writeback import queue_push
from desktop.domain.entries import EntrySyncState, TimeEntry
from desktop.domain.synclog import RunOutcome
from desktop.engine import Engine, SettingLocked
from desktop.engine.status import build_status
from desktop.platform.clock import FakeClock
from desktop.platform.secrets import MemorySecretStore


@pytest.fixture
def secrets():
    return MemorySecretStore()


@pytest.fixture
def clock():
    return FakeClock(datetime.now(UTC))


def open_engine(profile_dir, secrets, clock, policy=None):
    return Engine.open(profile_dir, secret_store=secrets, policy=policy or {},
                       log_to_file=False, clock=clock)


@pytest.fixture
def engine(profile_dir, secrets, clock):
    with open_engine(profile_dir, secrets, clock) as opened:
        yield opened


@pytest.fixture
def connected(engine, sandbox):
    engine.connect_password(sandbox.username, sandbox.password, sandbox.security_token,
                            login_url=sandbox.login_url, ca_file=sandbox.ca_file)
    return engine


def test_a_pause_is_stored_with_its_start_and_survives_a_restart(profile_dir, secrets, clock):
    with open_engine(profile_dir, secrets, clock) as first:
        assert not first.pause_state().paused
        paused = first.set_sync_paused(True)
        started = clock.now()
    assert paused.paused and abs(paused.since - started) < timedelta(seconds=1)
    clock.advance(hours=20)
    with open_engine(profile_dir, secrets, clock) as again:  # a restart
        state = again.pause_state()
        assert state.paused and state.since == paused.since
        assert build_status(again)["sync_pause"]["paused"] is True
        resumed = again.set_sync_paused(False)
        assert not resumed.paused and resumed.since is None


def test_pausing_through_the_settings_command_stamps_it_too(engine, clock):
    engine.settings.set_text("sync_paused", "true")  # `stint settings set sync_paused true`
    assert engine.pause_state().since is not None


def test_the_policy_locks_pausing(profile_dir, secrets, clock):
    running = {"sync": {"paused": False}, "locked": ["sync.paused"]}
    with open_engine(profile_dir, secrets, clock, running) as engine:
        assert engine.pause_state().locked
        with pytest.raises(SettingLocked):
            engine.set_sync_paused(True)
    paused = {"sync": {"paused": True}, "locked": ["sync.paused"]}
    with open_engine(profile_dir, secrets, clock, paused) as engine:
        state = engine.pause_state()
        assert state.paused and state.locked and state.since is None  # paused by the admin


def test_write_back_waits_while_paused_and_a_forced_sync_sends_it(connected, clock):
    assert connected.sync().outcome is RunOutcome.SUCCEEDED
    connected.settings.update(writeback="event")
    task = next(i for i in connected.store.items.all() if not i.is_root)
    now = clock.now()
    entry = connected.store.entries.add(
        TimeEntry(start=now - timedelta(hours=1), end=now - timedelta(minutes=15),
                  item_id=task.id, note="while paused"), now=now)
    connected.set_sync_paused(True)

    assert connected.push_now(wait_seconds=5) is None  # nothing sent...
    # (a stopped timer's write-back: the command line hands it to a background push)
    assert queue_push(connected, connected.store.entries.get(entry.id))[0].startswith(
        "Synchronization is paused")
    assert connected.store.entries.get(entry.id).sync_state is not EntrySyncState.SYNCED

    run = connected.sync()  # ...until a sync is forced: it runs, and pushes too
    assert run.outcome is RunOutcome.SUCCEEDED
    assert connected.store.entries.get(entry.id).sync_state is EntrySyncState.SYNCED
    assert connected.pause_state().paused  # once: it stays paused


def test_the_scheduler_starts_nothing_while_paused_but_runs_a_forced_sync(connected):
    connected.set_sync_paused(True)
    started = []
    scheduler = connected.start_scheduler(
        first_delay=timedelta(0),  # due at once: it would run now if not paused
        on_started=lambda: started.append(1),
    )
    deadline = time.monotonic() + 5
    while not scheduler.is_paused() and time.monotonic() < deadline:
        time.sleep(0.01)
    # It read the pause with a run due: from here it waits for a resume or a forced sync.
    assert scheduler.is_paused() and not started
    assert connected.store.sync_log.last_run() is None
    status = build_status(connected)
    assert status["next_sync_at"] is None and "paused" in status["next_sync_note"]

    resumed = threading.Event()
    scheduler.on_finished = lambda run: resumed.set()
    connected.set_sync_paused(False)  # wakes the scheduler: the run that fell due goes now
    assert resumed.wait(10) and len(started) == 1

    connected.set_sync_paused(True)
    run = connected.sync()  # through the scheduler, as Force synchronization does
    assert run.outcome is RunOutcome.SUCCEEDED and len(started) == 2
    assert connected.pause_state().paused  # still paused after the one forced run
