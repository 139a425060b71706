"""A report (domain.report) as a table: Name, Total, Billable, Not billable, Entries.

Names are plain text from Salesforce; rows that stand for no record (no task, no account...)
get a translated name in italics. Durations go through one formatter (`format_duration`,
h:mm by default) so a display preference can switch every figure at once; tooltips give
the exact h:mm:ss. The sort role is the number behind each cell.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from desktop.domain.durations import format_hm, format_hms
from desktop.domain.report import Bucket, Report, ReportRow
from desktop.domain.text import fill
from desktop.ui.elided_label import plain_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 1  # seconds, entries, or the folded name
RowRole = Qt.ItemDataRole.UserRole + 2  # the ReportRow


class ReportColumn(IntEnum):
    NAME = 0
    TOTAL = 1
    BILLABLE = 2
    NON_BILLABLE = 3
    ENTRIES = 4


_CONTEXT = "ReportTableModel"
HEADERS = {
    ReportColumn.NAME: QT_TRANSLATE_NOOP("ReportTableModel", "Name"),
    ReportColumn.TOTAL: QT_TRANSLATE_NOOP("ReportTableModel", "Total"),
    ReportColumn.BILLABLE: QT_TRANSLATE_NOOP("ReportTableModel", "Billable"),
    ReportColumn.NON_BILLABLE: QT_TRANSLATE_NOOP("ReportTableModel", "Not billable"),
    ReportColumn.ENTRIES: QT_TRANSLATE_NOOP("ReportTableModel", "Entries"),
}
BUCKET_NAMES = {
    Bucket.NO_TASK: QT_TRANSLATE_NOOP("ReportTableModel", "No task"),
    Bucket.UNKNOWN_TASK: QT_TRANSLATE_NOOP("ReportTableModel", "Task not in the cache"),
    Bucket.NO_ACCOUNT: QT_TRANSLATE_NOOP("ReportTableModel", "No account"),
    Bucket.NO_OPPORTUNITY: QT_TRANSLATE_NOOP("ReportTableModel", "Not on an opportunity"),
    Bucket.NO_CASE: QT_TRANSLATE_NOOP("ReportTableModel", "Not on a case"),
}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def row_name(row: ReportRow) -> str:
    """What the app calls a row: its name, "(archived)" marked, or its bucket's name."""
    if row.bucket is not None:
        return QCoreApplication.translate(_CONTEXT, BUCKET_NAMES[row.bucket])
    if row.archived:
        return fill(QCoreApplication.translate("ReportTableModel", "%1 (archived)"), row.name)
    return row.name


class ReportTableModel(QAbstractTableModel):
    def __init__(
        self, format_duration: Callable[[timedelta], str] = format_hm, parent=None
    ) -> None:
        super().__init__(parent)
        self._format = format_duration
        self._rows: tuple[ReportRow, ...] = ()

    def set_report(self, report: Report | None) -> None:
        """Show `report`; when only the figures moved (a running timer), the rows are
        updated in place, so selection and scrolling stay."""
        rows = report.rows if report is not None else ()
        if [row.key for row in rows] == [row.key for row in self._rows] and rows:
            self._rows = rows
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(rows) - 1, len(ReportColumn) - 1)
            )
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, index: int) -> ReportRow | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(ReportColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ReportColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[ReportColumn(section)])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_LEFT if section == ReportColumn.NAME else _RIGHT)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(ReportColumn):
            return None
        column = ReportColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_LEFT if column == ReportColumn.NAME else _RIGHT)
        if role == Qt.ItemDataRole.FontRole and column == ReportColumn.NAME and row.bucket:
            font = QFont()
            font.setItalic(True)
            return font
        if role == SortRole:
            return self._sort_value(row, column)
        if role == RowRole:
            return row
        return None

    def _seconds(self, row: ReportRow, column: ReportColumn) -> int:
        totals = row.totals
        return {
            ReportColumn.TOTAL: totals.seconds,
            ReportColumn.BILLABLE: totals.billable_seconds,
            ReportColumn.NON_BILLABLE: totals.non_billable_seconds,
        }[column]

    def _text(self, row: ReportRow, column: ReportColumn) -> str:
        if column == ReportColumn.NAME:
            return row_name(row)
        if column == ReportColumn.ENTRIES:
            return str(row.totals.entries)
        return self._format(timedelta(seconds=self._seconds(row, column)))

    def _tooltip(self, row: ReportRow, column: ReportColumn) -> str:
        if column == ReportColumn.NAME:
            return plain_tooltip(row_name(row))
        if column == ReportColumn.ENTRIES:
            return ""
        return format_hms(timedelta(seconds=self._seconds(row, column)))

    def _sort_value(self, row: ReportRow, column: ReportColumn):  # noqa: ANN202
        if column == ReportColumn.NAME:
            return row_name(row).casefold()
        if column == ReportColumn.ENTRIES:
            return row.totals.entries
        return self._seconds(row, column)
