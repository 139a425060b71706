"""domain.report: entries grouped by account, opportunity, case or task through the tree."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.domain.entries import TimeEntry
from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.domain.report import Bucket, GroupBy, build_report
from desktop.domain.totals import totals_within
from desktop.domain.tree import TaskTree

NOW = datetime(2026, 11, 18, 18, 0, tzinfo=UTC)
START, END = datetime(2026, 11, 18, tzinfo=UTC), datetime(2026, 11, 19, tzinfo=UTC)

ACME_OPP = "006000000000001AAA"
ACME_CALL = "00T000000000001AAA"
ACME_CASE = "500000000000001AAA"
CASE_CALL = "00T000000000002AAA"
CHILD_CASE = "500000000000002AAA"
NO_ACCOUNT_OPP = "006000000000002AAA"
CLOSED_OPP = "006000000000003AAA"
CLOSED_CALL = "00T000000000003AAA"
GONE = "006000000000009AAA"

TREE = TaskTree([
    Item(ACME_OPP, ItemKind.OPPORTUNITY, "Acme - 500 Widgets", ROOT_ID, "Opportunity",
         (("Account", "Acme"), ("Stage", "Prospecting"))),
    Item(ACME_CALL, ItemKind.ACTIVITY, "Call back", ACME_OPP, "Task"),
    Item(ACME_CASE, ItemKind.CASE, "00001026 Printer on fire", ROOT_ID, "Case",
         (("Account", "Acme"),)),
    Item(CASE_CALL, ItemKind.ACTIVITY, "Call back", ACME_CASE, "Task"),
    Item(CHILD_CASE, ItemKind.CASE, "00001027 Toner", ACME_CASE, "Case"),
    Item(NO_ACCOUNT_OPP, ItemKind.OPPORTUNITY, "Internal training", ROOT_ID, "Opportunity"),
    Item(CLOSED_OPP, ItemKind.OPPORTUNITY, "Initech - Closed deal", ROOT_ID, "Opportunity",
         (("Account", "Initech"),), archived=True, archive_reason="closed"),
    Item(CLOSED_CALL, ItemKind.ACTIVITY, "Follow-up", CLOSED_OPP, "Task"),
])


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 18, hour, minute, tzinfo=UTC)


def entry(item_id, start, end, billable=False):
    return TimeEntry(start=start, end=end, item_id=item_id, billable=billable)


ENTRIES = [
    entry(ACME_OPP, at(8), at(9), billable=True),  # 1:00
    entry(ACME_CALL, at(9), at(9, 30), billable=True),  # 0:30
    entry(CASE_CALL, at(9, 30), at(10)),  # 0:30
    entry(CHILD_CASE, at(10), at(10, 15)),  # 0:15
    entry(NO_ACCOUNT_OPP, at(10, 15), at(11)),  # 0:45
    entry(CLOSED_CALL, at(11), at(12), billable=True),  # 1:00
    entry(None, at(12), at(12, 20)),  # 0:20
    entry(GONE, at(12, 20), at(12, 30)),  # 0:10
    entry(ACME_OPP, at(17), None),  # running: 1:00 up to NOW
]


def rows(by: GroupBy) -> dict[str, tuple[int, int, int]]:
    report = build_report(ENTRIES, TREE, by, START, END, NOW)
    return {row.display_name(): (row.totals.seconds // 60, row.totals.billable_seconds // 60,
                                 row.totals.entries) for row in report.rows}


def test_by_account_through_the_opportunity_or_case_above_the_task():
    assert rows(GroupBy.ACCOUNT) == {
        "Acme": (60 + 30 + 30 + 15 + 60, 90, 5),  # the child case: its parent case's account
        "Initech": (60, 60, 1),
        "No account": (45, 0, 1),
        "No task": (20, 0, 1),
        "Task not in the cache": (10, 0, 1),
    }


def test_by_opportunity_and_by_case_the_nearest_record_counts():
    assert rows(GroupBy.OPPORTUNITY) == {
        "Acme - 500 Widgets": (150, 90, 3),
        "Initech - Closed deal": (60, 60, 1),
        "Internal training": (45, 0, 1),
        "Not on an opportunity": (45, 0, 2),
        "No task": (20, 0, 1),
        "Task not in the cache": (10, 0, 1),
    }
    assert rows(GroupBy.CASE) == {
        "Not on a case": (255, 150, 5),
        "00001026 Printer on fire": (30, 0, 1),
        "No task": (20, 0, 1),
        "00001026 Printer on fire > 00001027 Toner": (15, 0, 1),
        "Task not in the cache": (10, 0, 1),
    }


def test_by_task_names_each_task_by_its_path_so_equal_names_stay_apart():
    by_task = rows(GroupBy.TASK)
    assert by_task["Acme - 500 Widgets > Call back"] == (30, 30, 1)
    assert by_task["00001026 Printer on fire > Call back"] == (30, 0, 1)
    assert by_task["Acme - 500 Widgets"] == (120, 60, 2)


@pytest.mark.parametrize("by", list(GroupBy))
def test_nothing_is_dropped_and_rows_add_up_to_the_timesheets_total(by):
    report = build_report(ENTRIES, TREE, by, START, END, NOW)
    timesheet = totals_within(ENTRIES, START, END, NOW)
    assert report.totals == timesheet
    assert sum(row.totals.seconds for row in report.rows) == timesheet.seconds
    assert sum(row.totals.billable_seconds for row in report.rows) == timesheet.billable_seconds
    assert sum(row.totals.entries for row in report.rows) == len(ENTRIES)
    seconds = [row.totals.seconds for row in report.rows]
    assert seconds == sorted(seconds, reverse=True)


def test_archived_tasks_are_marked_and_rows_name_their_record():
    report = build_report(ENTRIES, TREE, GroupBy.TASK, START, END, NOW)
    follow_up = next(row for row in report.rows if row.name.endswith("Follow-up"))
    assert follow_up.archived and follow_up.name == "Initech - Closed deal > Follow-up"
    assert (follow_up.record_id, follow_up.sobject, follow_up.kind) == (CLOSED_CALL, "Task", "activity")
    no_task = next(row for row in report.rows if row.bucket is Bucket.NO_TASK)
    assert (no_task.name, no_task.record_id, no_task.archived) == ("", None, False)
    accounts = build_report(ENTRIES, TREE, GroupBy.ACCOUNT, START, END, NOW)
    acme = next(row for row in accounts.rows if row.name == "Acme")
    assert (acme.kind, acme.record_id) == ("account", None)


def test_entries_outside_the_span_or_partly_inside_count_for_their_part():
    early = [entry(ACME_OPP, datetime(2026, 11, 17, 23, tzinfo=UTC), at(0, 30))]
    report = build_report(early, TREE, GroupBy.ACCOUNT, START, END, NOW)
    assert [(row.name, row.totals.seconds) for row in report.rows] == [("Acme", 1800)]
    before = [entry(ACME_OPP, datetime(2026, 11, 17, 9, tzinfo=UTC), datetime(2026, 11, 17, 10, tzinfo=UTC))]
    assert build_report(before, TREE, GroupBy.ACCOUNT, START, END, NOW).rows == ()


def test_same_named_records_are_told_apart_by_their_accounts():
    """Issue 13, point 8: two "Renewal 2027" opportunities (and their "Call back" tasks)
    read "Renewal 2027 (Acme)" and "Renewal 2027 (Globex)"."""
    acme, globex = "006000000000011AAA", "006000000000012AAA"
    acme_call, globex_call = "00T000000000011AAA", "00T000000000012AAA"
    tree = TaskTree([
        Item(acme, ItemKind.OPPORTUNITY, "Renewal 2027", ROOT_ID, "Opportunity",
             (("Account", "Acme"),)),
        Item(globex, ItemKind.OPPORTUNITY, "Renewal 2027", ROOT_ID, "Opportunity",
             (("Account", "Globex"),)),
        Item(acme_call, ItemKind.ACTIVITY, "Call back", acme, "Task"),
        Item(globex_call, ItemKind.ACTIVITY, "Call back", globex, "Task"),
    ])
    entries = [entry(acme_call, at(9), at(10)), entry(globex_call, at(10), at(12))]
    by_task = build_report(entries, tree, GroupBy.TASK, START, END, NOW)
    assert [row.name for row in by_task.rows] == ["Renewal 2027 > Call back (Globex)",
                                                  "Renewal 2027 > Call back (Acme)"]
    by_opportunity = build_report(entries, tree, GroupBy.OPPORTUNITY, START, END, NOW)
    assert {row.name for row in by_opportunity.rows} == {"Renewal 2027 (Acme)",
                                                         "Renewal 2027 (Globex)"}
