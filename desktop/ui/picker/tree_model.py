"""The project/task tree as a Qt item model, over a TreeLayout prepared off the GUI thread.

Indexes carry the layout's node number as their internal id, so parent(), index() and
rowCount() are plain list lookups: the model stays instant with 200,000 items. A new layout
(after a sync) replaces the old one with a model reset; the view restores expansion and
selection by item id (see TaskTreeView in task_picker.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from desktop.domain.items import Item
from desktop.domain.tree import TaskTree
from desktop.services.task_catalog import TreeLayout
from desktop.ui.elided_label import plain_tooltip
from desktop.ui.icons import kind_icon

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 2
FIELDS_ROLE = Qt.ItemDataRole.UserRole + 3
ARCHIVED_ROLE = Qt.ItemDataRole.UserRole + 4

ModelIndex = QModelIndex | QPersistentModelIndex


class TaskTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._layout: TreeLayout | None = None
        self._tree = TaskTree(())

    def set_layout(self, layout: TreeLayout | None, tree: TaskTree) -> None:
        self.beginResetModel()
        self._layout = layout
        self._tree = tree
        self.endResetModel()

    def has_layout(self) -> bool:
        return self._layout is not None

    # -- lookups -------------------------------------------------------------------------
    def item_at(self, index: ModelIndex) -> Item | None:
        if not index.isValid() or self._layout is None:
            return None
        item_id = self._layout.ids[index.internalId()]
        return self._tree.get(item_id) if item_id is not None else None

    def index_of(self, item_id: str | None) -> QModelIndex:
        """The index of an item, or an invalid index when the layout does not show it."""
        if self._layout is None or item_id is None:
            return QModelIndex()
        node = self._layout.node_of.get(item_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(self._layout.rows[node], 0, node)

    # -- QAbstractItemModel ----------------------------------------------------------------
    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if self._layout is None or column != 0 or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        kids = self._layout.children[parent.internalId() if parent.isValid() else 0]
        if row >= len(kids):
            return QModelIndex()
        return self.createIndex(row, 0, kids[row])

    def parent(self, index: ModelIndex | None = None) -> Any:  # type: ignore[override]
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid() or self._layout is None:
            return QModelIndex()
        parent_node = self._layout.parents[index.internalId()]
        if parent_node == 0:
            return QModelIndex()
        return self.createIndex(self._layout.rows[parent_node], 0, parent_node)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        if self._layout is None:
            return 0
        if parent.isValid():
            if parent.column() != 0:
                return 0
            return len(self._layout.children[parent.internalId()])
        return len(self._layout.children[0])

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 1

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return self.rowCount(parent) > 0

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.hasChildren(index):
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_at(index)
        if item is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return item.name
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tree.path_text(item.id)
            details = item.fields_text()
            if details:
                tip += "\n" + details
            if item.archived:
                tip += f"\nArchived ({item.archive_reason or 'closed'})"
            return plain_tooltip(tip)
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(item.kind.value)
        if role == ITEM_ID_ROLE:
            return item.id
        if role == PATH_ROLE:
            return self._tree.path_text(item.id)
        if role == FIELDS_ROLE:
            return item.fields_text()
        if role == ARCHIVED_ROLE:
            return item.archived
        if role == Qt.ItemDataRole.ForegroundRole and item.archived:
            return QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == Qt.ItemDataRole.FontRole and item.is_root:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Task"
        return None
