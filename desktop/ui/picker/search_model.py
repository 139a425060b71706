"""Search results as a flat list model, and the two-line delegate that paints them.

Each row shows the task name and, below it in a smaller muted font, where it lives and its
key fields ("Salesforce > Acme - 500 Widgets · Prospecting"), each on one line. Texts are
painted as plain text: nothing from Salesforce is ever interpreted as markup.

Built for typing speed: a keystroke changes only the rows whose task changed (often none of
the first ones), so only those repaint. What a task's row shows is worked out once while the
task keeps being shown (typing on shows many of the same tasks, in other rows), its lines are
elided and laid out once (QStaticText), and the delegate reads them straight from the model
instead of through a dozen data() roles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.domain.items import Item
from desktop.domain.text import one_line
from desktop.domain.tree import PATH_SEPARATOR
from desktop.ui.elided_label import muted_color, plain_tooltip
from desktop.ui.icons import kind_icon
from desktop.ui.picker.tree_model import (
    ARCHIVED_ROLE,
    FIELDS_ROLE,
    ITEM_ID_ROLE,
    PATH_ROLE,
    archived_prefix,
)

ModelIndex = QModelIndex | QPersistentModelIndex
_LINES_KEPT = 512  # lines of text the delegate keeps laid out (a few queries' rows)
_SHOWN_KEPT = 256  # tasks whose rows the model remembers (a few queries' worth)
# (asked for every row painted: built once, an enum `|` costs microseconds in Python)
_ROW_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
              | Qt.ItemFlag.ItemNeverHasChildren)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


@dataclass(frozen=True, slots=True)
class ResultRow:
    """What one result row shows."""

    name: str
    details: str  # "Salesforce > Acme - 500 Widgets · Prospecting"
    archived: bool
    kind: str
    icon: QIcon


class TaskSearchModel(QAbstractListModel):
    """The ranked results of one query (at most a few dozen rows)."""

    def __init__(
        self, path_of: Callable[[str], str], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._path_of = path_of  # item id -> "Salesforce > Acme > Call back"
        self._items: list[Item] = []
        # item id -> (the item, what its row shows), least recently shown first: typing
        # "acme w" shows many of the tasks "acme" showed, in other rows
        self._shown: dict[str, tuple[Item, ResultRow]] = {}

    def set_results(self, items: Sequence[Item]) -> None:
        """Show `items`: rows that stay the same are left alone (no repaint), the others
        change in place, and the list grows or shrinks at its end."""
        new, old = list(items), self._items
        common = min(len(new), len(old))
        changed = [row for row in range(common) if new[row] != old[row]]
        if len(new) < len(old):
            self.beginRemoveRows(QModelIndex(), len(new), len(old) - 1)
            self._items = old[: len(new)]
            self.endRemoveRows()
        elif len(new) > len(old):
            self.beginInsertRows(QModelIndex(), len(old), len(new) - 1)
            self._items = old + new[len(old) :]
            self.endInsertRows()
        self._items = new
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], 0))

    def forget_shown(self) -> None:
        """The tree changed: a task's row may show another parent path even when the task
        itself is the same (its parent was renamed), so work every row out again."""
        self._shown.clear()
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, 0))

    def item_at(self, row: int) -> Item | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def items(self) -> list[Item]:
        return list(self._items)

    def row_shown(self, row: int) -> ResultRow | None:
        """What row `row` shows (worked out once per task while it keeps being shown)."""
        item = self.item_at(row)
        if item is None:
            return None
        known = self._shown.pop(item.id, None)
        if known is not None and (known[0] is item or known[0] == item):
            shown = known[1]
        else:
            details = " · ".join(part for part in (self._parent_path(item),
                                                    self._fields_text(item)) if part)
            kind = item.kind.value
            shown = ResultRow(one_line(item.name), one_line(details), item.archived, kind,
                              kind_icon(kind))
            if len(self._shown) >= _SHOWN_KEPT:
                self._shown.pop(next(iter(self._shown)))
        self._shown[item.id] = (item, shown)  # (again) the most recently shown
        return shown

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0:
            return None
        item = self.item_at(index.row())
        if item is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return item.name
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(item.kind.value)
        if role == ITEM_ID_ROLE:
            return item.id
        if role == PATH_ROLE:
            return self._parent_path(item)
        if role == FIELDS_ROLE:
            return self._fields_text(item)
        if role == ARCHIVED_ROLE:
            return item.archived
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._path_of(item.id)
            details = item.fields_text()
            return plain_tooltip(f"{tip}\n{details}" if details else tip)
        return None

    def _parent_path(self, item: Item) -> str:
        path = self._path_of(item.id)
        cut = path.rfind(PATH_SEPARATOR)
        return path[:cut] if cut > 0 else path

    @staticmethod
    def _fields_text(item: Item) -> str:
        return (archived_prefix() if item.archived else "") + item.fields_text()


class TaskResultDelegate(QStyledItemDelegate):
    """Two lines per task: the name, then its parent path and key fields, muted."""

    MARGIN = 6
    ICON_SIZE = 20

    def __init__(self, model: TaskSearchModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _paint_flags()  # now (the panel is built after the window's first paint), not at a key
        self._model = model
        self._fonts: dict[str, _RowFonts] = {}
        self._last_fonts: tuple[QFont, _RowFonts] | None = None
        self._lines: dict[tuple[int, str, int], _Line] = {}
        self._palette_colors: dict[tuple[int, bool, bool], tuple[QColor, QColor]] = {}
        self._icons: dict[tuple[str, float], QPixmap] = {}

    def _row_fonts(self, font: QFont) -> _RowFonts:
        """The metrics of `font`, the smaller font of the second line and its metrics."""
        last = self._last_fonts
        if last is not None and last[0] == font:  # every row has the view's font
            return last[1]
        key = font.key()  # (a string built per call: ten times the comparison's cost)
        fonts = self._fonts.get(key)
        if fonts is None:
            small = self._small_font(font)
            fonts = self._fonts[key] = _RowFonts(QFontMetrics(font), small, QFontMetrics(small))
        self._last_fonts = (QFont(font), fonts)
        return fonts

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        fonts = self._row_fonts(option.font)
        return QSize(200, fonts.main.height() + fonts.small.height() + 2 * self.MARGIN + 1)

    def _line(self, font: QFont, metrics: QFontMetrics, text: str, width: int,
              middle: bool) -> _Line:
        """`text` elided to `width`, laid out once for as long as it keeps being shown."""
        key = (id(metrics), text, width)  # metrics live as long as the delegate
        lines = self._lines
        line = lines.pop(key, None)
        if line is None:
            if len(lines) >= _LINES_KEPT:
                lines.pop(next(iter(lines)))  # the least recently shown
            laid_out = _laid_out(text, font)
            if laid_out.size().width() > width:  # (most fit: no second layout to elide)
                mode = Qt.TextElideMode.ElideMiddle if middle else Qt.TextElideMode.ElideRight
                text = metrics.elidedText(text, mode, width)
                laid_out = _laid_out(text, font)
            line = _Line(text, laid_out)
        lines[key] = line  # (again) the most recently shown
        return line

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        shown = self._model.row_shown(index.row())
        if shown is None:
            return
        flags = _paint_flags()
        # Only the background, selection and focus frame come from the style (the option
        # carries no text or icon: no initStyleOption, which would ask the model for every
        # role); the icon and the two lines of text are ours.
        widget = option.widget
        state = option.state.value
        selected = state & flags.selected
        if widget is not None and state & flags.decorated:
            widget.style().drawControl(flags.item_view_item, option, painter, widget)
        name_color, muted = self._colors(option.palette, bool(state & flags.active), selected)
        if shown.archived and not selected:
            name_color = muted
        margin, size = self.MARGIN, self.ICON_SIZE
        rect = option.rect
        x, y = rect.x() + 2 * margin, rect.y() + margin
        height = rect.height() - 2 * margin
        painter.drawPixmap(x, y + (height - size) // 2, self._icon_pixmap(shown, widget))
        x += size + margin + 2
        width = rect.right() - 2 * margin - x + 1
        font = option.font
        fonts = self._row_fonts(font)
        line = fonts.main.height()
        name = self._line(font, fonts.main, shown.name, width, middle=False)
        details = self._line(fonts.small_font, fonts.small, shown.details, width, middle=True)
        painter.save()
        painter.setFont(font)
        painter.setPen(name_color)
        if painter.layoutDirection() is not flags.right_to_left:
            # Laid out once (QStaticText) and drawn from its top left: a quarter of what
            # drawText costs a line, and the same pixels as aligning it in its rectangle
            # (the elided text fits it): test_task_models.
            painter.drawStaticText(x, y, name.laid_out)
            painter.setFont(fonts.small_font)
            painter.setPen(muted)
            painter.drawStaticText(x, y + line + 1, details.laid_out)
        else:  # right to left: Qt aligns "left" to the right
            painter.drawText(QRect(x, y, width, line), flags.left_middle, name.text)
            painter.setFont(fonts.small_font)
            painter.setPen(muted)
            painter.drawText(QRect(x, y + line + 1, width, height - line - 1), flags.left_top,
                             details.text)
        painter.restore()

    def _icon_pixmap(self, shown: ResultRow, widget: QWidget | None) -> QPixmap:
        """The row's icon, rendered once per kind and screen scale (an icon's paint() goes
        through its engine, in Python, for every row)."""
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        key = (shown.kind, ratio)
        pixmap = self._icons.get(key)
        if pixmap is None:
            pixmap = self._icons[key] = shown.icon.pixmap(
                QSize(self.ICON_SIZE, self.ICON_SIZE), ratio)
        return pixmap

    def _colors(self, palette: QPalette, active: bool, selected: bool) -> tuple[QColor, QColor]:
        """(name colour, muted colour) for a row, by palette: the same few every paint."""
        key = (palette.cacheKey(), active, selected)
        colors = self._palette_colors.get(key)
        if colors is None:
            group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
            if selected:
                colors = (palette.color(group, QPalette.ColorRole.HighlightedText),) * 2
            else:
                colors = (palette.color(group, QPalette.ColorRole.Text),
                          muted_color(palette, QPalette.ColorRole.Text, QPalette.ColorRole.Base))
            if len(self._palette_colors) > 16:
                self._palette_colors.clear()
            self._palette_colors[key] = colors
        return colors

    @staticmethod
    def _small_font(font: QFont) -> QFont:
        small = QFont(font)
        if small.pointSizeF() > 0:
            small.setPointSizeF(max(7.0, small.pointSizeF() * 0.86))
        else:
            small.setPixelSize(max(9, int(small.pixelSize() * 0.86)))
        return small


def _laid_out(text: str, font: QFont) -> QStaticText:
    laid_out = QStaticText(text)
    laid_out.setTextFormat(Qt.TextFormat.PlainText)  # never markup (Salesforce texts)
    laid_out.prepare(QTransform(), font)
    return laid_out


@dataclass(frozen=True, slots=True)
class _Line:
    """One line of a row: its text as elided, and laid out for painting."""

    text: str
    laid_out: QStaticText


@dataclass(frozen=True, slots=True)
class _RowFonts:
    """A row's two fonts: the view's for the name, a smaller one for the details."""

    main: QFontMetrics
    small_font: QFont
    small: QFontMetrics


@dataclass(frozen=True, slots=True)
class _PaintFlags:
    item_view_item: Any  # QStyle.ControlElement.CE_ItemViewItem
    selected: int
    decorated: int  # states the style draws something for (else the row is background)
    active: int
    left_middle: int
    left_top: int
    right_to_left: Qt.LayoutDirection


@cache
def _paint_flags() -> _PaintFlags:
    """Qt flags the delegate needs, as ints (Python enum operations cost microseconds each).
    Built at the first paint: PySide builds QStyle's many enums on first access (~6 ms), a
    cost for the first result painted rather than for the window's first paint."""
    from PySide6.QtWidgets import QStyle

    align = Qt.AlignmentFlag
    state = QStyle.StateFlag
    return _PaintFlags(
        QStyle.ControlElement.CE_ItemViewItem,
        state.State_Selected.value,
        (state.State_Selected | state.State_MouseOver | state.State_HasFocus).value,
        QStyle.StateFlag.State_Active.value,
        int(align.AlignLeft | align.AlignVCenter),
        int(align.AlignLeft | align.AlignTop),
        Qt.LayoutDirection.RightToLeft,
    )


def item_id_of(index: ModelIndex) -> str | None:
    value = index.data(ITEM_ID_ROLE) if index.isValid() else None
    return str(value) if value is not None else None
