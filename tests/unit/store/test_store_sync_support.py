"""Store additions for the sync: bulk writes, id/modstamp lookups, correcting a run's kind."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime

from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.domain.synclog import RunOutcome

STAMP = datetime(2026, 5, 20, 20, 49, 32, 123000, tzinfo=UTC)


def opp(item_id: str, archived: bool = False) -> Item:
    return Item(id=item_id, kind=ItemKind.OPPORTUNITY, name=item_id, parent_id=ROOT_ID,
                sobject="Opportunity", archived=archived,
                archive_reason="closed" if archived else None, modstamp=STAMP)


def pragma(store, name):
    return store._db.connect().execute(f"PRAGMA {name}").fetchone()[0]


def test_bulk_writes_relax_only_this_threads_connection_and_restore_it(store):
    assert pragma(store, "synchronous") == 2  # FULL
    other = []
    with store.bulk_writes():
        assert pragma(store, "synchronous") == 1  # NORMAL
        assert pragma(store, "wal_autocheckpoint") == 0
        store.items.upsert_many([opp(f"006{i:015d}") for i in range(50)])
        thread = threading.Thread(target=lambda: other.append(pragma(store, "synchronous")))
        thread.start()
        thread.join()
    assert other == [2]
    assert pragma(store, "synchronous") == 2 and pragma(store, "wal_autocheckpoint") == 1000
    assert store.items.count() == 51


def test_bulk_writes_are_committed_and_visible_to_a_new_connection(store):
    with store.bulk_writes():
        store.items.upsert_many([opp("006000000000000001")])
    conn = sqlite3.connect(store.path)
    try:
        assert conn.execute("SELECT count(*) FROM items WHERE id = '006000000000000001'").fetchone()[0] == 1
    finally:
        conn.close()


def test_existing_ids_and_stored_modstamps(store):
    store.items.upsert_many([opp("006000000000000001"), opp("006000000000000002", True)])
    ids = ["006000000000000001", "006000000000000002", "006000000000000003"]
    assert store.items.existing_ids(ids) == set(ids[:2])
    assert store.items.stored_modstamps(ids) == {
        "006000000000000001": "2026-05-20T20:49:32.123Z",
        "006000000000000002": "2026-05-20T20:49:32.123Z",
    }
    many = [f"006{i:015d}" for i in range(1200)]  # more than one IN chunk
    assert store.items.existing_ids(many) == set(ids[:2]) & set(many)


def test_a_run_kind_can_be_corrected(store):
    run_id = store.sync_log.start_run(STAMP, "incremental")
    store.sync_log.set_run_kind(run_id, "full")
    store.sync_log.finish_run(run_id, STAMP, RunOutcome.RATE_LIMITED, "limit")
    run = store.sync_log.last_run()
    assert run.kind == "full" and run.outcome is RunOutcome.RATE_LIMITED


def test_count_by_kind(store):
    store.items.upsert_many([opp("006000000000000001"), opp("006000000000000002", True),
                             opp("006000000000000003")])
    assert store.items.count_by_kind() == {("opportunity", False): 2, ("opportunity", True): 1}


def test_all_ids_and_insert_new(store):
    changes = store.items.insert_new([opp("006000000000000001"), opp("006000000000000002", True)])
    assert changes == {"006000000000000001": "created", "006000000000000002": "created"}
    assert store.items.all_ids() == {ROOT_ID, "006000000000000001", "006000000000000002"}
    # an item that was stored after all is overwritten, never duplicated
    store.items.insert_new([opp("006000000000000001", True)])
    assert store.items.count(include_archived=True) == 3
    assert store.items.by_id("006000000000000001").archived
