"""`stint stop` with write-back on: the stopped entry goes to Salesforce at once, through a
push the stop hands to the background (here run in this process: see conftest); when it
cannot go, the stop still succeeds and the entry waits for the next sync."""

from __future__ import annotations

from desktop.commands.writeback import NOT_CONNECTED
from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.engine import Engine


def _stint_events(sandbox):
    records = sandbox.salesforce().query_all("SELECT Id, WhatId, Description FROM Event")
    return [e for e in records["records"] if "[stint:" in (e["Description"] or "")]


def _start_on_an_opportunity(cli) -> dict:
    cli("sync")
    tasks = cli("tasks", "--json").json()
    opportunity = next(t for t in tasks if t["kind"] == "opportunity")
    assert cli("start", opportunity["id"]).code == 0
    cli.clock.advance(25 * 60)  # work on it for a while: shorter entries stay local
    return opportunity


def test_stop_pushes_the_entry_when_write_back_is_on(connected_cli, sandbox):
    assert connected_cli("settings", "set", "writeback", "event").code == 0
    opportunity = _start_on_an_opportunity(connected_cli)
    stopped = connected_cli("stop")
    assert stopped.code == 0 and stopped.err == ""
    [event] = _stint_events(sandbox)
    assert event["WhatId"] == opportunity["id"]


def test_starting_another_task_pushes_the_entry_it_stopped(connected_cli, sandbox):
    assert connected_cli("settings", "set", "writeback", "event").code == 0
    opportunity = _start_on_an_opportunity(connected_cli)
    other = next(t for t in connected_cli("tasks", "--json").json()
                 if t["kind"] == "opportunity" and t["id"] != opportunity["id"])
    started = connected_cli("start", other["id"])
    assert (started.code, started.err) == (0, "")
    [event] = _stint_events(sandbox)
    assert event["WhatId"] == opportunity["id"]


def test_without_a_connection_the_stop_says_when_the_entry_goes(stint, profile_dir):
    with Engine.open(profile_dir, policy={}, log_to_file=False) as engine:
        engine.store.items.upsert_many([Item(id="006000000000001AAA", kind=ItemKind.OPPORTUNITY,
                                             name="Acme renewal", parent_id=ROOT_ID)])
    assert stint("settings", "set", "writeback", "event").code == 0
    assert stint("start", "acme").code == 0
    stint.clock.advance(25 * 60)
    stopped = stint("stop")
    assert stopped.code == 0
    assert stopped.err == f"stint: {NOT_CONNECTED}\n"


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
    assert (stopped.code, stopped.err) == (0, "") and stopped.json()["duration_seconds"] >= 0
    assert _stint_events(sandbox) == []
    [push_run] = [r for r in connected_cli("log", "--json").json()["runs"] if r["kind"] == "push"]
    assert push_run["outcome"] == "rate_limited"

    assert connected_cli("sync").code == 0  # the entry waited and goes now
    assert len(_stint_events(sandbox)) == 1


def test_a_timer_stopped_within_a_minute_stays_local(connected_cli, sandbox):
    assert connected_cli("settings", "set", "writeback", "event").code == 0
    connected_cli("sync")
    task = next(t for t in connected_cli("tasks", "--json").json() if t["kind"] == "opportunity")
    assert connected_cli("start", task["id"]).code == 0
    connected_cli.clock.advance(40)
    stopped = connected_cli("stop", "--json")
    assert (stopped.code, stopped.err) == (0, "") and stopped.json()["duration_seconds"] < 60
    assert _stint_events(sandbox) == []
    assert connected_cli("settings", "set", "writeback_short_entries", "true").code == 0
    assert connected_cli("sync").code == 0
    assert len(_stint_events(sandbox)) == 1


def test_the_short_entry_settings(stint):
    shown = stint("settings", "--json").json()["settings"]
    assert (shown["writeback_min_minutes"], shown["writeback_short_entries"]) == (1, False)
    assert stint("settings", "set", "writeback_min_minutes", "5").out == (
        "writeback_min_minutes = 5\n")
    refused = stint("settings", "set", "writeback_min_minutes", "1441")
    assert refused.err == ("stint: Short entries are those under 0 to 1440 minutes "
                           "(not 1441).\n")
    assert "writeback_short_entries = false" in stint("settings").out
