"""Commit one page of query results: items, archive state and the sync log, in one transaction.

Rules applied here (issue 3):
- a child whose parent is not imported is not imported (no orphans);
- a record seen for the first time already archived (closed, deleted) is not imported: there
  is nothing to track on it, and it comes back through the modstamp window if it reopens;
- items are matched by Salesforce Id only (upsert), so a page applied twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desktop.domain.archive import Change
from desktop.domain.items import ROOT_ID, Item
from desktop.domain.synclog import Direction, ObjectCounts, RecordChange
from desktop.store import Store
from desktop.sync.mapping import RecordMapper, parse_modstamp


@dataclass
class PageResult:
    counts: ObjectCounts = field(default_factory=ObjectCounts)
    newly_active: list[str] = field(default_factory=list)  # created or restored ids
    max_modstamp: datetime | None = None


def _counts(changes: Mapping[str, Change]) -> ObjectCounts:
    tally = {c: 0 for c in Change}
    for change in changes.values():
        tally[change] += 1
    return ObjectCounts(
        created=tally[Change.CREATED],
        modified=tally[Change.MODIFIED],
        archived=tally[Change.ARCHIVED],
        restored=tally[Change.RESTORED],
    )


def _parents_first(items: list[Item]) -> list[Item]:
    """Order a page so an item comes after its parent when both are in it (child Cases)."""
    ids = {item.id for item in items}
    if not any(item.parent_id in ids for item in items):
        return items
    placed: set[str] = set()
    ordered: list[Item] = []
    pending = items
    while pending:
        rest = [i for i in pending if i.parent_id in ids and i.parent_id not in placed]
        ready = [i for i in pending if not (i.parent_id in ids and i.parent_id not in placed)]
        if not ready:  # a cycle in the data: keep what is left as it came
            ordered += rest
            break
        ordered += ready
        placed.update(i.id for i in ready)
        pending = rest
    return ordered


class PageWriter:
    """Applies pages of one sync run to the store."""

    def __init__(self, store: Store, run_id: int) -> None:
        self._store = store
        self._run_id = run_id

    def apply(
        self,
        mapper: RecordMapper,
        records: Sequence[Mapping[str, Any]],
        now: datetime,
        seen: set[str] | None = None,
    ) -> PageResult:
        result = PageResult()
        candidates: list[Item] = []
        for record in records:
            record_id = record.get("Id")
            if not isinstance(record_id, str):
                continue
            if seen is not None:
                seen.add(record_id)
            stamp = parse_modstamp(record.get("SystemModstamp"))
            if stamp is not None and (result.max_modstamp is None or stamp > result.max_modstamp):
                result.max_modstamp = stamp
            parent_id = mapper.parent_id(record)
            if parent_id is None:
                continue
            candidates.append(mapper.item(record, parent_id))
        if not candidates:
            return result
        items = self._store.items
        with self._store.transaction():
            known = items.existing_ids(
                [i.id for i in candidates] + [i.parent_id for i in candidates if i.parent_id]
            )
            known.add(ROOT_ID)
            accepted: list[Item] = []
            for item in _parents_first(candidates):
                if item.parent_id not in known:
                    continue  # no orphans
                if item.id not in known and item.archived:
                    continue  # never seen active: nothing to import
                accepted.append(item)
                known.add(item.id)
            changes = items.upsert_many(accepted, now)
            if changes:
                result.counts = _counts(changes)
                self._store.sync_log.add_counts(self._run_id, {mapper.stream.sobject: result.counts})
                self._store.sync_log.record_changes(self._log_lines(accepted, changes, now))
        result.newly_active = [
            item_id
            for item_id, change in changes.items()
            if change in (Change.CREATED, Change.RESTORED)
        ]
        return result

    def archive_missing(self, seen: set[str], reason: str, now: datetime) -> ObjectCounts:
        """Full pass: archive every active imported item the queries did not return."""
        items = self._store.items
        with self._store.transaction():
            missing = sorted(items.active_ids() - seen)
            if not missing:
                return ObjectCounts()
            by_id = items.by_ids(missing)
            archived = items.archive(missing, reason, now)
            per_object: dict[str, int] = {}
            lines = []
            for item_id in archived:
                item = by_id[item_id]
                sobject = item.sobject or "Item"
                per_object[sobject] = per_object.get(sobject, 0) + 1
                lines.append(self._line(item, Change.ARCHIVED.value, now))
            self._store.sync_log.add_counts(
                self._run_id, {s: ObjectCounts(archived=n) for s, n in per_object.items()}
            )
            self._store.sync_log.record_changes(lines)
        return ObjectCounts(archived=len(archived))

    def _log_lines(
        self, items: Iterable[Item], changes: Mapping[str, Change], now: datetime
    ) -> list[RecordChange]:
        return [
            self._line(item, changes[item.id].value, now) for item in items if item.id in changes
        ]

    def _line(self, item: Item, action: str, now: datetime) -> RecordChange:
        return RecordChange(
            at=now,
            sobject=item.sobject or "",
            record_id=item.id,
            action=action,
            direction=Direction.FROM_SALESFORCE,
            record_name=item.name,
            run_id=self._run_id,
        )
