"""Settings locked by the admin policy: disabled, with a padlock and "Set by your administrator"."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

LOCKED_TOOLTIP = QT_TRANSLATE_NOOP("Locks", "Set by your administrator")
_ICON: QIcon | None = None


def lock_icon() -> QIcon:
    """A padlock, drawn at several sizes so it stays crisp at any scale."""
    global _ICON
    if _ICON is None:
        themed = QIcon.fromTheme("changes-prevent")
        _ICON = themed if not themed.isNull() else _drawn_padlock()
    return _ICON


def _drawn_padlock() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor("#6d6d6d")
        unit = size / 16
        pen = QPen(color, 1.6 * unit)
        painter.setPen(pen)
        shackle = QPainterPath()
        shackle.moveTo(QPointF(5 * unit, 8 * unit))
        shackle.lineTo(QPointF(5 * unit, 5.5 * unit))
        shackle.arcTo(QRectF(5 * unit, 2 * unit, 6 * unit, 6 * unit), 180, -180)
        shackle.lineTo(QPointF(11 * unit, 8 * unit))
        painter.drawPath(shackle)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(3 * unit, 7.5 * unit, 10 * unit, 7 * unit), unit, unit)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def locked_tooltip() -> str:
    """"Set by your administrator" in the user's language."""
    return QCoreApplication.translate("Locks", LOCKED_TOOLTIP)


def lock_badge(parent: QWidget) -> QLabel:
    """A small padlock label to put next to a locked control (hidden until locked)."""
    badge = QLabel(parent)
    size = parent.fontMetrics().height()
    badge.setPixmap(lock_icon().pixmap(size, size))
    badge.setToolTip(locked_tooltip())
    badge.setAccessibleName(locked_tooltip())
    badge.hide()
    return badge


def set_locked(widgets: Iterable[QWidget], badge: QLabel | None, locked: bool,
               unlocked_tooltip: str = "") -> None:
    """Disable `widgets` (with the administrator tooltip) and show `badge` when locked."""
    for widget in widgets:
        widget.setEnabled(not locked)
        widget.setToolTip(locked_tooltip() if locked else unlocked_tooltip)
    if badge is not None:
        badge.setVisible(locked)
