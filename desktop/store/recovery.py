"""A damaged store: finding out, keeping the damaged file, and a fresh store with what is left.

    problems = integrity_problems(path)      # [] when PRAGMA quick_check finds nothing wrong
    report = recover(path, now)              # the damaged file kept as <name>.damaged-<when>

Recovery never deletes or changes the damaged file: it is renamed aside (with its WAL and
SHM, so what they hold stays readable), and a fresh store is built first under another name
and put in place only once complete. Rows are copied one by one in every table the fresh
schema has (but those derived from the others, which the fresh store rebuilds), skipping
past the parts SQLite cannot read (a damaged page loses its rows, the rest of the table is
still copied); a file whose 100-byte header is overwritten is read
through a copy with a rebuilt header. The task tree comes back with the next sync, which is a
full one (the sync bookkeeping is not copied; the connection is).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.store.database import open_database
from desktop.store.errors import StoreError, is_corruption
from desktop.store.migrations import DERIVED_TABLES

log = logging.getLogger(__name__)

DAMAGED_MARK = ".damaged-"
_BUILDING_SUFFIX = ".recovering"
_HEADER_FIXED_SUFFIX = ".header-fixed"
_SIDE_FILES = ("-wal", "-shm")
# What of sync_state survives: the link to the org (user, instance). Watermarks and the last
# full sync are dropped, so the next sync fetches the whole tree again.
_KEPT_SYNC_STATE_PREFIX = "connection."
_PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536)
_HEADER_BYTES = 100


@dataclass(frozen=True)
class RecoveryReport:
    damaged_copy: Path
    rows: dict[str, int] = field(default_factory=dict)  # rows copied, by table
    damaged_tables: tuple[str, ...] = ()  # tables where unreadable parts were skipped

    @property
    def entries(self) -> int:
        return self.rows.get("time_entries", 0)


def integrity_problems(path: str | os.PathLike[str], limit: int = 5) -> list[str]:
    """What SQLite's quick check finds wrong with the store at `path` ([] when it is sound).
    Reads only; costs a read of the whole file (~0.3 s for 200,000 tasks), so run it off the
    GUI thread."""
    try:
        conn = sqlite3.connect(Path(path), timeout=10, isolation_level=None)
    except sqlite3.DatabaseError as exc:
        return [str(exc)] if is_corruption(exc) else []
    try:
        rows = conn.execute(f"PRAGMA quick_check({int(limit)})").fetchall()
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            return [str(exc)]
        raise
    finally:
        conn.close()
    return [] if rows == [("ok",)] else [str(row[0]) for row in rows]


def damaged_name(path: Path, now: datetime) -> Path:
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}{DAMAGED_MARK}{stamp}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}{DAMAGED_MARK}{stamp}-{number}")
    return candidate


def recover(path: str | os.PathLike[str], now: datetime | None = None) -> RecoveryReport:
    """Keep the damaged store at `path` aside and put a fresh one there with every row that
    can still be read. The store must not be open (the app closes it first)."""
    path = Path(path)
    now = now or datetime.now(UTC)
    building = path.with_name(path.name + _BUILDING_SUFFIX)
    _remove_with_side_files(building)
    rows, damaged_tables = _build_fresh_copy(path, building)
    kept = damaged_name(path, now)
    for suffix in ("", *_SIDE_FILES):  # the damaged file with what its WAL still holds
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.replace(source, f"{kept}{suffix}")
    for suffix in ("", *_SIDE_FILES):
        built = Path(f"{building}{suffix}")
        if built.exists():
            os.replace(built, f"{path}{suffix}")
    log.warning("damaged store kept as %s; %d rows recovered (%s)", kept.name,
                sum(rows.values()), ", ".join(f"{t}: {n}" for t, n in rows.items()))
    return RecoveryReport(kept, rows, tuple(damaged_tables))


def _build_fresh_copy(damaged: Path, building: Path) -> tuple[dict[str, int], list[str]]:
    open_database(building).close()  # the current schema, private file mode
    source, scratch = _open_readable(damaged)
    target = sqlite3.connect(building, isolation_level=None)
    rows: dict[str, int] = {}
    damaged_tables: list[str] = []
    try:
        target.execute("PRAGMA foreign_keys = OFF")  # rows arrive table by table
        target.execute("BEGIN")
        for table, columns in _tables(target):
            if table in DERIVED_TABLES:
                continue
            available = _columns(source, table) if source is not None else None
            if not available:
                continue
            shared = [c for c in columns if c in available]
            copied, skipped = _copy_table(source, target, table, shared)
            rows[table] = copied
            if skipped:
                damaged_tables.append(table)
        target.execute("DELETE FROM sync_state WHERE key NOT LIKE ?",
                       (_KEPT_SYNC_STATE_PREFIX + "%",))
        target.execute("COMMIT")
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all of it in the main file
    except sqlite3.Error as exc:
        raise StoreError(QT_TRANSLATE_NOOP(
            "StoreError", "The fresh database %1 could not be written (%2)."),
            building, exc) from exc
    finally:
        target.close()
        if source is not None:
            source.close()
        if scratch is not None:
            _remove_with_side_files(scratch)
    return rows, damaged_tables


def _open_readable(damaged: Path) -> tuple[sqlite3.Connection | None, Path | None]:
    """A connection that can read the damaged file's schema (None: nothing is readable), and
    the scratch copy it reads when the header had to be rebuilt."""
    conn = _try_schema(damaged)
    if conn is not None:
        return conn, None
    scratch = damaged.with_name(damaged.name + _HEADER_FIXED_SUFFIX)
    for page_size in _PAGE_SIZES:
        if not _copy_with_header(damaged, scratch, page_size):
            continue
        conn = _try_schema(scratch)
        if conn is not None:
            log.info("read the damaged store through a rebuilt header (page size %d)", page_size)
            return conn, scratch
    _remove_with_side_files(scratch)
    return None, None


def _try_schema(path: Path) -> sqlite3.Connection | None:
    try:
        conn = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        conn.execute("SELECT name FROM sqlite_master").fetchall()
        return conn
    except sqlite3.Error:
        conn.close()
        return None


def _copy_with_header(damaged: Path, scratch: Path, page_size: int) -> bool:
    """Copy `damaged` (and its WAL) to `scratch` with the header of an empty WAL-mode store of
    `page_size` bytes per page, sized to the file. False when the size cannot fit."""
    size = damaged.stat().st_size
    if size < page_size or size % page_size:
        return False
    _remove_with_side_files(scratch)
    template = scratch.with_name(scratch.name + ".template")
    with contextlib.closing(sqlite3.connect(template, isolation_level=None)) as conn:
        conn.execute(f"PRAGMA page_size = {page_size}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE t (x)")
    header = bytearray(template.read_bytes()[:_HEADER_BYTES])
    _remove_with_side_files(template)
    header[28:32] = (size // page_size).to_bytes(4, "big")  # database size in pages
    header[92:96] = header[24:28]  # "version valid for" = change counter: the size holds
    shutil.copyfile(damaged, scratch)
    with open(scratch, "r+b") as handle:
        handle.write(header)
    wal = Path(f"{damaged}-wal")
    if wal.exists():
        shutil.copyfile(wal, f"{scratch}-wal")
    return True


def _tables(conn: sqlite3.Connection) -> list[tuple[str, list[str]]]:
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY rowid")]
    return [(name, _columns(conn, name) or []) for name in names]


def _columns(conn: sqlite3.Connection, table: str) -> list[str] | None:
    try:
        return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
    except sqlite3.Error:
        return None


def _copy_table(source: sqlite3.Connection, target: sqlite3.Connection, table: str,
                columns: list[str]) -> tuple[int, int]:
    """Copy the readable rows of `table` in rowid order; returns (rows copied, damaged parts
    skipped). A row a constraint refuses (say, garbage in a damaged one) is left out."""
    names = ", ".join(f'"{c}"' for c in columns)
    insert = (f'INSERT OR IGNORE INTO "{table}" ({names}) '
              f"VALUES ({', '.join('?' for _ in columns)})")
    highest = _max_rowid(source, table)
    copied = skipped = 0
    after: int | None = None
    while True:
        where = "" if after is None else "WHERE rowid > ?"
        query = f'SELECT rowid, {names} FROM "{table}" {where} ORDER BY rowid'
        failed_after = after
        try:
            for row in source.execute(query, () if after is None else (after,)):
                after = row[0]
                try:
                    copied += target.execute(insert, row[1:]).rowcount
                except sqlite3.IntegrityError:
                    continue
            return copied, skipped
        except sqlite3.DatabaseError as exc:
            if not is_corruption(exc):
                raise
            skipped += 1
            # Past the last row read, and at least one rowid further than the last failure.
            start = (after or 0) + 1 if after != failed_after else (after or 0) + 2
            after = _next_readable(source, table, start, highest)
            if after is None:
                return copied, skipped


def _max_rowid(source: sqlite3.Connection, table: str) -> int | None:
    try:
        row = source.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _next_readable(source: sqlite3.Connection, table: str, start: int,
                   highest: int | None) -> int | None:
    """Where reading can go on past a damaged part: probe rowids from `start` further and
    further ahead until one reads; the rowid just before it (None: nothing readable left)."""
    step = 1
    limit = highest if highest is not None else start + 2**31
    while start <= limit:
        try:
            row = source.execute(
                f'SELECT rowid, * FROM "{table}" WHERE rowid >= ? ORDER BY rowid LIMIT 1',
                (start,)).fetchone()
        except sqlite3.DatabaseError:
            start += step
            step *= 2
            continue
        return None if row is None else row[0] - 1
    return None


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *_SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")
