"""The task tree and its search index, loaded off the GUI thread and swapped in whole.

A load reads every cached item, builds the TaskTree, the SearchIndex over the active items and
the row layout the tree model shows; for 200,000 items that takes seconds, so it always runs
on a worker and the UI keeps the previous catalog (or shows "Loading tasks…") meanwhile. The
app has a child process do that work where it can (use_builder: desktop.services.
catalog_process); else the worker builds it.
Once a new catalog is in, the memory the old one and the build freed is handed back to the
system (desktop.platform.memory), on a worker.
"""

from __future__ import annotations

import logging
import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from desktop.domain.items import RECENT_TASKS, Item
from desktop.domain.text import fill
from desktop.domain.tree import TaskTree
from desktop.services.i18n import error_text
from desktop.services.workers import run_in_background
from desktop.store.store import Store

if TYPE_CHECKING:  # built on a worker after the first paint
    from typing import Protocol

    from desktop.domain.search import SearchIndex
    from desktop.services.task_catalog import TaskCatalog, TreeLayout

    class CatalogBuilder(Protocol):
        """How a load is built, on a worker: the tree and layout, then their search index
        (BuiltHere, desktop.services.catalog_process.ChildCatalogBuilder)."""

        def load_tree(self, store: Store) -> TaskCatalog: ...

        def with_index(self, catalog: TaskCatalog) -> TaskCatalog: ...

        def stop(self) -> None: ...

log = logging.getLogger(__name__)

RECENT_LIMIT = RECENT_TASKS
PREVIEW_DEPTH = 4  # activity > opportunity/case > parent case > root


