"""The Store facade: open the database and reach every repository from one object."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import tzinfo
from pathlib import Path
from sqlite3 import Connection

from desktop.store.bulk import bulk_writes
from desktop.store.database import Database, open_database
from desktop.store.entries_repo import EntryRepository
from desktop.store.items_repo import ItemRepository
from desktop.store.settings_repo import SettingsRepository
from desktop.store.sync_log_repo import SyncLogRepository
from desktop.store.sync_state_repo import SyncStateRepository


class Store:
    """One SQLite file in the profile's data dir.

    Share one Store between threads freely: each thread uses its own connection (see
    desktop.store.database). Repository calls that write each run in a transaction; wrap
    several in `store.transaction()` to commit them together.
    """

    def __init__(self, database: Database, display_tz: tzinfo | None = None) -> None:
        self._db = database
        self.items = ItemRepository(database)
        self.entries = EntryRepository(database, display_tz)
        self.sync_state = SyncStateRepository(database)
        self.sync_log = SyncLogRepository(database)
        self.settings = SettingsRepository(database)

    @classmethod
    def open(cls, path: str | Path, display_tz: tzinfo | None = None) -> Store:
        """Open or create the database at `path` and bring its schema up to date.

        `display_tz` is the zone for times quoted in error messages (None: the local zone).
        """
        return cls(open_database(path), display_tz)

    @property
    def path(self) -> Path:
        return self._db.path

    def transaction(self) -> AbstractContextManager[Connection]:
        return self._db.transaction()

    def snapshot(self) -> AbstractContextManager[Connection]:
        return self._db.snapshot()

    def bulk_writes(self) -> AbstractContextManager[None]:
        """Many re-fetchable commits on this thread (a sync); see desktop.store.bulk."""
        return bulk_writes(self._db)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


