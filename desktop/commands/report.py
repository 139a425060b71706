"""`stint report`: where the time went between two local dates, by account, opportunity, case
or task, with billable time; as text, JSON or CSV. The figures are the app's Reports page's
(domain.report, counted as the timesheet counts)."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from desktop.commands.entries import chosen_days
from desktop.commands.result import CommandResult, duration_text, iso
from desktop.domain.report import GroupBy, Report, ReportRow, build_report
from desktop.domain.text import printable
from desktop.domain.totals import Totals, day_span
from desktop.engine import Engine
from desktop.platform.local_zone import local_zone

GROUPINGS = tuple(by.value for by in GroupBy)


def report(
    engine: Engine,
    by: str = GroupBy.TASK.value,
    date_from: str | None = None,
    date_to: str | None = None,
    tz: tzinfo | None = None,
    csv: bool = False,
) -> CommandResult:
    grouping = GroupBy(by)
    tz = tz or local_zone()  # each date's own offset (DST), as `entries` counts days
    first, last = chosen_days(engine, date_from, date_to, tz)
    start, end = day_span(first, last, tz)
    found = engine.store.entries.between(start, end)
    tree = engine.store.items.with_ancestors(entry.item_id for entry in found if entry.item_id)
    built = build_report(found, tree, grouping, start, end, engine.clock.now())
    data = {
        "by": grouping.value,
        "from": first.isoformat(),
        "to": last.isoformat(),
        "start": iso(start),
        "end": iso(end),
        **_totals_json(built.totals),
        "rows": [_row_json(row) for row in built.rows],
    }
    result = CommandResult(data=data, text=_text(built, first, last))
    if csv:
        from desktop.domain.csv_export import report_csv

        result.csv = report_csv(built)
    return result


def _totals_json(totals: Totals) -> dict[str, int]:
    return {
        "seconds": totals.seconds,
        "billable_seconds": totals.billable_seconds,
        "non_billable_seconds": totals.non_billable_seconds,
        "entries": totals.entries,
    }


def _row_json(row: ReportRow) -> dict[str, Any]:
    return {
        "name": row.display_name(),
        "kind": row.kind,
        "id": row.record_id,
        "sobject": row.sobject,
        "bucket": row.bucket.value if row.bucket else None,
        "archived": row.archived,
        **_totals_json(row.totals),
    }


def _text(built: Report, first, last) -> str:
    lines = [f"Time by {built.by.value}, {first} to {last} (total, billable):"]
    for row in built.rows:
        mark = "  [archived]" if row.archived else ""
        lines.append(
            f"{duration_text(row.totals.seconds):>7} {duration_text(row.totals.billable_seconds):>7}"
            f"  {printable(row.display_name())}{mark}"
        )
    totals = built.totals
    if not built.rows:
        lines.append("No time recorded in these days.")
    lines.append(
        f"Total {duration_text(totals.seconds)}, billable {duration_text(totals.billable_seconds)}, "
        f"not billable {duration_text(totals.non_billable_seconds)}, in {totals.entries} "
        f"{'entry' if totals.entries == 1 else 'entries'}."
    )
    return "\n".join(lines)
