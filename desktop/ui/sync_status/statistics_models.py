"""Table models of the sync statistics: recent runs, counts per object, record changes.

All plain strings (record names come from Salesforce and are shown literally), in the
user's language: headers and words through Qt's translation ("SyncTables"), objects by
Salesforce's own names for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from desktop.domain.synclog import (
    ChangeStatus,
    ObjectCounts,
    RecordChange,
    RunOutcome,
    SyncRun,
)
from desktop.domain.text import fill, one_line
from desktop.services.i18n import count_text, run_error_text
from desktop.ui.salesforce_names import sobject_name
from desktop.ui.sync_status.text import (
    direction_text,
    kind_text,
    local_moment,
    outcome_text,
    run_duration,
    status_text,
)

AnyIndex = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ERROR_COLOR = QColor("#c62828")

translate = QCoreApplication.translate  # by this name, pyside6-lupdate finds the texts


def _tr(source: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("SyncTables", ...) in this module, translated."""
    return translate("SyncTables", source)


# What a record change did, and why an archived record left the tree (log values).
ACTION_TEXT = {
    "created": QT_TRANSLATE_NOOP("SyncTables", "Created"),
    "modified": QT_TRANSLATE_NOOP("SyncTables", "Modified"),
    "updated": QT_TRANSLATE_NOOP("SyncTables", "Updated"),
    "archived": QT_TRANSLATE_NOOP("SyncTables", "Archived"),
    "restored": QT_TRANSLATE_NOOP("SyncTables", "Restored"),
    "deleted": QT_TRANSLATE_NOOP("SyncTables", "Deleted"),
    "conflict": QT_TRANSLATE_NOOP("SyncTables", "Conflict"),
    "failed": QT_TRANSLATE_NOOP("SyncTables", "Failed"),
}
REASON_TEXT = {
    "closed": QT_TRANSLATE_NOOP("SyncTables", "closed"),
    "deleted": QT_TRANSLATE_NOOP("SyncTables", "deleted"),
    "not visible": QT_TRANSLATE_NOOP("SyncTables", "not visible"),
    "excluded": QT_TRANSLATE_NOOP("SyncTables", "excluded"),
}
# "2 closed, 1 deleted": ObjectCounts field, its words with a count (as the domain's
# ARCHIVE_BREAKDOWN, in the user's language).
BREAKDOWN_TEXT = (
    ("closed", QT_TRANSLATE_NOOP("SyncTables", "%1 closed")),
    ("deleted", QT_TRANSLATE_NOOP("SyncTables", "%1 deleted")),
    ("not_visible", QT_TRANSLATE_NOOP("SyncTables", "%1 no longer visible")),
    ("excluded", QT_TRANSLATE_NOOP("SyncTables", "%1 excluded")),
)


def action_text(action: str, reason: str | None = None) -> str:
    """ "Archived (closed)" in the user's language."""
    source = ACTION_TEXT.get(action)
    text = _tr(source) if source is not None else action.replace("_", " ").capitalize()
    if not reason:
        return text
    why = _tr(REASON_TEXT[reason]) if reason in REASON_TEXT else reason
    return fill(translate("SyncTables", "%1 (%2)"), text, why)


