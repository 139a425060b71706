"""`stint stop` with write-back on: the stopped entry goes to Salesforce at once; when it
cannot, the stop still succeeds and one line on stderr says the entry goes later."""

from __future__ import annotations


def _stint_events(sandbox):
    records = sandbox.salesforce().query_all("SELECT Id, WhatId, Description FROM Event")
    return [e for e in records["records"] if "[stint:" in (e["Description"] or "")]


def _start_on_an_opportunity(cli) -> dict:
    cli("sync")
    tasks = cli("tasks", "--json").json()
    opportunity = next(t for t in tasks if t["kind"] == "opportunity")
    assert cli("start", opportunity["id"]).code == 0
    return opportunity


def test_stop_pushes_the_entry_when_write_back_is_on(connected_cli, sandbox):
    assert connected_cli("settings", "set", "writeback", "event").code == 0
    opportunity = _start_on_an_opportunity(connected_cli)
    stopped = connected_cli("stop")
    assert stopped.code == 0 and stopped.err == ""
    [event] = _stint_events(sandbox)
    assert event["WhatId"] == opportunity["id"]


def test_stop_without_write_back_pushes_nothing(connected_cli, sandbox):
    _start_on_an_opportunity(connected_cli)
    stopped = connected_cli("stop")
    assert stopped.code == 0 and stopped.err == ""
    assert _stint_events(sandbox) == []


def test_a_push_that_fails_never_fails_the_stop(connected_cli, sandbox):
    assert connected_cli("settings", "set", "writeback", "event").code == 0
    _start_on_an_opportunity(connected_cli)
    sandbox.faults.limit_exceeded_next(count=5)
    stopped = connected_cli("stop", "--json")
    sandbox.faults.clear()
    assert stopped.code == 0 and stopped.json()["duration_seconds"] >= 0
    [note] = stopped.err.strip().splitlines()
    assert note.startswith("stint: Not sent to Salesforce now") and "next sync" in note
    assert _stint_events(sandbox) == []

    assert connected_cli("sync").code == 0  # the entry waited and goes now
    assert len(_stint_events(sandbox)) == 1
