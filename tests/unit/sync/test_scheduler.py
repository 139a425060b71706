"""The scheduler: interval, force (start now or join), never two at once, cancel, backoff,
stretching near the API limit."""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.synclog import RunOutcome, SyncRun
from desktop.salesforce.api_usage import ApiUsage
from desktop.sync.scheduler import MAX_INTERVAL, Scheduler, api_is_low, plan_next

HOUR = timedelta(hours=1)


def run(outcome=RunOutcome.SUCCEEDED, number=1):
    return SyncRun(id=number, started_at=datetime(2026, 1, 1, tzinfo=UTC), kind="incremental",
                   outcome=outcome)


class FakeSync:
    """Records calls; each run blocks until `release` is set when `hold` is set."""

    def __init__(self, outcome=RunOutcome.SUCCEEDED, hold=False):
        self.outcome = outcome
        self.calls = 0
        self.active = 0
        self.max_active = 0
        self.started = threading.Event()
        self.release = threading.Event()
        self.hold = hold
        self.cancel_seen = False
        self.full_flags = []
        self._lock = threading.Lock()

    def __call__(self, full, cancel, on_progress):
        with self._lock:
            self.calls += 1
            self.active += 1
            self.max_active = max(self.max_active, self.active)
            number = self.calls
        self.full_flags.append(full)
        self.started.set()
        try:
            if self.hold:
                while not self.release.wait(0.01):
                    if cancel.is_set():
                        self.cancel_seen = True
                        return run(RunOutcome.CANCELLED, number)
            return run(self.outcome, number)
        finally:
            with self._lock:
                self.active -= 1


@pytest.fixture
def make():
    made = []

    def factory(fake, **options):
        options.setdefault("interval", lambda: HOUR)
        options.setdefault("first_delay", HOUR)
        scheduler = Scheduler(fake, **options)
        made.append(scheduler)
        return scheduler

    yield factory
    for scheduler in made:
        scheduler.stop()


def test_plan_after_success_failure_and_near_the_limit():
    assert plan_next(run(), HOUR, None, 0).delay == HOUR
    failed = run(RunOutcome.FAILED)
    assert [plan_next(failed, HOUR, None, n).delay for n in (1, 2, 3, 4, 5, 9)] == [
        timedelta(minutes=m) for m in (1, 2, 5, 10, 30, 30)]
    assert plan_next(failed, timedelta(minutes=5), None, 5).delay == timedelta(minutes=5)
    low = ApiUsage(used=14_850, limit=15_000)
    assert api_is_low(low) and not api_is_low(ApiUsage(used=100, limit=15_000))
    assert api_is_low(ApiUsage(used=950, limit=1_000))  # the floor of 200 applies
    plan = plan_next(run(), HOUR, low, 0)
    assert plan.delay == 4 * HOUR and "14,850 of 15,000" in plan.note
    assert plan_next(run(), 12 * HOUR, low, 0).delay == MAX_INTERVAL
    limited = plan_next(run(RunOutcome.RATE_LIMITED), HOUR, None, 0)
    assert limited.delay == 4 * HOUR and "limit" in limited.note


def test_force_sync_runs_at_once_and_returns_the_run(make):
    fake = FakeSync()
    scheduler = make(fake)
    scheduler.start()
    result = scheduler.force_sync(full=True, wait=True, timeout=5)
    assert result.outcome is RunOutcome.SUCCEEDED and fake.full_flags == [True]
    assert scheduler.next_run_at() > datetime.now(UTC) + timedelta(minutes=59)


def test_force_sync_joins_the_running_one(make):
    fake = FakeSync(hold=True)
    scheduler = make(fake)
    scheduler.start()
    scheduler.force_sync()
    assert fake.started.wait(5)
    joined = []
    threads = [threading.Thread(target=lambda: joined.append(scheduler.force_sync(wait=True, timeout=5)))
               for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.05)
    assert scheduler.is_running()
    fake.release.set()
    for thread in threads:
        thread.join(5)
    assert fake.calls == 1 and fake.max_active == 1
    assert [r.id for r in joined] == [1, 1, 1]


def test_cancel_stops_the_running_sync(make):
    fake = FakeSync(hold=True)
    scheduler = make(fake)
    scheduler.start()
    scheduler.force_sync()
    assert fake.started.wait(5)
    scheduler.cancel()
    deadline = time.monotonic() + 5
    while scheduler.is_running() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert fake.cancel_seen and scheduler.last_run.outcome is RunOutcome.CANCELLED


def test_the_schedule_runs_by_itself_when_due(make):
    fake = FakeSync()
    finished = threading.Event()
    scheduler = make(fake, first_delay=timedelta(0), on_finished=lambda r: finished.set())
    scheduler.start()
    assert finished.wait(5) and fake.calls == 1


