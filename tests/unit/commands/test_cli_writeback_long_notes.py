"""A note Salesforce cannot hold whole, round trip through the CLI and the sandbox (issue 11,
point 2): Salesforce keeps it cut, an edit made there to anything else never cuts the local
note (nor its trailing blanks); an edit of the note itself there wins."""

from __future__ import annotations

import pytest

from desktop.sync.push.targets import EVENT_DESCRIPTION_LENGTH

LONG_NOTE = "".join(f"line {n:05d} of a long report\n" for n in range(1600)) + "  \n"  # 44,800


@pytest.fixture
def sf(sandbox):
    return sandbox.salesforce()


def _setup(cli) -> str:
    assert cli("settings", "set", "writeback", "event").code == 0
    assert cli("sync").code == 0
    return next(t["id"] for t in cli("tasks", "--json").json() if t["kind"] == "opportunity")


def _track(cli, task_id: str, note: str, start: str) -> dict:
    added = cli("add", task_id, "--start", start, "--duration", "1h", "--note", note, "--json")
    assert (added.code, added.err) == (0, "")  # pushed at once
    return added.json()


def _event_of(sf, entry: dict) -> dict:
    [event] = [e for e in sf.query_all("SELECT Id, Subject, Description FROM Event")["records"]
               if f"[stint:{entry['client_id']}]" in (e["Description"] or "")]
    return event


def _note_now(cli, entry: dict) -> str:
    listed = cli("entries", "--from", "2026-11-20", "--to", "2026-11-20", "--json").json()
    [now] = [e for e in listed if e["id"] == entry["id"]]
    return now["note"]


def test_an_edit_in_salesforce_never_cuts_a_note_longer_than_the_field(connected_cli, sf):
    entry = _track(connected_cli, _setup(connected_cli), LONG_NOTE, "2026-11-20 09:00")
    event = _event_of(sf, entry)
    assert len(event["Description"]) <= EVENT_DESCRIPTION_LENGTH  # Salesforce has it cut
    assert LONG_NOTE.startswith(event["Description"].rsplit("\n\n[stint:", 1)[0])

    sf.Event.update(event["Id"], {"Subject": "Renamed in Salesforce"})
    assert connected_cli("sync").code == 0
    assert _note_now(connected_cli, entry) == LONG_NOTE  # whole, trailing blanks too
    assert connected_cli("sync").code == 0
    assert _note_now(connected_cli, entry) == LONG_NOTE

    # The note itself edited in Salesforce: Salesforce wins.
    sf.Event.update(event["Id"], {"Description": f"Summary only\n\n[stint:{entry['client_id']}]"})
    assert connected_cli("sync").code == 0
    assert _note_now(connected_cli, entry) == "Summary only"


def test_trailing_blanks_of_a_short_note_survive_an_edit_in_salesforce(connected_cli, sf):
    entry = _track(connected_cli, _setup(connected_cli), "called the client  \n\n",
                   "2026-11-20 11:00")
    event = _event_of(sf, entry)
    sf.Event.update(event["Id"], {"Subject": "Renamed in Salesforce"})
    assert connected_cli("sync").code == 0
    assert _note_now(connected_cli, entry) == "called the client  \n\n"
