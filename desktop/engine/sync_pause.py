"""Pausing synchronization without unlinking (issue 15).

The pause is the setting `sync_paused` (stored with the settings, so it survives a restart;
the admin policy may preset or lock it as `sync.paused`); the moment it began is kept in the
sync state (PAUSED_SINCE_KEY), written by `record_settings_effects` whenever the setting
changes, whatever changed it (Settings page, tray, `stint sync --pause`, `stint settings set`).

While paused: the scheduler starts nothing on its own, write-back pushes wait (the entries
stay pending), and a forced sync still runs, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain.settings import Settings, excluded_items
from desktop.store import Store
from desktop.store.sync_state_repo import PAUSED_SINCE_KEY
from desktop.store.timestamps import from_db_or_none, to_db


@dataclass(frozen=True)
class PauseState:
    paused: bool
    since: datetime | None = None  # None while running, or when the policy paused it
    locked: bool = False  # set by the admin policy: the user cannot change it

    def to_json(self) -> dict[str, Any]:
        """`{"paused", "since", "locked"}` (since: UTC ISO-8601 or null)."""
        since = self.since.strftime("%Y-%m-%dT%H:%M:%SZ") if self.since else None
        return {"paused": self.paused, "since": since, "locked": self.locked}


def pause_state(store: Store, settings: Settings, locked: frozenset[str]) -> PauseState:
    if not settings.sync_paused:
        return PauseState(False, locked="sync_paused" in locked)
    since = from_db_or_none(store.sync_state.get_value(PAUSED_SINCE_KEY))
    return PauseState(True, since, "sync_paused" in locked)


def record_settings_effects(store: Store, before: Settings, after: Settings, now: datetime) -> None:
    """What a settings change means for the sync bookkeeping (call it in the transaction that
    saves `after`):
    - pausing stamps when it began, resuming forgets it;
    - an item included again (taken off the excluded list) makes the next sync a full pass,
      which brings it back: an incremental one would not see a record that did not change.
    """
    state = store.sync_state
    if after.sync_paused and not before.sync_paused:
        state.set_value(PAUSED_SINCE_KEY, to_db(now))
    elif before.sync_paused and not after.sync_paused:
        state.set_value(PAUSED_SINCE_KEY, None)
    if excluded_items(before) - excluded_items(after):
        state.set_last_full_sync(None)
