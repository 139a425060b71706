"""When syncs run: every N minutes, now on request, never two at once, slower near the API limit.

A plain worker thread waits on a condition until the next run is due or a force_sync()
arrives. Runs themselves are delegated to `run_sync(full, cancel, on_progress)` (the engine's
PullSync behind a profile-wide lock). After a run:
- succeeded: next = interval; stretched x4 (up to 24 h) while the org has fewer than
  max(200, 5 % of its limit) API calls left, with the reason kept in `stretch_reason`;
- rate limited: next = the stretched interval, with the reason;
- failed: backoff 1, 2, 5, 10, 30 minutes, never longer than the interval.
While `is_paused()` says so (settings.sync_paused, issue 15) nothing runs on its own: the
worker looks again every PAUSE_POLL_SECONDS (another process may resume) or at wake(); a
force_sync() still runs, once. A run that fell due while paused starts when it is resumed.
Callbacks are called on the worker thread (or the thread calling force_sync(wait=True)).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.domain.synclog import RunOutcome, SyncRun
from desktop.platform.clock import SYSTEM_CLOCK, Clock
from desktop.salesforce.api_usage import ApiUsage

log = logging.getLogger(__name__)

BACKOFF_MINUTES = (1, 2, 5, 10, 30)
STRETCH_FACTOR = 4
MAX_INTERVAL = timedelta(hours=24)
LOW_API_FLOOR = 200
LOW_API_FRACTION = 0.05
PAUSE_POLL_SECONDS = 30.0  # how soon a pause or resume made by another process is noticed

ProgressCallback = Callable[[str, int, int], None]
RunSync = Callable[[bool, threading.Event, ProgressCallback | None], SyncRun]


def api_is_low(usage: ApiUsage | None) -> bool:
    """Fewer than max(200, 5 % of the limit) calls left in the org's day."""
    if usage is None or usage.limit <= 0:
        return False
    return usage.remaining < max(LOW_API_FLOOR, LOW_API_FRACTION * usage.limit)


def stretch_note(usage: ApiUsage, interval: timedelta, stretched: timedelta) -> str:
    return (
        f"Salesforce API use is near the org's daily limit ({usage.used:,} of {usage.limit:,} "
        f"calls used), so Stint syncs every {_span(stretched)} instead of every {_span(interval)}."
    )


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour" + ("s" if hours != 1 else "")
    return f"{minutes} minutes"


@dataclass(frozen=True)
class Plan:
    """The next run and why it is then."""

    delay: timedelta
    note: str | None = None


def plan_next(
    run: SyncRun | None,
    interval: timedelta,
    usage: ApiUsage | None,
    failures: int,
) -> Plan:
    """Pure scheduling rule (see the module doc)."""
    if run is not None and run.outcome is RunOutcome.FAILED and failures > 0:
        step = BACKOFF_MINUTES[min(failures, len(BACKOFF_MINUTES)) - 1]
        delay = min(timedelta(minutes=step), interval)
        return Plan(delay, f"The last sync failed; trying again in {_span(delay)}.")
    rate_limited = run is not None and run.outcome is RunOutcome.RATE_LIMITED
    if rate_limited or api_is_low(usage):
        stretched = min(interval * STRETCH_FACTOR, MAX_INTERVAL)
        if usage is not None:
            note = stretch_note(usage, interval, stretched)
        else:
            note = (
                "Salesforce refused more API calls today (daily limit reached), so Stint "
                f"waits {_span(stretched)} before the next sync."
            )
        return Plan(stretched, note)
    return Plan(interval)


