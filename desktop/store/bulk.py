"""Long runs of writes of re-fetchable data (a sync filling the task tree) on one thread.

Inside `bulk_writes(database)` this thread's connection commits without waiting for the disk
(WAL + synchronous=NORMAL: still crash-consistent; a power cut may lose the last commits, and
the sync fetches them again because their watermark went with them) and does not checkpoint
the WAL every ~1,000 pages; one passive checkpoint runs at the end. Other connections (time
entries on the GUI thread) keep synchronous=FULL, and their commits flush everything before.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from desktop.store.database import Database

log = logging.getLogger(__name__)

DEFAULT_AUTOCHECKPOINT = 1000


@contextmanager
def bulk_writes(database: Database) -> Iterator[None]:
    conn = database.connect()
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA wal_autocheckpoint = {DEFAULT_AUTOCHECKPOINT}")
        conn.execute("PRAGMA synchronous = FULL")
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error as exc:  # a busy reader: the next commit's checkpoint catches up
            log.info("checkpoint after bulk writes deferred: %s", exc)
