"""Keeping a window inside its screen: at a large scale (QT_SCALE_FACTOR=2 on a 1280x800
screen leaves 640x400 logical pixels) the default and minimum sizes may not fit, and a size
saved on another screen may not either."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for a window manager's frame and title bar, which the window's own size leaves out.
FRAME_ALLOWANCE = (16, 48)


def fit_to_screen(window: QWidget, minimum: tuple[int, int]) -> None:
    """Shrink `window` (and its minimum size) to its screen's available area, and move it
    back inside when it lies partly outside."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    room_width = max(1, area.width() - FRAME_ALLOWANCE[0])
    room_height = max(1, area.height() - FRAME_ALLOWANCE[1])
    window.setMinimumSize(min(minimum[0], room_width), min(minimum[1], room_height))
    width, height = min(window.width(), room_width), min(window.height(), room_height)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(window.x(), area.left()), area.right() - width - FRAME_ALLOWANCE[0] + 1)
    y = min(max(window.y(), area.top()), area.bottom() - height - FRAME_ALLOWANCE[1] + 1)
    if (x, y) != (window.x(), window.y()):
        window.move(max(x, area.left()), max(y, area.top()))
