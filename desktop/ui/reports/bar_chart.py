"""A horizontal bar chart of a report, painted with QPainter: one bar per group, billable time
solid and the rest outlined, so the two read apart without colour too.

Everything is drawn in logical pixels from the widget's palette and font: crisp at any
device pixel ratio and right in dark mode. Names are drawn with drawText (never markup) and
elided in the middle when long; as many bars as fit are shown, the rest counted in a last
line. Hovering a bar shows its exact figures; clicking one emits `bar_clicked(index)`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.domain.durations import format_hm, format_hms
from desktop.domain.text import fill
from desktop.ui.elided_label import plain_tooltip

MARGIN = 12.0
GAP = 10.0
NICE_STEPS_HOURS = (0.25, 0.5, 1, 2, 4, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)  # 1-5 lines


@dataclass(frozen=True)
class Bar:
    label: str
    billable_seconds: int
    other_seconds: int
    muted: bool = False  # a bucket (no task, no account...): its label in italics

    @property
    def seconds(self) -> int:
        return self.billable_seconds + self.other_seconds


def blend(first: QColor, second: QColor, share_of_first: float) -> QColor:
    rest = 1.0 - share_of_first
    return QColor.fromRgbF(
        first.redF() * share_of_first + second.redF() * rest,
        first.greenF() * share_of_first + second.greenF() * rest,
        first.blueF() * share_of_first + second.blueF() * rest,
    )


class BarChart(QWidget):
    bar_clicked = Signal(int)

    def __init__(
        self, format_duration: Callable[[timedelta], str] = format_hm, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportChart")
        self._format = format_duration
        self._bars: tuple[Bar, ...] = ()
        self._message = ""
        self._bar_rects: list[QRectF] = []  # hit areas of the bars painted last
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Chart of the report"))

    # -- content ---------------------------------------------------------------------------
    def set_bars(self, bars: Sequence[Bar]) -> None:
        self._bars = tuple(bars)
        self._message = ""
        self.setAccessibleDescription(
            "; ".join(f"{bar.label}: {self._format(timedelta(seconds=bar.seconds))}" for bar in bars)
        )
        self.update()

    def set_message(self, text: str) -> None:
        """Show `text` instead of bars (nothing recorded, loading...)."""
        self._bars = ()
        self._message = text
        self.setAccessibleDescription(text)
        self.update()

    def bars(self) -> tuple[Bar, ...]:
        return self._bars

    def message(self) -> str:
        return self._message

    def shown_bars(self) -> int:
        """How many bars the last paint fitted in (the rest are counted in the last line)."""
        return len(self._bar_rects)

    # -- geometry --------------------------------------------------------------------------
    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font())

    def _row_height(self) -> float:
        return max(18.0, self._metrics().height() + 6.0)

    def sizeHint(self) -> QSize:  # noqa: N802
        rows = max(3, len(self._bars))
        height = 2 * MARGIN + 3 * self._metrics().height() + rows * self._row_height() + 2 * GAP
        return QSize(480, int(height))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        height = 2 * MARGIN + 3 * self._metrics().height() + 2 * self._row_height()
        return QSize(240, int(height))

    # -- painting --------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_color = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        self._bar_rects = []
        area = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        if not self._bars:
            painter.setPen(muted)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self._message)
            return
        metrics = self._metrics()
        line = metrics.height()
        solid = palette.color(QPalette.ColorRole.Highlight)
        light = blend(solid, palette.color(QPalette.ColorRole.Base), 0.3)
        top = self._paint_legend(painter, area, solid, light, text_color)

        row_height = self._row_height()
        room = area.bottom() - top - line - GAP  # the axis labels go below the bars
        shown = self._bars
        if len(shown) * row_height > room:  # and a line saying how many more there are
            shown = shown[: max(1, int((room - line) // row_height))]
        longest = max(bar.seconds for bar in self._bars) or 1
        label_width = min(
            max(metrics.horizontalAdvance(bar.label) for bar in shown) + GAP,
            area.width() * 0.38,
        )
        value_width = metrics.horizontalAdvance(self._format(timedelta(seconds=longest))) + GAP
        left = area.left() + label_width
        width = max(10.0, area.width() - label_width - value_width)
        step = _nice_step(longest)
        scale = -(-longest // step) * step  # the longest bar, rounded up to a whole step
        full = scale / width  # seconds per pixel

        self._paint_grid(painter, left, full, top, top + row_height * len(shown), scale, step,
                         muted)
        for position, bar in enumerate(shown):
            y = top + position * row_height
            label_rect = QRectF(area.left(), y, label_width - GAP, row_height)
            font = painter.font()
            font.setItalic(bar.muted)
            painter.setFont(font)
            painter.setPen(text_color)
            painter.drawText(
                label_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(bar.label, Qt.TextElideMode.ElideMiddle, label_rect.width()),
            )
            font.setItalic(False)
            painter.setFont(font)
            thickness = row_height * 0.7
            bar_top = y + (row_height - thickness) / 2
            billable = QRectF(left, bar_top, bar.billable_seconds / full, thickness)
            other = QRectF(billable.right(), bar_top, bar.other_seconds / full, thickness)
            painter.fillRect(billable, solid)
            if other.width() > 0:
                painter.fillRect(other, light)
                painter.setPen(QPen(solid, 1.0))
                painter.drawRect(other.adjusted(0.5, 0.5, -0.5, -0.5))
            self._bar_rects.append(QRectF(area.left(), y, area.width(), row_height))
            painter.setPen(text_color)
            painter.drawText(
                QRectF(other.right() + GAP / 2, y, value_width, row_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self._format(timedelta(seconds=bar.seconds)),
            )
        if len(shown) < len(self._bars):
            painter.setPen(muted)
            more = len(self._bars) - len(shown)
            painter.drawText(
                QRectF(left, top + row_height * len(shown) + line + GAP, width, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.tr("… and %n more in the table", "", more),
            )

    def _paint_legend(
        self, painter: QPainter, area: QRectF, solid: QColor, light: QColor, text: QColor
    ) -> float:
        """The legend at the top right; returns where the bars start."""
        metrics = self._metrics()
        line = metrics.height()
        swatch = line * 0.7
        entries = [(self.tr("Billable"), solid, False), (self.tr("Not billable"), light, True)]
        x = area.right()
        for label, color, outlined in reversed(entries):
            x -= metrics.horizontalAdvance(label)
            painter.setPen(text)
            painter.drawText(QPointF(x, area.top() + metrics.ascent()), label)
            x -= swatch + 6
            box = QRectF(x, area.top() + (line - swatch) / 2, swatch, swatch)
            painter.fillRect(box, color)
            if outlined:
                painter.setPen(QPen(solid, 1.0))
                painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
            x -= 2 * GAP
        return area.top() + line + GAP

    def _paint_grid(
        self, painter: QPainter, left: float, seconds_per_pixel: float, top: float,
        bottom: float, scale: int, step: int, color: QColor,
    ) -> None:
        """Faint lines at whole steps of time up to `scale`, labelled under the bars."""
        faint = QColor(color)
        faint.setAlphaF(0.35)
        metrics = self._metrics()
        for tick in range(0, scale + 1, step):
            x = round(left + tick / seconds_per_pixel) + 0.5  # on a pixel: a sharp line
            painter.setPen(QPen(faint, 1.0))
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            painter.setPen(color)
            label = self._format(timedelta(seconds=tick))
            painter.drawText(QPointF(x - metrics.horizontalAdvance(label) / 2,
                                     bottom + metrics.ascent() + 2), label)

    # -- interaction -----------------------------------------------------------------------
    def bar_at(self, x: float, y: float) -> int:
        for index, rect in enumerate(self._bar_rects):
            if rect.contains(x, y):
                return index
        return -1

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            index = self.bar_at(event.position().x(), event.position().y())
            if index >= 0:
                bar = self._bars[index]
                QToolTip.showText(event.globalPosition().toPoint(), self._tooltip(bar), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.bar_at(event.position().x(), event.position().y())
        if index >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.bar_clicked.emit(index)
        super().mouseReleaseEvent(event)

    def _tooltip(self, bar: Bar) -> str:
        return plain_tooltip(fill(  # one pass: a "%2" in a record's name stays as it is
            self.tr("%1\nTotal %2 · billable %3 · not billable %4"), bar.label,
            format_hms(timedelta(seconds=bar.seconds)),
            format_hms(timedelta(seconds=bar.billable_seconds)),
            format_hms(timedelta(seconds=bar.other_seconds))))


def _nice_step(longest_seconds: int) -> int:
    """A round step for the grid: about four to six lines across the longest bar."""
    hours = longest_seconds / 3600
    for step in NICE_STEPS_HOURS:
        if hours / step <= 5:
            return int(step * 3600)
    return int(NICE_STEPS_HOURS[-1] * 3600)
