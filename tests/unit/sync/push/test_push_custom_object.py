"""Write-back to the custom time-entry object: detected through describe, upserted on the
client id (so nothing ever duplicates), edits and deletes propagate, validation rule errors."""

from datetime import timedelta

import pytest
from push_helpers import PushWorld

from desktop.domain.entries import EntrySyncState


@pytest.fixture
def world(sandbox, tmp_path):
    built = PushWorld(sandbox, tmp_path / "stint.db", writeback="custom_object")
    yield built
    built.close()


def test_entries_become_time_entry_records(world):
    on_opportunity = world.add(minutes=90, note="Workshop", billable=True)
    on_case = world.add(item=world.cases[0], minutes=12.5)
    report = world.push()

    assert (report.sobject, report.created, report.failed) == ("Time_Entry__c", 2, 0)
    first, second = world.time_entries()
    assert first["Stint_Client_Id__c"] == on_opportunity.client_id
    assert (first["Opportunity__c"], first["Case__c"]) == (world.opportunities[0].id, None)
    assert (first["Minutes__c"], first["Note__c"], first["Billable__c"]) == (90, "Workshop", True)
    assert first["Start__c"].startswith("2026-11-16T08:00:00")
    assert (second["Case__c"], second["Minutes__c"]) == (world.cases[0].id, 12.5)
    assert world.entry(on_case).remote_id == second["Id"]
    assert world.entry(on_case).sync_state is EntrySyncState.SYNCED


def test_edit_moves_and_delete_propagate(world):
    entry = world.add(minutes=30)
    doomed = world.add()
    world.push()
    world.store.entries.update(world.entry(entry).with_changes(
        item_id=world.cases[1].id, end=entry.end + timedelta(minutes=30), billable=True))
    world.store.entries.delete(doomed.id)
    report = world.push()

    assert (report.updated, report.deleted, report.created) == (1, 1, 0)
    [record] = world.time_entries()
    assert (record["Opportunity__c"], record["Case__c"]) == (None, world.cases[1].id)
    assert (record["Minutes__c"], record["Billable__c"]) == (60, True)
    assert record["Id"] == world.entry(entry).remote_id


def test_the_validation_rule_fails_only_its_entry(world):
    good = world.add(minutes=30)
    too_long = world.add(minutes=25 * 60)
    report = world.push()

    assert (report.created, report.failed) == (1, 1)
    assert [r["Stint_Client_Id__c"] for r in world.time_entries()] == [good.client_id]
    failed = world.entry(too_long)
    assert failed.sync_state is EntrySyncState.ERROR
    assert failed.sync_error == "Minutes must be greater than 0 and at most 1440 (24 hours)."
    [change] = [c for c in world.store.sync_log.recent_changes() if c.error]
    assert change.error == failed.sync_error

    world.store.entries.update(failed.with_changes(end=failed.start + timedelta(hours=8)))
    assert world.push().created == 1
    assert world.entry(too_long).sync_state is EntrySyncState.SYNCED


def test_a_lost_upsert_answer_never_duplicates(world, sandbox):
    entries = [world.add() for _ in range(3)]
    sandbox.faults.apply_then_drop_next(path_prefix="composite/sobjects")
    first = world.push()
    # The upsert is idempotent, so the client sent it again: it matched what the lost answer
    # had created instead of creating more.
    assert (first.error, first.created, first.updated) == (None, 0, 3)
    assert world.push().pushed == 0
    records = world.time_entries()
    assert sorted(r["Stint_Client_Id__c"] for r in records) == sorted(e.client_id for e in entries)
    assert {world.entry(e).sync_state for e in entries} == {EntrySyncState.SYNCED}


def test_a_missing_mapping_is_explained(world):
    world.settings = world.settings.with_changes(writeback_object="Opportunity")
    world.add()
    report = world.push()
    assert "Opportunity cannot receive time entries" in str(report.error)
    assert world.store.sync_log.last_run().error == str(report.error)
