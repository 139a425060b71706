"""`stint add`: manual entries from scripts, with the timesheet's rules (issue 11, point 7)."""

from __future__ import annotations

import time

import pytest


@pytest.fixture(autouse=True)
def berlin(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def tasks(connected_cli) -> list[dict]:
    assert connected_cli("sync").code == 0
    return [t for t in connected_cli("tasks", "--json").json() if t["kind"] == "opportunity"]


def test_add_with_an_end_or_a_duration(connected_cli, tasks):
    added = connected_cli("add", tasks[0]["id"], "--start", "2026-11-20 09:00", "--end", "10:30",
                          "--note", "workshop", "--billable", "--json")
    assert added.code == 0, added.err
    entry = added.json()
    assert {k: entry[k] for k in ("item_id", "task", "start", "end", "running",
                                  "duration_seconds", "note", "billable")} == {
        "item_id": tasks[0]["id"], "task": tasks[0]["path"], "start": "2026-11-20T08:00:00Z",
        "end": "2026-11-20T09:30:00Z", "running": False, "duration_seconds": 5400,
        "note": "workshop", "billable": True}
    assert set(entry) >= {"id", "client_id"}

    text = connected_cli("add", tasks[1]["name"], "--start", "2026-11-20T14:00",
                         "--duration", "1h30")
    assert text.code == 0, text.err
    assert text.out.strip() == (f"Added 1:30 on {tasks[1]['path']}: "
                                "2026-11-20 14:00-15:30.")
    listed = connected_cli("entries", "--from", "2026-11-20", "--to", "2026-11-20", "--json")
    assert [(e["start"], e["end"]) for e in listed.json()] == [
        ("2026-11-20T08:00:00Z", "2026-11-20T09:30:00Z"),
        ("2026-11-20T13:00:00Z", "2026-11-20T14:30:00Z")]


def test_an_explicit_offset_wins_over_the_local_zone(connected_cli, tasks):
    added = connected_cli("add", tasks[0]["id"], "--start", "2026-07-01T06:00Z",
                          "--end", "2026-07-01T09:00+02:00", "--json")
    assert (added.json()["start"], added.json()["end"]) == (
        "2026-07-01T06:00:00Z", "2026-07-01T07:00:00Z")


@pytest.mark.parametrize(("times", "message"), [
    (("--end", "2026-11-20 11:30"),
     "stint: This entry (10:00–11:30 on 2026-11-20) overlaps the entry 09:00–10:30 on "
     "2026-11-20.\n"),
    (("--end", "2026-11-20 08:00"),
     "stint: An entry must end after it starts (start 2026-11-20 10:00:00, end 2026-11-20 "
     "08:00:00).\n"),
    (("--end", "10:00"),
     "stint: An entry must end after it starts (start 2026-11-20 10:00:00, end 2026-11-20 "
     "10:00:00).\n"),
    (("--duration=-1h",),
     "stint: --duration: “-1h” is not a duration; use a form such as 1:30, 1h30 or 90m.\n"),
    (("--duration", "0m"), "stint: --duration: A duration must be longer than zero.\n"),
])
def test_the_apps_rules_refuse_an_entry_and_store_nothing(connected_cli, tasks, times, message):
    assert connected_cli("add", tasks[0]["id"], "--start", "2026-11-20 09:00",
                         "--end", "10:30").code == 0
    refused = connected_cli("add", tasks[0]["id"], "--start", "2026-11-20 10:00", *times)
    assert (refused.code, refused.out, refused.err) == (1, "", message)
    listed = connected_cli("entries", "--from", "2026-11-20", "--to", "2026-11-20", "--json")
    assert len(listed.json()) == 1


@pytest.mark.parametrize(("start", "message"), [
    ("2026-03-29 02:30", "stint: The --start time 2026-03-29 02:30 does not exist here: the "
                         "clocks skip it (a daylight saving change).\n"),
    ("tomorrow 9", "stint: The --start time must look like 2026-11-21 09:30 (or 09:30), not "
                   "'tomorrow 9'.\n"),
    ("25:00", "stint: The --start time must look like 2026-11-21 09:30 (or 09:30), not "
              "'25:00'.\n"),
])
def test_times_that_cannot_be_read_or_do_not_exist(connected_cli, tasks, start, message):
    refused = connected_cli("add", tasks[0]["id"], "--start", start, "--duration", "1h")
    assert (refused.code, refused.err) == (1, message)


def test_the_task_must_be_found_once(connected_cli, tasks):
    missing = connected_cli("add", "no such task anywhere", "--start", "09:00",
                            "--duration", "1h")
    assert missing.code == 1 and "No active task matches" in missing.err
    ambiguous = connected_cli("add", "a", "--start", "09:00", "--duration", "1h")
    assert ambiguous.code == 3 and "tasks match" in ambiguous.err


def test_end_or_duration_is_required_once(connected_cli, tasks, capsys):
    with pytest.raises(SystemExit) as neither:
        connected_cli("add", tasks[0]["id"], "--start", "09:00")
    with pytest.raises(SystemExit) as both:
        connected_cli("add", tasks[0]["id"], "--start", "09:00", "--end", "10:00",
                      "--duration", "1h")
    assert neither.value.code == both.value.code == 2
    assert "--end" in capsys.readouterr().err


def test_an_added_entry_goes_to_salesforce_when_write_back_is_on(connected_cli, tasks, sandbox):
    assert connected_cli("settings", "set", "writeback", "event").code == 0
    added = connected_cli("add", tasks[0]["id"], "--start", "2026-11-20 09:00",
                          "--duration", "45m", "--json")
    assert (added.code, added.err) == (0, "")
    events = sandbox.salesforce().query_all("SELECT WhatId, Description FROM Event")["records"]
    [event] = [e for e in events if f"[stint:{added.json()['client_id']}]" in
               (e["Description"] or "")]
    assert event["WhatId"] == tasks[0]["id"]


def test_an_entry_under_a_minute_shows_its_seconds(connected_cli, tasks):
    added = connected_cli("add", tasks[0]["id"], "--start", "2026-11-20 09:00",
                          "--end", "09:00:40")
    assert added.out.startswith("Added 40 s on ")
    listed = connected_cli("entries", "--from", "2026-11-20", "--to", "2026-11-20").out
    assert "2026-11-20 09:00-09:00    40 s  " in listed and "Total 0:01 in 1 entries" in listed
