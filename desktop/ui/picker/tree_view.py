"""The picker's tree of every project and task, keeping what the user expanded and selected
when a sync replaces the model's data (a model reset), so the tree updates "in place"."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from desktop.ui.picker.search_model import item_id_of
from desktop.ui.picker.tree_model import TaskTreeModel


class TaskTreeView(QTreeView):
    """The tree that keeps what the user expanded and selected across model resets."""

    def __init__(self, model: TaskTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tree_model = model
        self._expanded: set[str] = set()
        self.setModel(model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)  # 200,000 rows: no per-row size queries
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.expanded.connect(lambda index: self._remember(index, True))
        self.collapsed.connect(lambda index: self._remember(index, False))
        model.modelAboutToBeReset.connect(self._save_current)
        model.modelReset.connect(self._restore)
        self._current_id: str | None = None

    def current_item_id(self) -> str | None:
        return item_id_of(self.currentIndex())

    def select_item(self, item_id: str | None) -> bool:
        index = self._tree_model.index_of(item_id)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        self.setCurrentIndex(index)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def _remember(self, index: QModelIndex, expanded: bool) -> None:
        item_id = item_id_of(index)
        if item_id is None:
            return
        if expanded:
            self._expanded.add(item_id)
        else:
            self._expanded.discard(item_id)

    def _save_current(self) -> None:
        self._current_id = self.current_item_id()

    def _restore(self) -> None:
        remembered = set(self._expanded)
        for item_id in remembered:
            index = self._tree_model.index_of(item_id)
            if index.isValid():
                self.expand(index)
        self._expanded = remembered  # items gone for now stay remembered for a later load
        if self._tree_model.rowCount() and not self._expanded:
            self.expand(self._tree_model.index(0, 0))  # "Salesforce" open by default
        if self._current_id is not None:
            index = self._tree_model.index_of(self._current_id)
            if index.isValid():
                self.setCurrentIndex(index)
                self.scrollTo(index)
