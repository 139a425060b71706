"""The project/task tree built from items: lookups, children, paths."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate
from typing import Any

from desktop.domain.item_table import ItemTable
from desktop.domain.items import ROOT_ID, Item

PATH_SEPARATOR = " > "


class TaskTree:
    """An immutable tree over a set of items keyed by Salesforce Id.

    Children come in the order of `sort_key` when one is given, else in the order of the
    items; a tree read from the store (`of_table`) orders them by name, case-insensitively,
    then Id. An item whose parent is missing is kept out of `children()` walks, so a broken
    cache never produces orphans in the UI, but `get()` still finds it. The items live in an
    ItemTable (compact columns; an Item is built when asked for). Safe to read from several
    threads.
    """

    def __init__(
        self, items: Iterable[Item] = (), sort_key: Callable[[Item], Any] | None = None
    ) -> None:
        given = list(items)
        table = ItemTable.of_items(given, with_root=True)
        by_id = {item.id: item for item in given}  # the last version of an Id wins
        ordered = list(by_id.values())
        if sort_key is not None:
            ordered.sort(key=sort_key)
        position = table.position
        order = [position(item.id) for item in ordered]
        self._init(table, order)  # type: ignore[arg-type]

    @classmethod
    def of_table(cls, table: ItemTable) -> TaskTree:
        """A tree over `table` (which holds the root), children by name then Id."""
        tree = cls.__new__(cls)
        tree._init(table, display_order(table))
        return tree

    def _init(self, table: ItemTable, order: Sequence[int]) -> None:
        """Children lists in the order `order` visits the positions (CSR: the children of
        position p are _kids[_starts[p]:_starts[p + 1]])."""
        self._table = table
        parent_at = table.parent_at
        counts = [0] * (len(table) + 1)
        for position in order:
            parent = parent_at(position)
            if parent >= 0:
                counts[parent + 1] += 1
        starts = array("I", accumulate(counts))
        kids = array("I", bytes(4 * starts[-1]))
        filled = array("I", starts)
        for position in order:
            parent = parent_at(position)
            if parent >= 0:
                kids[filled[parent]] = position
                filled[parent] += 1
        self._starts, self._kids = starts, kids
        self._root = table.position(ROOT_ID)

    @property
    def table(self) -> ItemTable:
        return self._table

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, item_id: object) -> bool:
        return isinstance(item_id, str) and self._table.position(item_id) is not None

    def __iter__(self) -> Iterator[Item]:
        return self._table.items(range(len(self._table)))

    @property
    def root(self) -> Item:
        return self._table.item(self._root)  # type: ignore[arg-type]

    @property
    def root_position(self) -> int:
        return self._root  # type: ignore[return-value]

    def get(self, item_id: str) -> Item | None:
        position = self._table.position(item_id)
        return None if position is None else self._table.item(position)

    # -- by position (no Item objects) ----------------------------------------------------
    def child_positions(self, position: int, include_archived: bool = False) -> Sequence[int]:
        kids = self._kids[self._starts[position] : self._starts[position + 1]]
        if include_archived:
            return kids
        archived = self._table.is_archived
        return [kid for kid in kids if not archived(kid)]

    def has_children(self, position: int) -> bool:
        return self._starts[position + 1] > self._starts[position]

    def path_positions(self, position: int) -> list[int]:
        """Positions from the topmost known ancestor down to `position` (a cycle stops)."""
        path: list[int] = []
        seen: set[int] = set()
        parent_at = self._table.parent_at
        while position >= 0 and position not in seen:
            seen.add(position)
            path.append(position)
            position = parent_at(position)
        path.reverse()
        return path

    # -- by Id ---------------------------------------------------------------------------
    def children(self, item_id: str, include_archived: bool = False) -> list[Item]:
        position = self._table.position(item_id)
        if position is None:
            return []
        return list(self._table.items(self.child_positions(position, include_archived)))

    def child_count(self, item_id: str, include_archived: bool = False) -> int:
        position = self._table.position(item_id)
        if position is None:
            return 0
        return len(self.child_positions(position, include_archived))

    def path(self, item_id: str) -> list[Item]:
        """Items from the root down to `item_id` (inclusive); [] when it is unknown."""
        position = self._table.position(item_id)
        if position is None:
            return []
        return list(self._table.items(self.path_positions(position)))

    def path_text(self, item_id: str, separator: str = PATH_SEPARATOR) -> str:
        position = self._table.position(item_id)
        if position is None:
            return ""
        return self.path_text_at(position, separator)

    def path_text_at(self, position: int, separator: str = PATH_SEPARATOR) -> str:
        return separator.join(map(self._table.name_at, self.path_positions(position)))

    def is_reachable(self, item_id: str) -> bool:
        """True when the item hangs under the root through known items (not an orphan)."""
        position = self._table.position(item_id)
        return position is not None and self.path_positions(position)[0] == self._root

    def walk(self, include_archived: bool = False) -> Iterator[tuple[int, Item]]:
        """Depth-first (depth, item) pairs below the root, parents before children.

        An archived item hides its whole subtree unless `include_archived`.
        """
        item = self._table.item
        for depth, position in self.walk_positions(include_archived):
            yield depth, item(position)

    def walk_positions(self, include_archived: bool = False) -> Iterator[tuple[int, int]]:
        stack = [(1, kid) for kid in reversed(self.child_positions(self._root, include_archived))]  # type: ignore[arg-type]
        starts = self._starts
        while stack:
            depth, position = stack.pop()
            yield depth, position
            if starts[position + 1] > starts[position]:  # most items are leaves
                kids = self.child_positions(position, include_archived)
                stack.extend((depth + 1, kid) for kid in reversed(kids))

    def nbytes(self) -> int:
        """What the children lists take (the table is counted on its own)."""
        return 4 * (len(self._starts) + len(self._kids))

    def visible_items(self, include_archived: bool = False) -> list[Item]:
        """Every item reachable from the root, depth-first; active ones only by default."""
        return [item for _, item in self.walk(include_archived)]


def display_order(table: ItemTable) -> array[int]:
    """Positions by name, case-insensitively, then Id."""
    return table.ordered_by_name(lambda position: table.name_at(position).casefold())
