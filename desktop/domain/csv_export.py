"""CSV of time entries and of reports: what `stint entries --csv` / `stint report --csv` print
and what the app's "Export CSV" writes, column for column.

Names come from Salesforce and notes from people: a spreadsheet would run a cell starting
with = + - @ (or a tab) as a formula, so such cells get a leading '; and
control characters other than line breaks and tabs are written as escapes ("\\x1b"), so the
CSV printed on a terminal cannot drive it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, tzinfo

from desktop.domain.durations import format_decimal_hours
from desktop.domain.entries import TimeEntry
from desktop.domain.report import Report
from desktop.domain.text import printable
from desktop.domain.tree import TaskTree

ENTRY_COLUMNS = (
    "date", "start", "end", "hours", "task", "note", "billable", "item_id", "start_utc",
    "end_utc", "client_id",
)
REPORT_COLUMNS = (
    "name", "kind", "id", "archived", "hours", "billable_hours", "non_billable_hours",
    "seconds", "billable_seconds", "entries",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t")  # (a carriage return is escaped first)


def safe_cell(text: str) -> str:
    """The text, made inert for spreadsheets and terminals (see the module doc)."""
    text = printable(text, keep="\n\t")
    return "'" + text if text[:1] in _FORMULA_STARTS else text


def utc_text(moment: datetime | None) -> str | None:
    """UTC ISO-8601 with a Z, second precision: "2026-11-21T07:05:09Z" (None stays None)."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_task_path(tree: TaskTree, item_id: str | None) -> str | None:
    """The task as the CLI names it: its whole path ("Salesforce > Acme > Call back")."""
    return tree.path_text(item_id) if item_id else None


def entries_csv(
    entries: Iterable[TimeEntry], tree: TaskTree, tz: tzinfo | None, now: datetime
) -> str:
    """The entries with ENTRY_COLUMNS: local date and times, decimal hours, UTC times."""
    rows = []
    for entry in entries:
        rows.append([
            entry.start.astimezone(tz).date().isoformat(),
            f"{entry.start.astimezone(tz):%H:%M}",
            f"{entry.end.astimezone(tz):%H:%M}" if entry.end else "",
            format_decimal_hours(entry.duration(now)),
            safe_cell(entry_task_path(tree, entry.item_id) or ""),
            safe_cell(entry.note),
            "yes" if entry.billable else "no",
            entry.item_id or "",
            utc_text(entry.start),
            utc_text(entry.end) or "",
            entry.client_id,
        ])
    return _csv(ENTRY_COLUMNS, rows)


def report_csv(report: Report) -> str:
    """The report's rows with REPORT_COLUMNS (bucket rows by their English names)."""
    rows = []
    for row in report.rows:
        totals = row.totals
        rows.append([
            safe_cell(row.display_name()),
            row.kind or "",
            row.record_id or "",
            "yes" if row.archived else "no",
            format_decimal_hours(totals.duration),
            format_decimal_hours(totals.billable),
            format_decimal_hours(totals.non_billable),
            totals.seconds,
            totals.billable_seconds,
            totals.entries,
        ])
    return _csv(REPORT_COLUMNS, rows)


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()
