"""SOQL against the org: the RecordSource the SOQL engine reads, and the query entry point."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from threading import RLock

from desktop.sandbox.errors import bad_request
from desktop.sandbox.records import RecordStore
from desktop.sandbox.schema import Schema
from desktop.sandbox.soql import SoqlError, compile_query, parse


class QuerySnapshot:
    """What one user may see, read under the org's lock.

    `rows` copies the list of row references while holding the lock; rows are never mutated
    once stored, so the query then runs without blocking writers.
    """

    def __init__(self, store: RecordStore, lock: RLock, is_visible: Callable[[str], bool]) -> None:
        self._store = store
        self._lock = lock
        self._is_visible = is_visible

    def rows(self, sobject: str, include_deleted: bool) -> list[dict]:
        info = self._store.schema.sobject(sobject)
        if info is None:
            return []
        with self._lock:
            rows = self._store.rows(info.name)
        return self._visible(rows, include_deleted)

    def rows_since(self, sobject: str, field: str, instant: datetime, include_deleted: bool,
                   *, by_value: bool = False) -> list[dict] | None:
        """What rows() returns, narrowed to `field >= instant` through the store's index
        (by_value: in (field, Id) order); None if the SOQL engine should scan rows()."""
        info = self._store.schema.sobject(sobject)
        if info is None:
            return []
        with self._lock:
            rows = self._store.rows_since(info.name, field, instant, by_value=by_value)
        return None if rows is None else self._visible(rows, include_deleted)

    def row_by_id(self, record_id: str, include_deleted: bool) -> tuple[str, dict] | None:
        """(sobject, row) if rows() would list the row with this Id."""
        with self._lock:
            found = self._store.get(record_id)
        if (found is None or (found[1]["IsDeleted"] and not include_deleted)
                or not self._is_visible(record_id)):
            return None
        return found

    def _visible(self, rows: list[dict], include_deleted: bool) -> list[dict]:
        visible = self._is_visible
        return [row for row in rows
                if (include_deleted or not row["IsDeleted"]) and visible(row["Id"])]

    def get(self, record_id: str) -> tuple[str, dict] | None:
        with self._lock:
            found = self._store.get(record_id)
        if found is None or found[1]["IsDeleted"] or not self._is_visible(record_id):
            return None
        return found


def run_query(schema: Schema, source: QuerySnapshot, soql: str, *, include_deleted: bool,
              api_version: str, lazy: bool = False) -> tuple[int, Sequence[dict]]:
    """(totalSize, records as JSON; `lazy`: projected as they are read) or the 400 Salesforce
    answers for a bad query."""
    try:
        compiled = compile_query(parse(soql), schema)
        if compiled.is_count:
            return compiled.count(source, include_deleted=include_deleted), []
        records = compiled.execute(source, include_deleted=include_deleted,
                                   api_version=api_version, lazy=lazy)
    except SoqlError as exc:
        raise bad_request(exc.error_code, exc.message) from None
    return len(records), records
