"""Background synchronisation as Qt signals, and the one sync state every surface shows.

The sync engine's scheduler runs on its own plain threads and reports through callbacks
called on those threads. This service hands those callbacks over (`callbacks()`), turns them
into queued signals for the GUI thread, and forwards "Force synchronization" and "Cancel".
From all of it, it keeps one SyncState (desktop.services.sync_state) and publishes each new
one with `state_changed`: the status bar, banner, tray, Sync and Settings pages render it,
the pause (issue 15) included.
Nothing here touches the network; the only store write is the pause setting, one small
settings save when the user pauses or resumes.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal, Slot

from desktop.services.i18n import error_text, run_error_text
from desktop.services.sync_problems import RETRY, action_for, message_for
from desktop.services.sync_state import SyncPhase, SyncProgress, SyncState
from desktop.store.store import Store

if TYPE_CHECKING:  # the first paint shows "Starting…": none of these is loaded before it
    from desktop.domain.synclog import SyncRun
    from desktop.engine.sync_pause import PauseState
    from desktop.salesforce.api_usage import ApiUsage
    from desktop.store.sync_log_repo import SyncLogRepository

log = logging.getLogger(__name__)

# Where the engine keeps the org's last reported API usage ("used/limit"): the value of
# desktop.engine.core.API_USAGE_KEY, repeated because the engine is too heavy to import
# before the first paint (a test checks that both agree).
API_USAGE_KEY = "api_usage"

class Scheduler(Protocol):
    """What SyncService needs from the engine's scheduler (desktop.sync.scheduler.Scheduler).

    Its callbacks (see `SyncService.callbacks`) are called on its worker thread; on_failed
    comes after on_finished when a run failed or could not start.
    """

    def force_sync(self) -> None: ...

    def cancel(self) -> None: ...

    def next_run_at(self) -> datetime | None: ...

    def is_running(self) -> bool: ...

    # Optional: `stretch_reason` (str | None), why the next run is later than the interval.


class PauseControl(Protocol):
    """Pausing synchronization (desktop.engine.Engine)."""

    def pause_state(self) -> PauseState: ...

    def set_sync_paused(self, paused: bool) -> PauseState: ...


class SyncCallbacks:
    """Thread-safe callables for the scheduler to report through (`as_kwargs()` gives them
    as Engine.start_scheduler takes them). A plain class, not a dataclass: making a dataclass
    costs ~3.6 M instructions at import, and this module loads before the first paint."""

    __slots__ = ("on_started", "on_progress", "on_finished", "on_failed", "on_pause_changed")

    def __init__(self, *, on_started: Any, on_progress: Any, on_finished: Any, on_failed: Any,
                 on_pause_changed: Any) -> None:
        self.on_started = on_started
        self.on_progress = on_progress
        self.on_finished = on_finished
        self.on_failed = on_failed
        self.on_pause_changed = on_pause_changed  # e.g. `stint sync --pause` meanwhile

    def as_kwargs(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


class _Relay(QObject):
    """Emitted from scheduler threads; received on the GUI thread (queued connections)."""

    started = Signal()
    progressed = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(str, str)
    pause_changed = Signal(bool)


class SyncService(QObject):
    sync_started = Signal()
    sync_progressed = Signal(str, int, int)  # object name, done, total (total 0: unknown)
    sync_finished = Signal(object)  # SyncRun
    sync_failed = Signal(str, str)  # message, action: "reenter_password"|"retry"|"reconnect"|""
    schedule_changed = Signal()  # attached/detached, next run moved, paused or resumed
    pause_changed = Signal(object)  # PauseState, after a pause or resume (here or elsewhere)
    entries_pushed = Signal(object)  # a write-back push between syncs ran (PushReport)
    state_changed = Signal(object)  # SyncState: what every surface shows (see state())
    # A sync was asked for while not connected: the app shows the sign-in form instead of
    # error notices.
    connect_requested = Signal()

    def __init__(
        self, store: Store, scheduler: Scheduler | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._scheduler = scheduler
        self._running = False
        self._starting = False  # see mark_starting()
        self._force_when_started = False
        self._last_run: SyncRun | None = None
        self._last_run_read = False  # from the store when first asked (not for the first paint)
        self._problem: str | None = None  # the current sync problem (see SyncState.problem)
        self._action = ""
        self._progress: SyncProgress | None = None
        self._cancelling = False
        self._relay = _Relay(self)
        # What the engine's threads said, on the GUI thread, in slots of this object (PySide
        # 6.8+ can crash when a signal from another thread reaches a plain function or lambda:
        # PYSIDE-3124); dropped once the store is closed (queued before the engine stopped,
        # delivered after: reading it would only fail).
        relay = self._relay
        relay.started.connect(self._started)
        relay.progressed.connect(self._progressed)
        relay.finished.connect(self._finished)
        relay.failed.connect(self._failed)
        relay.pause_changed.connect(self._pause_relayed)
        self._pause: PauseControl | None = None
        self._pause_state: PauseState | None = None  # as last read (see refresh_pause)

    # -- the engine's side (any thread) --------------------------------------------------
    def callbacks(self) -> SyncCallbacks:
        relay = self._relay

        def failed(error: BaseException | str, action: str | None = None) -> None:
            if isinstance(error, BaseException):
                relay.failed.emit(message_for(error), action or action_for(error))
            else:
                relay.failed.emit(str(error), action or RETRY)

        return SyncCallbacks(
            on_started=relay.started.emit,
            on_progress=lambda sobject, done, total: relay.progressed.emit(
                str(sobject), int(done), int(total or 0)
            ),
            on_finished=relay.finished.emit,
            on_failed=failed,
            on_pause_changed=relay.pause_changed.emit,
        )

    def mark_starting(self) -> None:
        """The app is still loading the engine, so whether Stint is connected is not known
        yet: until the first attach(), is_starting() says so and a forced sync waits for it
        (rather than being answered "not connected")."""
        self._starting = True
        self._schedule_changed()

    def attach(self, scheduler: Scheduler | None) -> None:
        """Use `scheduler` from now on (None: not connected to Salesforce). Ends the start-up
        (mark_starting); a sync forced meanwhile runs now, or leads to the sign-in."""
        self._scheduler = scheduler
        self._starting = False
        if scheduler is None:
            self._running = self._cancelling = False
            self._progress = None
        self._schedule_changed()
        if self._force_when_started:
            self._force_when_started = False
            self.force_sync()

    # -- the state every surface shows -------------------------------------------------------
    def state(self) -> SyncState:
        """The synchronization as it is now (see desktop.services.sync_state)."""
        pause = self._pause_state
        if self._starting:
            return SyncState(SyncPhase.STARTING, force_pending=self._force_when_started,
                             pause=pause)
        if self._scheduler is None:
            return SyncState(SyncPhase.NOT_CONNECTED, last_run=self.last_run(), pause=pause)
        last = self.last_run()
        if self._running:
            phase = SyncPhase.RUNNING
        elif self._problem is not None:
            phase = SyncPhase.FAILED
        else:
            phase = SyncPhase.IDLE
        paused = pause is not None and pause.paused
        return SyncState(
            phase, last_run=last,
            next_run_at=None if self._running or paused else self.next_run_at(),
            problem=self._problem, action=self._action if self._problem else "",
            progress=self._progress if self._running else None,
            cancelling=self._cancelling and self._running,
            schedule_note=None if paused else self.stretch_reason(),
            pause=pause,
        )

    def _schedule_changed(self) -> None:
        self.schedule_changed.emit()
        self.state_changed.emit(self.state())

    # -- the UI's side -------------------------------------------------------------------
    def is_available(self) -> bool:
        """True when connected: a force sync can run."""
        return self._scheduler is not None

    def is_starting(self) -> bool:
        """The engine is still loading (see mark_starting)."""
        return self._starting

    def force_pending(self) -> bool:
        """A sync was forced while starting and runs once the engine is loaded."""
        return self._force_when_started

    def force_sync(self) -> None:
        if self._starting:
            log.info("synchronization forced while starting: it runs once Stint has loaded")
            self._force_when_started = True
            self._schedule_changed()
            return
        if self._scheduler is None:
            log.info("synchronization asked for while not connected: showing the sign-in")
            self.connect_requested.emit()
            return
        log.info("synchronization forced by the user%s",
                 " (once: synchronization is paused)" if self.is_paused() else "")
        self._scheduler.force_sync()

    # -- pausing (issue 15) ----------------------------------------------------------------
    def set_pause_control(self, control: PauseControl | None) -> None:
        """Pause/resume through `control` (the engine, once loaded)."""
        self._pause = control
        state = self._read_pause()
        if state is not None and state.paused:
            since = state.since.isoformat(timespec="seconds") if state.since else "unknown"
            log.info("synchronization is paused (since %s%s)", since,
                     ", by the admin policy" if state.locked else "")
        self._publish_pause(state)

    def pause_state(self) -> PauseState | None:
        """Paused or not, since when, locked by policy, as last read (the same as
        `state().pause`); None before the engine is loaded."""
        return self._pause_state

    def is_paused(self) -> bool:
        state = self._pause_state
        return state is not None and state.paused

    def set_paused(self, paused: bool) -> str | None:
        """Pause or resume; None when done, else why not (locked by the admin policy)."""
        if self._pause is None:
            return self.tr("Stint is still starting; try again in a moment.")
        from desktop.engine.errors import EngineError

        try:
            state = self._pause.set_sync_paused(paused)
        except EngineError as exc:
            return error_text(exc)
        self._publish_pause(state)
        return None

    def refresh_pause(self) -> None:
        """Read the pause setting again (one small settings read: `stint sync --pause` may
        have changed it meanwhile) and publish it when it changed."""
        state = self._read_pause()
        if state != self._pause_state:
            self._publish_pause(state)

    def _read_pause(self) -> PauseState | None:
        return self._pause.pause_state() if self._pause is not None else None

    def _publish_pause(self, state: PauseState | None) -> None:
        self._pause_state = state
        self.pause_changed.emit(state)
        self._schedule_changed()

    def cancel(self) -> None:
        """Stop the running sync at its next step (what it stored so far stays)."""
        if self._scheduler is None:
            return
        if self._running and not self._cancelling:
            log.info("synchronization cancelled by the user")
            self._cancelling = True
            self.state_changed.emit(self.state())
        self._scheduler.cancel()

    def is_running(self) -> bool:
        return self._running

    def last_run(self) -> SyncRun | None:
        if not self._last_run_read:
            self._last_run = self._store.sync_log.last_run()
            self._last_run_read = True
            # A failure from before a restart is still the current problem until a run works.
            if self._problem is None and self._last_run is not None and _failed(self._last_run):
                self._problem, self._action = run_error_text(self._last_run), RETRY
        return self._last_run

    def next_run_at(self) -> datetime | None:
        return None if self._scheduler is None else self._scheduler.next_run_at()

    def first_sync_delay(self, interval_minutes: int, now: datetime | None = None) -> timedelta:
        """How long after start the first scheduled sync waits: until the last run is as old
        as the interval (a restart does not sync again at once), and at least a few seconds;
        only a few seconds when the last run failed or was cut short (it is retried soon)."""
        from desktop.domain.synclog import RunOutcome

        last = self.last_run()
        soonest = timedelta(seconds=3)
        retry_soon = (RunOutcome.FAILED, RunOutcome.INTERRUPTED)
        if last is None or last.finished_at is None or last.outcome in retry_soon:
            return soonest  # never synced, or the last run failed: no waiting for the interval
        due = last.finished_at + timedelta(minutes=interval_minutes) - (now or datetime.now(UTC))
        return max(soonest, due)

    def stretch_reason(self) -> str | None:
        """Why the next run is not at the usual interval (the org is near its daily API
        limit, Salesforce refused calls, a failed run is retried sooner), or None."""
        reason = getattr(self._scheduler, "stretch_reason", None)
        return reason if isinstance(reason, str) and reason else None

    def api_usage(self) -> ApiUsage | None:
        """The org's API calls used / daily limit as Salesforce last reported them (after
        the latest sync or push), or None before the first answer."""
        from desktop.salesforce.api_usage import parse_limit_info

        stored = self._store.sync_state.get_value(API_USAGE_KEY)
        return parse_limit_info(f"api-usage={stored}") if stored else None

    def note_pushed(self, report: object) -> None:
        """A push outside a sync (WriteBackService) wrote to the sync log and saw the API
        usage: the sync status shows both."""
        self.entries_pushed.emit(report)

    def sync_log(self) -> SyncLogRepository:
        """The runs and record changes (read them on a worker: see SyncStatusView)."""
        return self._store.sync_log

    # -- relay slots (GUI thread; nothing once the store is closed) ---------------------------
    @Slot()
    def _started(self) -> None:
        if self._store.is_closed:
            return
        self._running = True
        self._cancelling = False
        self._progress = SyncProgress()
        self.state_changed.emit(self.state())  # the surfaces first: listeners see them updated
        self.sync_started.emit()

    @Slot(str, int, int)
    def _progressed(self, sobject: str, done: int, total: int) -> None:
        if self._store.is_closed:
            return
        self._progress = SyncProgress(sobject, done, total)
        self.sync_progressed.emit(sobject, done, total)
        self.state_changed.emit(self.state())

    @Slot(object)
    def _finished(self, run: SyncRun | None) -> None:
        if self._store.is_closed:
            return
        self._running = self._cancelling = False
        self._progress = None
        if run is None:
            run = self._store.sync_log.last_run()
        self._last_run, self._last_run_read = run, True
        if run is not None and run.outcome.value == "succeeded":
            self._problem, self._action = None, ""
        elif run is not None and _failed(run) and self._problem is None:
            self._problem, self._action = run_error_text(run), RETRY  # on_failed follows
        self.sync_finished.emit(run)
        self._schedule_changed()  # the scheduler has planned the next run by now

    @Slot(str, str)
    def _failed(self, message: str, action: str) -> None:
        if self._store.is_closed:
            return
        self._running = self._cancelling = False
        self._progress = None
        self._problem, self._action = message or None, action
        self.sync_failed.emit(message, action)
        self.state_changed.emit(self.state())

    @Slot(bool)
    def _pause_relayed(self, _paused: bool) -> None:
        if not self._store.is_closed:
            self.refresh_pause()


def _failed(run: SyncRun) -> bool:
    """A run that ended in a problem to tell (failed, or refused for the API limit)."""
    return run.outcome.value in ("failed", "rate_limited") and bool(run.error)
