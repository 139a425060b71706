"""Salesforce wins: records changed there since the last push update the local entry (logged);
records deleted there mark the entry "deleted_remote" and keep it."""

from datetime import timedelta

import pytest
from push_helpers import PushWorld

from desktop.domain.entries import EntrySyncState
from desktop.domain.synclog import Direction
from desktop.sync.push.mapping import to_salesforce_datetime


@pytest.fixture
def world(sandbox, tmp_path):
    built = PushWorld(sandbox, tmp_path / "stint.db", writeback="event")
    yield built
    built.close()


@pytest.fixture
def custom_world(sandbox, tmp_path):
    built = PushWorld(sandbox, tmp_path / "custom.db", writeback="custom_object")
    yield built
    built.close()


def test_an_event_changed_in_salesforce_updates_the_entry(world, sf):
    entry = world.add(note="mine")
    world.push()
    stored = world.entry(entry)
    new_start = entry.start - timedelta(minutes=30)
    sf.Event.update(stored.remote_id, {
        "StartDateTime": to_salesforce_datetime(new_start),
        "EndDateTime": to_salesforce_datetime(entry.end),
        "Description": f"theirs\n\n[stint:{entry.client_id}]"})
    report = world.push()

    assert (report.conflicts, report.updated, report.created) == (1, 0, 0)
    stored = world.entry(entry)
    assert (stored.start, stored.end, stored.note) == (new_start, entry.end, "theirs")
    assert stored.sync_state is EntrySyncState.SYNCED
    change = world.store.sync_log.recent_changes()[0]
    assert (change.action, change.direction) == ("modified", Direction.FROM_SALESFORCE)
    assert world.push().conflicts == 0  # taken once, not again


def test_both_changed_salesforce_wins_and_the_conflict_is_logged(world, sf):
    entry = world.add(note="original")
    world.push()
    world.store.entries.update(world.entry(entry).with_changes(note="local edit"))
    # Someone edits it in Salesforce a moment later: stamps are whole seconds, and an edit in
    # the very second of our write could not be told apart from it while ours waits.
    world.sandbox.clock.advance(1)
    sf.Event.update(world.entry(entry).remote_id,
                    {"Description": f"edited in Salesforce\n\n[stint:{entry.client_id}]"})
    report = world.push()

    assert (report.conflicts, report.updated) == (1, 0)
    stored = world.entry(entry)
    assert (stored.note, stored.sync_state) == ("edited in Salesforce", EntrySyncState.SYNCED)
    [event] = world.stint_events()
    assert event["Description"].startswith("edited in Salesforce")
    change = world.store.sync_log.recent_changes()[0]
    assert (change.action, change.record_id) == ("conflict", event["Id"])


def test_an_event_deleted_in_salesforce_is_marked_not_dropped(world, sf):
    deleted = world.add()
    on_deleted_opportunity = world.add(item=world.opportunities[1])
    untouched = world.add(item=world.cases[0])
    world.push()
    sf.Event.delete(world.entry(deleted).remote_id)
    sf.Opportunity.delete(world.opportunities[1].id)  # its Events go to the recycle bin too
    report = world.push()

    assert report.deleted_remote == 2
    for entry in (deleted, on_deleted_opportunity):
        stored = world.entry(entry)
        assert stored.sync_state is EntrySyncState.DELETED_REMOTE
        assert stored.sync_error == "Deleted in Salesforce."
    assert world.entry(untouched).sync_state is EntrySyncState.SYNCED
    # Not pushed again, even when edited: the user decides what to do with it.
    world.store.entries.update(world.entry(deleted).with_changes(note="still mine"))
    assert world.push().created == 0


def test_editing_an_entry_whose_event_was_deleted_marks_it_deleted_remote(world, sf):
    entry = world.add()
    world.push()
    world.store.entries.update(world.entry(entry).with_changes(note="edit"))
    # Deleted and purged from the recycle bin before Stint could see it (no trace in queryAll).
    world.sandbox.org.delete("Event", world.entry(entry).remote_id, world.sandbox.org.api_user)
    world.sandbox.clock.advance(16 * 24 * 3600)
    report = world.push()
    assert report.deleted_remote == 1 and report.created == 0
    assert world.entry(entry).sync_state is EntrySyncState.DELETED_REMOTE


