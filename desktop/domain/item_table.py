"""Items kept compactly: one array per column, each distinct string stored once.

200,000 Item objects with their strings, tuples and datetimes take ~450 bytes each; as columns
(4 bytes a cell, strings shared and UTF-8 encoded in one bytes object) they take ~90. The
table builds an Item only when one is asked for: the picker shows a few dozen at a time.

Positions are the items' places in Id order, so an Id is found by bisection without a dict
of 200,000 strings. Everything here is immutable once built, so any thread may read it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from itertools import compress
from typing import Any

from desktop.domain.items import Item, ItemKind
from desktop.domain.steps import sorted_in_steps

NO_PARENT = -1  # the root (or any item whose parent_id is None)
MISSING_PARENT = -2  # the parent Id is not in the table (an orphan)

_KINDS = tuple(ItemKind)
KIND_CODES = {kind: code for code, kind in enumerate(_KINDS)}
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
NO_STAMP = -(2**63)
_NO_KEY = object()
# Ids found and Items built, remembered per table: a picker keystroke asks for the same few
# dozen again and again (recent tasks, the best matches, their parents' paths).
_REMEMBERED = 1024


def encode(text: str) -> bytes:
    # surrogatepass: a lone surrogate (from hostile JSON) round-trips instead of raising
    return text.encode("utf-8", "surrogatepass")


class StringPool:
    """Distinct strings by number, UTF-8 in one bytes object; number 0 stands for None."""

    __slots__ = ("_blob", "_ends")

    def __init__(self, blob: bytes, ends: array[int]) -> None:
        self._blob = blob
        self._ends = ends  # string k is _blob[_ends[k - 1]:_ends[k]]; _ends[0] == 0

    def __getitem__(self, number: int) -> str | None:
        if not number:
            return None
        ends = self._ends
        return self._blob[ends[number - 1] : ends[number]].decode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        return len(self._ends)

    def nbytes(self) -> int:
        return len(self._blob) + self._ends.itemsize * len(self._ends)


class IdKeys:
    """The Ids in position order, as bytes, for bisection (a sequence: len and [])."""

    __slots__ = ("_blob", "_starts")

    def __init__(self, blob: bytes, starts: array[int]) -> None:
        self._blob = blob
        self._starts = starts  # Id k is _blob[_starts[k]:_starts[k + 1]]

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, position: int) -> bytes:
        starts = self._starts
        return self._blob[starts[position] : starts[position + 1]]


class ItemColumns:
    """One value per item: codes, string numbers (see StringPool), positions, times."""

    # (a plain class: a dataclass costs the app's start a few million instructions)
    __slots__ = ("kind", "archived", "name", "parent", "sobject", "reason", "owner", "fields",
                 "modstamp")

    def __init__(self) -> None:
        self.kind = bytearray()  # index into ItemKind
        self.archived = bytearray()  # 0 or 1
        self.name = array("I")
        self.parent = array("i")  # a position, NO_PARENT or MISSING_PARENT
        self.sobject = array("I")
        self.reason = array("I")
        self.owner = array("I")
        self.fields = array("I")  # field set number
        self.modstamp = array("q")  # microseconds since 1970, UTC

    def reordered(self, rows: Sequence[int]) -> ItemColumns:
        copy = ItemColumns()
        for name in self.__slots__:
            column = getattr(self, name)
            picked = [column[row] for row in rows]
            setattr(copy, name, bytearray(picked) if isinstance(column, bytearray)
                    else array(column.typecode, picked))
        return copy


class ItemTable:
    """Every item of a tree, by position (Id order). Build one with item_table_builder."""

    def __init__(
        self,
        ids: IdKeys,
        columns: ItemColumns,
        strings: StringPool,
        field_sets: tuple[array[int], array[int]],
        missing_parents: dict[int, str],
    ) -> None:
        self._ids = ids
        self._kind = bytes(columns.kind)
        self._archived = bytes(columns.archived)
        self._name = columns.name
        self._parent = columns.parent
        self._sobject = columns.sobject
        self._reason = columns.reason
        self._owner = columns.owner
        self._fields = columns.fields
        self._modstamp = columns.modstamp
        self._strings = strings
        self._set_starts, self._set_pairs = field_sets
        self._missing_parents = missing_parents
        self._found: dict[str, int] = {}  # a few Id -> position (see _REMEMBERED)
        self._built: dict[int, Item] = {}  # a few position -> Item

    @classmethod
    def of_items(cls, items: Iterable[Item], with_root: bool = False) -> ItemTable:
        """A table of these items (the last one of an Id wins), with the root project added
        when `with_root` and it is missing."""
        from desktop.domain.item_table_builder import ItemTableBuilder  # (it imports this)

        builder = ItemTableBuilder()
        for item in items:
            builder.add_item(item)
        return builder.build(with_root=with_root)

    def __getstate__(self) -> dict[str, Any]:
        """A copy's state (a child process builds the app's catalog and sends it over, see
        desktop.commands.catalog_build): all but the memos of Ids found and Items built."""
        state = dict(self.__dict__)
        state["_found"], state["_built"] = {}, {}
        return state

    def __len__(self) -> int:
        return len(self._kind)

    # -- finding -------------------------------------------------------------------------
    def position(self, item_id: str) -> int | None:
        """Where the item with this Id is, or None."""
        position = self._found.get(item_id)
        if position is not None:
            return position
        key = encode(item_id)
        ids = self._ids
        position = bisect_left(ids, key)
        if position < len(ids) and ids[position] == key:
            _remember(self._found, item_id, position)
            return position
        return None

    # -- columns -------------------------------------------------------------------------
    def id_at(self, position: int) -> str:
        return self._ids[position].decode("utf-8", "surrogatepass")

    def name_at(self, position: int) -> str:
        return self._strings[self._name[position]]  # type: ignore[return-value]

    def name_number(self, position: int) -> int:
        """The name's number in `strings` (equal names, equal numbers)."""
        return self._name[position]

    def kind_at(self, position: int) -> ItemKind:
        return _KINDS[self._kind[position]]

    def is_archived(self, position: int) -> bool:
        return self._archived[position] == 1

    def parent_at(self, position: int) -> int:
        """The parent's position, NO_PARENT or MISSING_PARENT."""
        return self._parent[position]

    def parent_id_at(self, position: int) -> str | None:
        parent = self._parent[position]
        if parent >= 0:
            return self.id_at(parent)
        if parent == NO_PARENT:
            return None
        return self._missing_parents[position]

    def field_numbers(self, position: int) -> array[int]:
        """(label, value) string numbers, flat: [label, value, label, value, ...]."""
        field_set = self._fields[position]
        return self._set_pairs[self._set_starts[field_set] : self._set_starts[field_set + 1]]

    def fields_at(self, position: int) -> tuple[tuple[str, str], ...]:
        numbers = self.field_numbers(position)
        text = self._strings.__getitem__
        return tuple(
            (text(numbers[k]), text(numbers[k + 1]))  # type: ignore[misc]
            for k in range(0, len(numbers), 2)
        )

    @property
    def strings(self) -> StringPool:
        return self._strings

    def item(self, position: int) -> Item:
        """The Item at `position` (equal to the one stored)."""
        item = self._built.get(position)
        if item is None:
            item = self._build_item(position)
            _remember(self._built, position, item)
        return item

    def _build_item(self, position: int) -> Item:
        text = self._strings.__getitem__
        stamp = self._modstamp[position]
        return Item(
            self.id_at(position),
            _KINDS[self._kind[position]],
            text(self._name[position]),  # type: ignore[arg-type]
            self.parent_id_at(position),
            text(self._sobject[position]),
            self.fields_at(position),
            self._archived[position] == 1,
            text(self._reason[position]),
            text(self._owner[position]),
            None if stamp == NO_STAMP else EPOCH + stamp * MICROSECOND,
        )

    def items(self, positions: Iterable[int]) -> Iterator[Item]:
        return map(self.item, positions)

    def ordered_by_name(
        self, key: Callable[[int], Any], positions: Iterable[int] | None = None
    ) -> array[int]:
        """The positions (all by default) ordered by `key(position)`, a function of the
        position's name only; equal keys in Id order.

        Each distinct name's key is computed and sorted once; the positions are then placed
        by counting (200,000 positions: no sort of 200,000 keys, no list of them)."""
        size, name = len(self), self._name
        if positions is None:
            members: Iterable[int] = range(size)
        else:
            wanted = bytearray(size)
            for position in positions:
                wanted[position] = 1
            members = compress(range(size), wanted)  # in Id order
        members = array("I", members)
        first: dict[int, int] = {}  # name number -> a position with that name
        for position in members:
            first.setdefault(name[position], position)
        keys = {number: key(position) for number, position in first.items()}
        rank: dict[int, int] = {}
        previous, current = _NO_KEY, -1
        for number in sorted_in_steps(list(keys), key=keys.__getitem__):
            if keys[number] != previous:
                previous, current = keys[number], current + 1
            rank[number] = current
        slots = array("I", bytes(4 * (current + 2)))  # where each rank's positions go
        for position in members:
            slots[rank[name[position]] + 1] += 1
        for number in range(1, len(slots)):
            slots[number] += slots[number - 1]
        ordered = array("I", bytes(4 * len(members)))
        for position in members:
            slot = rank[name[position]]
            ordered[slots[slot]] = position
            slots[slot] += 1
        return ordered

    def nbytes(self) -> int:
        """Roughly what the table holds (its arrays and strings), for benchmarks."""
        columns = (self._name, self._parent, self._sobject, self._reason, self._owner,
                   self._fields, self._modstamp, self._set_starts, self._set_pairs,
                   self._ids._starts)
        return (len(self._kind) * 2 + sum(c.itemsize * len(c) for c in columns)
                + len(self._ids._blob) + self._strings.nbytes())


def _remember(found: dict, key: object, value: object) -> None:
    """A bounded memo that threads may share: each step is one atomic dict operation."""
    if len(found) >= _REMEMBERED:
        found.clear()
    found[key] = value
