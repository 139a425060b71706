"""Building an ItemTable: items added one by one (the store adds 200,000 rows in Id order),
each distinct string and field set numbered once, parents resolved at the end."""

from __future__ import annotations

from array import array
from datetime import datetime
from itertools import accumulate

from desktop.domain.item_table import (
    EPOCH,
    KIND_CODES,
    MICROSECOND,
    MISSING_PARENT,
    NO_PARENT,
    NO_STAMP,
    IdKeys,
    ItemColumns,
    ItemTable,
    StringPool,
    encode,
)
from desktop.domain.items import ROOT_ID, Item, ItemKind, root_item


class _PoolBuilder:
    """Numbers distinct strings (None is 0) and lays them out for a StringPool."""

    def __init__(self) -> None:
        self._numbers: dict[str | None, int] = {None: 0}
        self._blob = bytearray()
        self._ends = array("I", [0])

    def add(self, text: str | None) -> int:
        number = self._numbers.get(text)
        if number is None:
            number = self._numbers[text] = len(self._ends)
            self._blob += encode(text)  # type: ignore[arg-type]
            self._ends.append(len(self._blob))
        return number

    def build(self) -> StringPool:
        pool = StringPool(bytes(self._blob), self._ends)
        self._numbers, self._blob = {}, bytearray()
        return pool


class ItemTableBuilder:
    """Collects items (the last one of an Id wins), then builds an ItemTable.

    Items added in Id order (the store reads them so) need no sorting at the end.
    """

    def __init__(self) -> None:
        self._strings = _PoolBuilder()
        self._field_sets: dict[bytes, int] = {b"": 0}  # string numbers, as bytes: compact
        self._pair_numbers: dict[tuple[str, str], bytes] = {}  # (label, value) -> 2 numbers
        self._pairs = array("I")
        self._set_starts = array("I", [0, 0])
        self._row_of: dict[str, int] = {}  # the Ids, in the order first added
        self._columns = ItemColumns()  # by row; parent: the parent's row, NO_PARENT or _LATER
        self._parent_later: dict[int, str] = {}  # row -> parent Id not added yet at the time
        self._last_id = ""
        self._in_order = True  # then the Ids, in row order, are already the table's keys:
        self._id_blob = bytearray()
        self._id_starts = array("I", [0])

    def add_item(self, item: Item) -> None:
        self.add(item.id, item.kind, item.name, item.parent_id, item.sobject, item.fields,
                 item.archived, item.archive_reason, item.owner_id, item.modstamp)

    def add(
        self,
        item_id: str,
        kind: ItemKind,
        name: str,
        parent_id: str | None,
        sobject: str | None,
        fields: tuple[tuple[str, str], ...],
        archived: bool,
        archive_reason: str | None,
        owner_id: str | None,
        modstamp: datetime | None,
    ) -> None:
        # (200,000 calls per load: plain appends, no loops over the columns)
        string = self._strings.add
        field_set = self._field_set(fields) if fields else 0
        stamp = NO_STAMP if modstamp is None else (modstamp - EPOCH) // MICROSECOND
        row = self._row_of.get(item_id)
        if row is not None:  # a later version of an Id replaces the earlier one
            self._replace(row, (KIND_CODES[kind], 1 if archived else 0, string(name),
                                string(sobject), string(archive_reason), string(owner_id),
                                field_set, stamp))
        else:
            columns = self._columns
            row = self._row_of[item_id] = len(columns.kind)
            if item_id < self._last_id:
                self._in_order = False
            self._last_id = item_id
            self._id_blob += encode(item_id)
            self._id_starts.append(len(self._id_blob))
            columns.kind.append(KIND_CODES[kind])
            columns.archived.append(1 if archived else 0)
            columns.name.append(string(name))
            columns.sobject.append(string(sobject))
            columns.reason.append(string(archive_reason))
            columns.owner.append(string(owner_id))
            columns.fields.append(field_set)
            columns.modstamp.append(stamp)
            columns.parent.append(NO_PARENT)
        self._set_parent(row, parent_id)

    def _replace(self, row: int, values: tuple[int, ...]) -> None:
        columns = self._columns
        for column, value in zip(
            (columns.kind, columns.archived, columns.name, columns.sobject, columns.reason,
             columns.owner, columns.fields, columns.modstamp), values, strict=True,
        ):
            column[row] = value
        self._parent_later.pop(row, None)

    def _set_parent(self, row: int, parent_id: str | None) -> None:
        parent = self._columns.parent
        if parent_id is None:
            parent[row] = NO_PARENT
            return
        parent_row = self._row_of.get(parent_id)
        if parent_row is None:
            parent[row] = _LATER
            self._parent_later[row] = parent_id
        else:
            parent[row] = parent_row

    def _field_set(self, fields: tuple[tuple[str, str], ...]) -> int:
        """The number of this sequence of (label, value) pairs (equal ones share one)."""
        pair_numbers = self._pair_numbers
        key = b"".join([pair_numbers.get(pair) or self._pair(pair) for pair in fields])
        number = self._field_sets.get(key)
        if number is None:
            number = self._field_sets[key] = len(self._field_sets)
            self._pairs.frombytes(key)
            self._set_starts.append(len(self._pairs))
        return number

    def _pair(self, pair: tuple[str, str]) -> bytes:
        string = self._strings.add
        label, value = pair
        packed = self._pair_numbers[pair] = array("I", [string(label), string(value)]).tobytes()
        return packed

    def build(self, with_root: bool = False) -> ItemTable:
        """The table (with the root project added when `with_root` and it is missing). The
        builder is not to be used afterwards."""
        if with_root and ROOT_ID not in self._row_of:
            self.add_item(root_item())
        row_of, columns = self._row_of, self._columns
        missing: dict[int, str] = {}
        for row, parent_id in self._parent_later.items():
            parent_row = row_of.get(parent_id)
            if parent_row is None:
                columns.parent[row] = MISSING_PARENT
                missing[row] = parent_id
            else:
                columns.parent[row] = parent_row
        if self._in_order:
            id_keys = IdKeys(bytes(self._id_blob), self._id_starts)
        else:
            ids, columns, missing = _in_id_order(list(row_of), columns, missing)
            encoded = [encode(item_id) for item_id in ids]
            id_keys = IdKeys(b"".join(encoded),
                              array("I", accumulate(map(len, encoded), initial=0)))
        self._row_of, self._parent_later, self._id_blob = {}, {}, bytearray()
        return ItemTable(id_keys, columns, self._strings.build(),
                         (self._set_starts, self._pairs), missing)


_LATER = -3  # (while building) the parent Id was not added yet


def _in_id_order(
    ids: list[str], columns: ItemColumns, missing: dict[int, str]
) -> tuple[list[str], ItemColumns, dict[int, str]]:
    """Rows reordered by Id, parents renumbered to match."""
    rows = sorted(range(len(ids)), key=ids.__getitem__)
    position_of = array("i", bytes(4 * len(rows)))
    for position, row in enumerate(rows):
        position_of[row] = position
    reordered = columns.reordered(rows)
    parent = reordered.parent
    for position, row in enumerate(parent):
        if row >= 0:
            parent[position] = position_of[row]
    return ([ids[row] for row in rows], reordered,
            {position_of[row]: parent_id for row, parent_id in missing.items()})
