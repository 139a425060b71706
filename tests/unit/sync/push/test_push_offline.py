"""Offline: entries queue as "pending" and drain once Salesforce answers again."""

import pytest
from push_helpers import PushWorld

from desktop.domain.entries import EntrySyncState
from desktop.domain.synclog import RunOutcome


@pytest.fixture
def world(sandbox, tmp_path):
    built = PushWorld(sandbox, tmp_path / "stint.db", writeback="event")
    yield built
    built.close()


def test_offline_entries_queue_and_drain_when_back(world, sandbox):
    synced = world.add()
    world.push()
    sandbox.faults.fail_next(count=1000, status=503)  # Salesforce unreachable for now

    queued = [world.add(note=f"offline {n}") for n in range(3)]
    world.store.entries.update(world.entry(synced).with_changes(note="edited offline"))
    report = world.push()
    assert report.error is not None and report.pushed == 0
    assert world.store.sync_log.last_run().outcome is RunOutcome.FAILED
    for entry in [*queued, synced]:
        assert world.entry(entry).sync_state is EntrySyncState.PENDING

    sandbox.faults.clear()
    report = world.push()
    assert (report.created, report.updated, report.error) == (3, 1, None)
    assert len(world.stint_events()) == 4
    assert {world.entry(e).sync_state for e in [*queued, synced]} == {EntrySyncState.SYNCED}


def test_rate_limit_stops_the_push_cleanly(world, sandbox):
    entry = world.add()
    sandbox.faults.limit_exceeded_next(count=5)
    report = world.push()
    assert world.store.sync_log.last_run().outcome is RunOutcome.RATE_LIMITED
    assert report.error and world.entry(entry).sync_state is EntrySyncState.PENDING
    sandbox.faults.clear()
    assert world.push().created == 1


def test_write_back_off_pushes_nothing(world):
    from desktop.sync.push.pusher import push_entries

    entry = world.add()
    assert push_entries(world.store, world.client, world.settings.with_changes(writeback="off")) is None
    assert world.entry(entry).sync_state is EntrySyncState.LOCAL
    assert world.stint_events() == []
