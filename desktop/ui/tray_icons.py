"""Stint's SVG icons (resources/icons), rendered crisp at any size and device pixel ratio.

Icons are drawn with QSvgRenderer into pixmaps for the usual tray/menu/window sizes at 1x
and 2x, so they are sharp whatever icon engine plugins the Qt installation has.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

log = logging.getLogger(__name__)

_SIZES = (16, 20, 22, 24, 32, 48, 64, 128, 256)


class TrayState(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    SYNCING = "syncing"
    ERROR = "error"


def resources_dir() -> Path:
    """The repository's resources/ folder (next to the package in a checkout or install)."""
    here = Path(__file__).resolve()
    for candidate in (here.parents[2] / "resources", here.parents[1] / "resources"):
        if candidate.is_dir():
            return candidate
    return here.parents[2] / "resources"


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / f"{name}.svg"


def render_svg(path: Path, size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    """One pixmap of the SVG at `size` logical pixels (transparent when the file is bad)."""
    pixels = max(1, round(size * device_pixel_ratio))
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(str(path))
    if renderer.isValid():
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, pixels, pixels))
        painter.end()
    else:
        log.warning("icon %s could not be read", path)
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


@cache
def svg_icon(name: str) -> QIcon:
    """The named icon (e.g. "stint", "start", "tray-running") with pixmaps for every size."""
    path = icon_path(name)
    icon = QIcon()
    for size in _SIZES:
        for ratio in (1.0, 2.0):
            icon.addPixmap(render_svg(path, size, ratio))
    return icon


def tray_icon(state: TrayState) -> QIcon:
    return svg_icon(f"tray-{state.value}")


def app_icon() -> QIcon:
    return svg_icon("stint")


def icon_sizes() -> tuple[QSize, ...]:
    return tuple(QSize(size, size) for size in _SIZES)
