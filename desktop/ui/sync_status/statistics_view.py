"""The statistics tables: recent runs, counts per object (all recent runs or the selected
one), and the last 100 synchronized records."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.synclog import Direction, RecordChange, SyncRun
from desktop.domain.text import fill
from desktop.services.i18n import count_text
from desktop.ui.salesforce_names import sobject_name
from desktop.ui.sync_status.statistics_models import (
    ObjectCountsModel,
    RecordChangesModel,
    RunsModel,
    action_text,
)
from desktop.ui.sync_status.text import direction_text, status_text


def _table(parent: QWidget, model, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setHighlightSections(False)
    table.setStyleSheet(
        "QTableView::item { padding: 0 4px; }"
        "QHeaderView::section { padding: 3px 4px; border: none;"
        " border-bottom: 1px solid palette(mid); background: palette(window); }"
    )
    return table


def _content_width(table: QTableView) -> int:
    header = table.horizontalHeader()
    columns = sum(
        max(header.sectionSizeHint(c), table.sizeHintForColumn(c))
        for c in range(header.count()) if not header.isSectionHidden(c)
    )
    return columns + 2 * table.frameWidth()


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class StatisticsView(QWidget):
    def __init__(self, tz: tzinfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runs_model = RunsModel(tz, self)
        self.counts_model = ObjectCountsModel(tz, self)
        self.changes_model = RecordChangesModel(tz, self)
        self._runs: list[SyncRun] = []
        self._now = datetime.now().astimezone()

        self.runs_table = _table(self, self.runs_model, "syncRunsTable")
        self.counts_table = _table(self, self.counts_model, "syncCountsTable")
        self.changes_table = _table(self, self.changes_model, "syncChangesTable")
        self.counts_heading = _heading(self._all_runs_heading(), self)
        self.api_label = QLabel(self)
        self.api_label.setTextFormat(Qt.TextFormat.PlainText)

        # Numbers and times fit their contents; the text column in each takes what is left.
        self._flexible = ((self.runs_table, 2), (self.counts_table, 0))
        for table, flexible in self._flexible:
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(flexible, QHeaderView.ResizeMode.Stretch)
        changes_header = self.changes_table.horizontalHeader()
        changes_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        width = self.fontMetrics().horizontalAdvance
        samples = (  # the widest texts of each column, in the user's language
            fill(self.tr("Yesterday %1", "a sample of the time column"), "00:00"),
            sobject_name("Opportunity"), "M" * 24, action_text("archived", "not visible"),
            direction_text(Direction.FROM_SALESFORCE), status_text("error"),
        )
        for column, sample in enumerate(samples):
            changes_header.resizeSection(column, width(sample) + 20)
        changes_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the record

        runs_box = QWidget(self)
        runs_layout = QVBoxLayout(runs_box)
        runs_layout.setContentsMargins(0, 0, 0, 0)
        runs_layout.addWidget(_heading(self.tr("Recent synchronizations"), runs_box))
        runs_layout.addWidget(self.runs_table)
        runs_layout.addWidget(self.api_label)
        counts_box = QWidget(self)
        counts_layout = QVBoxLayout(counts_box)
        counts_layout.setContentsMargins(0, 0, 0, 0)
        counts_layout.addWidget(self.counts_heading)
        counts_layout.addWidget(self.counts_table)
        changes_box = QWidget(self)
        changes_layout = QVBoxLayout(changes_box)
        changes_layout.setContentsMargins(0, 0, 0, 0)
        changes_layout.addWidget(_heading(self.tr("Last 100 synchronized records"), changes_box))
        changes_layout.addWidget(self.changes_table)

        top = self.top_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(runs_box)
        top.addWidget(counts_box)
        top.setStretchFactor(0, 3)  # the runs table has more columns than the counts
        top.setStretchFactor(1, 2)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(changes_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.runs_table.selectionModel().selectionChanged.connect(self._on_run_selected)

    def set_history(self, runs: Sequence[SyncRun], changes: Sequence[RecordChange],
                    now: datetime) -> None:
        selected = self.selected_run()
        self._runs = list(runs)
        self._now = now
        self.runs_model.set_rows(self._runs, now)
        self.changes_model.set_rows(changes, now)
        self._show_counts(self._runs, self._all_runs_heading())
        self.api_label.setText(self._api_calls_text() if self._runs else "")
        if selected is not None:
            for row, run in enumerate(self._runs):
                if run.id == selected.id:
                    self.runs_table.selectRow(row)
        self._fit_tables()

    def _fit_tables(self) -> None:
        """Give both top tables the width their columns need, sharing any shortfall."""
        needed = [_content_width(self.runs_table), _content_width(self.counts_table)]
        splitter = self.top_splitter  # its width is new when it is resized, its sizes() not yet
        available = splitter.width() - splitter.handleWidth() * (splitter.count() - 1)
        if available <= 0:
            return
        spare = available - sum(needed)
        if spare >= 0:
            sizes = [needed[0] + spare * 3 // 5, needed[1] + spare - spare * 3 // 5]
        else:
            sizes = [available * needed[0] // sum(needed), 0]
            sizes[1] = available - sizes[0]
        self.top_splitter.setSizes(sizes)
        # Short of room (a narrow window, longer French headers), the text column keeps the
        # width its texts need and the table scrolls sideways, rather than squeezing the one
        # column that says what a row is ("R…" for Requête) into an ellipsis.
        mode = (QHeaderView.ResizeMode.Stretch if spare >= 0
                else QHeaderView.ResizeMode.ResizeToContents)
        for table, flexible in self._flexible:
            table.horizontalHeader().setSectionResizeMode(flexible, mode)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        # Once the layout has given the splitter its new width (after this event).
        QTimer.singleShot(0, self, self._fit_tables)  # not after the view is gone

    def selected_run(self) -> SyncRun | None:
        rows = self.runs_table.selectionModel().selectedRows()
        return self.runs_model.row_object(rows[0].row()) if rows else None

    def _on_run_selected(self, *_args: object) -> None:
        run = self.selected_run()
        if run is None:
            self._show_counts(self._runs, self._all_runs_heading())
        else:
            self._show_counts([run], self.tr("Per object, selected run"))

    def _all_runs_heading(self) -> str:
        return self.tr("Per object, all recent runs")

    def _api_calls_text(self) -> str:
        """ "12 API calls used by these 3 runs" (no plural forms: English loads none)."""
        calls = sum(run.api_calls for run in self._runs)
        runs = len(self._runs)
        if runs == 1:
            return (self.tr("1 API call used by this run.") if calls == 1 else
                    fill(self.tr("%1 API calls used by this run."), count_text(calls)))
        if calls == 1:
            return fill(self.tr("1 API call used by these %1 runs."), count_text(runs))
        return fill(self.tr("%1 API calls used by these %2 runs."), count_text(calls),
                    count_text(runs))

    def _show_counts(self, runs: Sequence[SyncRun], heading: str) -> None:
        self.counts_model.set_runs(runs, self._now)
        self.counts_heading.setText(heading)
        unused = set(self.counts_model.unused_columns())
        for column in range(1, self.counts_model.columnCount()):  # Excluded, Pushed...: when used
            self.counts_table.setColumnHidden(column, column in unused)
