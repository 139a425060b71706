"""The Reports page: where the time went over a day, week, month or chosen days, by account,
opportunity, case or task, billable and not; a bar chart over a sortable table, the totals,
"Export CSV…" (the entries of those days, with the CLI's columns) and "Copy as table".

The figures come from domain.report, counted like the timesheet's totals (domain.totals), so
both agree to the second. A running timer moves the figures on once a second while the page
is shown; a hidden page reads nothing and catches up when shown again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.csv_export import entries_csv
from desktop.domain.entries import TimeEntry
from desktop.domain.report import Report, build_report
from desktop.domain.text import fill
from desktop.domain.totals import day_span
from desktop.services.display_format import display_format
from desktop.ui.elided_label import muted_color
from desktop.ui.record_actions import add_open_in_salesforce
from desktop.ui.reports.bar_chart import Bar, BarChart
from desktop.ui.reports.controls import ReportControls
from desktop.ui.reports.report_model import (
    ReportColumn,
    ReportTableModel,
    RowRole,
    SortRole,
    row_name,
)
from desktop.ui.table_export import (
    choose_csv_path,
    copy_table,
    csv_file_name,
    model_table,
    write_text_file,
)

if TYPE_CHECKING:
    from desktop.services.entries_service import EntriesService
    from desktop.services.record_links import RecordLinks

log = logging.getLogger(__name__)


class ReportsPage(QWidget):
    def __init__(
        self,
        entries: EntriesService,
        tasks: QObject,
        timer: QObject,
        links: RecordLinks | None = None,
        parent: QWidget | None = None,
        *,
        format_duration: Callable[[timedelta], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self._entries = entries
        self._tasks = tasks
        self._timer = timer
        self._links = links
        # h:mm or decimal hours, as chosen on the General page (repainted when it changes)
        self._format = format_duration or (lambda length: display_format().duration(length))
        self._loaded: list[TimeEntry] = []  # the entries of the shown days
        self._report: Report | None = None
        self._ticking = False
        self._build()
        entries.entries_changed.connect(self._entries_changed)
        # A bound slot: Qt drops it with the page (a lambda would outlive it).
        tasks.tree_changed.connect(self.refresh)
        timer.ticked.connect(self._on_tick)
        if format_duration is None:
            display_format().changed.connect(self.reload)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.controls = ReportControls(self._entries.today(), self)
        self.controls.changed.connect(self.reload)
        self.chart = BarChart(self._format, self)
        self.chart.bar_clicked.connect(self._select_bar)
        self.model = ReportTableModel(self._format, self)
        self.sorted_model = QSortFilterProxyModel(self)
        self.sorted_model.setSourceModel(self.model)
        self.sorted_model.setSortRole(SortRole)
        self.table = self._build_table()
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("reportSplitter")
        splitter.addWidget(self.chart)
        splitter.addWidget(self.table)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("reportTotals")
        self.totals_label.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.font())
        bold.setBold(True)
        self.totals_label.setFont(bold)
        self.notice_label = QLabel(self)
        self.notice_label.setObjectName("reportNotice")
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        palette = self.notice_label.palette()
        palette.setColor(self.notice_label.foregroundRole(), muted_color(palette))
        self.notice_label.setPalette(palette)
        self.copy_button = QPushButton(self.tr("&Copy as table"), self)
        self.copy_button.setObjectName("reportCopy")
        self.copy_button.setToolTip(self.tr("Copy these rows for a spreadsheet, a document or a mail"))
        self.copy_button.clicked.connect(self.copy_table)
        self.export_button = QPushButton(self.tr("&Export CSV…"), self)
        self.export_button.setObjectName("reportExport")
        self.export_button.setToolTip(
            self.tr("Save the entries of these days as CSV (the columns of stint entries --csv)")
        )
        self.export_button.clicked.connect(lambda: self.export_csv())

        bottom = QHBoxLayout()
        bottom.addWidget(self.totals_label)
        bottom.addSpacing(12)
        bottom.addWidget(self.notice_label, 1)
        bottom.addWidget(self.copy_button)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.controls)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("reportTable")
        table.setModel(self.sorted_model)
        table.setSortingEnabled(True)
        table.sortByColumn(ReportColumn.TOTAL, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        heading = table.horizontalHeader()
        heading.setHighlightSections(False)
        heading.setSectionResizeMode(ReportColumn.NAME, QHeaderView.ResizeMode.Stretch)
        figure_width = max(
            table.fontMetrics().horizontalAdvance(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            for column in ReportColumn if column != ReportColumn.NAME
        ) + 32
        for column in (ReportColumn.TOTAL, ReportColumn.BILLABLE, ReportColumn.NON_BILLABLE,
                       ReportColumn.ENTRIES):
            heading.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            heading.resizeSection(column, figure_width)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_context_menu)
        return table

    # -- content ---------------------------------------------------------------------------
    def report(self) -> Report | None:
        return self._report

    def reload(self) -> None:
        """Read the entries of the chosen days again and show their report."""
        first, last = self.controls.days()
        self._loaded = self._entries.entries_between(first, last + timedelta(days=1))
        self.notice_label.clear()
        self.refresh()

    def refresh(self, announce: bool = True) -> None:
        """Count the loaded entries again (a new task tree; each tick, not `announce`d in
        the log)."""
        if not self._tasks.is_loaded():
            self._report = None
            self.model.set_report(None)
            self.chart.set_message(self.tr("Loading tasks…"))
            self.totals_label.clear()
            return
        first, last = self.controls.days()
        start, end = day_span(first, last, self._entries.tz)
        report = build_report(
            self._loaded, self._tasks.tree(), self.controls.group_by(), start, end, self.now()
        )
        self._report = report
        self.model.set_report(report)
        if report.rows:
            self.chart.set_bars([
                Bar(row_name(row), row.totals.billable_seconds,
                    row.totals.non_billable_seconds, muted=row.bucket is not None)
                for row in report.rows
            ])
        else:
            self.chart.set_message(self.tr("No time recorded in these days."))
        totals = report.totals
        self.totals_label.setText(fill(
            self.tr("Total %1 · billable %2 · not billable %3"), self._format(totals.duration),
            self._format(totals.billable), self._format(totals.non_billable)))
        self._update_ticking()
        if announce:  # what support (and the end-to-end tests) read back
            log.info("reports page shows %s..%s by %s: %d rows, %d s, billable %d s, %d entries",
                     first, last, report.by.value, len(report.rows), totals.seconds,
                     totals.billable_seconds, totals.entries)

    def now(self) -> datetime:
        return self._entries.now()

    # -- live figures ----------------------------------------------------------------------
    def _entries_changed(self) -> None:
        if self.isVisible():  # hidden: showing it reads them anyway
            self.reload()

    def _update_ticking(self) -> None:
        wanted = self.isVisible() and any(entry.running for entry in self._loaded)
        if wanted == self._ticking:
            return
        self._ticking = wanted
        if wanted:
            self._timer.subscribe_ticks(self)
        else:
            self._timer.unsubscribe_ticks(self)

    def is_ticking(self) -> bool:
        return self._ticking

    def _on_tick(self, _elapsed: timedelta) -> None:
        if self._ticking:
            self.refresh(announce=False)

    def follow_day(self, previous: date, today: date) -> None:
        """A new day began (services.day_watch): the period showing the day that was today
        moves on to today's (see ReportControls.follow_day)."""
        self.controls.follow_day(previous, today)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.controls.set_today(self._entries.today())
        # Read again: the timesheet (its own EntriesService) may have changed entries meanwhile.
        self.reload()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)
        self._update_ticking()

    # -- export ----------------------------------------------------------------------------
    def export_csv(self, path: str | None = None) -> str | None:
        """Save the entries of the chosen days as CSV with the CLI's columns (`stint entries
        --csv`); asks where unless `path` is given. Returns the path written."""
        first, last = self.controls.days()
        if path is None:
            path = choose_csv_path(self, csv_file_name(first, last))
            if path is None:
                return None
        entries = self._entries.entries_between(first, last + timedelta(days=1))
        text = entries_csv(entries, self._tasks.tree(), self._entries.tz, self.now())
        try:
            write_text_file(path, text)
        except OSError as exc:
            self.notice_label.setText(
                fill(self.tr("Could not save %1: %2"), path, exc.strerror or str(exc))
            )
            return None
        saved = (self.tr("Saved 1 entry to %1") if len(entries) == 1
                 else self.tr("Saved %n entries to %1", "", len(entries)))
        self.notice_label.setText(fill(saved, path))
        log.info("exported %d entries as CSV", len(entries))
        return path

    def copy_table(self) -> None:
        """The rows as shown (sorted as the table is) on the clipboard, with the totals."""
        headers, rows = model_table(self.sorted_model)
        if self._report is not None:
            totals = self._report.totals
            rows.append([
                self.tr("Total"), self._format(totals.duration), self._format(totals.billable),
                self._format(totals.non_billable), str(totals.entries),
            ])
        copy_table(headers, rows)
        self.notice_label.setText(self.tr("Copied the table."))

    # -- rows ------------------------------------------------------------------------------
    def _select_bar(self, index: int) -> None:
        if self._report is None or not 0 <= index < len(self._report.rows):
            return
        source = self.model.index(index, 0)
        row = self.sorted_model.mapFromSource(source).row()
        self.table.selectRow(row)
        self.table.scrollTo(self.sorted_model.index(row, 0))

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        row = self.sorted_model.data(index, RowRole) if index.isValid() else None
        if row is None or row.record_id is None:
            return
        menu = QMenu(self)
        add_open_in_salesforce(menu, self._links, row.record_id)
        menu.exec(self.table.viewport().mapToGlobal(position))
