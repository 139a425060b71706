"""Commit one page of query results: items, archive state and the sync log, in one transaction.

Rules applied here (issue 3):
- a child whose parent is not imported is not imported (no orphans);
- a record seen for the first time already archived (closed, deleted) is not imported: there
  is nothing to track on it, and it comes back through the modstamp window if it reopens;
- items are matched by Salesforce Id only (upsert), so a page applied twice changes nothing;
- an item the user excluded, and everything under it, is archived as "excluded" (issue 15;
  desktop.sync.pull.exclusions); a deletion in Salesforce still reads as "deleted".
The counts say why items were archived (closed, deleted, no longer visible, excluded).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desktop.domain.archive import REASON_DELETED, REASON_EXCLUDED, Change
from desktop.domain.items import ROOT_ID, Item
from desktop.domain.synclog import (
    RECORD_CHANGES_KEPT,
    Direction,
    ObjectCounts,
    RecordChange,
    archived_counts,
)
from desktop.store import Store
from desktop.store.timestamps import to_db
from desktop.sync.pull.exclusions import ExcludedSubtrees
from desktop.sync.pull.mapping import RecordMapper, parse_modstamp
from desktop.sync.pull.queries import Stream


@dataclass
class PageResult:
    counts: ObjectCounts = field(default_factory=ObjectCounts)
    newly_active: list[str] = field(default_factory=list)  # created or restored ids
    max_modstamp: datetime | None = None


def _db_stamp(text: str | None) -> str | None:
    return to_db(datetime.fromisoformat(text)) if text else None


def _unchanged(record: Mapping[str, Any], stored: Mapping[str, str | None], below: str) -> bool:
    """The stored version of the record is this one (same stamp, older than `below`)."""
    stamp = _db_stamp(record.get("SystemModstamp"))
    return stamp is not None and stamp < below and stored.get(record["Id"]) == stamp


def _counts(changes: Mapping[str, Change], items: Mapping[str, Item]) -> ObjectCounts:
    tally = {c: 0 for c in Change}
    for change in changes.values():
        tally[change] += 1
    archived = archived_counts(
        items[item_id].archive_reason
        for item_id, change in changes.items()
        if change is Change.ARCHIVED
    )
    return archived + ObjectCounts(
        created=tally[Change.CREATED],
        modified=tally[Change.MODIFIED],
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

    def __init__(
        self,
        store: Store,
        run_id: int,
        *,
        unchanged_below: Mapping[str, datetime] | None = None,
        known_ids: set[str] | None = None,
    ) -> None:
        """`unchanged_below`: stream key -> its watermark when the run began (incremental
        runs; a full pass rechecks everything, as the settings may have changed). A record
        whose SystemModstamp equals the stored one and is older than that watermark is left
        alone. Only older: stamps are whole seconds, so a change made in the same second as
        the last read keeps the stamp the read saw; a change after the read carries a stamp
        at or after the watermark.
        `known_ids`: every stored id, kept up to date here (full passes: no lookups per page,
        and new items are inserted without being compared)."""
        self._store = store
        self._run_id = run_id
        self._unchanged_below = {key: to_db(w) for key, w in (unchanged_below or {}).items()}
        self._known_ids = known_ids
        self._excluded: ExcludedSubtrees | None = None  # built with the first page that needs it

    def apply(
        self,
        mapper: RecordMapper,
        records: Sequence[Mapping[str, Any]],
        now: datetime,
        seen: set[str] | None = None,
    ) -> PageResult:
        result = PageResult()
        rows = [r for r in records if isinstance(r.get("Id"), str)]
        if seen is not None:
            seen.update(r["Id"] for r in rows)
        # The newest modstamp: Salesforce writes them in one fixed format, so text order is
        # time order and only the winner needs parsing.
        stamps = [r["SystemModstamp"] for r in rows if r.get("SystemModstamp")]
        result.max_modstamp = parse_modstamp(max(stamps)) if stamps else None
        parents = [(r, mapper.parent_id(r)) for r in rows]
        parents = [(r, p) for r, p in parents if p is not None]
        excluded = self._exclusions(mapper.stream, now)
        if not parents:
            return result
        items = self._store.items
        with self._store.transaction():
            stored, known = self._lookups(parents)
            added: set[str] = set()  # accepted in this page (parents of later records)
            # No orphans: a parent must be stored or come in this very page (child Cases).
            in_page = {r["Id"] for r, _ in parents}
            parents = [(r, p) for r, p in parents if p in known or p in in_page]
            below = self._unchanged_below.get(mapper.stream.key)
            if below is not None:
                parents = [(r, p) for r, p in parents if not _unchanged(r, stored, below)]
            candidates: list[Item] = []
            for record, parent_id in parents:
                reason = mapper.archive_reason(record)
                if excluded is not None and excluded.covers(record["Id"], parent_id):
                    excluded.add(record["Id"])
                    if reason != REASON_DELETED:
                        reason = REASON_EXCLUDED
                if reason is not None and record["Id"] not in known:
                    continue  # never seen active: nothing to import
                candidates.append(mapper.item(record, parent_id, reason))
            accepted: list[Item] = []
            for item in _parents_first(candidates):
                if item.parent_id not in known and item.parent_id not in added:
                    continue  # no orphans
                accepted.append(item)
                added.add(item.id)
            changes = items.upsert_many([i for i in accepted if i.id in known], now)
            changes.update(items.insert_new([i for i in accepted if i.id not in known], now))
            if changes:
                result.counts = _counts(changes, {item.id: item for item in accepted})
                self._store.sync_log.add_counts(self._run_id, {mapper.stream.sobject: result.counts})
                self._store.sync_log.record_changes(self._log_lines(accepted, changes, now))
        if self._known_ids is not None:  # only once committed
            self._known_ids.update(added)
        result.newly_active = [
            item_id
            for item_id, change in changes.items()
            if change in (Change.CREATED, Change.RESTORED)
        ]
        return result

    def _lookups(
        self, parents: list[tuple[Mapping[str, Any], str]]
    ) -> tuple[dict[str, str | None], set[str]]:
        """(stored modstamps of the page's records, the ids known to be stored)."""
        if self._known_ids is not None:
            return {}, self._known_ids
        items = self._store.items
        stored = items.stored_modstamps([r["Id"] for r, _ in parents])
        known = set(stored) | items.existing_ids([p for _, p in parents if p not in stored])
        known.add(ROOT_ID)
        return stored, known

    def archive_missing(self, seen: set[str], reason: str, now: datetime) -> ObjectCounts:
        """Full pass: archive every active imported item the queries did not return."""
        with self._store.transaction():
            return self._archive(self._store.items.active_ids() - seen, reason, now)

    def _exclusions(self, stream: Stream, now: datetime) -> ExcludedSubtrees | None:
        """The run's excluded subtrees (None when nothing is excluded). Built once, at the
        first page: stored items in them are archived then, so an exclusion takes effect at
        the next sync even when Salesforce reports no change to those records."""
        if not stream.excluded_ids:
            return None
        if self._excluded is None:
            subtrees = ExcludedSubtrees(self._store, stream.excluded_ids)
            with self._store.transaction():
                # Only active ones: an item already archived (closed, deleted) keeps its reason.
                stored = self._store.items.by_ids(sorted(subtrees.ids()))
                active = {item_id for item_id, item in stored.items() if not item.archived}
                self._archive(active, REASON_EXCLUDED, now)
            self._excluded = subtrees
        return self._excluded

    def _archive(self, item_ids: set[str], reason: str, now: datetime) -> ObjectCounts:
        """Archive with `reason` those of these items that are active; counts and log lines
        in the caller's transaction."""
        items = self._store.items
        chosen = sorted(item_ids)
        if not chosen:
            return ObjectCounts()
        archived = items.archive(chosen, reason, now)
        if not archived:
            return ObjectCounts()
        by_id = items.by_ids(archived)
        per_object: dict[str, int] = {}
        lines = []
        for item_id in archived:
            item = by_id[item_id].archive(reason)
            sobject = item.sobject or "Item"
            per_object[sobject] = per_object.get(sobject, 0) + 1
            lines.append(self._line(item, Change.ARCHIVED.value, now))
        self._store.sync_log.add_counts(
            self._run_id, {s: archived_counts([reason] * n) for s, n in per_object.items()}
        )
        self._store.sync_log.record_changes(lines[-RECORD_CHANGES_KEPT:])
        return archived_counts([reason] * len(archived))

    def _log_lines(
        self, items: Iterable[Item], changes: Mapping[str, Change], now: datetime
    ) -> list[RecordChange]:
        changed = [item for item in items if item.id in changes][-RECORD_CHANGES_KEPT:]
        return [self._line(item, changes[item.id].value, now) for item in changed]

    def _line(self, item: Item, action: str, now: datetime) -> RecordChange:
        return RecordChange(
            at=now,
            sobject=item.sobject or "",
            record_id=item.id,
            action=action,
            direction=Direction.FROM_SALESFORCE,
            record_name=item.name,
            run_id=self._run_id,
            reason=item.archive_reason if action == Change.ARCHIVED.value else None,
        )
