"""The one synchronization state that every surface shows: the status bar, the banner, the
tray, the Sync page and the Settings page render this object (SyncService publishes it with
`state_changed`), so they cannot disagree.

Qt-free and cheap to import: the first paint shows the STARTING state.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
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


# NamedTuples rather than dataclasses: both load before the first paint, and making a
# dataclass costs ~3.6 M instructions at import, a NamedTuple ~0.7 M
# (tests/bench/bench_startup_instructions.py).
class SyncProgress(NamedTuple):
    sobject: str = ""  # "" before the first figures
    done: int = 0
    total: int = 0     # 0: not known


class SyncState(NamedTuple):
    phase: SyncPhase
    last_run: SyncRun | None = None
    next_run_at: datetime | None = None
    # Why the last sync failed or could not start, in plain words, and the banner action that
    # fixes it ("reenter_password", "reconnect", "retry", "choose_ca_file"); kept while a
    # retry runs, cleared by a run that succeeds.
    problem: str | None = None
    action: str = ""
    progress: SyncProgress | None = None  # while RUNNING
    cancelling: bool = False              # Cancel was asked for; the run stops at its next step
    force_pending: bool = False           # forced while STARTING: runs once the engine is loaded
    schedule_note: str | None = None      # why the next run is not at the usual interval
    # Paused or not, since when, locked by the admin policy (issue 15); None until the engine
    # is loaded. While paused nothing runs on schedule (next_run_at is None), a forced sync
    # runs once.
    pause: PauseState | None = None

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
