"""The timesheet's two tables, set up once: the day's entries and the week grid.

Only construction and sizing live here; what the tables do (edit, menus, navigation) stays in
TimesheetView.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QLocale, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.domain.entries import EntrySyncState
from desktop.services.display_format import display_format
from desktop.ui.timesheet.check_delegate import CenteredCheckDelegate
from desktop.ui.timesheet.day_model import DayColumn, sync_state_text
from desktop.ui.timesheet.week_model import DAYS_PER_WEEK

NOTE_CHARACTERS = 28  # the note column's width at first, in average characters


def build_day_table(parent: QWidget, model: QAbstractItemModel) -> QTableView:
    """One row per entry: the task takes the spare width, the note has a width of its own
    (the user may drag it), times and the Salesforce state stay fixed."""
    table = _plain_table(parent, model, "timesheetDayTable")
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    metrics = table.fontMetrics()
    heading = table.horizontalHeader()
    heading.setSectionResizeMode(DayColumn.TASK, QHeaderView.ResizeMode.Stretch)
    for column in (DayColumn.START, DayColumn.END, DayColumn.DURATION):
        heading.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        if column == DayColumn.DURATION:  # the running entry's shows its seconds, in bold
            bold = QFont(table.font())
            bold.setBold(True)
            width = max(QFontMetrics(bold).horizontalAdvance("00:00:00"),
                        metrics.horizontalAdvance(title))
        else:
            width = _widest(metrics, [*_day_and_time_samples(), title])
        heading.resizeSection(column, width + 24)
    table.setItemDelegateForColumn(DayColumn.BILLABLE, CenteredCheckDelegate(table))
    heading.setSectionResizeMode(DayColumn.BILLABLE, QHeaderView.ResizeMode.Fixed)
    billable_title = str(model.headerData(DayColumn.BILLABLE, Qt.Orientation.Horizontal))
    heading.resizeSection(DayColumn.BILLABLE, metrics.horizontalAdvance(billable_title) + 28)
    heading.setSectionResizeMode(DayColumn.NOTE, QHeaderView.ResizeMode.Interactive)
    heading.resizeSection(DayColumn.NOTE, metrics.averageCharWidth() * NOTE_CHARACTERS)
    heading.setSectionResizeMode(DayColumn.SALESFORCE, QHeaderView.ResizeMode.Fixed)
    states = [sync_state_text(state) for state in EntrySyncState]
    states.append(str(model.headerData(DayColumn.SALESFORCE, Qt.Orientation.Horizontal)))
    heading.resizeSection(DayColumn.SALESFORCE, _widest(metrics, states) + 24)
    return table


def build_week_table(parent: QWidget, model: QAbstractItemModel) -> QTableView:
    """One row per task, one fixed column per day plus the total."""
    table = _plain_table(parent, model, "timesheetWeekTable")
    heading = table.horizontalHeader()
    heading.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    day_width = _widest(table.fontMetrics(), [f"{name} 30" for name in _short_day_names()]) + 28
    for column in range(1, DAYS_PER_WEEK + 2):
        heading.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        heading.resizeSection(column, day_width)
    return table


def _short_day_names() -> list[str]:
    locale = QLocale()
    return [locale.dayName(day, QLocale.FormatType.ShortFormat) for day in range(1, 8)]


def _day_and_time_samples() -> list[str]:
    """The widest start or end: "Wed 00:00" (on another day) in the locale's words, with
    "PM" in 12-hour time."""
    suffix = " PM" if display_format().twelve_hour() else ""
    return [f"{name} 00:00{suffix}" for name in _short_day_names()]


def _widest(metrics: QFontMetrics, texts: list[str]) -> int:
    return max(metrics.horizontalAdvance(text) for text in texts)


def _plain_table(parent: QWidget, model: QAbstractItemModel, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
    table.horizontalHeader().setHighlightSections(False)
    table.setTabKeyNavigation(False)
    # Breathing room between right-aligned times and the next left-aligned column.
    table.setStyleSheet(
        "QTableView::item { padding: 0 8px; }"
        "QHeaderView::section { padding: 4px 8px; border: none;"
        " border-bottom: 1px solid palette(mid); background: palette(window); }"
    )
    return table
