"""Errors of the store layer, and what an SQLite error means for the person using Stint."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StoreError(Exception):
    """The local database cannot be used; the message says why in plain words, and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreCorrupt(StoreError):
    """The database file is damaged (SQLite reads it as malformed or as no database at all).
    desktop.store.recovery keeps it aside and starts a fresh one with what can be read."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            f"The local database {path} is damaged ({detail}). Stint can keep the damaged file "
            "aside and start a fresh database with every entry it can still read: run "
            "`stint repair`, or start the Stint app, which offers it."
        )


class StoreBusy(StoreError):
    """Another process held the write lock for longer than the busy timeout."""


# Primary result codes (https://www.sqlite.org/rescode.html); extended codes add high bits.
_CORRUPT_CODES = {getattr(sqlite3, "SQLITE_CORRUPT", 11), getattr(sqlite3, "SQLITE_NOTADB", 26)}
_FULL_CODE = getattr(sqlite3, "SQLITE_FULL", 13)
_BUSY_CODES = {getattr(sqlite3, "SQLITE_BUSY", 5), getattr(sqlite3, "SQLITE_LOCKED", 6)}
_READONLY_CODE = getattr(sqlite3, "SQLITE_READONLY", 8)
_NOT_WRITABLE_CODES = {_READONLY_CODE, getattr(sqlite3, "SQLITE_CANTOPEN", 14),
                       getattr(sqlite3, "SQLITE_IOERR", 10), getattr(sqlite3, "SQLITE_PERM", 3)}


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_corruption(error: BaseException) -> bool:
    """Whether an SQLite error says the file is damaged (not merely busy or unwritable)."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    if _primary_code(error) in _CORRUPT_CODES:
        return True
    text = str(error).lower()
    return "malformed" in text or "not a database" in text


def store_problem(path: Path, error: sqlite3.Error, doing: str = "save changes") -> StoreError:
    """The StoreError for an SQLite error met while `doing` something with the file at `path`:
    damaged, disk full, busy, read-only or not allowed, each with what fixes it."""
    from desktop.platform.file_problems import MOVE_PROFILE, full_text, why_not_writable

    if is_corruption(error):
        return StoreCorrupt(path, str(error))
    code = _primary_code(error)
    text = str(error).lower()
    if code == _FULL_CODE or "full" in text:
        return StoreError(full_text(path.parent))
    if code in _BUSY_CODES or "locked" in text or "busy" in text:
        return StoreBusy(
            f"The local database {path} is busy: another program (another Stint, a backup or "
            "file-sync tool) is writing to it, so this change was not saved. Try again in a "
            "moment; if it stays busy, close the other program."
        )
    if code in _NOT_WRITABLE_CODES or "readonly" in text or "unable to open" in text:
        reason = why_not_writable(path)
        if reason is not None:
            return StoreError(reason)
        if code == _READONLY_CODE or "readonly" in text:
            return StoreError(
                f"The local database {path} is read-only, so Stint could not {doing}. Make the "
                f"file and its folder writable for your user, {MOVE_PROFILE}.")
    return StoreError(f"The local database {path} could not {doing} ({error}).")
