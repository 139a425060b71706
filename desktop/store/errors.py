"""Errors of the store layer, and what an SQLite error means for the person using Stint."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.domain.text import QT_TRANSLATE_NOOP, Message

_CONTEXT = "StoreError"


class StoreError(Exception):
    """The local database cannot be used; the message says why in plain words, and what to do.
    `.message` is English (the command line's, the log's); `.text` the same as a Message the app
    shows translated: a template marked with QT_TRANSLATE_NOOP("StoreError", ...) and values."""

    def __init__(self, message: str | Message, *values: object) -> None:
        self.text = message if isinstance(message, Message) else Message(_CONTEXT, message, *values)
        self.message = str(self.text)
        super().__init__(self.message)


class StoreCorrupt(StoreError):
    """The database file is damaged (SQLite reads it as malformed or as no database at all).
    desktop.store.recovery keeps it aside and starts a fresh one with what can be read."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(QT_TRANSLATE_NOOP(
            "StoreError",
            "The local database %1 is damaged (%2). Stint can keep the damaged file "
            "aside and start a fresh database with every entry it can still read: run "
            "`stint repair`, or start the Stint app, which offers it."), path, detail)


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


SAVE_CHANGES = QT_TRANSLATE_NOOP("StoreError", "save changes")


def store_problem(path: Path, error: sqlite3.Error, doing: str = SAVE_CHANGES) -> StoreError:
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
        return StoreBusy(QT_TRANSLATE_NOOP(
            "StoreError",
            "The local database %1 is busy: another program (another Stint, a backup or "
            "file-sync tool) is writing to it, so this change was not saved. Try again in a "
            "moment; if it stays busy, close the other program."), path)
    if code in _NOT_WRITABLE_CODES or "readonly" in text or "unable to open" in text:
        reason = why_not_writable(path)
        if reason is not None:
            return StoreError(reason)
        if code == _READONLY_CODE or "readonly" in text:
            return StoreError(QT_TRANSLATE_NOOP(
                "StoreError",
                "The local database %1 is read-only, so Stint could not %2. Make the file and "
                "its folder writable for your user, %3."), path, Message(_CONTEXT, doing),
                MOVE_PROFILE)
    return StoreError(QT_TRANSLATE_NOOP("StoreError", "The local database %1 could not %2 (%3)."),
                      path, Message(_CONTEXT, doing), error)
