"""Write-back to Events: create, edit and delete propagate; one bad entry never blocks the
others; batching; the sync log records the pushes."""

import math
from datetime import timedelta

import pytest
from push_helpers import PushWorld

from desktop.domain.entries import EntrySyncState, TimeEntry
from desktop.domain.synclog import Direction, RunOutcome


@pytest.fixture
def world(sandbox, tmp_path):
    built = PushWorld(sandbox, tmp_path / "stint.db", writeback="event")
    yield built
    built.close()


def test_a_stopped_entry_becomes_an_event_on_its_opportunity(world):
    entry = world.add(note="Prepared the proposal", minutes=45)
    report = world.push()

    assert (report.created, report.failed, report.error) == (1, 0, None)
    [event] = world.stint_events()
    assert event["WhatId"] == world.opportunities[0].id
    assert event["Subject"] == world.opportunities[0].name
    assert event["DurationInMinutes"] == 45
    assert event["Description"] == f"Prepared the proposal\n\n[stint:{entry.client_id}]"
    stored = world.entry(entry)
    assert stored.sync_state is EntrySyncState.SYNCED
    assert stored.remote_id == event["Id"]
    assert stored.remote_modstamp is not None


def test_an_entry_on_a_task_is_logged_on_the_tasks_opportunity_with_the_path(world):
    world.add(item=world.task)
    world.push()
    [event] = world.stint_events()
    assert event["WhatId"] == world.opportunities[0].id
    assert event["Subject"] == f"{world.opportunities[0].name} > Call back"


def test_running_timers_and_no_task_entries_are_not_pushed(world):
    world.add()
    last = world.add()
    no_task = world.store.entries.add(TimeEntry(start=last.end + timedelta(hours=1),
                                                end=last.end + timedelta(hours=2)))
    world.store.entries.start_timer(world.cases[0].id, now=no_task.end + timedelta(hours=1))
    report = world.push()
    assert report.created == 2 and report.skipped == 1
    assert len(world.stint_events()) == 2
    assert world.entry(no_task).sync_state is EntrySyncState.LOCAL
    assert world.store.entries.running().sync_state is EntrySyncState.LOCAL


def test_edits_and_deletes_propagate(world):
    kept = world.add(note="first")
    doomed = world.add(item=world.cases[0])
    world.push()

    edited = world.store.entries.update(world.entry(kept).with_changes(
        note="second", item_id=world.cases[1].id, end=kept.end + timedelta(minutes=15)))
    assert edited.sync_state is EntrySyncState.PENDING
    world.store.entries.delete(doomed.id)
    report = world.push()

    assert (report.updated, report.deleted, report.created) == (1, 1, 0)
    [event] = world.stint_events()
    assert event["Id"] == world.entry(kept).remote_id
    assert event["WhatId"] == world.cases[1].id
    assert event["DurationInMinutes"] == 45
    assert event["Description"].startswith("second\n")
    assert world.entry(kept).sync_state is EntrySyncState.SYNCED
    assert world.store.entries.deleted() == []  # the tombstone is gone with its Event


def test_a_delete_waits_for_the_undo_window(world):
    entry = world.add()
    world.push()
    world.store.entries.delete(entry.id)
    world.push(undo_grace=timedelta(minutes=5))
    assert len(world.stint_events()) == 1
    world.store.entries.undelete(entry.id)  # Undo still works: the Event was kept
    assert world.entry(entry).sync_state is EntrySyncState.SYNCED


def test_moving_an_entry_to_no_task_removes_its_event(world):
    entry = world.add()
    world.push()
    world.store.entries.update(world.entry(entry).with_changes(item_id=None))
    report = world.push()
    assert report.deleted == 1 and world.stint_events() == []
    stored = world.entry(entry)
    assert (stored.sync_state, stored.remote_id) == (EntrySyncState.LOCAL, None)


def test_one_bad_entry_among_good_ones(world, sf):
    doomed_parent = world.opportunities[2]
    good = [world.add(), world.add(item=world.cases[0])]
    bad = world.add(item=doomed_parent)
    sf.Opportunity.delete(doomed_parent.id)
    report = world.push()

    assert (report.created, report.failed) == (2, 1)
    assert len(world.stint_events()) == 2
    assert all(world.entry(e).sync_state is EntrySyncState.SYNCED for e in good)
    failed = world.entry(bad)
    assert failed.sync_state is EntrySyncState.ERROR
    assert failed.sync_error == "entity is deleted"  # Salesforce's own text

    # Not retried until the user edits it; then it goes (to a live parent).
    assert world.push().created == 0
    world.store.entries.update(failed.with_changes(item_id=world.opportunities[1].id))
    assert world.push().created == 1
    assert world.entry(bad).sync_state is EntrySyncState.SYNCED


def test_500_entries_take_three_collection_calls_and_one_read_back(world, sandbox):
    entries = [world.add(minutes=20) for _ in range(500)]
    report = world.push()
    assert report.created == 500
    creates = math.ceil(500 / 200)
    assert report.api_calls == creates + 1  # + one composite reading back 5 x 200 modstamps
    assert len(world.stint_events()) == 500
    assert {world.entry(e).sync_state for e in entries} == {EntrySyncState.SYNCED}

    # A push with nothing to do only looks for changes made in Salesforce: one query.
    assert world.push().api_calls == 1


def test_the_sync_log_shows_pushes_to_salesforce(world):
    world.add()
    world.add()
    world.push()
    run = world.store.sync_log.last_run()
    assert (run.kind, run.outcome) == ("push", RunOutcome.SUCCEEDED)
    assert run.counts["Event"].pushed == 2 and run.api_calls == 2
    changes = world.store.sync_log.recent_changes()
    assert [(c.action, c.direction, c.run_id) for c in changes] == [
        ("created", Direction.TO_SALESFORCE, run.id)] * 2
