import sqlite3
from datetime import UTC, datetime, timedelta, timezone

import pytest

from desktop.domain.archive import REASON_CLOSED, REASON_DELETED
from desktop.domain.entries import EntryError, EntrySyncState, TimeEntry
from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.store import Store

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def manual(start, end, item_id="006A", **kw) -> TimeEntry:
    return TimeEntry(start=at(start), end=at(end), item_id=item_id, **kw)


def test_start_timer_persists_the_running_entry_at_once(store, tmp_path):
    started = store.entries.start_timer("006A", at(0), note="kick-off")
    assert started.id is not None and started.running
    # another connection (as after a crash and restart) sees it immediately
    with Store.open(store.path) as other:
        running = other.entries.running()
    assert running == started


def test_starting_a_new_timer_stops_the_running_one(store):
    first = store.entries.start_timer("006A", at(0))
    second = store.entries.start_timer("500B", at(25))
    stopped = store.entries.get(first.id)
    assert stopped.end == at(25)
    assert store.entries.running() == second
    assert [e.id for e in store.entries.between(at(0), at(60))] == [first.id, second.id]


def test_the_database_allows_one_running_entry_only(store):
    store.entries.start_timer("006A", at(0))
    with pytest.raises(sqlite3.IntegrityError):
        store._db.connect().execute(
            "INSERT INTO time_entries (client_id, start_at, created_at, updated_at) "
            "VALUES ('other', '2026-11-20T10:00:00.000Z', '', '')"
        )
    with pytest.raises(EntryError, match="already running"):
        store.entries.add(TimeEntry(start=at(-120), item_id="x"))


def test_stop_timer(store):
    assert store.entries.stop_timer(at(0)) is None
    started = store.entries.start_timer(None, at(0))
    stopped = store.entries.stop_timer(at(90))
    assert stopped.id == started.id and stopped.end == at(90)
    assert stopped.duration(at(1000)) == timedelta(minutes=90)
    assert store.entries.running() is None


def test_a_timer_stopped_at_its_start_leaves_nothing(store):
    store.entries.start_timer("006A", at(0))
    assert store.entries.stop_timer(at(0)) is None
    assert store.entries.all() == []


def test_start_inside_a_stopped_entry_is_refused_and_changes_nothing(store):
    store.entries.add(manual(0, 60))
    with pytest.raises(EntryError, match="falls inside the entry 09:00–10:00"):
        store.entries.start_timer("500B", at(30))
    assert store.entries.running() is None


def test_stop_clips_at_a_later_manual_entry(store):
    store.entries.add(manual(60, 90))
    store.entries.start_timer("006A", at(0))
    assert store.entries.stop_timer(at(120)).end == at(60)


def test_manual_entries_are_validated(store):
    first = store.entries.add(manual(0, 60, note="design"))
    assert first.id is not None and store.entries.get(first.id) == first
    with pytest.raises(EntryError) as info:
        store.entries.add(manual(30, 90))
    assert "overlaps the entry 09:00–10:00 on 2026-11-20" in str(info.value)
    assert info.value.conflict.id == first.id
    with pytest.raises(EntryError, match="must end after it starts"):
        store.entries.add(manual(100, 100))
    with pytest.raises(EntryError, match="must end after it starts"):
        store.entries.add(manual(100, 90))
    assert len(store.entries.all()) == 1  # nothing half-written


def test_adjacent_entries_are_fine(store):
    store.entries.add(manual(0, 60))
    store.entries.add(manual(60, 120))
    assert len(store.entries.between(at(0), at(120))) == 2


def test_entries_overlapping_the_running_timer_are_refused(store):
    store.entries.start_timer("006A", at(0))
    with pytest.raises(EntryError, match="running timer started at 09:00"):
        store.entries.add(manual(30, 40))
    store.entries.add(manual(-60, -30))  # before the timer: fine


def test_update_validates_and_keeps_identity(store):
    a = store.entries.add(manual(0, 60))
    b = store.entries.add(manual(60, 120))
    moved = store.entries.update(a.with_changes(note="edited", end=at(50)))
    assert store.entries.get(a.id).note == "edited"
    assert store.entries.get(a.id).client_id == a.client_id == moved.client_id
    with pytest.raises(EntryError, match="overlaps"):
        store.entries.update(a.with_changes(end=at(70)))
    assert store.entries.get(b.id) == b


def test_update_of_a_synced_entry_makes_it_pending(store):
    a = store.entries.add(manual(0, 60))
    store.entries.set_sync_state(a.id, EntrySyncState.SYNCED, remote_id="00UA")
    synced = store.entries.get(a.id)
    assert synced.remote_id == "00UA"
    edited = store.entries.update(synced.with_changes(note="more"))
    assert edited.sync_state is EntrySyncState.PENDING
    assert store.entries.get(a.id).sync_state is EntrySyncState.PENDING
    assert store.entries.get(a.id).remote_id == "00UA"


