"""The Store: one SQLite file in WAL mode, a connection per thread, serialised writers.

Thread model: a single Store object may be shared by every thread. Each thread gets its own
sqlite3 connection on first use (sqlite3 connections must not be shared between threads);
write transactions are serialised in-process by a lock and across processes by
BEGIN IMMEDIATE with a busy timeout. Readers never block writers (WAL).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.platform.file_problems import os_error_text
from desktop.platform.paths import create_private_file
from desktop.store.errors import StoreError, is_corruption, store_problem
from desktop.store.migrations import migrate

log = logging.getLogger(__name__)

BE_OPENED = QT_TRANSLATE_NOOP("StoreError", "be opened")  # "The local database ... could not %2"

BUSY_TIMEOUT_MS = 10_000  # how long a writer waits for another process's write to finish


class Database:
    """Connections and transactions over one database file (the repositories' base)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._write_lock = threading.RLock()
        # Weak: a thread that ends drops its connection (closed when collected), so threads
        # that come and go (a pool) do not pile up open files.
        self._connections: weakref.WeakSet[sqlite3.Connection] = weakref.WeakSet()
        self._connections_lock = threading.Lock()
        self._closed = False

    def connect(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        conn = getattr(self._local, "conn", None)
        if self._closed:
            if conn is not None and self._local.depth == 0:  # left open by close(): see there
                self._local.conn = None
                conn.close()
            raise StoreError(QT_TRANSLATE_NOOP("StoreError", "The local database is closed."))
        if conn is None:
            conn = _open_connection(self.path)
            conn.owner = threading.current_thread()
            self._local.conn = conn
            self._local.depth = 0
            with self._connections_lock:
                self._connections.add(conn)
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; nested uses on the same thread join the outer one.

        Commits when the block ends normally, rolls back on any exception.
        """
        conn = self.connect()
        if self._local.depth > 0:
            self._local.depth += 1
            try:
                yield conn
            finally:
                self._local.depth -= 1
            return
        with self._write_lock:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.DatabaseError as exc:
                raise store_problem(self.path, exc) from exc
            self._local.depth = 1
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError) or is_corruption(exc):
                    raise store_problem(self.path, exc) from exc
                raise
            finally:
                self._local.depth = 0

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query in the block sees the same committed state."""
        conn = self.connect()
        if self._local.depth > 0:
            yield conn
            return
        conn.execute("BEGIN")
        self._local.depth = 1
        try:
            yield conn
        finally:
            self._local.depth = 0
            conn.execute("COMMIT")

    @property
    def is_closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Close the store; it cannot be used afterwards (StoreError "closed").

        Closes this thread's connection and those of threads that have ended. A connection
        of another live thread may be in use right now (a worker reading the sync log when
        the app quits), and closing it under a running statement crashes the process: that
        thread closes it itself on its next use, or it goes with the thread. A write under way
        is let finish first, so everything committed is on disk when close() returns.
        """
        with self._write_lock:  # (a writer takes it for its whole transaction)
            self._closed = True
            with self._connections_lock:
                connections = list(self._connections)
                self._connections = weakref.WeakSet()
            here = threading.current_thread()
            for conn in connections:
                owner = getattr(conn, "owner", None)
                if owner is here or owner is None or not owner.is_alive():
                    try:
                        conn.close()
                    except sqlite3.Error:  # pragma: no cover - closing is best effort
                        log.exception("closing a store connection failed")
            self._local.conn = None


class _Connection(sqlite3.Connection):
    """A sqlite3 connection that can be weakly referenced; `owner` is the thread using it."""

    owner: threading.Thread


def _open_connection(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            path,
            isolation_level=None,
            check_same_thread=False,
            timeout=BUSY_TIMEOUT_MS / 1000,
            factory=_Connection,
        )
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreError(QT_TRANSLATE_NOOP(
                "StoreError", "The local database %1 cannot use write-ahead logging."), path)
        # FULL: a committed time entry survives power loss, not only a crash of the app.
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as exc:
        raise store_problem(path, exc, BE_OPENED) from exc
    return conn


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) and migrate the database file at `path`."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            # 0600 before SQLite opens it: its WAL and SHM files take the database file's mode.
            create_private_file(path)
    except OSError as exc:
        raise StoreError(os_error_text(exc, path)) from exc
    database = Database(path)
    conn = database.connect()
    try:
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        database.close()
        raise store_problem(path, exc, BE_OPENED) from exc
    except BaseException:
        database.close()
        raise
    return database
