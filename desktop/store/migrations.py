"""Schema migrations, applied in order and tracked by PRAGMA user_version.

Each step moves the schema from version N-1 to N inside one transaction together with the
user_version bump, so a crash during a migration leaves the previous version intact.
Never edit a step that has shipped; append a new one.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence

from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.store.errors import StoreError

log = logging.getLogger(__name__)

Step = Sequence[str] | Callable[[sqlite3.Connection], None]

# Version 1: the task tree, time entries, sync watermarks and settings.
V1 = (
    """
    CREATE TABLE items (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        parent_id TEXT,
        sobject TEXT,
        fields TEXT NOT NULL DEFAULT '{}',  -- JSON object, keys in display order
        archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        archive_reason TEXT,
        owner_id TEXT,
        modstamp TEXT,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX items_parent ON items (parent_id)",
    """
    INSERT INTO items (id, kind, name, parent_id, updated_at)
    VALUES ('salesforce', 'project', 'Salesforce', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    """,
    # item_id is deliberately not a foreign key: an entry must outlive any change to its item.
    """
    CREATE TABLE time_entries (
        id INTEGER PRIMARY KEY,
        client_id TEXT NOT NULL UNIQUE,
        item_id TEXT,
        start_at TEXT NOT NULL,
        end_at TEXT,
        note TEXT NOT NULL DEFAULT '',
        billable INTEGER NOT NULL DEFAULT 0 CHECK (billable IN (0, 1)),
        remote_id TEXT,
        sync_state TEXT NOT NULL DEFAULT 'local',
        sync_error TEXT,
        remote_modstamp TEXT,
        deleted_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (end_at IS NULL OR end_at > start_at)
    )
    """,
    "CREATE INDEX time_entries_start ON time_entries (start_at)",
    "CREATE INDEX time_entries_item ON time_entries (item_id)",
    # At most one running timer, guaranteed by the database itself.
    """
    CREATE UNIQUE INDEX time_entries_one_running ON time_entries ((end_at IS NULL))
    WHERE end_at IS NULL AND deleted_at IS NULL
    """,
    """
    CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT
    )
    """,
    """
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
)

# Version 2: the sync log (runs, per-object counts, the last record-level changes).
V2 = (
    """
    CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        kind TEXT NOT NULL,
        outcome TEXT NOT NULL,
        api_calls INTEGER NOT NULL DEFAULT 0,
        error TEXT
    )
    """,
    """
    CREATE TABLE sync_run_counts (
        run_id INTEGER NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
        sobject TEXT NOT NULL,
        created INTEGER NOT NULL DEFAULT 0,
        modified INTEGER NOT NULL DEFAULT 0,
        archived INTEGER NOT NULL DEFAULT 0,
        restored INTEGER NOT NULL DEFAULT 0,
        pushed INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, sobject)
    )
    """,
    """
    CREATE TABLE record_changes (
        id INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES sync_runs (id) ON DELETE SET NULL,
        at TEXT NOT NULL,
        sobject TEXT NOT NULL,
        record_id TEXT NOT NULL,
        record_name TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('from_salesforce', 'to_salesforce')),
        status TEXT NOT NULL,
        error TEXT
    )
    """,
    "CREATE INDEX record_changes_run ON record_changes (run_id)",
)

# Version 3: write-back bookkeeping (issue 5). A create whose answer never came back (lost
# reply, kill -9) is remembered until the next push has looked for it in Salesforce; the
# remote-change watermark per target object lets each push read only what changed there.
V3 = (
    """
    CREATE TABLE push_attempts (
        client_id TEXT PRIMARY KEY,
        sobject TEXT NOT NULL,
        attempted_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE push_watermarks (
        sobject TEXT PRIMARY KEY,
        watermark TEXT NOT NULL
    )
    """,
)

# Version 4 (issue 11): what write-back last pushed of each entry's note, and how many
# characters of a note the Salesforce field holds. A note Salesforce keeps only in part (or
# without its trailing blanks) is compared with what was pushed, so it never shortens the
# local note; the timesheet says when a note is longer than Salesforce keeps.
V4 = (
    "ALTER TABLE time_entries ADD COLUMN pushed_note TEXT",
    "ALTER TABLE time_entries ADD COLUMN salesforce_note_limit INTEGER",
)

# Version 5 (issue 15): why items were archived, per run and object (closed, deleted, no
# longer visible, excluded by the user; `archived` stays their sum), and per record change.
V5 = (
    "ALTER TABLE sync_run_counts ADD COLUMN closed INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE sync_run_counts ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE sync_run_counts ADD COLUMN not_visible INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE sync_run_counts ADD COLUMN excluded INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE record_changes ADD COLUMN reason TEXT",
)


# Version 6 (issue 16): what `stint status` and `tasks --search` read without going through
# every item. item_counts holds the number of items of each kind, archived or not, kept by
# triggers on every write to items (any connection, any version of the code that writes).
V6_ITEM_COUNTS = (
    """
    CREATE TABLE item_counts (
        kind TEXT NOT NULL,
        archived INTEGER NOT NULL,
        number INTEGER NOT NULL,
        PRIMARY KEY (kind, archived)
    ) WITHOUT ROWID
    """,
    """
    CREATE TRIGGER items_counted_on_insert AFTER INSERT ON items BEGIN
        INSERT INTO item_counts (kind, archived, number) VALUES (NEW.kind, NEW.archived, 1)
        ON CONFLICT (kind, archived) DO UPDATE SET number = number + 1;
    END
    """,
    """
    CREATE TRIGGER items_counted_on_update AFTER UPDATE OF kind, archived ON items
    WHEN OLD.kind IS NOT NEW.kind OR OLD.archived IS NOT NEW.archived BEGIN
        UPDATE item_counts SET number = number - 1
        WHERE kind = OLD.kind AND archived = OLD.archived;
        INSERT INTO item_counts (kind, archived, number) VALUES (NEW.kind, NEW.archived, 1)
        ON CONFLICT (kind, archived) DO UPDATE SET number = number + 1;
    END
    """,
    """
    CREATE TRIGGER items_counted_on_delete AFTER DELETE ON items BEGIN
        UPDATE item_counts SET number = number - 1
        WHERE kind = OLD.kind AND archived = OLD.archived;
    END
    """,
    """
    INSERT INTO item_counts (kind, archived, number)
    SELECT kind, archived, count(*) FROM items GROUP BY kind, archived
    """,
    # The archived items only (a few, usually): where the search of archived tasks starts.
    "CREATE INDEX items_archived ON items (id) WHERE archived = 1",
)


def v6_counts_and_search(conn: sqlite3.Connection) -> None:
    """Version 6 (issue 16): item_counts (above), and item_search, each item's words as the
    task search matches them (desktop/store/search_table.py), left for the first search to
    fill: the app's start does not wait for it."""
    from desktop.store import search_table

    for statement in (*V6_ITEM_COUNTS, *search_table.SCHEMA):
        conn.execute(statement)


# Version 7: why a run failed, as a Message the app translates (JSON of Message.to_data); the
# `error` column keeps the English text for the command line and older versions.
V7 = ("ALTER TABLE sync_runs ADD COLUMN error_text TEXT",)

MIGRATIONS: list[Step] = [V1, V2, V3, V4, V5, v6_counts_and_search, V7]

# Tables derived from the others: a store's recovery (store.recovery) does not copy them; the
# fresh store's triggers count the items as they are copied, and its first search fills the
# search table again (it starts incomplete).
DERIVED_TABLES = frozenset({"item_counts", "item_search", "item_search_state"})


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def latest_version() -> int:
    return len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, target: int | None = None) -> int:
    """Bring the schema to `target` (default: the latest); returns the version reached.

    `conn` must be in autocommit mode (isolation_level=None); each step runs in its own
    BEGIN IMMEDIATE ... COMMIT.
    """
    target = latest_version() if target is None else target
    current = schema_version(conn)
    if current > latest_version():
        raise StoreError(QT_TRANSLATE_NOOP(
            "StoreError",
            "This database was written by a newer version of Stint (schema %1, "
            "this version knows up to %2). Update Stint to open it."), current, latest_version())
    while current < target:
        step = MIGRATIONS[current]
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            if schema_version(conn) != current:
                conn.execute("ROLLBACK")
                current = schema_version(conn)
                continue
            if callable(step):
                step(conn)
            else:
                for statement in step:
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current += 1
        log.info("store schema migrated to version %d", current)
    return current
