"""Why a profile's files cannot be written, in plain words with what fixes it.

`why_not_writable(path)` looks at the file system itself (a read-only mount, missing write
permission, no space left), so a vague "unable to open database file" from SQLite or an
OSError from a lock file becomes "the disk is mounted read-only: ..." with the way out.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM}
MOVE_PROFILE = "or start Stint with another profile folder (--profile DIR or STINT_HOME)"


def read_only_text(folder: Path) -> str:
    return (f"The folder {folder} is on a disk mounted read-only, so Stint cannot save "
            f"anything there. Mount it read-write, {MOVE_PROFILE}.")


def denied_text(target: Path) -> str:
    return (f"Stint may not write to {target} (permission denied). Give your user write "
            f"access to it (e.g. chmod u+rw), {MOVE_PROFILE}.")


def full_text(folder: Path) -> str:
    return (f"The disk holding {folder} is full, so Stint could not save this change. Free "
            "some space on it, then try again.")


def why_not_writable(path: str | os.PathLike[str]) -> str | None:
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


def os_error_text(exc: OSError, path: str | os.PathLike[str] | None = None) -> str:
    """A plain message with the fix for an OSError met while writing `path` (or the error's
    own file name)."""
    where = Path(path if path is not None else exc.filename or ".")
    if exc.errno == errno.EROFS:
        return read_only_text(where if where.is_dir() else where.parent)
    if exc.errno in _FULL:
        return full_text(where if where.is_dir() else where.parent)
    if exc.errno in _DENIED:
        return denied_text(where)
    return why_not_writable(where) or f"{where}: {exc.strerror or exc}."
