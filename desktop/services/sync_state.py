"""The one synchronization state that every surface shows: the status bar, the banner, the
tray, the Sync page and the Settings page render this object (SyncService publishes it with
`state_changed`), so they cannot disagree.

Qt-free and cheap to import: the first paint shows the STARTING state.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from desktop.domain.record import Record

if TYPE_CHECKING:
    from datetime import datetime

    from desktop.domain.synclog import SyncRun
    from desktop.engine.sync_pause import PauseState


# Paused (issue 15) is not a phase: a paused synchronization can still run once (forced) or
# have failed, so it is `SyncState.pause`, beside the phase, in the same one state.
class SyncPhase(Enum):
    STARTING = "starting"            # the engine is loading: connected or not is not known yet
    NOT_CONNECTED = "not_connected"  # no sign-in: nothing syncs
    IDLE = "idle"                    # connected; the last run (if any) did not fail
    RUNNING = "running"
    FAILED = "failed"                # connected; the last run failed or could not start


# Records (desktop/domain/record.py) rather than dataclasses or NamedTuples: both load before
# the first paint, where making a dataclass costs ~3.6 M instructions at import, and a
# NamedTuple compiles each of its annotations (strings here: a ForwardRef each), the first
# compile() of the process costing ~1.5 ms more (CPython sets up its AST types then).
class SyncProgress(Record):
    __slots__ = ("sobject", "done", "total")
    _fields = __slots__
    sobject: str  # "" before the first figures
    done: int
    total: int  # 0: not known

    def __init__(self, sobject: str = "", done: int = 0, total: int = 0) -> None:
        self._assign(sobject, done, total)


class SyncState(Record):
    __slots__ = ("phase", "last_run", "next_run_at", "problem", "action", "progress",
                 "cancelling", "force_pending", "schedule_note", "pause")
    _fields = __slots__
    phase: SyncPhase
    last_run: SyncRun | None
    next_run_at: datetime | None
    # Why the last sync failed or could not start, in plain words, and the banner action that
    # fixes it ("reenter_password", "reconnect", "retry", "choose_ca_file"); kept while a
    # retry runs, cleared by a run that succeeds.
    problem: str | None
    action: str
    progress: SyncProgress | None  # while RUNNING
    cancelling: bool  # Cancel was asked for; the run stops at its next step
    force_pending: bool  # forced while STARTING: runs once the engine is loaded
    schedule_note: str | None  # why the next run is not at the usual interval
    # Paused or not, since when, locked by the admin policy (issue 15); None until the engine
    # is loaded. While paused nothing runs on schedule (next_run_at is None), a forced sync
    # runs once.
    pause: PauseState | None

    def __init__(self, phase: SyncPhase, last_run: SyncRun | None = None,
                 next_run_at: datetime | None = None, problem: str | None = None,
                 action: str = "", progress: SyncProgress | None = None,
                 cancelling: bool = False, force_pending: bool = False,
                 schedule_note: str | None = None, pause: PauseState | None = None) -> None:
        self._assign(phase, last_run, next_run_at, problem, action, progress, cancelling,
                     force_pending, schedule_note, pause)

    @property
    def connected(self) -> bool:
        return self.phase not in (SyncPhase.STARTING, SyncPhase.NOT_CONNECTED)

    @property
    def paused(self) -> bool:
        return self.pause is not None and self.pause.paused

    @property
    def running(self) -> bool:
        return self.phase is SyncPhase.RUNNING

    @property
    def can_sync_now(self) -> bool:
        """"Force synchronization" would start a run (not connected: it leads to sign-in)."""
        return self.phase in (SyncPhase.IDLE, SyncPhase.FAILED)

    @property
    def can_cancel(self) -> bool:
        return self.running and not self.cancelling
