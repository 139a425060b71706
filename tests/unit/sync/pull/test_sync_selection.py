"""What is imported: item types, only mine, specific items, the stage trigger, subtasks and no
orphans, checked against what the sandbox org really holds."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desktop.domain.items import ROOT_ID, ItemKind
from desktop.domain.synclog import RunOutcome


def ok(engine, full=False):
    run = engine.sync(full)
    assert run.outcome is RunOutcome.SUCCEEDED, run.error
    return run


def ids(sf, soql):
    return {r["Id"] for r in sf.query_all(soql)["records"]}


def stored(engine, kind=None, include_archived=False):
    return {
        i.id for i in engine.store.items.all(include_archived)
        if not i.is_root and (kind is None or i.kind is kind)
    }


def test_all_mode_imports_open_items_with_their_subtasks(connected, sf):
    ok(connected)
    open_opps = ids(sf, "SELECT Id FROM Opportunity WHERE StageName NOT IN "
                        "('Closed Won', 'Closed Lost')")
    open_cases = ids(sf, "SELECT Id FROM Case WHERE IsClosed = false AND ParentId = null")
    assert stored(connected, ItemKind.OPPORTUNITY) == open_opps
    top_cases = {i.id for i in connected.store.items.all()
                 if i.kind is ItemKind.CASE and i.parent_id == ROOT_ID}
    assert top_cases == open_cases
    # activities hang under an imported, open opportunity or case; none is an orphan
    tree = connected.store.items.tree()
    for item in connected.store.items.all():
        if item.kind is ItemKind.ACTIVITY:
            parent = tree.get(item.parent_id)
            assert parent is not None and parent.kind in (ItemKind.OPPORTUNITY, ItemKind.CASE)
        assert tree.is_reachable(item.id)
    expected_tasks = {
        r["Id"] for r in sf.query_all("SELECT Id, WhatId FROM Task WHERE IsClosed = false")["records"]
        if r["WhatId"] in stored(connected)
    }
    assert stored(connected, ItemKind.ACTIVITY) == expected_tasks


def test_child_cases_are_subtasks_of_their_parent_case(connected, sf):
    ok(connected)
    children = sf.query_all(
        "SELECT Id, ParentId FROM Case WHERE ParentId != null AND IsClosed = false")["records"]
    imported_parents = stored(connected, ItemKind.CASE)
    expected = {r["Id"]: r["ParentId"] for r in children if r["ParentId"] in imported_parents}
    assert expected, "the small org has open child cases under open cases"
    for child_id, parent_id in expected.items():
        assert connected.store.items.by_id(child_id).parent_id == parent_id
    # a child case whose parent is not imported (closed) is not imported: no orphans
    orphans = {r["Id"] for r in children if r["ParentId"] not in imported_parents}
    assert not orphans & stored(connected, include_archived=True)


def test_tasks_on_accounts_are_not_imported(connected, sf):
    ok(connected)
    on_accounts = ids(sf, "SELECT Id FROM Task WHERE What.Type = 'Account'")
    assert on_accounts and not on_accounts & stored(connected, include_archived=True)


def test_only_opportunities(connected):
    connected.settings.update(import_cases=False)
    ok(connected)
    assert not stored(connected, ItemKind.CASE)
    assert stored(connected, ItemKind.OPPORTUNITY)


def test_only_mine(connected, sf, sandbox):
    connected.settings.update(only_mine=True)
    ok(connected)
    me = sandbox.org.api_user.id
    mine = ids(sf, f"SELECT Id FROM Opportunity WHERE OwnerId = '{me}' AND StageName NOT IN "
                   "('Closed Won', 'Closed Lost')")
    assert stored(connected, ItemKind.OPPORTUNITY) == mine
    assert all(i.owner_id == me for i in connected.store.items.all()
               if i.parent_id == ROOT_ID)


def test_specific_items_mode(connected, sf):
    opp = next(iter(ids(sf, "SELECT Id FROM Opportunity WHERE StageName = 'Prospecting'")))
    case = sf.query("SELECT Id FROM Case WHERE IsClosed = false AND ParentId = null "
                    "ORDER BY CaseNumber LIMIT 1")["records"][0]["Id"]
    connected.settings.update(import_mode="specific", specific_ids=(opp, case))
    ok(connected)
    top = {i.id for i in connected.store.items.all() if i.parent_id == ROOT_ID}
    assert top == {opp, case}
    for item in connected.store.items.all():
        if not item.is_root:
            assert connected.store.items.tree().path(item.id)[1].id in (opp, case)
    # a new opportunity is not imported in specific mode
    account = sf.query("SELECT Id FROM Account LIMIT 1")["records"][0]["Id"]
    new = sf.Opportunity.create({"Name": "Brand new deal", "StageName": "Prospecting",
                                 "CloseDate": "2027-01-01", "AccountId": account})["id"]
    ok(connected)
    assert connected.store.items.by_id(new) is None


def test_switching_to_all_mode_imports_the_rest_at_once(connected, sf):
    opp = next(iter(ids(sf, "SELECT Id FROM Opportunity WHERE StageName = 'Prospecting'")))
    connected.settings.update(import_mode="specific", specific_ids=(opp,))
    ok(connected)
    connected.settings.update(import_mode="all", specific_ids=())
    run = ok(connected)
    assert run.kind == "full"  # the queries changed: the watermarks do not cover them
    assert len(stored(connected, ItemKind.OPPORTUNITY)) > 50


def test_stage_trigger(connected, sf):
    connected.settings.update(opportunity_stage_trigger="Closed Won")
    ok(connected)
    won = ids(sf, "SELECT Id FROM Opportunity WHERE StageName = 'Closed Won'")
    # work starts at Closed Won: those are imported and active; nothing else is
    assert stored(connected, ItemKind.OPPORTUNITY) == won
    # an opportunity reaching the stage is imported with its existing open tasks
    target = sf.query_all(
        "SELECT Id FROM Opportunity WHERE StageName = 'Negotiation/Review' AND Id IN "
        "(SELECT WhatId FROM Task WHERE IsClosed = false)")["records"][0]["Id"]
    sf.Opportunity.update(target, {"StageName": "Closed Won"})
    run = ok(connected)
    assert run.kind == "incremental"
    assert not connected.store.items.by_id(target).archived
    tasks = ids(sf, f"SELECT Id FROM Task WHERE WhatId = '{target}' AND IsClosed = false")
    assert tasks and tasks <= stored(connected, ItemKind.ACTIVITY)
    # Closed Lost still archives
    sf.Opportunity.update(target, {"StageName": "Closed Lost"})
    ok(connected)
    assert connected.store.items.by_id(target).archived


def test_an_unknown_trigger_stage_fails_with_a_clear_message(connected):
    connected.settings.update(opportunity_stage_trigger="Signed")
    run = connected.sync()
    assert run.outcome is RunOutcome.FAILED
    assert "stage this org does not have: 'Signed'" in run.error


def test_extra_fields_come_from_describe_labels(connected):
    connected.settings.update(extra_fields={"Opportunity": ("Account.Name", "Probability",
                                                            "Not_A_Field__c"),
                                            "Case": ("Priority",), "Task": ("Priority",)})
    ok(connected)
    opp = next(i for i in connected.store.items.all() if i.kind is ItemKind.OPPORTUNITY)
    assert [label for label, _ in opp.fields] == ["Account", "Probability (%)"]
    task = next(i for i in connected.store.items.all() if i.kind is ItemKind.ACTIVITY)
    assert task.field("Priority") in ("High", "Normal", "Low")


@pytest.mark.parametrize("relationships", [{"Opportunity": (), "Case": ("Cases",)}])
def test_child_relationships_are_configurable(connected, relationships):
    connected.settings.update(child_relationships=relationships)
    ok(connected)
    assert not stored(connected, ItemKind.ACTIVITY)
    assert any(i.kind is ItemKind.CASE and i.parent_id != ROOT_ID
               for i in connected.store.items.all())


def test_the_daily_reconcile_is_a_full_pass(connected):
    ok(connected)
    assert ok(connected).kind == "incremental"
    state = connected.store.sync_state
    hours = connected.settings.current().full_sync_interval_hours
    state.set_last_full_sync(state.last_full_sync() - timedelta(hours=hours, minutes=1))
    assert ok(connected).kind == "full"
    assert ok(connected).kind == "incremental"


def test_watermarks_follow_salesforce_modstamps_not_the_local_clock(connected, sf):
    ok(connected)
    newest = sf.query("SELECT SystemModstamp FROM Opportunity ORDER BY SystemModstamp DESC "
                      "LIMIT 1")["records"][0]["SystemModstamp"]
    watermark = connected.store.sync_state.watermark("Opportunity")
    assert watermark == datetime.fromisoformat(newest)
