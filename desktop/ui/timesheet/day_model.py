"""The entries of one local day as a table: Task, Start, End, Duration, Billable (a check box
that toggles it), Note (plain text), Salesforce."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from desktop.domain.entries import EntrySyncState, TimeEntry
from desktop.domain.task_names import distinct_labels
from desktop.domain.text import fill, one_line
from desktop.domain.tree import TaskTree
from desktop.services.display_format import display_format
from desktop.services.i18n import count_text
from desktop.ui.timesheet.text import local_time, long_moment, task_label, task_tooltip

EntryRole = Qt.ItemDataRole.UserRole + 1  # the TimeEntry of a row
AnyIndex = QModelIndex | QPersistentModelIndex


class DayColumn(IntEnum):
    TASK = 0
    START = 1
    END = 2
    DURATION = 3
    BILLABLE = 4
    NOTE = 5
    SALESFORCE = 6  # write-back state (issue 5); hidden while every entry is local only


_CONTEXT = "TimesheetDayModel"
HEADERS = {
    DayColumn.TASK: QT_TRANSLATE_NOOP("TimesheetDayModel", "Task"),
    DayColumn.START: QT_TRANSLATE_NOOP("TimesheetDayModel", "Start"),
    DayColumn.END: QT_TRANSLATE_NOOP("TimesheetDayModel", "End"),
    DayColumn.DURATION: QT_TRANSLATE_NOOP("TimesheetDayModel", "Duration"),
    DayColumn.BILLABLE: QT_TRANSLATE_NOOP("TimesheetDayModel", "Billable"),
    DayColumn.NOTE: QT_TRANSLATE_NOOP("TimesheetDayModel", "Note"),
    DayColumn.SALESFORCE: QT_TRANSLATE_NOOP("TimesheetDayModel", "Salesforce"),
}
SYNC_STATE_TEXT = {
    EntrySyncState.LOCAL: "",
    EntrySyncState.PENDING: QT_TRANSLATE_NOOP("TimesheetDayModel", "Pending"),
    EntrySyncState.SYNCED: QT_TRANSLATE_NOOP("TimesheetDayModel", "Synced"),
    EntrySyncState.ERROR: QT_TRANSLATE_NOOP("TimesheetDayModel", "Error"),
    EntrySyncState.DELETED_REMOTE: QT_TRANSLATE_NOOP("TimesheetDayModel", "Deleted there"),
}
SYNC_STATE_TOOLTIP = {
    EntrySyncState.PENDING: QT_TRANSLATE_NOOP(
        "TimesheetDayModel", "Goes to Salesforce with the next synchronization."),
    EntrySyncState.SYNCED: QT_TRANSLATE_NOOP("TimesheetDayModel", "Logged in Salesforce."),
    EntrySyncState.DELETED_REMOTE: QT_TRANSLATE_NOOP(
        "TimesheetDayModel", "This entry was deleted in Salesforce; it stays here."),
}
NOTE_CUT_SHORT = QT_TRANSLATE_NOOP("TimesheetDayModel", "longer than Salesforce keeps")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text) if text else ""


def sync_state_text(state: EntrySyncState) -> str:
    """The Salesforce column's word for a write-back state."""
    return _tr(SYNC_STATE_TEXT.get(state, str(state)))
