"""Write-back bookkeeping: attempts, watermarks, and outcomes that never overwrite a user edit."""

from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.entries import EntrySyncState, TimeEntry
from desktop.store.push_queue_repo import PushQueueRepository

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def queue(store):
    return PushQueueRepository(store)


def _add(store, minutes_from: int = 0) -> TimeEntry:
    return store.entries.add(TimeEntry(start=T0 + timedelta(minutes=minutes_from),
                                       end=T0 + timedelta(minutes=minutes_from + 30),
                                       item_id="006000000000001AAA", note="work"))


def test_attempts_keep_the_first_time_and_clear(queue):
    queue.record_attempts(["a", "b"], "Event", T0)
    queue.record_attempts(["a"], "Event", T0 + timedelta(hours=1))
    assert queue.attempts("Event") == {"a": T0, "b": T0}
    assert queue.attempts("Time_Entry__c") == {}
    queue.clear_attempts(["a"])
    assert queue.attempts("Event") == {"b": T0}


def test_watermark_per_object(queue):
    assert queue.watermark("Event") is None
    queue.set_watermark("Event", T0)
    queue.set_watermark("Event", T0 + timedelta(minutes=5))
    assert queue.watermark("Event") == T0 + timedelta(minutes=5)


def test_pushed_entry_becomes_synced(store, queue):
    entry = _add(store)
    assert queue.mark_queued([entry.id]) == 1
    assert store.entries.get(entry.id).sync_state is EntrySyncState.PENDING
    assert queue.mark_pushed(entry, "00U000000000001AAA", T0) is True
    stored = store.entries.get(entry.id)
    assert (stored.sync_state, stored.remote_id, stored.remote_modstamp) == (
        EntrySyncState.SYNCED, "00U000000000001AAA", T0)


def test_the_note_as_pushed_is_remembered_even_when_edited_meanwhile(store, queue):
    pushed = _add(store)
    store.entries.update(pushed.with_changes(note="edited meanwhile"))
    queue.mark_pushed(pushed, "00U000000000001AAA", note_limit=5)
    stored = store.entries.get(pushed.id)
    assert (stored.note, stored.pushed_note, stored.salesforce_note_limit) == (
        "edited meanwhile", "work", 5)
    assert stored.note_longer_than_salesforce_keeps  # 16 characters, Salesforce keeps 5
    store.entries.update(stored.with_changes(note="short"))  # edits keep the bookkeeping
    stored = store.entries.get(pushed.id)
    assert stored.pushed_note == "work" and not stored.note_longer_than_salesforce_keeps


def test_an_edit_during_the_push_stays_pending(store, queue):
    pushed = _add(store)
    store.entries.update(pushed.with_changes(note="edited meanwhile"))
    assert queue.mark_pushed(pushed, "00U000000000001AAA") is False
    stored = store.entries.get(pushed.id)
    assert stored.sync_state is EntrySyncState.PENDING
    assert stored.remote_id == "00U000000000001AAA"  # the copy exists: the edit updates it
    assert queue.mark_failed(pushed, "too long") is False
    assert store.entries.get(pushed.id).sync_state is EntrySyncState.PENDING


def test_failure_keeps_salesforce_text_and_unlink_forgets_the_copy(store, queue):
    entry = _add(store)
    assert queue.mark_failed(entry, "Minutes must be greater than 0") is True
    stored = store.entries.get(entry.id)
    assert (stored.sync_state, stored.sync_error) == (
        EntrySyncState.ERROR, "Minutes must be greater than 0")
    queue.link(entry.id, "a0X000000000001AAA", T0)
    queue.unlink(entry.id)
    stored = store.entries.get(entry.id)
    assert (stored.sync_state, stored.remote_id, stored.remote_modstamp) == (
        EntrySyncState.LOCAL, None, None)


def test_tombstones_after_the_undo_window(store, queue):
    entry = _add(store)
    store.entries.delete(entry.id, now=T0)
    assert queue.tombstone_ids(T0 - timedelta(seconds=1)) == set()
    assert queue.tombstone_ids(T0) == {entry.id}
