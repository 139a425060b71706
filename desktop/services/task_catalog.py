"""The task catalog: the TaskTree of every cached item, its row layout for the tree model
and the SearchIndex, built on workers (seconds for 200,000 items) and swapped in whole by
desktop.services.tasks_service, which loads this module on its first worker job.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from desktop.domain.bulk import gc_paused
from desktop.domain.items import ROOT_ID, Item
from desktop.domain.search import SearchIndex
from desktop.domain.steps import release_in_steps
from desktop.domain.tree import TaskTree
from desktop.platform.clock import Stopwatch

if TYPE_CHECKING:
    from desktop.store.store import Store

log = logging.getLogger(__name__)

_NO_CHILDREN: tuple[int, ...] = ()


def exempt_from_gc() -> None:
    """Keep the cyclic garbage collector away from the catalog's millions of objects.

    Called at the end of a gc_paused() block that built them: otherwise the first collection
    after it (or any later full one) walks them all, a few hundred milliseconds with 200,000
    items, holding the GIL, so the GUI thread stalls. gc.freeze() moves every object alive
    now to a generation the collector never visits. The catalog holds no reference cycles,
    so reference counting still frees a replaced one.
    """
    gc.freeze()


@dataclass(frozen=True, slots=True)
class TreeLayout:
    """Rows of the tree as flat arrays (node 0 is the invisible top; node k > 0 an item).

    Built once per load on a worker thread, so the Qt model only does list lookups.
    `items` are the items laid out (the root excepted), for the search index.
    """

    ids: list[str | None]
    parents: list[int]
    rows: list[int]
    children: list[Sequence[int]]
    node_of: dict[str, int] = field(repr=False)
    items: list[Item] = field(repr=False)

    @classmethod
    def build(cls, tree: TaskTree, include_archived: bool = False) -> TreeLayout:
        """Lay out every item reachable from the root (an archived item hides its subtree
        unless `include_archived`); one pass, no recursion."""
        ids: list[str | None] = [None, ROOT_ID]
        parents = [0, 0]
        rows = [0, 0]
        children: list[Sequence[int]] = [[1], _NO_CHILDREN]
        node_of = {ROOT_ID: 1}
        laid_out: list[Item] = []
        pending = [1]
        while pending:
            parent = pending.pop()
            kids = tree.children(ids[parent], include_archived)  # type: ignore[arg-type]
            if not kids:
                continue
            first = len(ids)
            nodes = range(first, first + len(kids))
            children[parent] = nodes
            for row, kid in enumerate(kids):
                node_of[kid.id] = first + row
                ids.append(kid.id)
            parents.extend([parent] * len(kids))
            rows.extend(range(len(kids)))
            children.extend([_NO_CHILDREN] * len(kids))
            laid_out.extend(kids)
            pending.extend(nodes)
        return cls(ids, parents, rows, children, node_of, laid_out)

    def __len__(self) -> int:
        return len(self.ids) - 1

    def release_in_steps(self) -> None:
        """Empty this layout a piece at a time, when nobody shows it any more."""
        release_in_steps(self.ids, self.parents, self.rows, self.children, self.node_of, self.items)


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
        with gc_paused():
            tree = store.items.tree()
            read = watch.restart()
            layout = TreeLayout.build(tree)
            exempt_from_gc()
        log.info("task tree: %d items read in %.2fs, laid out in %.2fs",
                 len(tree), read, watch.elapsed())
        return cls(tree, layout)

    def with_index(self) -> TaskCatalog:
        watch = Stopwatch()
        with gc_paused():
            index = SearchIndex(self.layout.items)
            exempt_from_gc()
        log.info("search index over %d tasks built in %.2fs", len(index), watch.elapsed())
        return replace(self, index=index)

    def archived_parts(self) -> tuple[TreeLayout, SearchIndex]:
        """The layout of every item, archived ones included, and an index over the archived
        ones only (the active ones are searched in `index`)."""
        with gc_paused():
            layout = TreeLayout.build(self.tree, include_archived=True)
            active = self.layout.node_of
            index = SearchIndex(item for item in layout.items if item.id not in active)
            exempt_from_gc()
        return layout, index

    @classmethod
    def load(cls, store: Store) -> TaskCatalog:
        """Both steps at once (tests, benchmarks)."""
        return cls.load_tree(store).with_index()

    def parts(self) -> list[TaskTree | TreeLayout | SearchIndex]:
        """The big objects this catalog holds (some may be shared with another catalog)."""
        found = (self.tree, self.layout, self.index, self.archived_layout, self.archived_index)
        return [part for part in found if part is not None]


def release_unread(parts: list[TaskTree | TreeLayout | SearchIndex]) -> None:
    """On a worker: empty, in steps, each part that nothing else references any more, so
    its 200,000 items and index entries are not freed in one GIL-holding cascade (~120 ms
    for a whole catalog) on whichever thread drops it last. A part still referenced
    elsewhere (a model, a search under way) is only let go of."""
    while parts:
        part = parts.pop()
        if sys.getrefcount(part) <= 2:  # the local name and getrefcount's own argument
            part.release_in_steps()
        del part
