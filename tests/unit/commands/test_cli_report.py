"""`stint report` and `stint open` through `main(argv)`, on a profile synced from the sandbox."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from desktop.commands.records import open_record
from desktop.domain.entries import TimeEntry
from desktop.engine import Engine
from desktop.platform.browser import RecordingBrowser

DAY = "2026-03-10"
NINE = datetime(2026, 3, 10, 9, tzinfo=UTC)


def engine_for(profile_dir, memory_keyring):
    return Engine.open(profile_dir, secret_store=memory_keyring, policy={}, log_to_file=False)


@pytest.fixture
def utc(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def synced(connected_cli, profile_dir, memory_keyring, utc):
    """A synced profile with four entries on 10 March 2026: an activity and its opportunity
    (billable), a case, and one without a task."""
    connected_cli("sync")
    tasks = connected_cli("tasks", "--json", "--limit", "500").json()
    activity = next(t for t in tasks if t["kind"] == "activity" and t["id"].startswith("00T")
                    and t["parent_id"].startswith("006"))
    opportunity = next(t for t in tasks if t["id"] == activity["parent_id"])
    case = next(t for t in tasks if t["kind"] == "case")
    with engine_for(profile_dir, memory_keyring) as engine:
        add = engine.store.entries.add
        add(TimeEntry(start=NINE, end=NINE + timedelta(hours=1), item_id=activity["id"], billable=True))
        add(TimeEntry(start=NINE + timedelta(hours=1), end=NINE + timedelta(hours=1, minutes=30),
                      item_id=opportunity["id"]))
        add(TimeEntry(start=NINE + timedelta(hours=2), end=NINE + timedelta(hours=2, minutes=45),
                      item_id=case["id"], billable=True))
        add(TimeEntry(start=NINE + timedelta(hours=3), end=NINE + timedelta(hours=3, minutes=15)))
    return {"activity": activity, "opportunity": opportunity, "case": case}


def account_of(task):
    return dict((f["label"], f["value"]) for f in task["fields"]).get("Account")


def test_report_by_opportunity_json(connected_cli, synced):
    data = connected_cli("report", "--by", "opportunity", "--from", DAY, "--to", DAY, "--json").json()
    assert (data["by"], data["from"], data["to"]) == ("opportunity", DAY, DAY)
    assert (data["start"], data["end"]) == ("2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z")
    assert (data["seconds"], data["billable_seconds"], data["non_billable_seconds"], data["entries"]) == (
        9000, 6300, 2700, 4)
    rows = {row["name"]: row for row in data["rows"]}
    opportunity = rows[synced["opportunity"]["name"]]
    assert (opportunity["seconds"], opportunity["billable_seconds"], opportunity["entries"]) == (5400, 3600, 2)
    assert (opportunity["id"], opportunity["sobject"], opportunity["kind"]) == (
        synced["opportunity"]["id"], "Opportunity", "opportunity")
    assert rows["Not on an opportunity"]["seconds"] == 45 * 60
    assert rows["Not on an opportunity"]["bucket"] == "no_opportunity"
    assert rows["No task"]["seconds"] == 15 * 60 and rows["No task"]["id"] is None
    assert sum(row["seconds"] for row in data["rows"]) == data["seconds"]


def test_report_by_account_text_and_csv(connected_cli, synced):
    account = account_of(synced["opportunity"])
    text = connected_cli("report", "--by", "account", "--from", DAY, "--to", DAY).out
    assert text.splitlines()[0] == f"Time by account, {DAY} to {DAY} (total, billable):"
    assert f"   1:30    1:00  {account}" in text
    assert text.splitlines()[-1] == "Total 2:30, billable 1:45, not billable 0:45, in 4 entries."
    rows = list(csv.DictReader(io.StringIO(
        connected_cli("report", "--by", "account", "--from", DAY, "--to", DAY, "--csv").out)))
    assert sum(int(row["seconds"]) for row in rows) == 9000
    first = next(row for row in rows if row["name"] == account)
    assert (first["hours"], first["billable_hours"], first["kind"]) == ("1.50", "1.00", "account")


def test_report_totals_match_the_entries(connected_cli, synced):
    entries = connected_cli("entries", "--from", DAY, "--to", DAY, "--json").json()
    by_task = connected_cli("report", "--by", "task", "--from", DAY, "--to", DAY, "--json").json()
    assert by_task["seconds"] == sum(entry["duration_seconds"] for entry in entries)
    assert len(by_task["rows"]) == 4


def test_report_refuses_bad_input_in_one_line(stint):
    bad = stint("report", "--from", "2026-03-11", "--to", "2026-03-10")
    assert bad.code == 1 and bad.err == "stint: The --from date is after the --to date.\n"
    with pytest.raises(SystemExit) as usage:  # argparse's usage error
        stint("report", "--by", "planet")
    assert usage.value.code == 2


def test_open_prints_the_lightning_address_of_a_task(connected_cli, synced, sandbox):
    opportunity = synced["opportunity"]
    result = connected_cli("open", opportunity["id"], "--print")
    assert result.code == 0
    assert result.out == (
        f"{sandbox.instance_url}/lightning/r/Opportunity/{opportunity['id']}/view\n")
    by_name = connected_cli("open", opportunity["name"], "--print", "--json").json()
    assert by_name == {"id": opportunity["id"], "sobject": "Opportunity",
                       "name": opportunity["name"], "opened": False,
                       "url": f"{sandbox.instance_url}/lightning/r/Opportunity/{opportunity['id']}/view"}
    # an Id not in the cache: its key prefix names the object
    unknown = connected_cli("open", "500000000000777AAA", "--print").out.strip()
    assert unknown.endswith("/lightning/r/Case/500000000000777AAA/view")


def test_open_opens_the_browser(connected_cli, synced, profile_dir, memory_keyring, sandbox):
    browser = RecordingBrowser()
    with engine_for(profile_dir, memory_keyring) as engine:
        result = open_record(engine, synced["case"]["id"], opener=browser)
    assert browser.urls == [f"{sandbox.instance_url}/lightning/r/Case/{synced['case']['id']}/view"]
    assert result.data["opened"] and result.exit_code == 0
    with engine_for(profile_dir, memory_keyring) as engine:
        refused = open_record(engine, synced["case"]["id"], opener=RecordingBrowser(available=False))
    assert refused.exit_code == 1 and refused.text == browser.urls[0]
    assert refused.warnings[0].startswith("No web browser could be started.")


def test_open_without_a_connection_or_a_known_record(stint):
    result = stint("open", "006000000000001AAA")
    assert result.code == 1
    assert result.err == ("stint: Stint is not connected to Salesforce on this profile; "
                          "run `stint connect` first.\n")
    assert stint("open", "nothing like this").err.startswith("stint: No active task matches")
