"""A widget floating over the foot of another (the error banner over the pages): it takes no
place in a layout, so showing or hiding it never moves the controls around it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

MARGIN = 8


class BottomOverlay(QObject):
    """Keeps `floating` (a sibling of `anchor`, or a child of one of its ancestors) across
    the bottom of `anchor`, as tall as its text needs, on top of it."""

    def __init__(self, floating: QWidget, anchor: QWidget) -> None:
        super().__init__(floating)
        self._floating = floating
        self._anchor = anchor
        floating.installEventFilter(self)
        anchor.installEventFilter(self)

    def place(self) -> None:
        floating, anchor = self._floating, self._anchor
        if not floating.isVisible():
            return
        parent = floating.parentWidget()
        top_left = anchor.mapTo(parent, anchor.rect().topLeft()) if parent is not anchor else (
            anchor.rect().topLeft())
        width = max(0, anchor.width() - 2 * MARGIN)
        height = (floating.heightForWidth(width) if floating.hasHeightForWidth()
                  else floating.sizeHint().height())
        height = min(max(height, floating.minimumSizeHint().height()), anchor.height())
        floating.setGeometry(top_left.x() + MARGIN,
                             top_left.y() + anchor.height() - height - MARGIN, width, height)
        floating.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if watched is self._anchor and kind in (QEvent.Type.Resize, QEvent.Type.Move) or watched is self._floating and kind in (QEvent.Type.Show,
                                                     QEvent.Type.LayoutRequest):
            self.place()
        return False
