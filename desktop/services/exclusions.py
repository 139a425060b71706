"""Excluding an Opportunity or Case from synchronization in "all items" mode (issue 15).

The picker's menu excludes an item and includes it again; the Settings page lists the excluded
items with an Include button (it saves them with the rest of its form). The list is the
setting `excluded_ids`; the sync archives an excluded item and its subtasks as "excluded" and
brings them back once included (desktop.sync.pull.exclusions). Time entries on them stay,
with their task's name.

A change here starts a sync at once (unless synchronization is paused), so the item leaves or
returns within seconds rather than at the next scheduled run.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.domain.items import Item, ItemKind
from desktop.services.i18n import error_text

log = logging.getLogger(__name__)

EXCLUDABLE_KINDS = frozenset({ItemKind.OPPORTUNITY, ItemKind.CASE})


class ExclusionsService(QObject):
    exclusions_changed = Signal()

    def __init__(self, engine: Any, sync_service: QObject | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._sync = sync_service

    def excluded_ids(self) -> tuple[str, ...]:
        return self._engine.settings.current().excluded_ids

    def is_excluded(self, item_id: str) -> bool:
        return item_id in self.excluded_ids()

    def can_exclude(self, item: Item) -> bool:
        """An active Opportunity or Case (a child Case too), in "all items" mode."""
        settings = self._engine.settings.current()
        return (
            settings.import_mode == "all"
            and item.kind in EXCLUDABLE_KINDS
            and not item.archived
            and item.id not in settings.excluded_ids
        )

    def exclude(self, item_id: str) -> str | None:
        """Exclude the item; None when done, else why not (a plain message)."""
        current = self.excluded_ids()
        if item_id in current:
            return None
        return self._save((*current, item_id), "excluded")

    def include(self, item_id: str) -> str | None:
        """Take the item off the excluded list; the next sync brings it back."""
        current = self.excluded_ids()
        if item_id not in current:
            return None
        return self._save(tuple(i for i in current if i != item_id), "included again")

    def _save(self, ids: tuple[str, ...], what: str) -> str | None:
        from desktop.engine.errors import EngineError

        try:
            saved = self._engine.settings.update(excluded_ids=ids)
        except EngineError as exc:
            return error_text(exc)
        log.info("an item was %s (%d excluded now)", what, len(ids))
        self.exclusions_changed.emit()
        sync = self._sync
        if sync is not None and not saved.sync_paused and sync.is_available():
            sync.force_sync()
        return None
