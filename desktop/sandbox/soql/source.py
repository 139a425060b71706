"""Where a compiled query reads its rows (the org, or a test's rows in memory)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class RecordSource(Protocol):
    """Where queries read rows. A source may also offer the optional methods

        rows_since(sobject, field, instant, include_deleted, *, by_value) -> Iterable[dict] | None

    returning what rows() returns narrowed to rows whose datetime `field` is >= instant, in
    the same order (by_value: in (field, Id) order instead), or None if it will not (say the
    field is not indexed). The engine calls it when the WHERE requires such a bound, and still
    applies the whole WHERE to what it returns; and

        row_by_id(record_id, include_deleted) -> tuple[str, dict] | None

    (sobject, row) of the row with that Id if rows(sobject, include_deleted) would list it:
    with the rows an index left, `x IN (SELECT Id FROM ...)` looks x up instead of listing.
    """

    def rows(self, sobject: str, include_deleted: bool) -> Iterable[dict]: ...
    def get(self, record_id: str) -> tuple[str, dict] | None: ...
