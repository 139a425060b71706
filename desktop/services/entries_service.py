"""Time entries for the timesheet: read a span of local days, add, edit, delete, undo, continue.

Every change is one small store transaction (a single row), which is why it runs on the caller's
(GUI) thread like the timer writes do; heavy work never happens here. Each change pushes an
undo step, so Ctrl+Z reverts the last add, edit or delete (a delete restores the tombstone).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.domain.entries import EntryError, TimeEntry
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.domain.totals import Totals, local_midnight, totals_within
from desktop.platform.clock import SYSTEM_CLOCK, Clock
from desktop.store.store import Store

log = logging.getLogger(__name__)

UNDO_DEPTH = 50


@dataclass(frozen=True)
class _UndoStep:
    description: str  # "Undo delete", shown in menus and tooltips
    revert: Callable[[], TimeEntry | None]
    removes: bool = False  # reverting deletes an entry (leaves a tombstone for write-back)


class EntriesService(QObject):
    """The timesheet's access to time entries.

    `timer_service` is UI-1's TimerService (start(item_id), stop(), running(), signals
    timer_started/timer_stopped/entries_changed); its changes are re-announced here as
    `entries_changed` so a timesheet only needs to listen to this service.
    """

    entries_changed = Signal()
    entry_deleted = Signal(object)  # the deleted TimeEntry (the view offers "Undo")
    # The user changed entries here (add, edit, delete, undo): write-back pushes after it.
    # True when the change deleted an entry (pushed only after the undo grace).
    entries_edited = Signal(bool)
    undo_changed = Signal(str)  # what undo() would revert ("" when nothing)

    def __init__(
        self,
        store: Store,
        timer_service: QObject,
        clock: Clock = SYSTEM_CLOCK,
        tz: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._timer = timer_service
        self._clock = clock
        self._tz = tz
        self._undo: list[_UndoStep] = []
        for name in ("timer_started", "timer_stopped", "entries_changed"):
            signal = getattr(timer_service, name, None)
            if signal is not None:
                signal.connect(self._on_timer_changed)

    # -- reading ---------------------------------------------------------------------------
    @property
    def tz(self) -> tzinfo | None:
        return self._tz

    def now(self) -> datetime:
        return self._clock.now()

    def today(self) -> date:
        return self.now().astimezone(self._tz).date()

    def day_bounds(self, first_day: date, end_day: date) -> tuple[datetime, datetime]:
        return local_midnight(first_day, self._tz), local_midnight(end_day, self._tz)

    def entries_between(self, first_day: date, end_day: date) -> list[TimeEntry]:
        """Entries sharing time with the local days [first_day, end_day), by start time.

        The running entry is included when it reaches into the span.
        """
        start, end = self.day_bounds(first_day, end_day)
        return self._store.entries.between(start, end)

    def get(self, entry_id: int) -> TimeEntry | None:
        return self._store.entries.get(entry_id)

    def day_total(self, day: date, entries: list[TimeEntry] | None = None) -> timedelta:
        """Time worked on local `day`, entries crossing midnight counted only for their part."""
        return self.totals(day, day + timedelta(days=1), entries).duration

    def totals(
        self, first_day: date, end_day: date, entries: list[TimeEntry] | None = None
    ) -> Totals:
        """Time (and billable time) in the local days [first_day, end_day), counted as the
        Reports page counts it (domain.totals)."""
        start, end = self.day_bounds(first_day, end_day)
        if entries is None:
            entries = self._store.entries.between(start, end)
        return totals_within(entries, start, end, self.now())

    # -- changing --------------------------------------------------------------------------
    def add(
        self,
        item_id: str | None,
        start: datetime,
        end: datetime,
        note: str = "",
        billable: bool = False,
    ) -> TimeEntry:
        """Store a manual (stopped) entry; EntryError when it is negative or overlaps."""
        candidate = TimeEntry(start=start, end=end, item_id=item_id, note=note, billable=billable)
        added = self._store.entries.add(candidate, now=self.now())
        log.info("added entry %s", added.id)
        self._push(
            _UndoStep(QT_TRANSLATE_NOOP("EntriesService", "Undo add"), lambda: self._store.entries.delete(added.id), removes=True)
        )
        self.entries_changed.emit()
        self.entries_edited.emit(False)
        return added

    def update(self, entry: TimeEntry) -> TimeEntry:
        """Save an edited entry; EntryError (nothing stored) when it breaks a rule."""
        if entry.id is None:
            raise ValueError("only a stored entry can be updated")
        before = self._store.entries.get(entry.id)
        if before is None:
            raise EntryError(QT_TRANSLATE_NOOP("EntryError", "This entry no longer exists."))
        saved = self._store.entries.update(entry, now=self.now())
        log.info("updated entry %s", saved.id)
        self._push(_UndoStep(QT_TRANSLATE_NOOP("EntriesService", "Undo edit"), lambda: self._restore_version(before)))
        self._timer_refresh()
        self.entries_changed.emit()
        self.entries_edited.emit(False)
        return saved

    def delete(self, entry_id: int) -> TimeEntry | None:
        """Delete an entry (a running one is stopped first); undo() brings it back.

        Returns the deleted entry, or None when it was a running timer with no time in it
        (stopping such a timer drops it, so there is nothing left to delete or restore).
        """
        entry = self._store.entries.get(entry_id)
        if entry is None:
            raise EntryError(QT_TRANSLATE_NOOP("EntryError", "This entry no longer exists."))
        if entry.running:
            self._timer.stop()
            entry = self._store.entries.get(entry_id)
            if entry is None:
                self.entries_changed.emit()
                return None
        deleted = self._store.entries.delete(entry.id, now=self.now())
        log.info("deleted entry %s", entry.id)
        self._push(
            _UndoStep(QT_TRANSLATE_NOOP("EntriesService", "Undo delete"), lambda: self._store.entries.undelete(entry.id, now=self.now()))
        )
        self.entries_changed.emit()
        self.entry_deleted.emit(deleted)
        self.entries_edited.emit(True)
        return deleted

    def continue_entry(self, entry_id: int) -> TimeEntry | None:
        """Start the timer again on the entry's task, with its note and billable flag (the
        running one, if any, stops).

        Returns the new running entry, None when the user declined (an archived task);
        EntryError when the timer refused to start (e.g. the current time lies inside a
        stored entry).
        """
        entry = self._store.entries.get(entry_id)
        if entry is None:
            raise EntryError(QT_TRANSLATE_NOOP("EntryError", "This entry no longer exists."))
        refusals: list[str] = []
        declined: list[str] = []

        def note_refusal(message: str) -> None:
            refusals.append(message)

        def note_declined(item_id: str) -> None:
            declined.append(item_id)

        failed = getattr(self._timer, "timer_failed", None)
        said_no = getattr(self._timer, "start_declined", None)
        if failed is not None:
            failed.connect(note_refusal)
        if said_no is not None:
            said_no.connect(note_declined)
        try:
            started = self._timer.start(entry.item_id, entry.note, entry.billable)
        finally:
            if failed is not None:
                failed.disconnect(note_refusal)
            if said_no is not None:
                said_no.disconnect(note_declined)
        if started is None and declined:
            return None
        if started is None:
            raise EntryError(refusals[-1] if refusals else QT_TRANSLATE_NOOP(
                "EntryError", "The timer could not be started."))
        return started

    # -- undo ------------------------------------------------------------------------------
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_description(self) -> str:
        """What Undo would do now, in the user's language ("" when nothing)."""
        if not self._undo:
            return ""
        return QCoreApplication.translate("EntriesService", self._undo[-1].description)

    def undo(self) -> TimeEntry | None:
        """Revert the latest change; EntryError (the step is kept) when that is impossible now,
        e.g. a restored entry would overlap one added since."""
        if not self._undo:
            return None
        step = self._undo[-1]
        result = step.revert()
        self._undo.pop()
        log.info("%s", step.description.lower())
        self.undo_changed.emit(self.undo_description())
        self._timer_refresh()
        self.entries_changed.emit()
        self.entries_edited.emit(step.removes)
        return result

    def refresh(self) -> None:
        """Entries changed behind the timesheet's back (write-back set their Salesforce
        state, a sync kept Salesforce's version): views reload."""
        self.entries_changed.emit()

    def _restore_version(self, before: TimeEntry) -> TimeEntry:
        current = self._store.entries.get(before.id)
        if current is None:
            raise EntryError(QT_TRANSLATE_NOOP("EntryError", "This entry was deleted since; it cannot be reverted."))
        # Keep what write-back recorded meanwhile; revert only what the user typed.
        return self._store.entries.update(
            current.with_changes(
                item_id=before.item_id, start=before.start, end=before.end,
                note=before.note, billable=before.billable,
            ),
            now=self.now(),
        )

    def _timer_refresh(self) -> None:
        """Let the TimerService re-read the running entry after an edit, delete or undo."""
        refresh = getattr(self._timer, "refresh", None)
        if refresh is not None:
            refresh()

    def _push(self, step: _UndoStep) -> None:
        self._undo.append(step)
        del self._undo[:-UNDO_DEPTH]
        self.undo_changed.emit(self.undo_description())

    def _on_timer_changed(self, *_args: object) -> None:
        self.entries_changed.emit()