def test_a_custom_record_changed_in_salesforce_updates_the_entry(custom_world, sf):
    entry = custom_world.add(minutes=30, billable=False)
    custom_world.push()
    sf.Time_Entry__c.update(custom_world.entry(entry).remote_id,
                            {"Minutes__c": 45, "Billable__c": True, "Note__c": "per the client"})
    report = custom_world.push()
    assert report.conflicts == 1
    stored = custom_world.entry(entry)
    assert stored.end == entry.start + timedelta(minutes=45)
    assert (stored.billable, stored.note) == (True, "per the client")


def test_a_change_that_would_overlap_another_entry_is_reported(world, sf):
    first = world.add()
    second = world.add()
    world.push()
    sf.Event.update(world.entry(first).remote_id, {
        "StartDateTime": to_salesforce_datetime(second.start),
        "EndDateTime": to_salesforce_datetime(second.end)})
    report = world.push()
    assert report.conflicts == 1
    stored = world.entry(first)
    assert stored.sync_state is EntrySyncState.ERROR
    assert stored.sync_error.startswith("Changed in Salesforce, but that version cannot be kept")
    assert stored.start == first.start  # the local entry is unchanged


def test_an_event_restored_from_the_recycle_bin_is_synced_again(world, sf):
    entry = world.add()
    world.push()
    sf.Event.delete(world.entry(entry).remote_id)
    world.push()
    assert world.entry(entry).sync_state is EntrySyncState.DELETED_REMOTE
    world.sandbox.org.undelete(world.entry(entry).remote_id)
    report = world.push()
    assert report.conflicts == 1
    stored = world.entry(entry)
    assert (stored.sync_state, stored.sync_error) == (EntrySyncState.SYNCED, None)
    assert world.store.sync_log.recent_changes()[0].action == "restored"


def test_an_event_moved_to_another_opportunity_in_salesforce_stays_there(world, sf):
    entry = world.add()
    world.push()
    elsewhere = sf.query("SELECT Id FROM Opportunity ORDER BY Id DESC LIMIT 1")["records"][0]["Id"]
    sf.Event.update(world.entry(entry).remote_id, {"WhatId": elsewhere})
    world.push()
    assert world.entry(entry).item_id == elsewhere  # not imported here, but Salesforce won

    world.store.entries.update(world.entry(entry).with_changes(note="edited later"))
    report = world.push()
    assert (report.updated, report.deleted) == (1, 0)
    [event] = world.stint_events()
    assert event["WhatId"] == elsewhere and event["Description"].startswith("edited later")


LONG_NOTE = "x" * 20000 + " and more " * 2000 + " \n"  # 40,002 characters


def test_salesforces_version_never_cuts_a_note_longer_than_the_field(world, sf):
    """Issue 11: compared with what was pushed, Salesforce's cut copy is the same note."""
    entry = world.add(note=LONG_NOTE)
    world.push()
    stored = world.entry(entry)
    assert stored.note_longer_than_salesforce_keeps
    new_start = entry.start - timedelta(minutes=15)
    sf.Event.update(stored.remote_id, {"StartDateTime": to_salesforce_datetime(new_start),
                                       "EndDateTime": to_salesforce_datetime(entry.end)})
    assert world.push().conflicts == 1
    stored = world.entry(entry)
    assert (stored.start, stored.note, stored.sync_state) == (
        new_start, LONG_NOTE, EntrySyncState.SYNCED)


def test_in_a_conflict_salesforces_version_of_a_long_note_is_the_whole_note_pushed(world, sf):
    entry = world.add(note=LONG_NOTE)
    world.push()
    world.store.entries.update(world.entry(entry).with_changes(note="local edit"))
    world.sandbox.clock.advance(1)  # a later edit in Salesforce (stamps are whole seconds)
    sf.Event.update(world.entry(entry).remote_id, {
        "EndDateTime": to_salesforce_datetime(entry.end + timedelta(minutes=5))})
    assert world.push().conflicts == 1
    stored = world.entry(entry)
    assert (stored.note, stored.end) == (LONG_NOTE, entry.end + timedelta(minutes=5))


def test_a_custom_records_cut_note_never_cuts_the_local_one(custom_world, sf):
    entry = custom_world.add(minutes=30, note=LONG_NOTE)
    custom_world.push()
    [record] = custom_world.time_entries()
    assert len(record["Note__c"]) == 32768 and LONG_NOTE.startswith(record["Note__c"])
    sf.Time_Entry__c.update(record["Id"], {"Minutes__c": 45})
    assert custom_world.push().conflicts == 1
    stored = custom_world.entry(entry)
    assert (stored.note, stored.end) == (LONG_NOTE, entry.start + timedelta(minutes=45))
    assert stored.salesforce_note_limit == 32768