def test_failures_back_off_and_report(make):
    fake = FakeSync(outcome=RunOutcome.FAILED)
    reports = []
    scheduler = make(fake, on_failed=lambda problem, action: reports.append(problem))
    scheduler.start()
    scheduler.force_sync(wait=True, timeout=5)
    first = scheduler.next_run_at() - datetime.now(UTC)
    scheduler.force_sync(wait=True, timeout=5)
    second = scheduler.next_run_at() - datetime.now(UTC)
    assert timedelta(seconds=50) < first <= timedelta(minutes=1)
    assert timedelta(seconds=110) < second <= timedelta(minutes=2)
    assert "failed" in scheduler.stretch_reason
    # force_sync(wait=True) returns once the run is recorded; listeners are told just after,
    # on the worker thread, so wait (bounded) for the second report
    deadline = time.monotonic() + 5
    while len(reports) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(reports) == 2


def test_a_broken_callback_does_not_stop_the_scheduler(make):
    fake = FakeSync()

    def broken(*args):
        raise RuntimeError("listener bug")

    scheduler = make(fake, on_started=broken, on_finished=broken)
    scheduler.start()
    assert scheduler.force_sync(wait=True, timeout=5).outcome is RunOutcome.SUCCEEDED
    assert scheduler.force_sync(wait=True, timeout=5).id == 2


def test_force_sync_without_a_started_schedule_runs_on_the_caller(make):
    fake = FakeSync()
    scheduler = make(fake)
    assert scheduler.force_sync(wait=True).outcome is RunOutcome.SUCCEEDED


def test_engine_scheduler_force_sync_and_callbacks(connected):
    events = []
    done = threading.Event()
    scheduler = connected.start_scheduler(
        first_delay=HOUR,
        on_started=lambda: events.append("started"),
        on_progress=lambda sobject, n, total: events.append(sobject),
        on_finished=lambda r: (events.append(r.outcome.value), done.set()),
    )
    result = connected.sync()  # goes through the running scheduler
    assert result.outcome is RunOutcome.SUCCEEDED and done.wait(5)
    assert events[0] == "started" and events[-1] == "succeeded"
    # progress for the run as a whole, named by the objects it reads
    assert set(events[1:-1]) == {"Opportunity, Case, Task"}
    assert scheduler.next_run_at() is not None
    connected.disconnect()
    assert connected.scheduler is None


def test_while_paused_nothing_runs_by_itself_a_forced_sync_runs_once_and_resuming_catches_up(make):
    """Issue 15: a due run waits while paused; Force synchronization still runs (once);
    resuming runs what fell due meanwhile; the listener hears of the resume."""
    fake = FakeSync()
    paused = [True]
    reads = threading.Semaphore(0)
    heard = []

    def is_paused():
        reads.release()
        return paused[0]

    scheduler = make(fake, first_delay=timedelta(0), interval=lambda: timedelta(0),
                     is_paused=is_paused, on_pause_changed=heard.append)
    scheduler.start()
    assert reads.acquire(timeout=5)  # the due run was looked at...
    scheduler.wake()
    assert reads.acquire(timeout=5)  # ...and went round again without running
    assert fake.calls == 0 and scheduler.is_paused()

    forced = scheduler.force_sync(wait=True, timeout=5)
    assert forced.outcome is RunOutcome.SUCCEEDED and fake.calls == 1
    scheduler.wake()
    assert reads.acquire(timeout=5) and reads.acquire(timeout=5)  # due again, still paused
    assert fake.calls == 1

    finished = threading.Event()
    scheduler.on_finished = lambda run: finished.set()
    paused[0] = False
    scheduler.wake()
    assert finished.wait(5) and fake.calls >= 2
    assert heard == [False] and not scheduler.is_paused()


def test_a_run_due_while_paused_is_said_once(make, caplog):
    """The log says why nothing synced: once per due run, not at every look."""
    fake = FakeSync()
    reads = threading.Semaphore(0)

    def is_paused():
        reads.release()
        return True

    scheduler = make(fake, first_delay=timedelta(0), is_paused=is_paused)
    with caplog.at_level(logging.INFO, logger="desktop.sync.scheduler"):
        scheduler.start()
        for _ in range(3):  # looked at three times, still the same due run
            assert reads.acquire(timeout=5)
            scheduler.wake()
        assert reads.acquire(timeout=5)
    said = [r for r in caplog.records if "it waits while synchronization is paused" in r.message]
    assert len(said) == 1 and fake.calls == 0


def test_a_pause_setting_that_cannot_be_read_keeps_the_last_known_state(make):
    fake = FakeSync()
    calls = []

    def broken():
        calls.append(1)
        raise RuntimeError("database is locked")

    finished = threading.Event()
    scheduler = make(fake, first_delay=timedelta(0), is_paused=broken,
                     on_finished=lambda run: finished.set())
    scheduler.start()
    assert finished.wait(5) and calls  # never read as paused: the schedule goes on