def test_delete_leaves_a_tombstone_and_can_be_undone(store):
    a = store.entries.add(manual(0, 60))
    deleted = store.entries.delete(a.id)
    assert deleted == a
    assert store.entries.get(a.id) is None and store.entries.all() == []
    assert [e.id for e in store.entries.deleted()] == [a.id]
    store.entries.add(manual(30, 40))
    with pytest.raises(EntryError, match="overlaps"):
        store.entries.undelete(a.id)  # its time is taken now
    other = store.entries.between(at(0), at(60))[0]
    store.entries.delete(other.id)
    assert store.entries.undelete(a.id) == a
    store.entries.purge(other.id)
    assert [e.id for e in store.entries.deleted()] == []
    with pytest.raises(EntryError):
        store.entries.delete(99)


def test_entries_on_archived_items_stay(store):
    item = Item(id="006A", kind=ItemKind.OPPORTUNITY, name="Acme", parent_id=ROOT_ID)
    store.items.upsert_many([item])
    entry = store.entries.add(manual(0, 60, item_id="006A"))
    store.items.upsert_many([item.archive(REASON_CLOSED)])
    store.items.archive(["006A"], REASON_DELETED)
    assert store.entries.get(entry.id) == entry
    assert store.entries.for_item("006A") == [entry]


def test_by_client_id_and_duplicate_client_ids(store):
    a = store.entries.add(manual(0, 60))
    assert store.entries.by_client_id(a.client_id) == a
    with pytest.raises(EntryError, match="already stored"):
        store.entries.add(manual(100, 120, client_id=a.client_id))


def test_between_includes_entries_crossing_the_range(store):
    a = store.entries.add(manual(-30, 30))
    b = store.entries.add(manual(100, 200))
    store.entries.add(manual(300, 400))
    running = store.entries.start_timer("x", at(500))
    assert [e.id for e in store.entries.between(at(0), at(150))] == [a.id, b.id]
    assert [e.id for e in store.entries.between(at(450), at(10000))] == [running.id]


def test_recent_item_ids_most_recent_first(store):
    store.entries.add(manual(0, 10, item_id="A"))
    store.entries.add(manual(10, 20, item_id="B"))
    store.entries.add(manual(20, 30, item_id="A"))
    store.entries.add(manual(30, 40, item_id=None))
    assert store.entries.recent_item_ids() == ["A", "B"]
    assert store.entries.recent_item_ids(limit=1) == ["A"]


def test_times_are_stored_in_utc_with_milliseconds(store):
    local = datetime(2026, 11, 20, 10, 0, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
    entry = store.entries.add(TimeEntry(start=local, end=local + timedelta(hours=1)))
    row = store._db.connect().execute(
        "SELECT start_at, end_at FROM time_entries WHERE id = ?", (entry.id,)
    ).fetchone()
    assert row == ("2026-11-20T09:00:00.123Z", "2026-11-20T10:00:00.123Z")
    assert store.entries.get(entry.id).start == local.replace(microsecond=123000)


def test_resolving_idle_time_splits_the_running_entry_in_one_transaction(store):
    from desktop.domain.timer import IdleChoice

    running = store.entries.start_timer("006A", at(0), note="design")
    result = store.entries.resolve_idle(
        running.client_id, at(30), at(75), IdleChoice.GIVE_TO_TASK, "500B", now=at(80)
    )
    entries = store.entries.between(at(0), at(120))
    assert [(e.item_id, e.start, e.end) for e in entries] == [
        ("006A", at(0), at(30)), ("500B", at(30), at(75)), ("006A", at(75), None),
    ]
    assert store.entries.running() == result.resumed and result.resumed.note == "design"
    assert result.given.id is not None


def test_resolving_idle_time_of_an_entry_that_is_no_longer_running_changes_nothing(store):
    from desktop.domain.timer import IdleChoice

    first = store.entries.start_timer("006A", at(0))
    store.entries.start_timer("500B", at(40))  # the user switched task meanwhile
    with pytest.raises(EntryError, match="changed meanwhile"):
        store.entries.resolve_idle(first.client_id, at(10), at(30), IdleChoice.DISCARD, now=at(50))
    assert [(e.item_id, e.end) for e in store.entries.between(at(0), at(60))] == [
        ("006A", at(40)), ("500B", None)]


def test_discarding_all_of_a_running_entry_and_stopping_leaves_a_tombstone(store):
    from desktop.domain.timer import IdleChoice

    running = store.entries.start_timer("006A", at(10))
    store.entries.resolve_idle(running.client_id, at(0), at(40), IdleChoice.DISCARD_AND_STOP,
                               now=at(45))
    assert store.entries.running() is None and store.entries.all() == []
    assert [e.id for e in store.entries.deleted()] == [running.id]
    restored = store.entries.undelete(running.id)
    assert restored.start == at(10)


def test_the_away_end_never_lies_in_the_future(store):
    from desktop.domain.timer import IdleChoice

    running = store.entries.start_timer("006A", at(0))
    result = store.entries.resolve_idle(running.client_id, at(30), at(90), IdleChoice.DISCARD,
                                        now=at(60))
    assert result.resumed.start == at(60)
