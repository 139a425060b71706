"""A one-line plain-text label that elides with "…" and shows the full text as a tooltip.

Text from Salesforce goes through here: it is painted with QPainter.drawText, which never
interprets markup, so a record named "<b>x</b><img src=...>" shows exactly those characters.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.domain.text import escape_markup, one_line
from desktop.services.early_qt import ALIGN_LEFT_VCENTER


class ElidedLabel(QWidget):
    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        elide_middle: bool = False,
    ) -> None:
        """Elides at the end, or in the middle (paths: both ends stay readable)."""
        super().__init__(parent)
        self._text = ""
        self._elide_middle = elide_middle
        self._tooltip_override: str | None = None
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        text = one_line(text)
        if text == self._text:
            return
        self._text = text
        self.setAccessibleName(text)
        self._update_tooltip()
        self.updateGeometry()
        self.update()

    def setExtraToolTip(self, text: str | None) -> None:  # noqa: N802
        """A tooltip shown whatever the width (e.g. the full path), instead of the text."""
        self._tooltip_override = text
        self._update_tooltip()

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self._text) > self.width()

    def displayed_text(self) -> str:
        if not self.is_elided():
            return self._text
        return elided(self._text, self.fontMetrics().horizontalAdvance, self.width(),
                      middle=self._elide_middle)

    def sizeHint(self) -> QSize:  # noqa: N802
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self._text) + 2, metrics.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("...") * 2, metrics.height())

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        self._update_tooltip()

    def changeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().changeEvent(event)
        self.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)  # its pen is the widget's foreground colour already
        painter.drawText(self.rect(), ALIGN_LEFT_VCENTER, self.displayed_text())

    def _update_tooltip(self) -> None:
        if self._tooltip_override is not None:
            self.setToolTip(plain_tooltip(self._tooltip_override))
        else:
            self.setToolTip(plain_tooltip(self._text) if self.is_elided() else "")


ELLIPSIS = "…"


def elided(text: str, advance: Callable[[str], int], width: int, middle: bool = False) -> str:
    """The longest cut of `text` with "…" at the end (or in the middle) whose `advance` fits
    `width`. Done here rather than with QFontMetrics.elidedText, whose mode argument is one
    of the `Qt` namespace's enums: building them (~13 ms) would fall in the first paint
    whenever a label there is too long (see desktop.services.early_qt)."""
    if advance(text) <= width:
        return text

    def cut(keep: int) -> str:
        if not middle:
            return text[:_boundary(text, keep)].rstrip() + ELLIPSIS
        head = _boundary(text, (keep + 1) // 2)
        tail = _boundary(text, len(text) - keep // 2)
        return text[:head].rstrip() + ELLIPSIS + text[tail:].lstrip()

    low, high = 0, len(text)  # the most characters kept that still fit
    while low < high:
        keep = (low + high + 1) // 2
        if advance(cut(keep)) <= width:
            low = keep
        else:
            high = keep - 1
    return cut(low) if low or advance(ELLIPSIS) <= width else ""


def _boundary(text: str, index: int) -> int:
    """`index`, moved back so that no combining mark is cut from its letter."""
    import unicodedata

    while 0 < index < len(text) and unicodedata.combining(text[index]):
        index -= 1
    return index


def muted_color(palette: QPalette, text_role: QPalette.ColorRole = QPalette.ColorRole.WindowText,
                background_role: QPalette.ColorRole = QPalette.ColorRole.Window) -> QColor:
    """Secondary text: the text colour blended towards the background, readable in light
    and dark themes (the "disabled" colour is too faint for text people read)."""
    text = palette.color(text_role)
    back = palette.color(background_role)
    mix = 0.55
    return QColor(
        round(text.red() * mix + back.red() * (1 - mix)),
        round(text.green() * mix + back.green() * (1 - mix)),
        round(text.blue() * mix + back.blue() * (1 - mix)),
    )


def plain_tooltip(text: str) -> str:
    """Tooltips guess rich text from a leading tag: escape so they always show plain text."""
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{escape_markup(text)}</p>"

