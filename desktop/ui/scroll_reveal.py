"""Scrolling a widget a scroll area holds into view, all of it, right after it was shown."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QScrollArea, QWidget

LAYOUT_DEPTH = 8  # layouts nested between a widget and its scroll area's content, with room to spare
MARGIN = 12  # px kept around what is scrolled into view


def reveal(scroll: QScrollArea, widget: QWidget) -> None:
    """Scroll `widget` (inside `scroll`'s content) fully into view. Once the layouts have
    placed it: a widget just shown asks its parent's layout, which asks its own parent's on
    the next turn of the event loop, and so on up to the content; they are all done here."""
    for _level in range(LAYOUT_DEPTH):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    # Not ensureWidgetVisible: for a line edit it settles for the text cursor being visible.
    top = widget.mapTo(scroll.widget(), widget.rect().topLeft())
    half = widget.height() // 2
    scroll.ensureVisible(top.x(), top.y() + half, 0, half + MARGIN)
