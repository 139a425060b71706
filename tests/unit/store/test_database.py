import gc
import sqlite3
import threading

import pytest

from desktop.store import Store, StoreError
from desktop.store.errors import StoreCorrupt


def test_wal_and_foreign_keys_on_every_connection(store):
    conn = store._db.connect()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_each_thread_gets_its_own_connection(store):
    mine = store._db.connect()
    seen = []
    worker = threading.Thread(target=lambda: seen.append(store._db.connect()))
    worker.start()
    worker.join()
    assert seen and seen[0] is not mine
    assert store._db.connect() is mine


def test_a_store_is_usable_from_a_worker_thread(store):
    errors = []

    def work():
        try:
            store.sync_state.set_value("k", "from worker")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert not errors
    assert store.sync_state.get_value("k") == "from worker"


def test_transaction_rolls_back_on_error(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.sync_state.set_value("a", "1")
        raise RuntimeError("boom")
    assert store.sync_state.get_value("a") is None


def test_nested_transactions_commit_together(store):
    with store.transaction():
        store.sync_state.set_value("a", "1")
        with store.transaction():
            store.sync_state.set_value("b", "2")
        assert store._db.connect().in_transaction
    assert store.sync_state.get_value("a") == "1" and store.sync_state.get_value("b") == "2"


def test_writers_in_threads_are_serialised(store):
    def bump():
        for _ in range(50):
            with store.transaction():
                value = int(store.sync_state.get_value("n") or 0)
                store.sync_state.set_value("n", str(value + 1))

    workers = [threading.Thread(target=bump) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert store.sync_state.get_value("n") == "200"  # no lost update


def test_snapshot_reads_are_consistent(store):
    with store.snapshot() as conn:
        assert conn.in_transaction
        store.sync_state.get_value("x")
    assert not store._db.connect().in_transaction


def test_closed_store_refuses_work(store):
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.sync_state.get_value("x")


def test_close_lets_a_write_under_way_on_another_thread_finish(tmp_path):
    """Closing a worker's connection in the middle of its transaction crashed the process
    (seen once as a segfault when a test ended while a worker saved); close() waits for it."""
    path = tmp_path / "stint.db"
    store = Store.open(path)
    inside, finished = threading.Event(), threading.Event()

    def slow_write():
        with store.transaction():
            store.sync_state.set_value("saved", "before")
            inside.set()
            finished.wait(0.3)  # still writing when close() is called
            store.sync_state.set_value("saved", "yes")

    worker = threading.Thread(target=slow_write)
    worker.start()
    assert inside.wait(5)
    store.close()  # returns only after the worker's commit
    worker.join(5)
    with Store.open(path) as reopened:
        assert reopened.sync_state.get_value("saved") == "yes"


def test_close_leaves_a_read_under_way_on_another_thread_alone(tmp_path):
    """Closing another thread's connection while it read crashed the process (a segfault
    when a test ended during a Sync page read); that thread closes it on its next use."""
    store = Store.open(tmp_path / "stint.db")
    store.sync_state.set_value("k", "v")
    reading, closed, seen = threading.Event(), threading.Event(), []

    def reader():
        conn = store._db.connect()
        cursor = conn.execute("SELECT value FROM sync_state")
        reading.set()
        assert closed.wait(5)
        seen.append(cursor.fetchall())  # its connection still works after close()
        try:
            store.sync_state.get_value("k")
        except StoreError as error:
            seen.append(str(error))

    worker = threading.Thread(target=reader)
    worker.start()
    assert reading.wait(5)
    store.close()
    closed.set()
    worker.join(5)
    assert seen[0] and "closed" in seen[1]
    assert not store._db._connections  # none left registered


def test_a_file_that_is_not_a_database_gives_a_plain_error(tmp_path):
    path = tmp_path / "stint.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreCorrupt, match="is damaged .* run `stint repair`"):
        Store.open(path)


def test_reopening_keeps_data(tmp_path):
    path = tmp_path / "stint.db"
    with Store.open(path) as first:
        first.sync_state.set_value("kept", "yes")
    with Store.open(path) as second:
        assert second.sync_state.get_value("kept") == "yes"
        assert second.path == path


def test_the_schema_enforces_time_order(store):
    conn = store._db.connect()
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO time_entries (client_id, start_at, end_at, created_at, updated_at) "
            "VALUES ('x', '2026-01-01T10:00:00.000Z', '2026-01-01T09:00:00.000Z', '', '')"
        )


def test_a_finished_thread_does_not_keep_its_connection(store):
    def work():
        store.sync_state.get_value("x")

    for _ in range(5):
        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
    gc.collect()
    assert len(store._db._connections) == 1  # only this thread's


def test_a_busy_database_gives_a_plain_error(store):
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        store._db.connect().execute("PRAGMA busy_timeout = 50")
        with pytest.raises(StoreError, match="is busy: another program .* Try again in a moment"):
            store.sync_state.set_value("k", "v")
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.sync_state.set_value("k", "v")  # and it works again afterwards
    assert store.sync_state.get_value("k") == "v"


def test_write_problem_texts(tmp_path):
    from desktop.store.errors import store_problem

    def text(message: str) -> str:
        return store_problem(tmp_path / "s.db", sqlite3.OperationalError(message)).message

    assert "is full" in text("database or disk is full") and "Free some space" in text(
        "database or disk is full")
    assert "read-only" in text("attempt to write a readonly database")
    assert "could not save" in text("disk I/O error")
    assert "is damaged" in text("database disk image is malformed")
