"""The task catalog: the TaskTree of every cached item, its row layout for the tree model
and the SearchIndex, built on workers (seconds for 200,000 items) and swapped in whole by
desktop.services.tasks_service, which loads this module on its first worker job.

Everything here is compact (arrays over the tree's ItemTable, no object per item), so a
catalog of 200,000 items takes tens of megabytes and is freed in a moment.
"""

from __future__ import annotations

import logging
from array import array
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop.domain.search import SearchIndex
from desktop.domain.search_texts import SearchTexts
from desktop.domain.tree import TaskTree
from desktop.platform.clock import Stopwatch

if TYPE_CHECKING:
    from desktop.store.store import Store

log = logging.getLogger(__name__)


class TreeLayout:
    """Rows of the tree as flat arrays (node 0 is the invisible top, node 1 the root, node
    k > 1 an item below it).

    Built once per load on a worker thread, so the Qt model only does array lookups. The
    children of a node get consecutive numbers: they are a range, and a node's row is its
    distance from its first sibling.
    """

    __slots__ = ("tree", "_positions", "_parents", "_first_child", "_child_count", "_node_of")

    def __init__(self, tree: TaskTree, include_archived: bool = False) -> None:
        """Lay out every item reachable from the root (an archived item hides its subtree
        unless `include_archived`); one pass, no recursion."""
        self.tree = tree
        positions = array("I", [0, tree.root_position])  # node 0: no item
        parents = array("i", [0, 0])
        first_child = array("i", [1, 0])
        child_count = array("i", [1, 0])
        pending = [1]
        while pending:
            parent = pending.pop()
            kids = tree.child_positions(positions[parent], include_archived)
            if not kids:
                continue
            first = len(positions)
            first_child[parent], child_count[parent] = first, len(kids)
            positions.extend(kids)
            parents.extend(array("i", [parent]) * len(kids))
            zeros = array("i", bytes(4 * len(kids)))
            first_child.extend(zeros)
            child_count.extend(zeros)
            pending.extend(range(first, first + len(kids)))
        node_of = array("i", bytes(4 * len(tree)))  # position -> node, 0: not laid out
        for node in range(1, len(positions)):
            node_of[positions[node]] = node
        self._positions, self._parents = positions, parents
        self._first_child, self._child_count, self._node_of = first_child, child_count, node_of

    @classmethod
    def build(cls, tree: TaskTree, include_archived: bool = False) -> TreeLayout:
        return cls(tree, include_archived)

    def __len__(self) -> int:
        return len(self._positions) - 1

    def __contains__(self, item_id: object) -> bool:
        return isinstance(item_id, str) and self.node_of(item_id) is not None

    def node_of(self, item_id: str) -> int | None:
        position = self.tree.table.position(item_id)
        if position is None:
            return None
        return self._node_of[position] or None

    def shows(self, position: int) -> bool:
        """Whether the item at this table position is laid out."""
        return self._node_of[position] != 0

    def position(self, node: int) -> int:
        """The item's position in the tree's table (node > 0)."""
        return self._positions[node]

    def id_at(self, node: int) -> str | None:
        return None if node == 0 else self.tree.table.id_at(self._positions[node])

    def parent(self, node: int) -> int:
        return self._parents[node]

    def row(self, node: int) -> int:
        return node - self._first_child[self._parents[node]]

    def child_count(self, node: int) -> int:
        return self._child_count[node]

    def child(self, node: int, row: int) -> int | None:
        """The node of the row-th child of `node`, or None."""
        if 0 <= row < self._child_count[node]:
            return self._first_child[node] + row
        return None

    def item_positions(self) -> array[int]:
        """The positions of the items laid out below the root (what the picker searches)."""
        return self._positions[2:]

    def nbytes(self) -> int:
        arrays = (self._positions, self._parents, self._first_child, self._child_count,
                  self._node_of)
        return sum(a.itemsize * len(a) for a in arrays)


@dataclass(frozen=True, slots=True)
class TaskCatalog:
    """Everything the picker needs about the tasks, consistent with one store read.

    Loaded in two steps so the tree shows before the search index is ready: `load_tree`
    (read + lay out), then `with_index` (build the SearchIndex, the slow part).
    """

    tree: TaskTree
    layout: TreeLayout
    index: SearchIndex | None = None
    archived_layout: TreeLayout | None = None  # every item, archived ones included
    archived_index: SearchIndex | None = None  # the items only that layout shows

    @classmethod
    def load_tree(cls, store: Store) -> TaskCatalog:
        watch = Stopwatch()
        tree = store.items.tree()
        read = watch.restart()
        layout = TreeLayout(tree)
        log.info("task tree: %d items read in %.2fs, laid out in %.2fs",
                 len(tree), read, watch.elapsed())
        return cls(tree, layout)

    def with_index(self) -> TaskCatalog:
        watch = Stopwatch()
        table = self.tree.table
        index = SearchIndex.over(table, self.layout.item_positions(), SearchTexts(table))
        log.info("search index over %d tasks built in %.2fs", len(index), watch.elapsed())
        return replace(self, index=index)

    def archived_parts(self) -> tuple[TreeLayout, SearchIndex]:
        """The layout of every item, archived ones included, and an index over the archived
        ones only (the active ones are searched in `index`)."""
        layout = TreeLayout(self.tree, include_archived=True)
        active = self.layout
        table = self.tree.table
        texts = self.index.texts if self.index is not None else SearchTexts(table)
        shown_only_there = [
            position for position in layout.item_positions() if not active.shows(position)
        ]
        return layout, SearchIndex.over(table, shown_only_there, texts)

    def replaced(self, **changes: object) -> TaskCatalog:
        """A copy with `changes` (desktop.services.tasks_service uses this rather than
        dataclasses.replace: it loads before the first paint, this module after)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def load(cls, store: Store) -> TaskCatalog:
        """Both steps at once (tests, benchmarks)."""
        return cls.load_tree(store).with_index()

    def nbytes(self) -> int:
        """Roughly what this catalog holds, for benchmarks."""
        parts = [self.tree.table.nbytes(), self.tree.nbytes(), self.layout.nbytes()]
        if self.index is not None:
            parts += [self.index.texts.nbytes(), self.index.nbytes()]
        for part in (self.archived_layout, self.archived_index):
            if part is not None:
                parts.append(part.nbytes())
        return sum(parts)
