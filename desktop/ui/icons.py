"""Stint's SVG icons (resources/icons), rendered crisp at any size and device pixel ratio.

Icons are drawn with QSvgRenderer by a small QIconEngine, at exactly the size and device pixel
ratio asked for and only when asked, so they are sharp on any screen and whatever icon engine
plugins the Qt installation has.
"""

from __future__ import annotations

import logging
import sys
from enum import StrEnum
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

log = logging.getLogger(__name__)

_SIZES = (16, 20, 22, 24, 32, 48, 64, 128, 256)


class TrayState(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    SYNCING = "syncing"
    ERROR = "error"


def resources_dir() -> Path:
    """The folder holding icons/: resources/ beside the package in a checkout (or an editable
    install), else <prefix>/share/stint where a wheel install puts them (pyproject data-files)."""
    here = Path(__file__).resolve()
    checkout = here.parents[2] / "resources"
    for candidate in (checkout, Path(sys.prefix) / "share" / "stint"):
        if (candidate / "icons").is_dir():
            return candidate
    return checkout


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / f"{name}.svg"


def render_svg(
    path: Path, size: int, device_pixel_ratio: float = 1.0, faded: bool = False
) -> QPixmap:
    """One pixmap of the SVG at `size` logical pixels (transparent when the file is bad);
    `faded` draws it at low opacity, for disabled actions. GUI thread only (a QPixmap), as
    Qt calls icon engines there."""
    pixels = max(1, round(size * device_pixel_ratio))
    # (QPixmap.fill(QColor), not QImage.fill: resolving QImage.fill's overloads reads the Qt
    # namespace, which the first paint does without; see desktop.services.early_qt.)
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(QColor(0, 0, 0, 0))  # transparent
    renderer = QSvgRenderer(str(path))
    if renderer.isValid():
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if faded:
            painter.setOpacity(0.4)
        renderer.render(painter, QRectF(0, 0, pixels, pixels))
        painter.end()
    else:
        log.warning("icon %s could not be read", path)
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


class SvgIconEngine(QIconEngine):
    """Renders the SVG at exactly the size and device pixel ratio asked for, when asked,
    and keeps the result (no dependence on Qt's optional SVG icon plugin)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path
        self._cache: dict[tuple[int, int, int], QPixmap] = {}

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        size = min(rect.width(), rect.height())
        pixmap = self.scaledPixmap(QSize(size, size), mode, state, ratio)
        painter.drawPixmap(rect.topLeft(), pixmap)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(  # noqa: N802 - Qt naming
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        key = (side, round(scale * 100), int(mode == QIcon.Mode.Disabled))
        pixmap = self._cache.get(key)
        if pixmap is None:
            pixmap = render_svg(self._path, side, scale, faded=mode == QIcon.Mode.Disabled)
            self._cache[key] = pixmap
        return pixmap

    def availableSizes(  # noqa: N802 - Qt naming
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        # Scalable, but tray protocols (StatusNotifierItem) ship a list of fixed sizes.
        return list(icon_sizes())

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._path)

    def key(self) -> str:
        return "stint-svg"


@cache
def svg_icon(name: str) -> QIcon:
    """The named icon (e.g. APP_ICON, "start", "tray-running"), crisp at any size."""
    return QIcon(SvgIconEngine(icon_path(name)))


def tray_icon(state: TrayState) -> QIcon:
    return svg_icon(f"tray-{state.value}")


APP_ICON = "io.stint.Stint"  # named as the app id, the name desktop entries ask the theme for


def app_icon() -> QIcon:
    return svg_icon(APP_ICON)


def kind_icon(kind: str) -> QIcon:
    """The small icon of an item kind (project, opportunity, case, activity)."""
    return svg_icon(f"kind-{kind}")


def icon_sizes() -> tuple[QSize, ...]:
    return tuple(QSize(size, size) for size in _SIZES)
