"""The task tree and its search index, loaded off the GUI thread and swapped in whole.

A load reads every cached item, builds the TaskTree, the SearchIndex over the active items and
the row layout the tree model shows; for 200,000 items that takes seconds, so it always runs
on a worker and the UI keeps the previous catalog (or shows "Loading tasks...") meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from desktop.domain.items import ROOT_ID, Item
from desktop.domain.search import SearchIndex
from desktop.domain.tree import TaskTree
from desktop.platform.clock import Stopwatch
from desktop.services.workers import run_in_background
from desktop.store.store import Store

log = logging.getLogger(__name__)

RECENT_LIMIT = 10
_NO_CHILDREN: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class TreeLayout:
    """Rows of the tree as flat arrays (node 0 is the invisible top; node k > 0 an item).

    Built once per load on a worker thread, so the Qt model only does list lookups.
    """

    ids: list[str | None]
    parents: list[int]
    rows: list[int]
    children: list[Sequence[int]]
    node_of: dict[str, int] = field(repr=False)

    @classmethod
    def build(cls, tree: TaskTree, include_archived: bool = False) -> TreeLayout:
        ids: list[str | None] = [None, ROOT_ID]
        parents = [0, 0]
        rows = [0, 0]
        children: list[Sequence[int]] = [[1], _NO_CHILDREN]
        node_of = {ROOT_ID: 1}
        for _depth, item in tree.walk(include_archived):
            parent = node_of.get(item.parent_id)  # type: ignore[arg-type]
            if parent is None:
                continue
            node = len(ids)
            kids = children[parent]
            if kids is _NO_CHILDREN:
                kids = children[parent] = []
            rows.append(len(kids))
            kids.append(node)  # type: ignore[union-attr]
            ids.append(item.id)
            parents.append(parent)
            children.append(_NO_CHILDREN)
            node_of[item.id] = node
        return cls(ids, parents, rows, children, node_of)

    def __len__(self) -> int:
        return len(self.ids) - 1


@dataclass(frozen=True, slots=True)
class TaskCatalog:
    """Everything the picker needs about the tasks, consistent with one store read."""

    tree: TaskTree
    index: SearchIndex
    layout: TreeLayout
    archived_layout: TreeLayout | None = None

    @classmethod
    def load(cls, store: Store) -> TaskCatalog:
        watch = Stopwatch()
        tree = store.items.tree()
        read = watch.restart()
        index = SearchIndex(tree.visible_items())
        indexed = watch.restart()
        layout = TreeLayout.build(tree)
        log.info(
            "task catalog: %d items read in %.2fs, indexed in %.2fs, laid out in %.2fs",
            len(tree), read, indexed, watch.elapsed(),
        )
        return cls(tree, index, layout)


class TasksService(QObject):
    """The cached task tree for the UI: tree(), search(), recent_ids(); tree_changed()."""

    tree_changed = Signal()
    loading_failed = Signal(str)

    def __init__(
        self,
        store: Store,
        parent: QObject | None = None,
        *,
        loader: Callable[[Store], TaskCatalog] = TaskCatalog.load,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._loader = loader
        self._catalog: TaskCatalog | None = None
        self._empty_tree = TaskTree(())
        self._recent: list[str] = []
        self._loading = False
        self._reload_again = False
        self._archived_loading = False

    # -- reading -------------------------------------------------------------------------
    def is_loaded(self) -> bool:
        return self._catalog is not None

    def is_loading(self) -> bool:
        return self._loading

    def tree(self) -> TaskTree:
        return self._catalog.tree if self._catalog else self._empty_tree

    def layout(self, include_archived: bool = False) -> TreeLayout | None:
        """The row layout for the tree model; None while (that variant is) not loaded yet."""
        if self._catalog is None:
            return None
        if include_archived:
            if self._catalog.archived_layout is None:
                self._load_archived_layout()
            return self._catalog.archived_layout
        return self._catalog.layout

    def item(self, item_id: str | None) -> Item | None:
        if item_id is None or self._catalog is None:
            return None
        return self._catalog.tree.get(item_id)

    def path_text(self, item_id: str) -> str:
        return self.tree().path_text(item_id)

    def search(self, text: str, limit: int = 50) -> list[Item]:
        """Active tasks matching every word of `text`, recent ones first ([] before loading)."""
        if self._catalog is None:
            return []
        return self._catalog.index.search(text, limit=limit, recent_ids=self._recent)

    def recent_ids(self) -> list[str]:
        return list(self._recent)

    def recent_items(self, limit: int = 5) -> list[Item]:
        """The latest used tasks that still exist and are active (for the tray menu)."""
        found = []
        for item_id in self._recent:
            item = self.item(item_id)
            if item is not None and not item.archived:
                found.append(item)
            if len(found) >= limit:
                break
        return found

    # -- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the tree again on a worker (after a sync); the old one serves meanwhile."""
        self.refresh_recent()
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        run_in_background(
            self,
            lambda: self._loader(self._store),
            self._loaded,
            self._load_failed,
            name="load task catalog",
        )

    def refresh_recent(self) -> None:
        """Re-read the recently used tasks (a small query: after a timer change)."""
        self._recent = self._store.entries.recent_item_ids(limit=RECENT_LIMIT)

    def _loaded(self, catalog: TaskCatalog) -> None:
        self._loading = False
        self._archived_loading = False
        self._catalog = catalog
        self.tree_changed.emit()
        self._maybe_reload_again()

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        self.loading_failed.emit(f"The task list could not be read: {error}")
        self._maybe_reload_again()

    def _maybe_reload_again(self) -> None:
        if self._reload_again:
            self._reload_again = False
            self.reload()

    def _load_archived_layout(self) -> None:
        if self._archived_loading or self._catalog is None:
            return
        self._archived_loading = True
        catalog = self._catalog

        def build() -> TreeLayout:
            return TreeLayout.build(catalog.tree, include_archived=True)

        def done(layout: TreeLayout) -> None:
            self._archived_loading = False
            if self._catalog is catalog:  # a newer load replaced it: that one will do
                self._catalog = TaskCatalog(catalog.tree, catalog.index, catalog.layout, layout)
                self.tree_changed.emit()

        run_in_background(self, build, done, self._load_failed, name="archived layout")