class TasksService(QObject):
    """The cached task tree for the UI: tree(), search(), recent_ids(); tree_changed().

    Until the first load is done, the recently used tasks (and the running one) are read at
    construction, a few rows, so the task widget and the picker's recent list work at once.
    """

    tree_changed = Signal()  # the tree, the index, or both are new
    loading_failed = Signal(str)

    def __init__(
        self,
        store: Store,
        parent: QObject | None = None,
        *,
        builder: CatalogBuilder | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._builder: CatalogBuilder = builder or BuiltHere()
        self._catalog: TaskCatalog | None = None
        self._recent: list[str] = store.entries.recent_item_ids(limit=RECENT_LIMIT)
        self._preview = self._read_preview()
        self._loading = False
        self._reload_again = False
        self._archived_loading = False
        self._generation = 0
        self._trim_pending = False

    # -- reading -------------------------------------------------------------------------
    def is_loaded(self) -> bool:
        """True once the whole tree is in (the search index may still be building)."""
        return self._catalog is not None

    def is_searchable(self) -> bool:
        return self._catalog is not None and self._catalog.index is not None

    def is_loading(self) -> bool:
        return self._loading

    def tree(self) -> TaskTree:
        return self._catalog.tree if self._catalog else self._preview

    def layout(self, include_archived: bool = False) -> TreeLayout | None:
        """The row layout for the tree model; None while (that variant is) not loaded yet."""
        if self._catalog is None:
            return None
        if include_archived:
            if self._catalog.archived_layout is None:
                self._load_archived()
            return self._catalog.archived_layout
        return self._catalog.layout

    def item(self, item_id: str | None) -> Item | None:
        return None if item_id is None else self.tree().get(item_id)

    def path_text(self, item_id: str) -> str:
        return self.tree().path_text(item_id)

    def search(self, text: str, limit: int = 50, include_archived: bool = False) -> list[Item]:
        """Active tasks matching every word of `text`, recent ones first; then, when asked,
        archived ones (as soon as their index is built: tree_changed tells).

        Before the index is built, only the recent tasks are searched."""
        catalog = self._catalog
        if catalog is not None and catalog.index is not None:
            found = catalog.index.search(text, limit=limit, recent_ids=self._recent)
            if include_archived and len(found) < limit:
                if catalog.archived_index is None:
                    self._load_archived()
                else:
                    found += catalog.archived_index.search(text, limit=limit - len(found))
            return found
        from desktop.domain.search import query_terms
        from desktop.domain.text import fold

        terms = query_terms(text)
        found = []
        for item in self.recent_items(RECENT_LIMIT):
            haystack = " ".join([fold(item.name), *(fold(value) for _, value in item.fields)])
            if all(term in haystack for term in terms):
                found.append(item)
        return found[:limit]

    def recent_ids(self) -> list[str]:
        return list(self._recent)

    def recent_items(self, limit: int = 5) -> list[Item]:
        """The latest used tasks that still exist and are active (for the tray menu)."""
        found = []
        for item_id in self._recent:
            item = self.item(item_id)
            if item is not None and not item.archived and not item.is_root:
                found.append(item)
            if len(found) >= limit:
                break
        return found

    # -- loading -------------------------------------------------------------------------
    def use_builder(self, builder: CatalogBuilder) -> None:
        """Build the catalog with `builder` from the next load on."""
        self._builder = builder

    def stop_loading(self) -> None:
        """Stop a build under way in a child process (the app quits)."""
        self._builder.stop()

    def reload(self) -> None:
        """Read the tree again on a worker (after a sync); the old one serves meanwhile."""
        self.refresh_recent()
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        self._generation += 1
        generation, builder = self._generation, self._builder
        run_in_background(
            self,
            lambda: builder.load_tree(self._store),
            lambda catalog: self._tree_loaded(catalog, generation),
            self._load_failed,
            name="load task tree",
        )

    def refresh_recent(self) -> None:
        """Re-read the recently used tasks (a small query: after a timer change)."""
        self._recent = self._store.entries.recent_item_ids(limit=RECENT_LIMIT)
        if self._catalog is None:
            self._preview = self._read_preview()

    def _tree_loaded(self, catalog: TaskCatalog, generation: int) -> None:
        if generation != self._generation:
            return
        needs_index = catalog.index is None
        loaded, previous = catalog, self._catalog
        if needs_index and previous is not None and previous.index is not None:
            # Until the new index is built, keep searching with the previous one: a sync
            # changes little, and the picker must not go blank after every sync.
            catalog = catalog.replaced(index=previous.index)
        self._set_catalog(catalog)
        self._archived_loading = False
        if not needs_index:
            self._finish_loading(announce=True)
            return
        self.tree_changed.emit()
        pending, builder = [loaded], self._builder
        run_in_background(
            self,
            # handed over once: a job's closure may outlive the job, and must not keep a
            # catalog (or the previous index) alive after it is replaced
            lambda: builder.with_index(pending.pop()),
            lambda indexed: self._index_built(indexed, generation),
            self._load_failed,
            name="build search index",
        )

    def _index_built(self, catalog: TaskCatalog, generation: int) -> None:
        current = generation == self._generation and self._catalog is not None
        if current:
            self._set_catalog(self._catalog.replaced(index=catalog.index))
        self._finish_loading(announce=current)

    def _set_catalog(self, catalog: TaskCatalog) -> None:
        """Swap `catalog` in. Once this event-loop turn is over (the models have switched to
        the new one, and the old one is gone), the freed memory goes back to the system."""
        self._catalog = catalog
        if not self._trim_pending:
            self._trim_pending = True
            QTimer.singleShot(0, self, self._return_freed_memory)  # dropped if self goes first

    def _return_freed_memory(self) -> None:
        self._trim_pending = False
        from desktop.platform.memory import return_freed_memory

        run_in_background(self, return_freed_memory, _ignore, name="return freed memory")

    def _load_failed(self, error: BaseException) -> None:
        self.loading_failed.emit(fill(QCoreApplication.translate(
            "TasksService", "The task list could not be read: %1"), error_text(error)))
        self._finish_loading(announce=False)

    def _finish_loading(self, announce: bool) -> None:
        """Loading is over (is_loading() is False when tree_changed goes out); a reload
        asked for meanwhile starts now."""
        self._loading = False
        if announce:
            self.tree_changed.emit()
        if self._reload_again and not self._loading:
            self._reload_again = False
            self.reload()

    def _read_preview(self) -> TaskTree:
        """The recent and running tasks with their parents: a handful of rows."""
        wanted = list(self._recent)
        running = self._store.entries.running()
        if running is not None and running.item_id:
            wanted.append(running.item_id)
        found: dict[str, Item] = {}
        for _depth in range(PREVIEW_DEPTH):
            missing = [item_id for item_id in dict.fromkeys(wanted) if item_id not in found]
            if not missing:
                break
            fetched = self._store.items.by_ids(missing)
            found.update(fetched)
            wanted = [item.parent_id for item in fetched.values() if item.parent_id]
        return TaskTree(found.values())

    def _load_archived(self) -> None:
        """Lay out and index the archived items too (on a worker, once per catalog)."""
        if self._archived_loading or self._catalog is None:
            return
        self._archived_loading = True
        pending = [self._catalog]  # handed over once (see _tree_loaded)
        tree = weakref.ref(self._catalog.tree)

        def build() -> tuple[TreeLayout, SearchIndex]:
            return pending.pop().archived_parts()

        def done(built: tuple[TreeLayout, SearchIndex]) -> None:
            self._archived_loading = False
            if self._catalog is not None and self._catalog.tree is tree():
                layout, index = built
                self._set_catalog(
                    self._catalog.replaced(archived_layout=layout, archived_index=index)
                )
                self.tree_changed.emit()

        def failed(error: BaseException) -> None:
            self._archived_loading = False
            self.loading_failed.emit(fill(QCoreApplication.translate(
                "TasksService", "The archived tasks could not be read: %1"), error_text(error)))

        run_in_background(self, build, done, failed, name="archived tasks")


def _ignore(_result: object) -> None:
    pass


class BuiltHere:
    """The catalog built in this process, on the worker that asks. (The catalog module,
    tree layout and search index, is loaded by the first worker job, not before the app's
    first paint.)"""

    def load_tree(self, store: Store) -> TaskCatalog:
        from desktop.services.task_catalog import TaskCatalog

        return TaskCatalog.load_tree(store)

    def with_index(self, catalog: TaskCatalog) -> TaskCatalog:
        return catalog.with_index()

    def stop(self) -> None:
        pass

