"""Where the org keeps its rows: one dict per object keyed by Id, plus the indexes around it.

Rows are plain dicts {canonical field name: stored value} holding every field of the object.
They are replaced, never mutated in place, once stored (copy-on-write), so a list of rows taken
as a query snapshot stays consistent while writes go on. The caller (Org) holds the lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from desktop.sandbox.ids import IdAllocator
from desktop.sandbox.schema import ObjectInfo, Schema


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

    # -- rows -----------------------------------------------------------------------------
    def blank_row(self, info: ObjectInfo) -> dict:
        return dict.fromkeys(info.field_names)

    def insert(self, sobject: str, row: dict) -> None:
        self._tables[sobject][row["Id"]] = row
        self._sobject_of[row["Id"]] = sobject

    def insert_many(self, sobject: str, rows: Iterable[dict]) -> None:
        """Bulk load (generator): no checks, rows must be complete."""
        table = self._tables[sobject]
        index = self._sobject_of
        for row in rows:
            record_id = row["Id"]
            table[record_id] = row
            index[record_id] = sobject

    def replace(self, row: dict) -> None:
        """Store a new version of an existing row."""
        self._tables[self._sobject_of[row["Id"]]][row["Id"]] = row

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

    # -- auto numbers ----------------------------------------------------------------------
    def next_number(self, sequence: str, first: int) -> int:
        number = self._autonumbers.get(sequence, first)
        self._autonumbers[sequence] = number + 1
        return number
