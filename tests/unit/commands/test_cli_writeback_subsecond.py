"""Entry times with milliseconds round trip through Salesforce, which keeps whole seconds
(issue 11 follow-up a): a pushed timer entry never reads as "changed in Salesforce", an edit
made there to anything else never moves its start or end, and the totals agree."""

from __future__ import annotations

import pytest


@pytest.fixture
def sf(sandbox):
    return sandbox.salesforce()


def _entry(cli, entry_id: int) -> dict:
    [entry] = [e for e in cli("entries", "--json").json() if e["id"] == entry_id]
    return entry


def test_a_timer_entry_with_milliseconds_survives_the_round_trip(connected_cli, sf):
    cli = connected_cli
    assert cli("settings", "set", "writeback", "event").code == 0
    assert cli("sync").code == 0
    task = next(t["id"] for t in cli("tasks", "--json").json() if t["kind"] == "opportunity")
    started = cli("start", task, "--json")
    assert started.code == 0, started.err
    cli.clock.advance(3600.0 + 0.4)  # an hour and some milliseconds later
    stopped = cli("stop", "--json")
    assert (stopped.code, stopped.err) == (0, "")  # pushed at once
    entry = _entry(cli, started.json()["entry_id"])
    [event] = [e for e in sf.query_all(
        "SELECT Id, StartDateTime, EndDateTime, Description FROM Event")["records"]
        if f"[stint:{entry['client_id']}]" in (e["Description"] or "")]

    synced = cli("sync", "--json")
    assert synced.code == 0, synced.err
    assert _entry(cli, entry["id"]) == entry

    sf.Event.update(event["Id"], {"Subject": "Renamed in Salesforce"})
    assert cli("sync").code == 0
    after = _entry(cli, entry["id"])
    assert (after["start"], after["end"]) == (entry["start"], entry["end"])
    assert after["duration_seconds"] == entry["duration_seconds"] >= 3601  # nothing lost

    # An edit of the times there wins, to the second.
    sf.Event.update(event["Id"], {"EndDateTime": "2030-01-01T00:00:00Z",
                                  "StartDateTime": "2029-12-31T23:00:00Z"})
    assert cli("sync").code == 0
    moved = [e for e in cli("entries", "--from", "2029-12-31", "--to", "2030-01-01",
                            "--json").json() if e["id"] == entry["id"]]
    assert [(e["start"], e["end"]) for e in moved] == [("2029-12-31T23:00:00Z",
                                                         "2030-01-01T00:00:00Z")]
