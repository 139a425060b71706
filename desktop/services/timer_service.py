"""The timer as the UI sees it: start, stop, switch, and the running entry.

The running timer is a stored entry without an end (desktop.domain.timer), so it survives a
crash: elapsed time is always `now - stored start`, never a count of ticks. Starting and
stopping are one small SQLite transaction each, done on the GUI thread on purpose: the user
must see the timer change at once and a click must never be lost in a queue.

Sleep and clock changes:
- after a suspend/resume the elapsed time is wall-clock based, so it includes the sleep: the
  work period spans it (the user can shorten the entry). That is intended.
- when the wall clock is set back while a timer runs, "now" continues on the monotonic clock
  from the last sane reading (desktop.services.timer_clock), so the shown time never goes
  negative or jumps back, and a stop keeps the time worked (at least 1 s) instead of
  dropping the entry. A start and stop in the same second still hold no time.

The running entry's note and billable flag change while it runs (`edit_running`, from the
task widget): a note typed there is stored once typing pauses (DETAILS_DELAY_MS), not on every
keystroke, and at once before the entry stops, is switched away from or is re-read, so no
edit is lost and none lands on the wrong entry.

Starting on an archived task (closed, deleted, excluded...) is allowed, but the UI asks first:
a start guard (`set_start_guard`, installed by the app) is asked before the timer starts on a
task or takes a running "no task" entry onto one; when it declines, nothing changes and
`start_declined` goes out.

Ticks: every view showing the running time (task widget, timesheet row, tray menu) repaints
on `ticked(elapsed)`, one signal just after each whole second of elapsed time, so they all
show the same second. The tick timer runs only while a timer runs and some visible view has
subscribed (subscribe_ticks/unsubscribe_ticks on show/hide): a hidden window costs no CPU.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain.entries import EntryError, TimeEntry
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.platform.clock import SYSTEM_CLOCK, Clock
from desktop.services.early_qt import PRECISE_TIMER, set_properties
from desktop.services.timer_clock import MINIMUM_KEPT, RunningClock
from desktop.store.errors import StoreError
from desktop.store.store import Store

if TYPE_CHECKING:
    from desktop.domain.timer import IdleChoice, IdleResolution

log = logging.getLogger(__name__)

DETAILS_DELAY_MS = 700  # a pause in typing a note: then it is stored


class TimerService(QObject):
    """One running entry at most; every change is stored before a signal goes out."""

    timer_started = Signal(object)  # TimeEntry (running)
    timer_stopped = Signal(object)  # TimeEntry (stopped), or None when it held no time
    entries_changed = Signal()
    timer_failed = Signal(str)  # a message for the user (e.g. "now" lies inside an entry)
    ticked = Signal(object)  # timedelta: the running entry's elapsed time, once a second
    details_saved = Signal(object)  # TimeEntry: its note / billable flag were stored
    start_declined = Signal(str)  # item id: the start guard said no (nothing changed)

    def __init__(self, store: Store, clock: Clock = SYSTEM_CLOCK, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self._running: TimeEntry | None = store.entries.running()
        self._running_clock = RunningClock(clock)
        self._running_clock.watch(self._running)
        # The task shown when nothing runs: the one that ran last, so Start resumes it.
        self._last_item_id: str | None = (
            self._running.item_id if self._running else self._latest_item_id()
        )
        self._tick_subscribers: set[int] = set()
        self._tick = QTimer(self)
        self._tick.setSingleShot(True)
        set_properties(self._tick, timerType=PRECISE_TIMER)  # see early_qt
        self._tick.timeout.connect(self._on_tick)
        # note/billable edits of the running entry not stored yet: (entry id, changes)
        self._pending_details: tuple[int, dict[str, object]] | None = None
        self._details_timer = QTimer(self)
        self._details_timer.setSingleShot(True)
        self._details_timer.setInterval(DETAILS_DELAY_MS)
        self._details_timer.timeout.connect(self.save_details)
        self._start_guard: Callable[[str], bool] | None = None

    def set_start_guard(self, guard: Callable[[str], bool] | None) -> None:
        """`guard(item_id)` is asked before the timer starts on (or moves to) a task; False
        leaves everything as it was (the UI asks about archived tasks)."""
        self._start_guard = guard

    def _declined(self, item_id: str | None) -> bool:
        if item_id is None or self._start_guard is None or self._start_guard(item_id):
            return False
        log.info("timer start on %s declined", item_id)
        self.start_declined.emit(item_id)
        return True

    # -- reading -------------------------------------------------------------------------
    def running(self) -> TimeEntry | None:
        return self._running

    def is_running(self) -> bool:
        return self._running is not None

    def elapsed(self) -> timedelta:
        """How long the running entry has run (0 when nothing runs), from stored timestamps."""
        if self._running is None:
            return timedelta(0)
        return self._running.duration(self._running_clock.now(self._running))

    def clock_went_back(self) -> bool:
        """The wall clock was set back while the timer ran (elapsed counts on regardless)."""
        return self._running is not None and self._running_clock.clock_went_back

    def current_item_id(self) -> str | None:
        """The running entry's task, else the task Start would start (the last one used)."""
        if self._running is not None:
            return self._running.item_id
        return self._last_item_id

    def now(self):  # noqa: ANN201 - a datetime; the clock widgets and tests share
        return self._clock.now()

    # -- changing ------------------------------------------------------------------------
    def start(self, item_id: str | None, note: str = "", billable: bool = False
              ) -> TimeEntry | None:
        """Start a new entry on `item_id` ("no task" for None), stopping the running one.
        None when it did not start (refused: timer_failed; declined: start_declined)."""
        if self._declined(item_id):
            return None
        self.save_details()
        previous = self._running
        wall = self._clock.now()
        try:
            if previous is not None:
                stop_at = self._running_clock.now(previous, MINIMUM_KEPT)
                if stop_at != wall:  # the wall clock went back: end it by the clock that knows
                    self._store.entries.stop_timer(stop_at)
            started = self._store.entries.start_timer(item_id, wall, note, billable)
        except (EntryError, StoreError) as exc:
            self._fail(exc)
            self.refresh()  # the previous entry may have been stopped
            return None
        stopped = None
        if previous is not None:
            stopped = self._store.entries.get(previous.id) if previous.id is not None else None
        self._running = started
        self._running_clock.watch(started)
        self._last_item_id = item_id
        log.info("timer started on %s", item_id or "no task")
        self._update_ticking()
        if previous is not None:
            self.timer_stopped.emit(stopped)
        self.timer_started.emit(started)
        self.entries_changed.emit()
        return started

    def switch_to(self, item_id: str | None) -> TimeEntry | None:
        """Work on `item_id` now: keeps the running entry if it is already that task, and
        puts a running "no task" entry on it (the time so far was for that task)."""
        if self._running is not None and self._running.item_id == item_id:
            return self._running
        if self._running is not None and self._running.item_id is None and item_id is not None:
            return self.assign(item_id)
        return self.start(item_id)

    def assign(self, item_id: str) -> TimeEntry | None:
        """Put the running entry on `item_id`; the timer keeps going from its start."""
        running = self._store.entries.running()
        if running is None:
            return self.start(item_id)
        if self._declined(item_id):
            return None
        try:
            assigned = self._store.entries.update(
                running.with_changes(item_id=item_id), now=self._clock.now())
        except (EntryError, StoreError) as exc:
            self._fail(exc)
            return None
        self._running = assigned
        self._running_clock.watch(assigned)  # the same entry: its clock reading stays
        self._last_item_id = item_id
        log.info("running timer assigned to %s", item_id)
        self.timer_started.emit(assigned)
        self.entries_changed.emit()
        return assigned

    def stop(self) -> TimeEntry | None:
        """Stop the running entry; returns it stopped (None if nothing ran or it was empty)."""
        if self._running is None:
            return None
        self.save_details()
        try:
            stopped = self._store.entries.stop_timer(
                self._running_clock.now(self._running, MINIMUM_KEPT)
            )
        except (EntryError, StoreError) as exc:
            self._fail(exc)
            return None
        self._running = None
        self._running_clock.watch(None)
        self._update_ticking()
        log.info("timer stopped")
        self.timer_stopped.emit(stopped)
        self.entries_changed.emit()
        return stopped

    def resolve_idle(
        self,
        away_start: datetime,
        away_end: datetime,
        choice: IdleChoice,
        other_item_id: str | None = None,
    ) -> IdleResolution | None:
        """The idle prompt's answer about [away_start, away_end] of the running entry
        (domain.timer.plan_idle_resolution), stored in one transaction. Like a switch of
        task: `timer_stopped` for the entry that got an end, then `timer_started` for the
        one running from the return. None (and `timer_failed`) when it cannot be done."""
        running = self._running
        if running is None:
            self._fail(EntryError(QT_TRANSLATE_NOOP("EntryError", "The timer is no longer running.")))
            return None
        try:
            result = self._store.entries.resolve_idle(
                running.client_id, away_start, away_end, choice, other_item_id,
                now=self._running_clock.now(running, MINIMUM_KEPT),
            )
        except (EntryError, StoreError) as exc:
            self._fail(exc)
            self.refresh()  # the prompt asked about an entry that changed meanwhile
            return None
        self._running = result.resumed
        self._running_clock.watch(result.resumed)
        self._update_ticking()
        log.info("idle time of the running entry: %s", choice.value)
        ended = result.shortened or result.given
        if ended is not None or result.dropped is not None:
            self.timer_stopped.emit(ended)
        if result.resumed is not None:
            self.timer_started.emit(result.resumed)
        self.entries_changed.emit()
        return result

    def toggle(self) -> None:
        """The Start/Stop button: stop when running, else start the current task."""
        if self._running is not None:
            self.stop()
        else:
            self.start(self._last_item_id)

    def refresh(self) -> None:
        """Re-read the running entry (after an edit elsewhere: timesheet, CLI, undo)."""
        self.save_details()
        before = self._running
        self._running = self._store.entries.running()
        self._running_clock.watch(self._running)
        self._update_ticking()
        if self._running is not None:
            self._last_item_id = self._running.item_id
        if before == self._running:
            return
        if before is not None and (self._running is None or before.id != self._running.id):
            self.timer_stopped.emit(self._store.entries.get(before.id) if before.id else None)
        if self._running is not None and (before is None or before != self._running):
            self.timer_started.emit(self._running)

    def edit_running(self, *, note: str | None = None, billable: bool | None = None) -> None:
        """Change the running entry's note and/or billable flag without stopping it; stored
        after a pause (DETAILS_DELAY_MS) or by save_details(). Nothing runs: nothing to do."""
        if self._running is None or self._running.id is None:
            return
        changes = {"note": note, "billable": billable}
        changes = {name: value for name, value in changes.items() if value is not None}
        if self._pending_details is not None and self._pending_details[0] == self._running.id:
            changes = {**self._pending_details[1], **changes}
        else:
            self.save_details()  # edits of another entry go first, to that entry
        self._pending_details = (self._running.id, changes)
        self._details_timer.start()

    def has_unsaved_details(self) -> bool:
        return self._pending_details is not None

    def save_details(self) -> TimeEntry | None:
        """Store the pending note/billable edits now; returns the entry as stored (None when
        nothing was pending or its entry is gone)."""
        self._details_timer.stop()
        pending, self._pending_details = self._pending_details, None
        if pending is None:
            return None
        entry_id, changes = pending
        try:
            current = self._store.entries.get(entry_id)
            if current is None:
                log.info("note edit dropped: entry %s no longer exists", entry_id)
                return None
            wanted = current.with_changes(**changes)
            if wanted == current:
                return current
            saved = self._store.entries.update(wanted, now=self._clock.now())
        except (EntryError, StoreError) as exc:
            self._fail(exc)
            return None
        if self._running is not None and self._running.id == entry_id:
            self._running = saved  # still running: same start, same clock reading
        log.info("details of entry %s saved", entry_id)
        self.details_saved.emit(saved)
        self.entries_changed.emit()
        return saved

    # -- ticks ---------------------------------------------------------------------------
    def subscribe_ticks(self, subscriber: QObject) -> None:
        """`subscriber` shows the running time now (it became visible): tick while it runs."""
        key = id(subscriber)
        if key not in self._tick_subscribers:
            self._tick_subscribers.add(key)
            subscriber.destroyed.connect(lambda *_: self._subscriber_destroyed(key))
        self._update_ticking()

    def unsubscribe_ticks(self, subscriber: QObject) -> None:
        """`subscriber` is hidden: it no longer needs ticks."""
        self._forget_subscriber(id(subscriber))

    def is_ticking(self) -> bool:
        return self._tick.isActive()

    def _subscriber_destroyed(self, key: int) -> None:
        if shiboken6.isValid(self):  # at exit this service may already be gone
            self._forget_subscriber(key)

    def _forget_subscriber(self, key: int) -> None:
        self._tick_subscribers.discard(key)
        self._update_ticking()

    def _update_ticking(self) -> None:
        if self._running is None or not self._tick_subscribers:
            self._tick.stop()
        elif not self._tick.isActive():
            self._schedule_tick()

    def _schedule_tick(self) -> None:
        # Just after the next whole second of elapsed time, so the shown clock never skips
        # or repeats a second however late a tick fires.
        elapsed = self.elapsed()
        into_second_ms = int((elapsed.total_seconds() % 1) * 1000)
        self._tick.start(max(5, min(1005, 1000 - into_second_ms + 5)))

    def _on_tick(self) -> None:
        if self._running is None or not self._tick_subscribers:
            return
        self.ticked.emit(self.elapsed())
        self._schedule_tick()

    # -- helpers -------------------------------------------------------------------------
    def _latest_item_id(self) -> str | None:
        recent = self._store.entries.recent_item_ids(limit=1)
        return recent[0] if recent else None

    def _fail(self, error: Exception) -> None:
        from desktop.services.i18n import error_text  # (loaded by then: the app installs it)

        log.warning("timer change refused: %s", getattr(error, "message", None) or error)
        self.timer_failed.emit(error_text(error))
