"""The picker's results list: repaints the rows a keystroke changed, and only those.

QListView answers any change of its rows' data by laying every row out again (a row's size
may have changed), and a layout repaints every row on screen: a key that changes one result
repainted all eleven. The results' rows all have one height (uniform item sizes) that their
data never changes, so this view lays nothing out and repaints just the changed rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

ModelIndex = QModelIndex | QPersistentModelIndex


class ResultsView(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(True)  # (what makes skipping the layout right)
        # Its own viewport, made here: the first viewport() of a view Qt made costs ~20 ms
        # (PySide making the Python side of the widget Qt made, enums and all).
        viewport = self._viewport = QWidget()
        # what QAbstractScrollArea gives the viewport it makes (setViewport does not)
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setViewport(viewport)

    def dataChanged(  # noqa: N802 (Qt override)
        self, top_left: ModelIndex, bottom_right: ModelIndex, roles: Sequence[int] = ()
    ) -> None:
        if top_left == bottom_right or QAccessible.isActive() or not top_left.isValid():
            # One row: the item view repaints just it; with a screen reader running, the
            # item view also tells it what changed.
            QAbstractItemView.dataChanged(self, top_left, bottom_right, list(roles))
            return
        # (the item view would repaint every row on screen for a range)
        self._viewport.update(self.visualRect(top_left).united(self.visualRect(bottom_right)))
