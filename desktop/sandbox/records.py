"""Where the org keeps its rows: one dict per object keyed by Id, plus the indexes around it.

Rows are plain dicts {canonical field name: stored value} holding every field of the object.
They are replaced, never mutated in place, once stored (copy-on-write), so a list of rows taken
as a query snapshot stays consistent while writes go on. The caller (Org) holds the lock.

Range filters on the system datetimes (`SystemModstamp >= t`) are answered from StampIndexes,
built on first use per (object, field) and kept current by every write below.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from itertools import count

from desktop.sandbox.ids import IdAllocator
from desktop.sandbox.schema import ObjectInfo, Schema
from desktop.sandbox.stamp_index import StampIndex

INDEXED_FIELDS = frozenset({"SystemModstamp", "LastModifiedDate", "CreatedDate"})
# Past this share of a table's rows, listing index hits in table order costs more than a
# scan; below this many rows either is quick, and the index is used whatever the share.
_MOST_ROWS = 0.25
_SMALL_TABLE = 1000


class RecordStore:
    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.ids = IdAllocator()
        self._tables: dict[str, dict[str, dict]] = {info.name: {} for info in schema}
        self._sobject_of: dict[str, str] = {}
        # recycle bin: id -> deletion time; and what was cascade-deleted along with a record
        self.deleted_at: dict[str, datetime] = {}
        self.deleted_with: dict[str, list[str]] = {}
        self._autonumbers: dict[str, int] = {}
        # sobject -> field -> index, only for the fields queries have asked about
        self._indexes: dict[str, dict[str, StampIndex]] = {}
        # id -> insertion number: a table's dict order, to list index hits in scan order.
        # Never removed: a purge inside a rolled-back transaction brings its rows back.
        self._position: dict[str, int] = {}
        self._positions = count()

    # -- rows -----------------------------------------------------------------------------
    def blank_row(self, info: ObjectInfo) -> dict:
        return dict.fromkeys(info.field_names)

    def insert(self, sobject: str, row: dict) -> None:
        self._tables[sobject][row["Id"]] = row
        self._sobject_of[row["Id"]] = sobject
        self._position.setdefault(row["Id"], next(self._positions))
        self._note(sobject, row)

    def insert_many(self, sobject: str, rows: Iterable[dict]) -> None:
        """Bulk load (generator): no checks, rows must be complete."""
        table = self._tables[sobject]
        sobject_of = self._sobject_of
        position = self._position
        positions = self._positions
        indexes = list(self._indexes.get(sobject, {}).values())
        for row in rows:
            record_id = row["Id"]
            table[record_id] = row
            sobject_of[record_id] = sobject
            position.setdefault(record_id, next(positions))
            for index in indexes:
                index.note(row)

    def replace(self, row: dict) -> None:
        """Store a new version of an existing row."""
        sobject = self._sobject_of[row["Id"]]
        self._tables[sobject][row["Id"]] = row
        self._note(sobject, row)

    def get(self, record_id: str) -> tuple[str, dict] | None:
        """(sobject, row) for any stored record, deleted ones included."""
        sobject = self._sobject_of.get(record_id)
        if sobject is None:
            return None
        return sobject, self._tables[sobject][record_id]

    def table(self, sobject: str) -> dict[str, dict]:
        return self._tables[sobject]

    def rows(self, sobject: str) -> list[dict]:
        return list(self._tables[sobject].values())

    def count(self, sobject: str) -> int:
        return len(self._tables[sobject])

    # -- datetime range index ---------------------------------------------------------------
    def rows_since(self, sobject: str, field: str, instant: datetime, *,
                   by_value: bool = False) -> list[dict] | None:
        """Rows (deleted ones included) whose `field` is >= instant, in the order rows() lists
        them or, by_value, in (field, Id) order; None if the caller should scan instead:
        `field` is not indexed, or so many rows match that the scan is as cheap (a sync after
        weeks away)."""
        if field not in INDEXED_FIELDS:
            return None
        indexes = self._indexes.setdefault(sobject, {})
        index = indexes.get(field)
        if index is None:
            index = indexes[field] = StampIndex(field, self._tables[sobject].values())
        ids = index.ids_from(instant)
        table = self._tables[sobject]
        if len(table) > _SMALL_TABLE and len(ids) > len(table) * _MOST_ROWS:
            return None
        if not by_value:
            ids.sort(key=self._position.__getitem__)
        return [table[record_id] for record_id in ids]

    def _note(self, sobject: str, row: dict) -> None:
        for index in self._indexes.get(sobject, {}).values():
            index.note(row)

    # -- checks across rows -----------------------------------------------------------------
    def unique_clash(self, info: ObjectInfo, row: dict) -> tuple[str, str] | None:
        """(field, other id) if a unique field of `row` repeats a live record's value."""
        for field in info.fields:
            value = row[field.name]
            if not field.unique or value is None or field.name == "Id":
                continue
            for other in self._tables[info.name].values():
                if (other["Id"] != row["Id"] and not other["IsDeleted"]
                        and same_key(other[field.name], value)):
                    return field.name, other["Id"]
        return None

    def cascade_children(self, info: ObjectInfo, parent_id: str) -> list[dict]:
        """Live records deleted along with the parent (activities of an opportunity or case)."""
        return [
            child
            for rel in info.child_relationships if rel.cascade_delete
            for child in self._tables[rel.child_sobject].values()
            if child[rel.field] == parent_id and not child["IsDeleted"]
        ]

    # -- recycle bin ------------------------------------------------------------------------
    def purge_deleted_before(self, cutoff: datetime) -> datetime | None:
        """Physically remove recycle-bin rows deleted before `cutoff` (Salesforce empties the
        bin after 15 days). Returns the latest deletion time purged, or None."""
        expired = [(when, record_id) for record_id, when in self.deleted_at.items()
                   if when < cutoff]
        for _, record_id in expired:
            sobject = self._sobject_of.pop(record_id)
            del self._tables[sobject][record_id]
            for index in self._indexes.get(sobject, {}).values():
                index.forget(record_id)
            del self.deleted_at[record_id]
            self.deleted_with.pop(record_id, None)
        if not expired:
            return None
        gone = {record_id for _, record_id in expired}
        for parent_id, children in self.deleted_with.items():
            self.deleted_with[parent_id] = [c for c in children if c not in gone]
        return max(when for when, _ in expired)

    # -- all-or-none ------------------------------------------------------------------------
    def checkpoint(self) -> dict:
        """Enough state to undo every change made after this point (rows are copy-on-write,
        so shallow copies of the tables suffice). Minted ids are not handed out again."""
        return {
            "tables": {name: dict(table) for name, table in self._tables.items()},
            "sobject_of": dict(self._sobject_of),
            "deleted_at": dict(self.deleted_at),
            "deleted_with": {key: list(value) for key, value in self.deleted_with.items()},
            "autonumbers": dict(self._autonumbers),
        }

    def restore(self, checkpoint: dict) -> None:
        self._tables = checkpoint["tables"]
        self._sobject_of = checkpoint["sobject_of"]
        self.deleted_at = checkpoint["deleted_at"]
        self.deleted_with = checkpoint["deleted_with"]
        self._autonumbers = checkpoint["autonumbers"]
        # rebuilt from the restored tables on the next query (the positions of rows inserted
        # since the checkpoint linger unused: ids are never minted twice)
        self._indexes = {}

    # -- auto numbers ----------------------------------------------------------------------
    def next_number(self, sequence: str, first: int) -> int:
        number = self._autonumbers.get(sequence, first)
        self._autonumbers[sequence] = number + 1
        return number


def same_key(stored: object, wanted: object) -> bool:
    """External ids and unique text match case-insensitively, as Salesforce does by default."""
    if isinstance(stored, str) and isinstance(wanted, str):
        return stored.lower() == wanted.lower()
    return stored == wanted
