"""Issue 15 from the command line, against the sandbox: `stint sync --pause/--resume` (stored,
shown by `status`, a plain `sync` still runs once and says so, lockable by the policy),
counts that say why items were archived, and `stint start` on an archived task."""

from __future__ import annotations

import pytest

from desktop.commands.tasks import ARCHIVED_EXIT_CODE


def synced(cli):
    result = cli("sync", "--json")
    assert result.code == 0, result.err
    return result.json()


def test_pause_resume_and_one_forced_sync(connected_cli):
    paused = connected_cli("sync", "--pause", "--json")
    assert paused.code == 0, paused.err
    state = paused.json()
    assert state["paused"] is True and state["since"].endswith("Z") and state["locked"] is False

    status = connected_cli("status", "--json").json()
    assert status["sync_pause"] == state
    assert status["next_sync_at"] is None and "paused" in status["next_sync_note"]
    text = connected_cli("status").out
    assert "Sync: paused since " in text and "`stint sync --resume` resumes" in text

    forced = connected_cli("sync")  # asked for: it runs, once, and says so
    assert forced.code == 0 and forced.out.startswith("Full sync succeeded")
    assert forced.err.startswith("stint: synchronization is paused since ")
    assert "until `stint sync --resume`" in forced.err
    assert connected_cli("status", "--json").json()["sync_pause"]["paused"] is True

    resumed = connected_cli("sync", "--resume")
    assert resumed.code == 0 and resumed.out.startswith("Synchronization resumed")
    after = connected_cli("status", "--json").json()
    assert after["sync_pause"] == {"paused": False, "since": None, "locked": False}
    assert after["next_sync_at"] is not None
    assert connected_cli("sync").err == ""  # no pause, no remark


def test_pause_is_refused_when_the_policy_locks_it(stint, tmp_path, monkeypatch):
    policy = tmp_path / "policy.toml"
    policy.write_text('locked = ["sync.paused"]\n', encoding="utf-8")
    monkeypatch.setenv("STINT_POLICY", str(policy))
    result = stint("sync", "--pause")
    assert result.code == 1
    assert result.err == ("stint: The setting 'sync_paused' is locked by your administrator's "
                          "policy and cannot be changed.\n")


def test_pause_goes_with_nothing_else(stint):
    with pytest.raises(SystemExit) as usage:  # argparse's usage error
        stint("sync", "--pause", "--full")
    assert usage.value.code == 2


def test_stop_while_paused_keeps_the_entry_for_later(connected_cli):
    synced(connected_cli)
    connected_cli("settings", "set", "writeback", "event")
    task = connected_cli("tasks", "--json").json()[0]
    connected_cli("sync", "--pause")
    assert connected_cli("start", task["id"]).code == 0
    connected_cli.clock.advance(120)  # longer than the shortest entry written back
    stopped = connected_cli("stop")
    assert stopped.code == 0
    assert stopped.err.startswith("stint: Synchronization is paused: the entry waits here")


def test_counts_say_why_items_were_archived(connected_cli, sandbox):
    synced(connected_cli)
    cases = [t for t in connected_cli("tasks", "--json").json()
             if t["kind"] == "case" and t["parent_id"] == "salesforce"]
    sf = sandbox.salesforce()
    sf.Case.update(cases[0]["id"], {"Status": "Closed"})
    sf.Case.delete(cases[1]["id"])

    run = connected_cli("sync", "--json").json()
    case = run["counts"]["Case"]
    assert (case["closed"], case["deleted"], case["not_visible"], case["excluded"]) == (1, 1, 0, 0)
    assert case["archived"] == 2  # still the sum, for scripts that read it

    log = connected_cli("log", "--json").json()
    reasons = {c["record_id"]: c["reason"] for c in log["changes"] if c["action"] == "archived"}
    assert reasons[cases[0]["id"]] == "closed" and reasons[cases[1]["id"]] == "deleted"

    sandbox.salesforce().Case.update(cases[2]["id"], {"Status": "Closed"})
    text = connected_cli("sync").out
    assert "Case: 0 new, 0 changed, 1 archived (1 closed), 0 restored" in text
    log_text = connected_cli("log").out
    assert "archived (1 closed, 1 deleted)" in log_text
    assert f"{cases[1]['id']} archived (deleted) ok" in log_text


def test_start_on_an_archived_task_asks_for_archived(connected_cli, sandbox):
    synced(connected_cli)
    case = next(t for t in connected_cli("tasks", "--json").json()
                if t["kind"] == "case" and t["parent_id"] == "salesforce")
    sandbox.salesforce().Case.update(case["id"], {"Status": "Closed", "Subject": "Zanzibar quokka"})
    synced(connected_cli)

    refused = connected_cli("start", case["id"])
    assert refused.code == ARCHIVED_EXIT_CODE
    assert refused.err.startswith("stint: '") and refused.err.count("\n") == 1
    assert refused.err.endswith(
        "Zanzibar quokka' is archived (it is closed in Salesforce); to track time on it "
        f"anyway: stint start --archived {case['id']}\n"
    )
    assert connected_cli("status", "--json").json()["timer"] is None  # nothing started

    by_name = connected_cli("start", "zanzibar quokka")
    assert by_name.code == ARCHIVED_EXIT_CODE
    assert by_name.err.startswith("stint: Only archived tasks match 'zanzibar quokka'; add --archived")

    started = connected_cli("start", "--archived", "zanzibar quokka", "--json")
    assert started.code == 0, started.err
    assert started.json()["item_id"] == case["id"]
