"""An ordered index on one datetime field of one object (SystemModstamp, CreatedDate, ...).

A real org answers `WHERE SystemModstamp >= t` from an index; so does the sandbox, or every
incremental sync would scan all rows. Writes must stay cheap, so the index is append-only:
each write appends a (value, id) entry to an unsorted tail, and the entry it supersedes goes
stale in place. A query first merges the tail. Writes stamp "now", which only moves forward
unless a test sets the clock back, so the sorted tail usually just extends the list; otherwise
one sort merges the two runs (Timsort finds them). Stale entries are skipped on reading and
dropped once they outnumber the live ones.

Not thread-safe on its own: the RecordStore's owner holds the org's lock.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from datetime import datetime
from operator import itemgetter

Entry = tuple[datetime, str]  # (field value, record id)

_value_of = itemgetter(0)


class StampIndex:
    def __init__(self, field: str, rows: Iterable[dict] = ()) -> None:
        self.field = field
        # the live entry of each indexed id; an entry in the lists is live only if it *is*
        # this object (identity), so a row written twice with equal values is listed once
        entries = [(value, row["Id"]) for row in rows if (value := row.get(field)) is not None]
        self._latest: dict[str, Entry] = {entry[1]: entry for entry in entries}
        self._sorted: list[Entry] = sorted(entries)
        self._tail: list[Entry] = []

    def __len__(self) -> int:
        return len(self._latest)

    def note(self, row: dict) -> None:
        """Record the row's current value (call after every insert or replace of the row)."""
        record_id = row["Id"]
        value = row.get(self.field)
        current = self._latest.get(record_id)
        if current is not None and current[0] == value:
            return
        if value is None:  # null never satisfies a range filter: nothing to find it by
            self._latest.pop(record_id, None)
            return
        entry = (value, record_id)
        self._latest[record_id] = entry
        self._tail.append(entry)

    def forget(self, record_id: str) -> None:
        """The row is gone from the table."""
        self._latest.pop(record_id, None)

    def ids_from(self, instant: datetime) -> list[str]:
        """Ids of the rows whose value is >= instant, in (value, id) order."""
        self._merge_tail()
        start = bisect_left(self._sorted, instant, key=_value_of)
        latest = self._latest
        return [entry[1] for entry in self._sorted[start:] if latest.get(entry[1]) is entry]

    def _merge_tail(self) -> None:
        if not self._tail:
            return
        tail, self._tail = self._tail, []
        tail.sort()
        in_order = not self._sorted or self._sorted[-1] <= tail[0]
        self._sorted.extend(tail)
        if not in_order:  # the clock was set back (or a bulk load): merge the two runs
            self._sorted.sort()
        if len(self._sorted) > 2 * len(self._latest) + 64:
            latest = self._latest
            self._sorted = [entry for entry in self._sorted if latest.get(entry[1]) is entry]
