"""The Billable cells: a check box in the middle of the cell, toggled by a click anywhere in
the cell (a small box at the cell's edge is easy to miss), drawn by the style."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem


class CenteredCheckDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        style = item.widget.style() if item.widget else QApplication.style()
        check_state = item.checkState
        size = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, item,
                                    item.widget).size()
        item.features &= ~QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        box = QStyleOptionViewItem(option)
        box.rect = QRect(0, 0, size.width(), size.height())
        box.rect.moveCenter(option.rect.center())
        box.state = option.state & ~QStyle.StateFlag.State_HasFocus
        box.state |= (QStyle.StateFlag.State_On if check_state == Qt.CheckState.Checked
                      else QStyle.StateFlag.State_Off)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, box, painter,
                            item.widget)

    def editorEvent(  # noqa: N802 (Qt override)
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if not index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            return isinstance(event, QMouseEvent) and event.button() == Qt.MouseButton.LeftButton
        toggle = False
        if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            toggle = (event.button() == Qt.MouseButton.LeftButton
                      and option.rect.contains(event.position().toPoint()))
        elif kind == QEvent.Type.KeyPress:
            toggle = event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select)
        if not toggle:
            return False
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        new_state = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        return model.setData(index, new_state, Qt.ItemDataRole.CheckStateRole)