class _PlainTable(QAbstractTableModel):
    """Rows of strings with header labels; subclasses say how a row reads."""

    headers: tuple[str, ...] = ()  # marked with QT_TRANSLATE_NOOP("SyncTables", ...)
    header_contexts: tuple[str, ...] = ()  # another context for some headers, if any
    numeric_columns: frozenset[int] = frozenset()

    def __init__(self, tz: tzinfo | None = None, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._now = datetime.now().astimezone()
        self._rows: list = []

    def set_rows(self, rows: Sequence, now: datetime) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._now = now
        self.endResetModel()

    def row_object(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            context = (self.header_contexts[section] if section < len(self.header_contexts)
                       else "SyncTables")
            return translate(context, self.headers[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if section in self.numeric_columns else _LEFT)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.headers):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if column in self.numeric_columns else _LEFT)
        if role == Qt.ItemDataRole.ForegroundRole and self.is_error(row, column):
            return _ERROR_COLOR
        return None

    def text(self, row, column: int) -> str:
        raise NotImplementedError

    def tooltip(self, row, column: int) -> str | None:
        text = self.text(row, column)
        return text or None

    def is_error(self, row, column: int) -> bool:
        return False


class RunsModel(_PlainTable):
    """Recent synchronizations, newest first."""

    headers = (
        QT_TRANSLATE_NOOP("SyncTables", "Started"),
        QT_TRANSLATE_NOOP("SyncTables", "Type"),
        QT_TRANSLATE_NOOP("SyncTables", "Result"),
        QT_TRANSLATE_NOOP("SyncTables", "Duration"),
        QT_TRANSLATE_NOOP("SyncTables", "API calls"),
        QT_TRANSLATE_NOOP("SyncTables", "Changes"),
    )
    numeric_columns = frozenset({3, 4, 5})

    def text(self, run: SyncRun, column: int) -> str:
        return [
            local_moment(run.started_at, self._now, self._tz),
            kind_text(run.kind),
            outcome_text(run.outcome),
            run_duration(run),
            count_text(run.api_calls),
            count_text(total_counts([run]).total),
        ][column]

    def tooltip(self, run: SyncRun, column: int) -> str | None:
        if column == 2 and run.error:
            return run_error_text(run)
        lines = [_object_summary(name, c) for name, c in sorted(run.counts.items())]
        return "\n".join(lines) or None

    def is_error(self, run: SyncRun, column: int) -> bool:
        return column == 2 and run.outcome not in (RunOutcome.SUCCEEDED, RunOutcome.RUNNING)


def counts_summary(c: ObjectCounts) -> str:
    """ "3 created, 1 modified, 2 archived (1 closed, 1 deleted), 0 restored"."""
    why = ", ".join(fill(_tr(words), count_text(getattr(c, name)))
                    for name, words in BREAKDOWN_TEXT if getattr(c, name))
    archived = (fill(translate("SyncTables", "%1 archived (%2)"), count_text(c.archived), why)
                if why else fill(translate("SyncTables", "%1 archived"), count_text(c.archived)))
    return fill(translate("SyncTables", "%1 created, %2 modified, %3, %4 restored"),
                count_text(c.created), count_text(c.modified), archived, count_text(c.restored))


def _object_summary(sobject: str, c: ObjectCounts) -> str:
    """ "Case: 3 created, ..." for a tooltip."""
    return fill(translate("SyncTables", "%1: %2"), sobject_name(sobject), counts_summary(c))


# The counts table's columns: header, ObjectCounts field. The headers have their own context
# (counts: plural in French, where the same English words in SyncTables name one record's
# action). Why items were archived is shown reason by reason; "Archived (other)" only holds
# runs from before Stint recorded why.
COUNT_COLUMNS = (
    (QT_TRANSLATE_NOOP("SyncCounts", "Created"), "created"),
    (QT_TRANSLATE_NOOP("SyncCounts", "Modified"), "modified"),
    (QT_TRANSLATE_NOOP("SyncCounts", "Closed"), "closed"),
    (QT_TRANSLATE_NOOP("SyncCounts", "Deleted"), "deleted"),
    # no longer visible to the user in Salesforce
    (QT_TRANSLATE_NOOP("SyncCounts", "Not visible"), "not_visible"),
    (QT_TRANSLATE_NOOP("SyncCounts", "Excluded"), "excluded"),
    (QT_TRANSLATE_NOOP("SyncCounts", "Archived (other)"), "archived_unexplained"),
    (QT_TRANSLATE_NOOP("SyncCounts", "Restored"), "restored"),
    (QT_TRANSLATE_NOOP("SyncCounts", "Pushed"), "pushed"),
    (QT_TRANSLATE_NOOP("SyncCounts", "Failed"), "failed"),
)
# Columns shown only when some row has a figure in them.
OPTIONAL_COUNT_COLUMNS = frozenset({"excluded", "archived_unexplained", "pushed", "failed"})


class ObjectCountsModel(_PlainTable):
    """Created / modified / closed / deleted / no longer visible / excluded / restored (and
    pushed / failed) per object, summed over the given runs."""

    headers = (QT_TRANSLATE_NOOP("SyncTables", "Object"),
               *(header for header, _name in COUNT_COLUMNS))
    header_contexts = ("SyncTables", *("SyncCounts" for _column in COUNT_COLUMNS))
    numeric_columns = frozenset(range(1, len(COUNT_COLUMNS) + 1))

    def set_runs(self, runs: Sequence[SyncRun], now: datetime) -> None:
        summed: dict[str, ObjectCounts] = {}
        for run in runs:
            for name, counts in run.counts.items():
                summed[name] = summed.get(name, ObjectCounts()) + counts
        self.set_rows(sorted(summed.items()), now)

    def has_write_back(self) -> bool:
        """True when some run pushed time entries (the Pushed/Failed columns matter)."""
        return any(c.pushed or c.failed for _name, c in self._rows)

    def unused_columns(self) -> list[int]:
        """The optional columns no row has a figure in (the view hides them)."""
        def used(name: str) -> bool:
            if name in ("pushed", "failed"):  # both, once write-back is in use
                return self.has_write_back()
            return any(getattr(c, name) for _sobject, c in self._rows)

        return [
            column for column, (_header, name) in enumerate(COUNT_COLUMNS, start=1)
            if name in OPTIONAL_COUNT_COLUMNS and not used(name)
        ]

    def counts_for(self, sobject: str) -> ObjectCounts | None:
        return next((c for name, c in self._rows if name == sobject), None)

    def text(self, row: tuple[str, ObjectCounts], column: int) -> str:
        name, c = row
        if column == 0:
            return sobject_name(name)
        return count_text(getattr(c, COUNT_COLUMNS[column - 1][1]))

    def tooltip(self, row: tuple[str, ObjectCounts], column: int) -> str | None:
        if column == 0:
            return _object_summary(row[0], row[1])
        if COUNT_COLUMNS[column - 1][1] == "archived_unexplained":
            return translate("SyncTables",
                             "Archived by synchronizations from before Stint recorded why")
        return super().tooltip(row, column)

    def is_error(self, row: tuple[str, ObjectCounts], column: int) -> bool:
        return column > 0 and COUNT_COLUMNS[column - 1][1] == "failed" and row[1].failed > 0


class RecordChangesModel(_PlainTable):
    """The last 100 record-level changes, newest first."""

    headers = (
        QT_TRANSLATE_NOOP("SyncTables", "Time"),
        QT_TRANSLATE_NOOP("SyncTables", "Object"),
        QT_TRANSLATE_NOOP("SyncTables", "Record"),
        QT_TRANSLATE_NOOP("SyncTables", "Action"),
        QT_TRANSLATE_NOOP("SyncTables", "Direction"),
        QT_TRANSLATE_NOOP("SyncTables", "Status"),
        QT_TRANSLATE_NOOP("SyncTables", "Error"),
    )

    def text(self, change: RecordChange, column: int) -> str:
        return [
            local_moment(change.at, self._now, self._tz),
            sobject_name(change.sobject),
            change.record_name or change.record_id,
            action_text(change.action, change.reason),
            direction_text(change.direction),
            status_text(change.status),
            one_line(change.error or ""),
        ][column]

    def tooltip(self, change: RecordChange, column: int) -> str | None:
        if column == 2:
            return f"{change.record_name}\n{change.sobject} {change.record_id}".strip()
        if column == 6:
            return change.error or None
        if column == 0:
            local = change.at.astimezone(self._tz)
            return QLocale().toString(QDateTime(local.date(), local.time().replace(tzinfo=None)),
                                      translate("SyncTables", "dddd d MMMM yyyy, HH:mm:ss"))
        return super().tooltip(change, column)

    def is_error(self, change: RecordChange, column: int) -> bool:
        return change.status == ChangeStatus.ERROR and column in (5, 6)


def total_counts(runs: Sequence[SyncRun]) -> ObjectCounts:
    total = ObjectCounts()
    for run in runs:
        for counts in run.counts.values():
            total = total + counts
    return total
