"""Sync bookkeeping: the SystemModstamp watermark per object and the last full sync time."""

from __future__ import annotations

from datetime import datetime

from desktop.store.database import Database
from desktop.store.timestamps import from_db_or_none, to_db

_WATERMARK = "watermark:"
_LAST_FULL_SYNC = "last_full_sync"
# The connected org's address (not a secret), written by engine.connection; the app and
# `stint open` read it to link to records.
INSTANCE_URL_KEY = "connection.instance_url"
# When synchronization was paused (settings.sync_paused; written by engine.sync_pause). Not
# sync bookkeeping: it outlives a reset.
PAUSED_SINCE_KEY = "sync.paused_since"


class SyncStateRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    def get_value(self, key: str) -> str | None:
        row = self._db.connect().execute(
            "SELECT value FROM sync_state WHERE key = ?", (key,)
        ).fetchone()
        return row[0] if row else None

    def set_value(self, key: str, value: str | None) -> None:
        """Store a value; joins the caller's transaction when there is one (so a watermark
        moves together with the records it covers)."""
        with self._db.transaction() as conn:
            if value is None:
                conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))
            else:
                conn.execute(
                    "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    def watermark(self, sobject: str) -> datetime | None:
        return from_db_or_none(self.get_value(_WATERMARK + sobject))

    def set_watermark(self, sobject: str, moment: datetime | None) -> None:
        self.set_value(_WATERMARK + sobject, None if moment is None else to_db(moment))

    def watermarks(self) -> dict[str, datetime]:
        rows = self._db.connect().execute(
            "SELECT key, value FROM sync_state WHERE key LIKE ? AND value IS NOT NULL",
            (_WATERMARK + "%",),
        )
        return {key[len(_WATERMARK):]: from_db_or_none(value) for key, value in rows}

    def last_full_sync(self) -> datetime | None:
        return from_db_or_none(self.get_value(_LAST_FULL_SYNC))

    def set_last_full_sync(self, moment: datetime | None) -> None:
        self.set_value(_LAST_FULL_SYNC, None if moment is None else to_db(moment))

    def reset(self) -> None:
        """Forget every watermark and the last full sync (the next sync is a full one)."""
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM sync_state WHERE key != ?", (PAUSED_SINCE_KEY,))
