import sqlite3

import pytest

from desktop.domain.items import ROOT_ID
from desktop.store import Store, StoreError, migrations
from desktop.store.migrations import latest_version, migrate, schema_version


def database_at_version(path, version):
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=version)
    return conn


def seed(conn, version):
    """Put user data in the tables that exist at `version`."""
    if version >= 1:
        conn.execute(
            "INSERT INTO items (id, kind, name, parent_id, sobject, fields, updated_at) "
            "VALUES ('006A', 'opportunity', 'Acme', 'salesforce', 'Opportunity', "
            "'{\"Stage\":\"Prospecting\"}', '2026-11-20T09:00:00.000Z')"
        )
        conn.execute(
            "INSERT INTO time_entries (client_id, item_id, start_at, end_at, note, "
            "created_at, updated_at) VALUES ('c-1', '006A', '2026-11-20T09:00:00.000Z', "
            "'2026-11-20T10:00:00.000Z', 'kept', '', '')"
        )
        conn.execute(
            "INSERT INTO time_entries (client_id, item_id, start_at, created_at, updated_at) "
            "VALUES ('c-2', NULL, '2026-11-20T11:00:00.000Z', '', '')"
        )
        conn.execute("INSERT INTO sync_state (key, value) VALUES ('watermark:Case', "
                     "'2026-11-20T08:00:00.000Z')")
    if version >= 2:
        conn.execute("INSERT INTO sync_runs (id, started_at, kind, outcome) "
                     "VALUES (1, '2026-11-20T08:00:00.000Z', 'full', 'succeeded')")
        conn.execute("INSERT INTO sync_run_counts (run_id, sobject, created) VALUES (1, 'Case', 3)")
        conn.execute("INSERT INTO record_changes (run_id, at, sobject, record_id, action, "
                     "direction, status) VALUES (1, '2026-11-20T08:00:01.000Z', 'Case', '500A', "
                     "'created', 'from_salesforce', 'ok')")


def test_a_new_database_is_at_the_latest_version(tmp_path):
    with Store.open(tmp_path / "s.db") as store:
        assert schema_version(store._db.connect()) == latest_version()


@pytest.mark.parametrize("version", range(0, latest_version()))
def test_upgrade_from_each_version_keeps_user_data(tmp_path, version):
    path = tmp_path / "s.db"
    conn = database_at_version(path, version)
    seed(conn, version)
    conn.close()
    with Store.open(path) as store:
        conn = store._db.connect()
        assert schema_version(conn) == latest_version()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.items.by_id(ROOT_ID).name == "Salesforce"
        if version >= 1:
            assert store.items.by_id("006A").fields == (("Stage", "Prospecting"),)
            entry = store.entries.by_client_id("c-1")
            assert entry.note == "kept" and entry.item_id == "006A"
            assert store.entries.running().client_id == "c-2"
            # Not pushed by a version that remembered the pushed note (schema 4).
            assert (entry.pushed_note, entry.salesforce_note_limit) == (None, None)
            assert store.sync_state.watermark("Case").hour == 8
        if version >= 2:
            assert store.sync_log.get_run(1).counts["Case"].created == 3
            assert store.sync_log.recent_changes()[0].record_id == "500A"


def test_migrating_twice_is_a_no_op(tmp_path):
    conn = database_at_version(tmp_path / "s.db", latest_version())
    assert migrate(conn) == latest_version()


def test_a_newer_database_is_refused_untouched(tmp_path):
    path = tmp_path / "s.db"
    conn = database_at_version(path, latest_version())
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer version of Stint"):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert schema_version(conn) == latest_version() + 1


def test_a_failing_step_leaves_the_previous_version(tmp_path, monkeypatch):
    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    path = tmp_path / "s.db"
    with pytest.raises(RuntimeError):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert schema_version(conn) == len(migrations.MIGRATIONS) - 1
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables


def test_version_6_counts_and_indexes_the_items_already_stored(tmp_path):
    conn = database_at_version(tmp_path / "s.db", 5)
    seed(conn, 5)
    conn.execute(
        "INSERT INTO items (id, kind, name, parent_id, sobject, fields, updated_at) "
        "VALUES ('00TA', 'activity', 'Call back', '006A', 'Task', '{}', '')")
    conn.close()
    with Store.open(tmp_path / "s.db") as store:
        assert store.items.count_by_kind() == {("opportunity", False): 1, ("activity", False): 1}
        assert [item.id for item in store.items.search("acme call", 10)] == ["00TA"]
        assert [item.id for item in store.items.search("prospecting", 10)] == ["006A", "00TA"]