TOOLTIP_NOTE_CHARS = 1000  # of a note shown in its tooltip (the editor shows all of it)
_ERROR_COLOR = QColor("#c62828")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class TimesheetDayModel(QAbstractTableModel):
    """Read-only rows; edits go through the entry editor and EntriesService. Checking or
    unchecking Billable asks for the change with `billable_toggled(entry, billable)`; the row
    shows it once the view has stored it and reloaded."""

    billable_toggled = Signal(object, bool)

    def __init__(self, tz: tzinfo | None = None, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._day: date | None = None
        self._entries: list[TimeEntry] = []
        self._tree: TaskTree | None = None
        self._labels: dict[str, str] = {}  # the tasks shown, told apart
        self._now = datetime.now().astimezone()

    # -- content ---------------------------------------------------------------------------
    def set_entries(self, day: date, entries: list[TimeEntry], now: datetime) -> None:
        self.beginResetModel()
        self._day = day
        self._entries = list(entries)
        self._now = now
        self._label_tasks()
        self.endResetModel()

    def set_tree(self, tree: TaskTree | None) -> None:
        self._tree = tree
        self._label_tasks()
        if self._entries:
            self._emit_column_changed(DayColumn.TASK)

    def _label_tasks(self) -> None:
        self._labels = (distinct_labels(self._tree, (entry.item_id for entry in self._entries))
                        if self._tree is not None else {})

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
                return _tr(HEADERS[column])
            if role == Qt.ItemDataRole.TextAlignmentRole:
                if column == DayColumn.BILLABLE:
                    return int(Qt.AlignmentFlag.AlignCenter)
                return int(_RIGHT if column in (DayColumn.START, DayColumn.END, DayColumn.DURATION) else _LEFT)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == DayColumn.BILLABLE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if (role != Qt.ItemDataRole.CheckStateRole or not index.isValid()
                or index.column() != DayColumn.BILLABLE or not 0 <= index.row() < len(self._entries)):
            return False
        billable = Qt.CheckState(value) == Qt.CheckState.Checked
        entry = self._entries[index.row()]
        if billable != entry.billable:
            self.billable_toggled.emit(entry, billable)
        return True

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        if not 0 <= index.column() < len(DayColumn):
            return None
        entry = self._entries[index.row()]
        column = DayColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == DayColumn.BILLABLE:
            return Qt.CheckState.Checked if entry.billable else Qt.CheckState.Unchecked
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
        if (role == Qt.ItemDataRole.DecorationRole and column == DayColumn.NOTE
                and entry.note_longer_than_salesforce_keeps):
            return cut_note_icon()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == DayColumn.NOTE and entry.note_longer_than_salesforce_keeps:
                return f"{self._display(entry, column)} ({_tr(NOTE_CUT_SHORT)})"
            if column == DayColumn.BILLABLE:
                return _tr("Billable") if entry.billable else self.tr("Not billable")
            return self._display(entry, column)
        if role == EntryRole:
            return entry
        return None

    def _display(self, entry: TimeEntry, column: DayColumn) -> str:
        if column == DayColumn.TASK:
            return task_label(self._tree, entry.item_id, self._labels)
        if column == DayColumn.START:
            return local_time(entry.start, self._tz, self._day)
        if column == DayColumn.END:
            if entry.end is None:
                return self.tr("running")
            return local_time(entry.end, self._tz, self._day)
        if column == DayColumn.DURATION:
            duration = entry.duration(self._now)
            return display_format().duration(duration, live=entry.running, entry=True)
        if column == DayColumn.SALESFORCE:
            return sync_state_text(entry.sync_state)
        if column == DayColumn.BILLABLE:
            return ""  # the check box says it
        return one_line(entry.note)

    def _tooltip(self, entry: TimeEntry, column: DayColumn) -> str:
        if column == DayColumn.TASK:
            return task_tooltip(self._tree, entry.item_id)
        if column == DayColumn.NOTE:
            note = entry.note
            if len(note) > TOOLTIP_NOTE_CHARS:  # a tooltip taller than the screen shows nothing
                note = note[:TOOLTIP_NOTE_CHARS] + "…"
            if entry.note_longer_than_salesforce_keeps:
                return f"{note_cut_text(entry)}\n\n{note}"
            return note
        if column == DayColumn.BILLABLE:
            return self.tr("Billable time; click to change") if entry.billable else self.tr(
                "Not billable; click to mark the time billable")
        if column == DayColumn.SALESFORCE:
            if entry.sync_state == EntrySyncState.ERROR:
                return fill(self.tr("Salesforce refused this entry: %1"),
                            entry.sync_error or self.tr("no details given"))
            return _tr(SYNC_STATE_TOOLTIP.get(entry.sync_state, ""))
        if column == DayColumn.DURATION and entry.running:
            return self.tr("The timer is running on this entry.")
        if column in (DayColumn.START, DayColumn.END):
            moment = entry.start if column == DayColumn.START else entry.end
            if moment is not None:
                return long_moment(moment.astimezone(self._tz))
        return ""

    def _emit_column_changed(self, column: DayColumn) -> None:
        top = self.index(0, column)
        bottom = self.index(len(self._entries) - 1, column)
        self.dataChanged.emit(top, bottom)


def note_cut_text(entry: TimeEntry) -> str:
    return fill(QCoreApplication.translate(
        _CONTEXT, "This note is longer than Salesforce keeps: Salesforce shows its first %1 of "
        "%2 characters. The whole note stays here."),
        count_text(entry.salesforce_note_limit or 0), count_text(len(entry.note.rstrip())))


_RUNNING_ICON: QIcon | None = None
_CUT_NOTE_ICON: QIcon | None = None


def cut_note_icon() -> QIcon:
    """An amber mark with "!" on a note Salesforce keeps only in part (drawn: crisp at any DPI)."""
    global _CUT_NOTE_ICON
    if _CUT_NOTE_ICON is None:
        icon = QIcon()
        for size in (12, 16, 24, 32):
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#ef8f00"))
            painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
            painter.setBrush(QColor("white"))
            bar = max(1.5, size / 8)
            painter.drawRect(QRectF((size - bar) / 2, size * 0.2, bar, size * 0.4))
            painter.drawEllipse(QRectF((size - bar) / 2, size * 0.7, bar, bar))
            painter.end()
            icon.addPixmap(pixmap)
        _CUT_NOTE_ICON = icon
    return _CUT_NOTE_ICON


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
