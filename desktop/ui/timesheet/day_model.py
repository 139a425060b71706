"""The entries of one local day as a table: Task, Start, End, Duration, Note (plain text)."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from desktop.domain.entries import EntrySyncState, TimeEntry
from desktop.domain.tree import TaskTree
from desktop.services.display_format import display_format
from desktop.ui.timesheet.text import local_time, task_label, task_tooltip

EntryRole = Qt.ItemDataRole.UserRole + 1  # the TimeEntry of a row
AnyIndex = QModelIndex | QPersistentModelIndex


class DayColumn(IntEnum):
    TASK = 0
    START = 1
    END = 2
    DURATION = 3
    NOTE = 4
    SALESFORCE = 5  # write-back state (issue 5); hidden while every entry is local only


HEADERS = {
    DayColumn.TASK: "Task",
    DayColumn.START: "Start",
    DayColumn.END: "End",
    DayColumn.DURATION: "Duration",
    DayColumn.NOTE: "Note",
    DayColumn.SALESFORCE: "Salesforce",
}
SYNC_STATE_TEXT = {
    EntrySyncState.LOCAL: "",
    EntrySyncState.PENDING: "Pending",
    EntrySyncState.SYNCED: "Synced",
    EntrySyncState.ERROR: "Error",
    EntrySyncState.DELETED_REMOTE: "Deleted there",
}
SYNC_STATE_TOOLTIP = {
    EntrySyncState.PENDING: "Goes to Salesforce with the next synchronization.",
    EntrySyncState.SYNCED: "Logged in Salesforce.",
    EntrySyncState.DELETED_REMOTE: "This entry was deleted in Salesforce; it stays here.",
}
_ERROR_COLOR = QColor("#c62828")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class TimesheetDayModel(QAbstractTableModel):
    """Read-only rows; edits go through the entry editor and EntriesService."""

    def __init__(self, tz: tzinfo | None = None, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._day: date | None = None
        self._entries: list[TimeEntry] = []
        self._tree: TaskTree | None = None
        self._now = datetime.now().astimezone()

    # -- content ---------------------------------------------------------------------------
    def set_entries(self, day: date, entries: list[TimeEntry], now: datetime) -> None:
        self.beginResetModel()
        self._day = day
        self._entries = list(entries)
        self._now = now
        self.endResetModel()

    def set_tree(self, tree: TaskTree | None) -> None:
        self._tree = tree
        if self._entries:
            self._emit_column_changed(DayColumn.TASK)

    def tick(self, now: datetime) -> None:
        """Move the running entry's live duration on."""
        self._now = now
        for row, entry in enumerate(self._entries):
            if entry.running:
                index = self.index(row, DayColumn.DURATION)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])

    def entry_at(self, row: int) -> TimeEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, entry_id: int | None) -> int:
        for row, entry in enumerate(self._entries):
            if entry.id == entry_id:
                return row
        return -1

    def entries(self) -> list[TimeEntry]:
        return list(self._entries)

    def has_running(self) -> bool:
        return any(entry.running for entry in self._entries)

    def has_write_back(self) -> bool:
        """True when some entry has been (or is to be) written back to Salesforce."""
        return any(entry.sync_state != EntrySyncState.LOCAL for entry in self._entries)

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(DayColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(DayColumn):
            column = DayColumn(section)
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[column]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(_RIGHT if column in (DayColumn.START, DayColumn.END, DayColumn.DURATION) else _LEFT)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        if not 0 <= index.column() < len(DayColumn):
            return None
        entry = self._entries[index.row()]
        column = DayColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (DayColumn.START, DayColumn.END, DayColumn.DURATION):
                return int(_RIGHT)
            return int(_LEFT)
        if role == Qt.ItemDataRole.FontRole and entry.running and column in (
            DayColumn.END, DayColumn.DURATION,
        ):
            font = QFont()
            font.setBold(column == DayColumn.DURATION)
            font.setItalic(column == DayColumn.END)
            return font
        if (role == Qt.ItemDataRole.ForegroundRole and column == DayColumn.SALESFORCE
                and entry.sync_state == EntrySyncState.ERROR):
            return _ERROR_COLOR
        if role == Qt.ItemDataRole.DecorationRole and column == DayColumn.TASK and entry.running:
            return running_icon()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(entry, column)
        if role == EntryRole:
            return entry
        return None

    def _display(self, entry: TimeEntry, column: DayColumn) -> str:
        if column == DayColumn.TASK:
            return task_label(self._tree, entry.item_id)
        if column == DayColumn.START:
            return local_time(entry.start, self._tz, self._day)
        if column == DayColumn.END:
            return "running" if entry.end is None else local_time(entry.end, self._tz, self._day)
        if column == DayColumn.DURATION:
            duration = entry.duration(self._now)
            return display_format().duration(duration, live=entry.running)
        if column == DayColumn.SALESFORCE:
            return SYNC_STATE_TEXT.get(entry.sync_state, str(entry.sync_state))
        return entry.note.replace("\n", " ")

    def _tooltip(self, entry: TimeEntry, column: DayColumn) -> str:
        if column == DayColumn.TASK:
            return task_tooltip(self._tree, entry.item_id)
        if column == DayColumn.NOTE:
            return entry.note
        if column == DayColumn.SALESFORCE:
            if entry.sync_state == EntrySyncState.ERROR:
                return f"Salesforce refused this entry: {entry.sync_error or 'no details given'}"
            return SYNC_STATE_TOOLTIP.get(entry.sync_state, "")
        if column == DayColumn.DURATION and entry.running:
            return "The timer is running on this entry."
        if column in (DayColumn.START, DayColumn.END):
            moment = entry.start if column == DayColumn.START else entry.end
            if moment is not None:
                return f"{moment.astimezone(self._tz):%A %d %B %Y, %H:%M:%S}"
        return ""

    def _emit_column_changed(self, column: DayColumn) -> None:
        top = self.index(0, column)
        bottom = self.index(len(self._entries) - 1, column)
        self.dataChanged.emit(top, bottom)


_RUNNING_ICON: QIcon | None = None


def running_icon() -> QIcon:
    """A small green dot marking the running entry (drawn, so it is crisp at any DPI)."""
    global _RUNNING_ICON
    if _RUNNING_ICON is None:
        icon = QIcon()
        for size in (12, 16, 24, 32):
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#2e7d32"))
            margin = size * 0.2
            painter.drawEllipse(margin, margin, size - 2 * margin, size - 2 * margin)
            painter.end()
            icon.addPixmap(pixmap)
        _RUNNING_ICON = icon
    return _RUNNING_ICON
