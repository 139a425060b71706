"""Short entries (issue 11, point 5): under the settings' minimum (default 1 minute) an entry
stays in Stint unless the user opts in; one already in Salesforce is still kept up to date."""

from datetime import timedelta

import pytest
from push_helpers import PushWorld

from desktop.domain.entries import EntrySyncState


@pytest.fixture
def world(sandbox, tmp_path):
    built = PushWorld(sandbox, tmp_path / "stint.db", writeback="event")
    yield built
    built.close()


def test_an_entry_under_a_minute_stays_local(world):
    short = world.add(minutes=0.75)
    long_enough = world.add(minutes=1)
    report = world.push()
    assert (report.created, report.skipped) == (1, 1)
    assert world.entry(short).sync_state is EntrySyncState.LOCAL
    assert world.entry(long_enough).sync_state is EntrySyncState.SYNCED
    assert len(world.stint_events()) == 1
    assert world.push().created == 0  # and it stays so


def test_opting_in_sends_short_entries_too(world):
    short = world.add(minutes=0.5)
    world.push()
    world.settings = world.settings.with_changes(writeback_short_entries=True)
    assert world.push().created == 1
    assert world.entry(short).sync_state is EntrySyncState.SYNCED


def test_the_minimum_is_a_setting(world):
    entries = [world.add(minutes=m) for m in (3, 10)]
    world.settings = world.settings.with_changes(writeback_min_minutes=5)
    assert world.push().created == 1
    assert [world.entry(e).sync_state for e in entries] == [
        EntrySyncState.LOCAL, EntrySyncState.SYNCED]
    world.settings = world.settings.with_changes(writeback_min_minutes=0)
    assert world.push().created == 1


def test_a_queued_short_entry_goes_back_to_local(world):
    short = world.add(minutes=0.5)
    world.settings = world.settings.with_changes(writeback_min_minutes=0)
    world.pusher()._queue_waiting_entries()  # queued under the old setting, not sent yet
    assert world.entry(short).sync_state is EntrySyncState.PENDING
    world.settings = world.settings.with_changes(writeback_min_minutes=1)
    world.push()
    assert world.entry(short).sync_state is EntrySyncState.LOCAL


def test_an_entry_in_salesforce_edited_shorter_is_still_updated(world):
    entry = world.add(minutes=30)
    world.push()
    stored = world.entry(entry)
    world.store.entries.update(stored.with_changes(end=stored.start + timedelta(seconds=40)))
    assert world.push().updated == 1
    assert world.entry(entry).sync_state is EntrySyncState.SYNCED
    assert world.push().conflicts == 0  # Salesforce holds it as sent
    assert world.entry(entry).sync_state is EntrySyncState.SYNCED
