"""domain.csv_export: the entries CSV (`stint entries --csv`, the app's export) and the report CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from desktop.domain.csv_export import (
    ENTRY_COLUMNS,
    REPORT_COLUMNS,
    entries_csv,
    report_csv,
    safe_cell,
)
from desktop.domain.entries import TimeEntry
from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.domain.report import GroupBy, build_report
from desktop.domain.tree import TaskTree

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 18, 18, 0, tzinfo=UTC)
HOSTILE = "=HYPERLINK(\"http://evil\")"
TREE = TaskTree([
    Item("006000000000001AAA", ItemKind.OPPORTUNITY, HOSTILE, ROOT_ID, "Opportunity",
         (("Account", "@Acme"),)),
])


def parsed(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_cells_that_a_spreadsheet_would_run_get_a_quote():
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("Acme = fine") == "Acme = fine"
    assert safe_cell("") == ""


def test_control_characters_in_cells_are_escaped_but_line_breaks_and_tabs_kept():
    assert safe_cell("\rx") == "\\rx"  # a carriage return could hide what went before
    assert safe_cell("\x1b]0;pwned\x07 a\tb\nc") == "\\x1b]0;pwned\\x07 a\tb\nc"


def test_entries_csv_has_the_cli_columns_local_times_and_guarded_text():
    entries = [
        TimeEntry(start=datetime(2026, 11, 18, 8, tzinfo=UTC), end=datetime(2026, 11, 18, 9, 30, tzinfo=UTC),
                  item_id="006000000000001AAA", note="-5 % discount", billable=True,
                  client_id="c-1"),
        TimeEntry(start=datetime(2026, 11, 18, 17, tzinfo=UTC), note="running", client_id="c-2"),
    ]
    header, first, running = parsed(entries_csv(entries, TREE, BERLIN, NOW))
    assert tuple(header) == ENTRY_COLUMNS
    assert first == ["2026-11-18", "09:00", "10:30", "1.50", "Salesforce > " + HOSTILE,
                     "'-5 % discount", "yes", "006000000000001AAA", "2026-11-18T08:00:00Z",
                     "2026-11-18T09:30:00Z", "c-1"]
    assert running == ["2026-11-18", "18:00", "", "1.00", "", "running", "no", "", "2026-11-18T17:00:00Z",
                       "", "c-2"]


def test_report_csv_has_one_row_per_group_with_hours_and_seconds():
    entries = [
        TimeEntry(start=datetime(2026, 11, 18, 8, tzinfo=UTC), end=datetime(2026, 11, 18, 9, 30, tzinfo=UTC),
                  item_id="006000000000001AAA", billable=True),
        TimeEntry(start=datetime(2026, 11, 18, 10, tzinfo=UTC), end=datetime(2026, 11, 18, 10, 45, tzinfo=UTC)),
    ]
    report = build_report(entries, TREE, GroupBy.ACCOUNT, datetime(2026, 11, 18, tzinfo=UTC),
                          datetime(2026, 11, 19, tzinfo=UTC), NOW)
    header, acme, no_task = parsed(report_csv(report))
    assert tuple(header) == REPORT_COLUMNS
    assert acme == ["'@Acme", "account", "", "no", "1.50", "1.50", "0.00", "5400", "5400", "1"]
    assert no_task == ["No task", "", "", "no", "0.75", "0.00", "0.75", "2700", "0", "1"]
