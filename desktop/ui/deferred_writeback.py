"""Write-back wiring that waits for the engine without losing a push asked for meanwhile.

The WriteBackService module imports the push code and with it the Salesforce client
(simple-salesforce, requests, zeep, cryptography): about 250 ms of CPU, more than the rest of
the window's imports together. It cannot push before the engine exists anyway, so the app
builds it with the engine (after the first paint, the imports paid on the engine's worker).
Until then this recorder notes what would have asked for a push — a timer stop that kept
time, a timesheet edit or delete — and replays it on the real service, which then pushes as
soon as it is attached, exactly as it would have with the request queued.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)


class DeferredWriteBack(QObject):
    """Collects push requests until `hand_over(writeback)`; then wires the real service."""

    def __init__(self, timer: QObject, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = timer
        self._entries: list[QObject] = []
        self._writeback: Any = None
        self.push_wanted = False
        self.push_after_delete_wanted = False
        timer.timer_stopped.connect(self._timer_stopped)  # type: ignore[attr-defined]

    @property
    def writeback(self) -> Any:
        """The WriteBackService once handed over, else None."""
        return self._writeback

    def watch_entries(self, entries: QObject) -> None:
        """A timesheet's EntriesService: its edits push (now, or once handed over)."""
        if self._writeback is not None:
            connect_timesheet(self._writeback, entries)
            return
        self._entries.append(entries)
        entries.entries_edited.connect(self._entries_edited)  # type: ignore[attr-defined]

    def hand_over(self, writeback: Any) -> None:
        """Wire `writeback` to the timer and the watched timesheets, and pass on any push
        asked for so far (it goes once the service is attached to the engine)."""
        if self._writeback is not None:
            return
        self._writeback = writeback
        self._timer.timer_stopped.disconnect(self._timer_stopped)  # type: ignore[attr-defined]
        writeback.watch_timer(self._timer)
        for entries in self._entries:
            entries.entries_edited.disconnect(self._entries_edited)  # type: ignore[attr-defined]
            connect_timesheet(writeback, entries)
        self._entries.clear()
        if self.push_after_delete_wanted:
            writeback.request_push_after_delete()
        elif self.push_wanted:
            writeback.request_push()
        if self.push_wanted:
            log.debug("push requested before write-back was ready: passed on")

    def _timer_stopped(self, entry: object) -> None:
        if entry is not None:  # None: the timer held no time and was dropped
            self.push_wanted = True

    def _entries_edited(self, removed: bool) -> None:
        self.push_wanted = True
        self.push_after_delete_wanted = self.push_after_delete_wanted or removed


def connect_timesheet(writeback: Any, entries: QObject) -> None:
    """A WriteBackService pushes after the timesheet's edits, which reloads after pushes."""
    writeback.watch_entries(entries)
    writeback.entries_pushed.connect(entries.refresh)  # type: ignore[attr-defined]
