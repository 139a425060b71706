"""The Reports page of the real app against a known set of entries: its totals (by task, then by
account), agreement with `stint report`, and "Export CSV…" through the real file dialog.

The entries are written into the profile's store before the app starts (what a day of
tracking leaves behind); the app is driven with the keyboard only: Ctrl+2 shows Reports,
Alt+G the grouping, Alt+E the export. What the page shows is read from its log line (the
figures it put on screen) and compared with the known sums and with the CLI.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from desktop.domain.entries import TimeEntry
from desktop.store.store import Store
from tests.e2e.app_driver import StintDriver
from tests.support.processes import wait_until

OPPORTUNITY_NAME = "Zephyr Quartz onboarding"


def this_week() -> tuple[date, date]:
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def add_known_entries(stint: StintDriver, opportunity_id: str) -> dict[str, int]:
    """Four entries today, 06:00-09:35 local: 1:30 on the opportunity and 0:45 on an activity
    (both billable), 1:00 on a case and 0:20 without a task (not billable)."""
    tasks = stint.cli_json("tasks", "--limit", "500")
    activity = next(t for t in tasks if t["kind"] == "activity")
    case = next(t for t in tasks if t["kind"] == "case")
    start = datetime.combine(date.today(), time(6, 0)).astimezone()
    plan = [
        (opportunity_id, 90, True),
        (activity["id"], 45, True),
        (case["id"], 60, False),
        (None, 20, False),
    ]
    store = Store.open(stint.profile / "data" / "stint.sqlite3")
    try:
        for item_id, minutes, billable in plan:
            end = start + timedelta(minutes=minutes)
            store.entries.add(TimeEntry(start=start, end=end, item_id=item_id, billable=billable,
                                        note=f"known entry, {minutes} min"))
            start = end
    finally:
        store.close()
    return {"seconds": (90 + 45 + 60 + 20) * 60, "billable_seconds": (90 + 45) * 60, "entries": 4}


def shown(stint: StintDriver, by: str, expected: dict[str, int], rows: int) -> str:
    first, last = this_week()
    return stint.wait_for_log(
        f"reports page shows {first}..{last} by {by}: {rows} rows, {expected['seconds']} s, "
        f"billable {expected['billable_seconds']} s, {expected['entries']} entries"
    )


def test_reports_page_totals_and_export(stint, tmp_path):
    opportunity_id = stint.connect_and_sync_with_cli(OPPORTUNITY_NAME)
    expected = add_known_entries(stint, opportunity_id)
    first, last = this_week()
    stint.launch()
    stint.wait_until_searchable()

    stint.keys("ctrl+2")  # Go > Reports: this week, by task
    shown(stint, "task", expected, rows=4)
    by_task = stint.cli_json("report", "--by", "task", "--from", str(first), "--to", str(last))
    assert {k: by_task[k] for k in expected} == expected
    stint.screenshot("reports_by_task")

    stint.keys("alt+g", "Home")  # Group by: the first choice, Account
    by_account = stint.cli_json("report", "--by", "account", "--from", str(first), "--to", str(last))
    shown(stint, "account", expected, rows=len(by_account["rows"]))
    assert {row["bucket"] for row in by_account["rows"]} >= {"no_task"}

    # Export CSV...: the real file dialog, a path typed into it, Enter.
    target = tmp_path / "exported week.csv"
    stint.keys("alt+e")
    dialog = stint.session.wait_for_window("Export CSV", timeout=10, process=stint.app)
    stint.session.key("ctrl+a", window=dialog)
    stint.session.type_text(str(target), window=dialog)
    stint.session.key("Return", window=dialog)
    wait_until(lambda: target.exists(), timeout=10, what=f"the export at {target}", interval=0.1)
    cli_csv = stint.cli("entries", "--from", str(first), "--to", str(last), "--csv").stdout
    assert Path(target).read_text(encoding="utf-8") == cli_csv
    assert cli_csv.count("known entry") == 4
    stint.wait_for_log("exported 4 entries as CSV")


def test_open_in_salesforce_from_the_tree_and_the_command_line(stint):
    opportunity_id = stint.connect_and_sync_with_cli(OPPORTUNITY_NAME)
    instance = stint.status()["connection"]["instance_url"]
    # the command line: prints the address and hands it to the session's browser
    printed = stint.cli("open", opportunity_id).stdout.strip()
    assert printed == f"{instance}/lightning/r/Opportunity/{opportunity_id}/view"
    assert stint.session.wait_for_opened_url(f"/Opportunity/{opportunity_id}/") == printed

    # the app: the tree opens at the current task; its menu (the Menu key) opens the record
    store = Store.open(stint.profile / "data" / "stint.sqlite3")
    try:
        store.entries.add(TimeEntry(start=datetime.now().astimezone() - timedelta(hours=2),
                                    end=datetime.now().astimezone() - timedelta(hours=1),
                                    item_id=opportunity_id))
    finally:
        store.close()
    stint.launch()
    stint.wait_until_searchable()
    stint.wait_until_connected()
    stint.keys("ctrl+k", "alt+Down")  # the whole tree, at the task last worked on
    stint.keys("Menu", "Down", "Down", "Return")  # Start timer, Open in Salesforce
    wait_until(lambda: stint.session.opened_urls().count(printed) == 2, timeout=10,
               what="the app to open the record too (after the CLI)", interval=0.1)
    assert stint.status()["timer"] is None  # "Start timer" was passed over
