"""The search box's frame, drawn once and then copied.

Every keystroke repaints the whole search box, frame included. Fusion (Qt's style on Linux
desktops without a platform theme, and offscreen) strokes that frame as antialiased rounded
rectangles: ~0.3 ms of each keystroke, a tenth of repainting a list of new results
(tests/bench/bench_picker.py). The search box gets the app's style through a proxy that draws
the frame into a pixmap once per size, state and palette, and copies it from then on.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionFrame,
    QWidget,
)

_FRAME = QStyle.PrimitiveElement.PE_FrameLineEdit
# Styles whose line edit frame depends only on what the key below holds (no animation, no
# hover tracking through the widget): for others the search box keeps the app's own drawing.
_STYLES = {"fusion"}
_KEPT = 8  # frames kept (focused or not, a size or two, a palette or two)


class _CachedFrame(QProxyStyle):
    def __init__(self, name: str) -> None:
        super().__init__(name)  # its own instance of the style: the app keeps its one
        self._frames: dict[tuple, QPixmap] = {}

    def drawPrimitive(  # noqa: N802 (Qt override)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element != _FRAME or not isinstance(option, QStyleOptionFrame):
            super().drawPrimitive(element, option, painter, widget)
            return
        ratio = painter.device().devicePixelRatioF()
        rect = option.rect
        key = (rect.width(), rect.height(), option.state.value, option.lineWidth,
               option.palette.cacheKey(), option.direction.value, ratio)
        frame = self._frames.get(key)
        if frame is None:
            frame = self._draw_frame(option, widget, ratio)
            if len(self._frames) >= _KEPT:
                self._frames.clear()
            self._frames[key] = frame
        painter.drawPixmap(rect.topLeft(), frame)

    def _draw_frame(self, option: QStyleOptionFrame, widget: QWidget | None,
                    ratio: float) -> QPixmap:
        size = option.rect.size()
        frame = QPixmap(QSize(round(size.width() * ratio), round(size.height() * ratio)))
        frame.setDevicePixelRatio(ratio)
        frame.fill(Qt.GlobalColor.transparent)
        at_origin = QStyleOptionFrame(option)
        at_origin.rect = QRect(QPoint(0, 0), size)
        painter = QPainter(frame)
        super().drawPrimitive(_FRAME, at_origin, painter, widget)
        painter.end()
        return frame


def cache_the_frame(line_edit: QLineEdit) -> bool:
    """Give `line_edit` the app's style, with its frame drawn once and then copied (for the
    styles in _STYLES). Whether it did."""
    name = QApplication.style().name().lower()
    if name not in _STYLES:
        return False
    style = _CachedFrame(name)
    style.setParent(line_edit)  # (setStyle does not take ownership)
    line_edit.setStyle(style)
    return True
