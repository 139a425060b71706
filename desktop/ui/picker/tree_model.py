"""The project/task tree as a Qt item model, over a TreeLayout prepared off the GUI thread.

Indexes carry the layout's node number as their internal id, so parent(), index() and
rowCount() are plain list lookups: the model stays instant with 200,000 items. A new layout
(after a sync) replaces the old one with a model reset; the view restores expansion and
selection by item id (see TaskTreeView in task_picker.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from desktop.domain.items import Item
from desktop.domain.text import fill
from desktop.domain.tree import TaskTree
from desktop.services.task_catalog import TreeLayout
from desktop.ui.elided_label import plain_tooltip
from desktop.ui.icons import kind_icon

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PATH_ROLE = Qt.ItemDataRole.UserRole + 2
FIELDS_ROLE = Qt.ItemDataRole.UserRole + 3
ARCHIVED_ROLE = Qt.ItemDataRole.UserRole + 4

ModelIndex = QModelIndex | QPersistentModelIndex
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_NODE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_LEAF_FLAGS = _NODE_FLAGS | Qt.ItemFlag.ItemNeverHasChildren


translate = QCoreApplication.translate  # by this name, pyside6-lupdate finds the texts

ARCHIVE_REASONS = {  # why an item was archived (domain values), translated where shown
    "closed": QT_TRANSLATE_NOOP("TaskTreeModel", "closed"),
    "deleted": QT_TRANSLATE_NOOP("TaskTreeModel", "deleted"),
    "not visible": QT_TRANSLATE_NOOP("TaskTreeModel", "not visible"),
    "excluded": QT_TRANSLATE_NOOP("TaskTreeModel", "excluded"),
}


def archived_note(reason: str | None) -> str:
    """ "Archived (closed)" in the user's language (an unknown reason as it is)."""
    reason = reason or "closed"
    why = translate("TaskTreeModel", ARCHIVE_REASONS[reason]) if reason in ARCHIVE_REASONS else reason
    return fill(translate("TaskTreeModel", "Archived (%1)"), why)


def archived_prefix() -> str:
    """ "Archived · " before an archived task's details."""
    return translate("TaskTreeModel", "Archived · ")


class TaskTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._layout: TreeLayout | None = None
        self._tree = TaskTree(())

    def set_layout(self, layout: TreeLayout | None, tree: TaskTree) -> None:
        self.beginResetModel()
        self._layout = layout
        self._tree = tree if layout is None else layout.tree
        self.endResetModel()

    def has_layout(self) -> bool:
        return self._layout is not None

    # -- lookups -------------------------------------------------------------------------
    def item_at(self, index: ModelIndex) -> Item | None:
        if not index.isValid() or self._layout is None:
            return None
        return self._tree.table.item(self._layout.position(index.internalId()))

    def index_of(self, item_id: str | None) -> QModelIndex:
        """The index of an item, or an invalid index when the layout does not show it."""
        if self._layout is None or item_id is None:
            return QModelIndex()
        node = self._layout.node_of(item_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(self._layout.row(node), 0, node)

    # -- QAbstractItemModel ----------------------------------------------------------------
    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if self._layout is None or column != 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        node = self._layout.child(parent.internalId() if parent.isValid() else 0, row)
        if node is None:
            return QModelIndex()
        return self.createIndex(row, 0, node)

    def parent(self, index: ModelIndex | None = None) -> Any:  # type: ignore[override]
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid() or self._layout is None:
            return QModelIndex()
        parent_node = self._layout.parent(index.internalId())
        if parent_node == 0:
            return QModelIndex()
        return self.createIndex(self._layout.row(parent_node), 0, parent_node)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        if self._layout is None:
            return 0
        if parent.isValid():
            if parent.column() != 0:
                return 0
            return self._layout.child_count(parent.internalId())
        return self._layout.child_count(0)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 1

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        if self._layout is None:
            return False
        if not parent.isValid():
            return self._layout.child_count(0) > 0
        return parent.column() == 0 and self._layout.child_count(parent.internalId()) > 0

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        # The view asks twice per row when it lays out the tree (100,000 rows under an open
        # "Salesforce"): the flags are built once, not with enum operations per call.
        if not index.isValid() or self._layout is None:
            return _NO_FLAGS
        return _NODE_FLAGS if self._layout.child_count(index.internalId()) else _LEAF_FLAGS

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._layout is None:
            return None
        # column reads by table position: the view asks for several roles of each visible
        # row on every paint, and building an Item for each would cost more than the paint
        position = self._layout.position(index.internalId())
        table = self._tree.table
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return table.name_at(position)
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(table.kind_at(position).value)
        if role == ITEM_ID_ROLE:
            return table.id_at(position)
        if role == ARCHIVED_ROLE:
            return table.is_archived(position)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not table.is_archived(position):
                return None
            return QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == Qt.ItemDataRole.FontRole:
            if position != self._tree.root_position:
                return None
            font = QFont()
            font.setBold(True)
            return font
        if role == PATH_ROLE:
            return self._tree.path_text_at(position)
        if role == FIELDS_ROLE:
            return table.item(position).fields_text()
        if role == Qt.ItemDataRole.ToolTipRole:
            item = table.item(position)
            tip = self._tree.path_text_at(position)
            details = item.fields_text()
            if details:
                tip += "\n" + details
            if item.archived:
                tip += "\n" + archived_note(item.archive_reason)
            return plain_tooltip(tip)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Task")
        return None
