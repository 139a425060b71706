"""A week as a grid: one row per task, one column per local day, totals per day and per task.

Entries crossing midnight count on each day for their part, so the day totals add up to the
time actually worked on that day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.domain.entries import TimeEntry
from desktop.domain.periods import week_first_day
from desktop.domain.task_names import distinct_labels
from desktop.domain.totals import local_midnight, seconds_within
from desktop.domain.tree import TaskTree
from desktop.services.display_format import display_format
from desktop.ui.timesheet.text import (
    task_label,
    task_tooltip,
    week_column_title,
    week_column_tooltip,
)

DAYS_PER_WEEK = 7
DayRole = Qt.ItemDataRole.UserRole + 2  # the local date of a day column
AnyIndex = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_UNSET = object()


def week_start(day: date, first_weekday: int | None = None) -> date:
    """The first day of `day`'s week: the General page's week start (Monday is 0), by
    default the one chosen there (or the locale's)."""
    if first_weekday is None:
        first_weekday = display_format().first_weekday()
    return week_first_day(day, first_weekday)


class TimesheetWeekModel(QAbstractTableModel):
    """Column 0 is the task, columns 1..7 the days, column 8 the task's total; the last row
    holds the day totals."""

    def __init__(self, tz: tzinfo | None = None, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._first_day = week_start(date.today())
        self._tree: TaskTree | None = None
        self._task_ids: list[str | None] = []
        self._labels: dict[str, str] = {}  # the tasks shown, told apart
        self._cells: dict[tuple[str | None, int], timedelta] = {}
        self._entries: list[TimeEntry] = []
        self._now = datetime.now().astimezone()

    # -- content ---------------------------------------------------------------------------
    def set_week(self, first_day: date, entries: list[TimeEntry], now: datetime) -> None:
        self.beginResetModel()
        self._first_day = first_day
        self._entries = list(entries)
        self._now = now
        self._recount()
        self.endResetModel()

    def set_tree(self, tree: TaskTree | None) -> None:
        self.beginResetModel()  # rows are sorted by task name, which may change
        self._tree = tree
        self._recount()
        self.endResetModel()

    def tick(self, now: datetime) -> None:
        if not any(entry.running for entry in self._entries):
            return
        self._now = now
        self._recount()
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 1), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def entries(self) -> list[TimeEntry]:
        return list(self._entries)

    def item_id_at(self, row: int) -> str | None:
        """The task of a row (None: no task, or the totals row)."""
        return self._task_ids[row] if 0 <= row < len(self._task_ids) else None

    def day(self, column: int) -> date | None:
        if 1 <= column <= DAYS_PER_WEEK:
            return self._first_day + timedelta(days=column - 1)
        return None

    def day_total(self, day: date) -> timedelta:
        column = (day - self._first_day).days + 1
        if not 1 <= column <= DAYS_PER_WEEK:
            return timedelta(0)
        return self._column_total(column)

    def week_total(self) -> timedelta:
        return sum((self._column_total(c) for c in range(1, DAYS_PER_WEEK + 1)), timedelta(0))

    def _recount(self) -> None:
        cells: dict[tuple[str | None, int], timedelta] = {}
        for column in range(1, DAYS_PER_WEEK + 1):
            day = self._first_day + timedelta(days=column - 1)
            start = local_midnight(day, self._tz)
            end = local_midnight(day + timedelta(days=1), self._tz)
            for entry in self._entries:
                seconds = seconds_within(entry, start, end, self._now)
                if seconds:
                    key = (entry.item_id, column)
                    cells[key] = cells.get(key, timedelta(0)) + timedelta(seconds=seconds)
        self._cells = cells
        task_ids = {item_id for item_id, _ in cells}
        self._labels = distinct_labels(self._tree, task_ids) if self._tree is not None else {}
        self._task_ids = sorted(
            task_ids, key=lambda i: (i is None, task_label(self._tree, i, self._labels).casefold())
        )

    def _column_total(self, column: int) -> timedelta:
        return sum(
            (length for (_, col), length in self._cells.items() if col == column), timedelta(0)
        )

    def _row_total(self, item_id: str | None) -> timedelta:
        return sum(
            (length for (task, _), length in self._cells.items() if task == item_id), timedelta(0)
        )

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._task_ids) + 1

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else DAYS_PER_WEEK + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        day = self.day(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("Task")
            if day is not None:
                return week_column_title(day)
            return self.tr("Total")
        if role == Qt.ItemDataRole.ToolTipRole and day is not None:
            return week_column_tooltip(day)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_LEFT if section == 0 else _RIGHT)
        if role == DayRole:
            return day
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < self.rowCount() and 0 <= column < self.columnCount()):
            return None
        is_total_row = row == len(self._task_ids)
        item_id = None if is_total_row else self._task_ids[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(is_total_row, item_id, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and not is_total_row:
            return task_tooltip(self._tree, item_id)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_LEFT if column == 0 else _RIGHT)
        if role == Qt.ItemDataRole.FontRole and (is_total_row or column == DAYS_PER_WEEK + 1):
            font = QFont()
            font.setBold(True)
            return font
        if role == DayRole:
            return self.day(column)
        return None

    def _text(self, is_total_row: bool, item_id: str | None, column: int) -> str:
        if column == 0:
            return self.tr("Total") if is_total_row else task_label(self._tree, item_id, self._labels)
        if is_total_row:
            length = self.week_total() if column == DAYS_PER_WEEK + 1 else self._column_total(column)
        elif column == DAYS_PER_WEEK + 1:
            length = self._row_total(item_id)
        else:
            length = self._cells.get((item_id, column), timedelta(0))
        return display_format().duration(length) if length else ""
