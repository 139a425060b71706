"""Why a profile's files cannot be written, in plain words with what fixes it.

The texts are Messages (desktop.domain.text): English as `str()`, for the command line and the
log; the app shows them translated. `why_not_writable(path)` looks at the file system itself (a read-only mount, missing write
permission, no space left), so a vague "unable to open database file" from SQLite or an
OSError from a lock file becomes "the disk is mounted read-only: ..." with the way out.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from desktop.domain.text import QT_TRANSLATE_NOOP, Message

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM}
_CONTEXT = "FileProblem"
MOVE_PROFILE = Message(_CONTEXT, QT_TRANSLATE_NOOP(
    "FileProblem", "or start Stint with another profile folder (--profile DIR or STINT_HOME)"))


def read_only_text(folder: Path) -> Message:
    return Message(_CONTEXT, QT_TRANSLATE_NOOP(
        "FileProblem",
        "The folder %1 is on a disk mounted read-only, so Stint cannot save anything there. "
        "Mount it read-write, %2."), folder, MOVE_PROFILE)


def denied_text(target: Path) -> Message:
    return Message(_CONTEXT, QT_TRANSLATE_NOOP(
        "FileProblem",
        "Stint may not write to %1 (permission denied). Give your user write access to it "
        "(e.g. chmod u+rw), %2."), target, MOVE_PROFILE)


def full_text(folder: Path) -> Message:
    return Message(_CONTEXT, QT_TRANSLATE_NOOP(
        "FileProblem",
        "The disk holding %1 is full, so Stint could not save this change. Free some space on "
        "it, then try again."), folder)


def why_not_writable(path: str | os.PathLike[str]) -> Message | None:
    """The reason `path` (a file, or a folder) cannot be written, or None when nothing is
    visibly wrong. Checks the nearest existing folder: read-only mount, permissions, space."""
    target = Path(path)
    folder = target if target.is_dir() else target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        stats = os.statvfs(folder)
    except (AttributeError, OSError):  # Windows has no statvfs
        stats = None
    if stats is not None and stats.f_flag & os.ST_RDONLY:
        return read_only_text(folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        return denied_text(folder)
    if target.is_file() and not os.access(target, os.W_OK):
        return denied_text(target)
    if stats is not None and stats.f_bavail == 0:
        return full_text(folder)
    return None


def os_error_text(exc: OSError, path: str | os.PathLike[str] | None = None) -> Message:
    """A plain message with the fix for an OSError met while writing `path` (or the error's
    own file name). The system's own wording (strerror) stays as the system gave it."""
    where = Path(path if path is not None else exc.filename or ".")
    if exc.errno == errno.EROFS:
        return read_only_text(where if where.is_dir() else where.parent)
    if exc.errno in _FULL:
        return full_text(where if where.is_dir() else where.parent)
    if exc.errno in _DENIED:
        return denied_text(where)
    return why_not_writable(where) or Message(
        _CONTEXT, QT_TRANSLATE_NOOP("FileProblem", "%1: %2."), where, exc.strerror or exc)
