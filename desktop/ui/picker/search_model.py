"""Search results as a flat list model, and the two-line delegate that paints them.

Each row shows the task name and, below it in a smaller muted font, where it lives and its
key fields ("Salesforce > Acme - 500 Widgets · Prospecting"). Painting is plain drawText:
nothing from Salesforce is ever interpreted as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from desktop.domain.items import Item
from desktop.domain.tree import PATH_SEPARATOR
from desktop.ui.elided_label import muted_color, plain_tooltip
from desktop.ui.icons import kind_icon
from desktop.ui.picker.tree_model import (
    ARCHIVED_ROLE,
    FIELDS_ROLE,
    ITEM_ID_ROLE,
    PATH_ROLE,
)

ModelIndex = QModelIndex | QPersistentModelIndex


class TaskSearchModel(QAbstractListModel):
    """The ranked results of one query (at most a few dozen rows)."""

    def __init__(
        self, path_of: Callable[[str], str], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._path_of = path_of  # item id -> "Salesforce > Acme > Call back"
        self._items: list[Item] = []

    def set_results(self, items: Sequence[Item]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> Item | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def items(self) -> list[Item]:
        return list(self._items)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0:
            return None
        item = self.item_at(index.row())
        if item is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return item.name
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(item.kind.value)
        if role == ITEM_ID_ROLE:
            return item.id
        if role == PATH_ROLE:
            return self._parent_path(item)
        if role == FIELDS_ROLE:
            return ("Archived · " if item.archived else "") + item.fields_text()
        if role == ARCHIVED_ROLE:
            return item.archived
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._path_of(item.id)
            details = item.fields_text()
            return plain_tooltip(f"{tip}\n{details}" if details else tip)
        return None

    def _parent_path(self, item: Item) -> str:
        path = self._path_of(item.id)
        cut = path.rfind(PATH_SEPARATOR)
        return path[:cut] if cut > 0 else path


class TaskResultDelegate(QStyledItemDelegate):
    """Two lines per task: the name, then its parent path and key fields, muted."""

    MARGIN = 6
    ICON_SIZE = 20

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        main = QFontMetrics(option.font)
        small = QFontMetrics(self._small_font(option.font))
        return QSize(200, main.height() + small.height() + 2 * self.MARGIN + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        # imported here: PySide builds QStyle's many enums on first access (~6 ms), a cost
        # for the first result painted rather than for the window's first paint
        from PySide6.QtWidgets import QStyle

        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        painter.save()
        option.text = ""  # the background and focus frame only; text and icon are ours
        option.icon = QIcon()
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if option.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = option.rect.adjusted(self.MARGIN * 2, self.MARGIN, -self.MARGIN * 2, -self.MARGIN)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if icon is not None:
            size = self.ICON_SIZE
            icon.paint(painter, rect.x(), rect.y() + (rect.height() - size) // 2, size, size)
            rect.setLeft(rect.left() + size + self.MARGIN + 2)
        main = QFontMetrics(option.font)
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.setFont(option.font)
        archived = bool(index.data(ARCHIVED_ROLE))
        painter.setPen(
            muted_color(option.palette, QPalette.ColorRole.Text, QPalette.ColorRole.Base)
            if archived and not selected
            else option.palette.color(group, text_role)
        )
        painter.drawText(
            rect.adjusted(0, 0, 0, -(rect.height() - main.height())),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            main.elidedText(name, Qt.TextElideMode.ElideRight, rect.width()),
        )
        second = " · ".join(
            part
            for part in (str(index.data(PATH_ROLE) or ""), str(index.data(FIELDS_ROLE) or ""))
            if part
        )
        small_font = self._small_font(option.font)
        small = QFontMetrics(small_font)
        painter.setFont(small_font)
        muted = option.palette.color(group, text_role)
        if not selected:
            muted = muted_color(option.palette, QPalette.ColorRole.Text, QPalette.ColorRole.Base)
        painter.setPen(muted)
        painter.drawText(
            rect.adjusted(0, main.height() + 1, 0, 0),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
            small.elidedText(second, Qt.TextElideMode.ElideMiddle, rect.width()),
        )
        painter.restore()

    @staticmethod
    def _small_font(font: QFont) -> QFont:
        small = QFont(font)
        if small.pointSizeF() > 0:
            small.setPointSizeF(max(7.0, small.pointSizeF() * 0.86))
        else:
            small.setPixelSize(max(9, int(small.pixelSize() * 0.86)))
        return small


def item_id_of(index: ModelIndex) -> str | None:
    value = index.data(ITEM_ID_ROLE) if index.isValid() else None
    return str(value) if value is not None else None
