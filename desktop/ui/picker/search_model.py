"""Search results as a flat list model, and the two-line delegate that paints them.

Each row shows the task name and, below it in a smaller muted font, where it lives and its
key fields ("Salesforce > Acme - 500 Widgets · Prospecting"). Painting is plain drawText:
nothing from Salesforce is ever interpreted as markup.

Built for typing speed: a keystroke changes only the rows whose task changed (often none of
the first ones), so only those repaint; what a row shows is worked out once per result, and
the delegate reads it straight from the model instead of through a dozen data() roles.
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
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.domain.items import Item
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
_ELIDED_KEPT = 512  # elided texts remembered by the delegate (a few screens of rows)


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
        self._rows: dict[int, ResultRow] = {}

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
        self._rows = {row: shown for row, shown in self._rows.items()
                      if row < common and row not in changed}
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], 0))

    def item_at(self, row: int) -> Item | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def items(self) -> list[Item]:
        return list(self._items)

    def row_shown(self, row: int) -> ResultRow | None:
        """What row `row` shows (worked out once per result)."""
        shown = self._rows.get(row)
        if shown is None:
            item = self.item_at(row)
            if item is None:
                return None
            details = " · ".join(part for part in (self._parent_path(item),
                                                    self._fields_text(item)) if part)
            kind = item.kind.value
            shown = self._rows[row] = ResultRow(item.name, details, item.archived, kind,
                                                kind_icon(kind))
        return shown

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

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
        self._fonts: dict[str, tuple[QFontMetrics, QFont, QFontMetrics]] = {}
        self._elided: dict[tuple[int, str, int], str] = {}
        self._palette_colors: dict[tuple[int, bool, bool], tuple[QColor, QColor]] = {}
        self._icons: dict[tuple[str, float], QPixmap] = {}

    def _font_parts(self, font: QFont) -> tuple[QFontMetrics, QFont, QFontMetrics]:
        """The metrics of `font`, the smaller font of the second line and its metrics."""
        key = font.key()
        parts = self._fonts.get(key)
        if parts is None:
            small = self._small_font(font)
            parts = self._fonts[key] = (QFontMetrics(font), small, QFontMetrics(small))
        return parts

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        main, _small_font, small = self._font_parts(option.font)
        return QSize(200, main.height() + small.height() + 2 * self.MARGIN + 1)

    def _elide(self, metrics: QFontMetrics, text: str, width: int, middle: bool) -> str:
        key = (id(metrics), text, width)  # metrics live as long as the delegate
        elided = self._elided.get(key)
        if elided is None:
            if len(self._elided) >= _ELIDED_KEPT:
                self._elided.clear()
            mode = Qt.TextElideMode.ElideMiddle if middle else Qt.TextElideMode.ElideRight
            elided = self._elided[key] = metrics.elidedText(text, mode, width)
        return elided

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
        main, small_font, small = self._font_parts(font)
        line = main.height()
        painter.save()
        painter.setFont(font)
        painter.setPen(name_color)
        painter.drawText(QRect(x, y, width, line), flags.left_middle,
                         self._elide(main, shown.name, width, middle=False))
        painter.setFont(small_font)
        painter.setPen(muted)
        painter.drawText(QRect(x, y + line + 1, width, height - line - 1), flags.left_top,
                         self._elide(small, shown.details, width, middle=True))
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


@dataclass(frozen=True, slots=True)
class _PaintFlags:
    item_view_item: Any  # QStyle.ControlElement.CE_ItemViewItem
    selected: int
    decorated: int  # states the style draws something for (else the row is background)
    active: int
    left_middle: int
    left_top: int


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
    )


def item_id_of(index: ModelIndex) -> str | None:
    value = index.data(ITEM_ID_ROLE) if index.isValid() else None
    return str(value) if value is not None else None
