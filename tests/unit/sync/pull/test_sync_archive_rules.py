"""Every archive rule, end to end against the sandbox: a record changes in Salesforce, the next
sync moves the imported item in or out of the active tree; time entries are never touched."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.domain.archive import REASON_CLOSED, REASON_DELETED, REASON_NOT_VISIBLE
from desktop.domain.entries import TimeEntry
from desktop.domain.items import ItemKind
from desktop.domain.synclog import RunOutcome


@pytest.fixture
def synced(connected):
    assert connected.sync().outcome is RunOutcome.SUCCEEDED
    return connected


def active(engine, kind):
    return [i for i in engine.store.items.all() if i.kind is kind]


def open_opportunity(engine):
    return next(
        i for i in active(engine, ItemKind.OPPORTUNITY)
        if i.field("Stage") not in ("Closed Won", "Closed Lost", "Closed - Merged")
    )


def resync(engine, full=False):
    run = engine.sync(full)
    assert run.outcome is RunOutcome.SUCCEEDED, run.error
    return run


@pytest.mark.parametrize("stage", ["Closed Won", "Closed Lost"])
def test_an_opportunity_won_or_lost_is_archived(synced, sf, stage):
    opp = open_opportunity(synced)
    sf.Opportunity.update(opp.id, {"StageName": stage})
    run = resync(synced)
    item = synced.store.items.by_id(opp.id)
    assert item.archived and item.archive_reason == REASON_CLOSED
    assert item.field("Stage") == stage
    assert run.counts["Opportunity"].archived == 1


def test_another_closed_stage_keeps_the_opportunity_active(synced, sf):
    opp = open_opportunity(synced)
    sf.Opportunity.update(opp.id, {"StageName": "Closed - Merged"})
    run = resync(synced)
    item = synced.store.items.by_id(opp.id)
    assert not item.archived and item.field("Stage") == "Closed - Merged"
    assert run.counts["Opportunity"].modified == 1


def test_a_reopened_opportunity_is_restored(synced, sf):
    opp = open_opportunity(synced)
    sf.Opportunity.update(opp.id, {"StageName": "Closed Lost"})
    resync(synced)
    sf.Opportunity.update(opp.id, {"StageName": "Negotiation/Review"})
    run = resync(synced)
    assert not synced.store.items.by_id(opp.id).archived
    assert run.counts["Opportunity"].restored == 1


def test_a_closed_case_is_archived_and_restored_when_reopened(synced, sf):
    case = active(synced, ItemKind.CASE)[0]
    sf.Case.update(case.id, {"Status": "Closed"})
    resync(synced)
    assert synced.store.items.by_id(case.id).archive_reason == REASON_CLOSED
    sf.Case.update(case.id, {"Status": "Working"})
    resync(synced)
    assert not synced.store.items.by_id(case.id).archived


def test_a_completed_task_is_archived(synced, sf):
    task = active(synced, ItemKind.ACTIVITY)[0]
    sf.Task.update(task.id, {"Status": "Completed"})
    resync(synced)
    item = synced.store.items.by_id(task.id)
    assert item.archived and item.archive_reason == REASON_CLOSED


def test_deleted_then_undeleted(synced, sf, sandbox):
    opp = open_opportunity(synced)
    sf.Opportunity.delete(opp.id)
    run = resync(synced)
    item = synced.store.items.by_id(opp.id)
    assert item.archived and item.archive_reason == REASON_DELETED
    assert run.counts["Opportunity"].archived == 1
    sandbox.org.undelete(opp.id)
    run = resync(synced)
    assert not synced.store.items.by_id(opp.id).archived
    assert run.counts["Opportunity"].restored == 1


def test_a_record_no_longer_visible_is_archived_by_the_full_pass(synced, sandbox):
    case = active(synced, ItemKind.CASE)[0]
    sandbox.org.set_hidden(case.id, True)
    resync(synced)  # incremental: a hidden record simply is not returned
    assert not synced.store.items.by_id(case.id).archived
    run = resync(synced, full=True)
    item = synced.store.items.by_id(case.id)
    assert item.archived and item.archive_reason == REASON_NOT_VISIBLE
    assert run.kind == "full" and run.counts["Case"].archived >= 1
    sandbox.org.set_hidden(case.id, False)
    resync(synced, full=True)
    assert not synced.store.items.by_id(case.id).archived


def test_time_entries_are_never_touched_by_a_sync(synced, sf):
    opp = open_opportunity(synced)
    now = synced.clock.now()
    entry = synced.store.entries.add(
        TimeEntry(start=now - timedelta(hours=2), end=now - timedelta(hours=1), item_id=opp.id,
                  note="design review")
    )
    synced.start_timer(opp.id)
    before = sorted(synced.store.entries.all(), key=lambda e: e.id)
    sf.Opportunity.delete(opp.id)
    resync(synced)
    resync(synced, full=True)
    assert synced.store.items.by_id(opp.id).archived
    assert sorted(synced.store.entries.all(), key=lambda e: e.id) == before
    assert synced.store.entries.get(entry.id).note == "design review"


def test_a_closed_record_never_seen_active_is_not_imported(connected, sf):
    closed = sf.query("SELECT Id FROM Opportunity WHERE StageName = 'Closed Won' LIMIT 1")
    resync(connected)
    assert connected.store.items.by_id(closed["records"][0]["Id"]) is None


def test_running_twice_changes_nothing(synced):
    before = synced.store.items.all(include_archived=True)
    run = resync(synced, full=True)
    assert run.counts == {}
    assert synced.store.items.all(include_archived=True) == before
