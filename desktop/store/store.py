"""The Store facade: open the database and reach every repository from one object."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import tzinfo
from functools import cached_property
from pathlib import Path
from sqlite3 import Connection
from typing import TYPE_CHECKING

from desktop.store.bulk import bulk_writes
from desktop.store.database import Database, open_database

if TYPE_CHECKING:
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

    Each repository (and the domain modules behind it) is loaded when first used: the desktop
    app's first paint needs only the entries and the sync log. Repositories hold no state but
    the database, so two threads racing to build one would only build an extra copy.
    """

    def __init__(self, database: Database, display_tz: tzinfo | None = None) -> None:
        self._db = database
        self._display_tz = display_tz

    @cached_property
    def items(self) -> ItemRepository:
        from desktop.store.items_repo import ItemRepository

        return ItemRepository(self._db)

    @cached_property
    def entries(self) -> EntryRepository:
        from desktop.store.entries_repo import EntryRepository

        return EntryRepository(self._db, self._display_tz)

    @cached_property
    def sync_state(self) -> SyncStateRepository:
        from desktop.store.sync_state_repo import SyncStateRepository

        return SyncStateRepository(self._db)

    @cached_property
    def sync_log(self) -> SyncLogRepository:
        from desktop.store.sync_log_repo import SyncLogRepository

        return SyncLogRepository(self._db)

    @cached_property
    def settings(self) -> SettingsRepository:
        from desktop.store.settings_repo import SettingsRepository

        return SettingsRepository(self._db)

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

    @property
    def is_closed(self) -> bool:
        """Closed: every read and write raises StoreError from now on."""
        return self._db.is_closed

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


