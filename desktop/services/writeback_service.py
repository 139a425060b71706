"""Write-back as the UI needs it: push time entries to Salesforce soon after they change.

Issue 5: "entries are pushed when they stop ... and on every sync". The sync run pushes on its
own; this service adds the pushes in between: after a timer stops, after an edit, and after a
delete once the undo grace of the push code has passed (a deleted entry keeps its Salesforce
copy for UNDO_GRACE, so the timesheet's Undo still works).

- Bursts are coalesced: every request restarts a short debounce, so stopping the timer and
  fixing its note a second later is one push.
- One push at a time: pushes run on a one-thread pool of their own (a push may wait minutes for
  a running sync, and must not hold up the shared pool that loads the task tree); a request
  made while one runs is remembered and pushed once it ends. Engine.push_from_app waits for
  a running sync and takes the push lock, so the scheduler's push never overlaps either.
- Nothing happens while write-back is off or Stint is not connected (it returns None).
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from desktop.services.workers import run_in_background
from desktop.sync.push.grace import UNDO_GRACE

log = logging.getLogger(__name__)

DEBOUNCE_MS = 1500
# A delete is pushed once the push code lets its tombstone go (plus a little slack).
AFTER_DELETE_MS = int((UNDO_GRACE + timedelta(seconds=2)).total_seconds() * 1000)
SYNC_WAIT_SECONDS = 300.0  # how long a push waits for a running sync before giving up


class WriteBackService(QObject):
    """Debounced, one-at-a-time Engine.push_from_app() calls on a worker thread."""

    push_started = Signal()
    push_finished = Signal(object)  # PushReport, or None when nothing was pushed (off, offline)
    entries_pushed = Signal(object)  # PushReport of a push that ran: sync states have changed

    def __init__(
        self,
        engine: Any = None,
        parent: QObject | None = None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
        after_delete_ms: int = AFTER_DELETE_MS,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._pending = False  # a push was asked for and has not started yet
        self._running = False
        self._idle = threading.Event()
        self._idle.set()
        self._cancel = threading.Event()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._start_push)
        self._after_delete = QTimer(self)
        self._after_delete.setSingleShot(True)
        self._after_delete.setInterval(after_delete_ms)
        self._after_delete.timeout.connect(self.request_push)

    # -- wiring ----------------------------------------------------------------------------
    def attach(self, engine: Any) -> None:
        """Use `engine` (built after the first paint); a request made before goes now."""
        self._engine = engine
        if self._pending and not self._debounce.isActive():
            self._debounce.start()

    def watch_timer(self, timer_service: QObject) -> None:
        """Push after every stop (also the stop a task switch makes)."""
        timer_service.timer_stopped.connect(self._on_timer_stopped)  # type: ignore[attr-defined]

    def watch_entries(self, entries_service: QObject) -> None:
        """Push after timesheet edits; after a delete, once its undo grace has passed."""
        entries_service.entries_edited.connect(self._on_entries_edited)  # type: ignore[attr-defined]

    # -- requests --------------------------------------------------------------------------
    def request_push(self) -> None:
        """Push soon (after the debounce); many requests in a burst make one push."""
        if self._cancel.is_set():
            return
        self._pending = True
        if self._engine is not None and not self._running:
            self._debounce.start()  # (re)start: the burst's last request counts

    def request_push_after_delete(self) -> None:
        """Push once a just-deleted entry's undo grace is over (and an edit push now)."""
        self.request_push()
        if not self._cancel.is_set():
            self._after_delete.start()

    def is_pushing(self) -> bool:
        return self._running

    def has_pending(self) -> bool:
        return self._pending or self._after_delete.isActive()

    def shutdown(self, wait_seconds: float = 5.0) -> bool:
        """Stop scheduling, cancel a running push and wait for it (the store closes next).
        True when no push is left running."""
        self._cancel.set()
        self._debounce.stop()
        self._after_delete.stop()
        stopped = self._idle.wait(wait_seconds)
        if not stopped:
            log.warning("a write-back push was still running at shutdown")
        return stopped

    # -- slots -----------------------------------------------------------------------------
    def _on_timer_stopped(self, entry: object) -> None:
        if entry is not None:  # None: the timer held no time and was dropped
            self.request_push()

    def _on_entries_edited(self, removed: bool) -> None:
        if removed:
            self.request_push_after_delete()
        else:
            self.request_push()

    def _start_push(self) -> None:
        engine = self._engine
        if engine is None or self._running or self._cancel.is_set():
            return
        self._pending = False
        self._running = True
        self._idle.clear()
        self.push_started.emit()
        cancel = self._cancel

        def push() -> object:
            try:
                return engine.push_from_app(wait_seconds=SYNC_WAIT_SECONDS, cancel=cancel)
            finally:
                self._idle.set()

        run_in_background(self, push, self._finished, self._failed, name="write-back",
                          pool=self._pool)

    def _finished(self, report: object) -> None:
        self._running = False
        if self._cancel.is_set():  # shut down: the store is closing, nobody may react
            return
        self.push_finished.emit(report)
        if report is not None:
            self.entries_pushed.emit(report)
        if self._pending:  # asked for again while this push ran
            self.request_push()

    def _failed(self, error: BaseException) -> None:
        log.warning("write-back push failed: %s", error)
        self._finished(None)