class Scheduler:
    """Runs syncs on a worker thread. start() begins the automatic schedule."""

    def __init__(
        self,
        run_sync: RunSync,
        *,
        interval: Callable[[], timedelta],
        api_usage: Callable[[], ApiUsage | None] = lambda: None,
        clock: Clock = SYSTEM_CLOCK,
        on_started: Callable[[], None] | None = None,
        on_progress: ProgressCallback | None = None,
        on_finished: Callable[[SyncRun], None] | None = None,
        on_failed: Callable[[BaseException | str, str | None], None] | None = None,
        problem_of: Callable[[SyncRun], BaseException | None] = lambda run: None,
        first_delay: timedelta = timedelta(0),
        is_paused: Callable[[], bool] = lambda: False,
        on_pause_changed: Callable[[bool], None] | None = None,
    ) -> None:
        self._run_sync = run_sync
        self._interval = interval
        self._api_usage = api_usage
        self._clock = clock
        self.on_started = on_started
        self.on_progress = on_progress
        self._problem_of = problem_of
        self.on_finished = on_finished
        self.on_failed = on_failed
        self._cond = threading.Condition()
        self._cancel = threading.Event()
        self._running = False
        self._forced: bool | None = None  # None: nothing forced; else "full?"
        self._stopping = False
        self._next_at: datetime | None = clock.now() + first_delay
        self._note: str | None = None
        self._failures = 0
        self._last: SyncRun | None = None
        self._generation = 0  # counts finished runs, for joiners
        self._thread: threading.Thread | None = None
        self._is_paused = is_paused
        self.on_pause_changed = on_pause_changed
        self._paused: bool | None = None  # as last read (None: not read yet)
        self._waiting_since: datetime | None = None  # the due time last said to wait for a pause
        self._wakes = 0  # counts wake() calls: a pause read before one is read again

    # -- control -------------------------------------------------------------------------

    def start(self) -> None:
        with self._cond:
            if self._thread is not None:
                return
            self._stopping = False
            self._thread = threading.Thread(target=self._loop, name="stint-sync", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the schedule; a running sync is cancelled and waited for."""
        with self._cond:
            self._stopping = True
            if self._running:
                self._cancel.set()
            self._cond.notify_all()
            thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def force_sync(
        self, full: bool = False, wait: bool = False, timeout: float | None = None
    ) -> SyncRun | None:
        """Start a sync now, or join the one already running.

        With `wait`, block until that run finished and return it (None on timeout). Without
        a started schedule, a waiting caller runs the sync on its own thread."""
        with self._cond:
            target = self._generation + 1
            if not self._running:
                self._forced = bool(full or self._forced)
            self._cond.notify_all()
            if not wait:
                return None
            if self._thread is not None:
                done = self._cond.wait_for(lambda: self._generation >= target, timeout)
                return self._last if done else None
        return self._run_now()

    def wake(self) -> None:
        """Look at the pause setting again now (it was just changed)."""
        with self._cond:
            self._wakes += 1
            self._cond.notify_all()

    def is_paused(self) -> bool:
        """Whether automatic syncs are paused (as the worker last read the setting)."""
        with self._cond:
            return bool(self._paused)

    def cancel(self) -> None:
        """Cancel the running sync (if any); the schedule continues."""
        with self._cond:
            if self._running:
                self._cancel.set()

    # -- state ---------------------------------------------------------------------------

    def is_running(self) -> bool:
        with self._cond:
            return self._running

    def next_run_at(self) -> datetime | None:
        with self._cond:
            return None if self._stopping else self._next_at

    @property
    def stretch_reason(self) -> str | None:
        """Why the next run is later than the interval (near the API limit, backoff), or None."""
        with self._cond:
            return self._note

    @property
    def last_run(self) -> SyncRun | None:
        with self._cond:
            return self._last

    # -- machinery -----------------------------------------------------------------------

    def _loop(self) -> None:
        while True:
            with self._cond:
                wakes = self._wakes
            paused = self._read_paused()  # a store read: never under the lock
            with self._cond:
                if self._stopping:
                    return
                if self._forced is None:
                    if self._wakes != wakes:
                        continue  # changed while it was read: read it again
                    delay = (self._next_at - self._clock.now()).total_seconds() if self._next_at else None
                    if paused:
                        if delay is not None and delay <= 0 and self._waiting_since != self._next_at:
                            self._waiting_since = self._next_at  # said once per due sync
                            log.info("a synchronization fell due at %s: it waits while "
                                     "synchronization is paused",
                                     self._next_at.isoformat(timespec="seconds"))
                        self._cond.wait(timeout=PAUSE_POLL_SECONDS)
                        continue
                    if delay is None or delay > 0:
                        self._cond.wait(timeout=min(delay, 60.0) if delay is not None else 60.0)
                        continue
            self._run_now()

    def _read_paused(self) -> bool:
        try:
            paused = bool(self._is_paused())
        except Exception:  # an unreadable setting must not stop the schedule
            log.exception("could not read whether synchronization is paused")
            paused = bool(self._paused)
        with self._cond:
            changed = self._paused is not None and paused != self._paused
            self._paused = paused
        if changed:
            log.info("synchronization %s", "paused" if paused else "resumed")
            if self.on_pause_changed is not None:
                self._safely(self.on_pause_changed, paused)
        return paused

    def _run_now(self) -> SyncRun | None:
        with self._cond:
            if self._running:  # joined by someone else meanwhile
                target = self._generation + 1
                self._cond.wait_for(lambda: self._generation >= target)
                return self._last
            full = bool(self._forced)
            self._forced = None
            self._running = True
            self._cancel.clear()
        run: SyncRun | None = None
        problem: BaseException | None = None
        if self.on_started:
            self._safely(self.on_started)
        try:
            run = self._run_sync(full, self._cancel, self.on_progress)
        except Exception as exc:  # e.g. the stored sign-in no longer works
            problem = exc
            log.warning("sync could not start: %s", getattr(exc, "message", type(exc).__name__))
        with self._cond:
            self._running = False
            failed = run is None or run.outcome is RunOutcome.FAILED
            self._failures = self._failures + 1 if failed else 0
            plan = plan_next(
                run if run is not None else _failed_placeholder(self._clock.now()),
                self._interval(),
                self._api_usage(),
                self._failures,
            )
            self._next_at = self._clock.now() + plan.delay
            self._note = plan.note
            self._last = run
            self._generation += 1
            self._cond.notify_all()
        if plan.note:
            log.info("next sync at %s: %s", self._next_at.isoformat(timespec="seconds"), plan.note)
        if run is not None and self.on_finished:
            self._safely(self.on_finished, run)
        if self.on_failed and (problem is not None or (run and run.outcome in _PROBLEMS)):
            if problem is None and run is not None:
                problem = self._problem_of(run)
            self._safely(self.on_failed, problem or (run.error if run else "") or "", None)
        return run

    @staticmethod
    def _safely(callback: Callable, *args: object) -> None:
        try:
            callback(*args)
        except Exception:  # a broken listener must not kill the scheduler
            log.exception("a sync callback failed")


_PROBLEMS = {RunOutcome.FAILED, RunOutcome.RATE_LIMITED}


def _failed_placeholder(now: datetime) -> SyncRun:
    return SyncRun(id=0, started_at=now, kind="incremental", outcome=RunOutcome.FAILED)
