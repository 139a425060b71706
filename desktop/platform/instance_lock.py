"""One running Stint per profile: an OS file lock on the profile's lock file.

The lock is held through an open file descriptor (fcntl.flock on POSIX, msvcrt.locking on
Windows), so the operating system releases it when the process ends in any way, including a
crash or SIGKILL: there is never a stale lock to clean up. The file itself stays; its content
(the holder's pid) is informational only.

Raising the first instance's window goes through desktop.platform.raise_channel (a Unix
socket; Qt's local sockets on Windows); `socket_name` gives the name both instances agree on,
RAISE_MESSAGE and RAISE_REPLY what they say on it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
from pathlib import Path

log = logging.getLogger(__name__)

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class InstanceLock:
    """A non-blocking, process-lifetime lock on one file.

    Two InstanceLock objects on the same path exclude each other even inside one process.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if it is free; False if another instance holds it. Never blocks."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # os.open descriptors are not inherited by child processes (PEP 446), so a browser
        # started from the app cannot keep the lock alive after the app exits.
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            locked = _try_lock(fd)
        except BaseException:
            os.close(fd)
            raise
        if not locked:
            os.close(fd)
            log.info("profile lock %s is held by another process", self.path)
            return False
        self._fd = fd
        self._write_pid(fd)
        return True

    def release(self) -> None:
        """Give the lock up (a no-op when not held)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        if not self.acquire():
            raise AlreadyRunning(self.path)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()

    @staticmethod
    def _write_pid(fd: int) -> None:
        # For people looking at the file; the lock itself is what matters. Windows may refuse
        # writes over the locked byte range: the pid is then simply missing.
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode())


class AlreadyRunning(RuntimeError):
    """Another Stint instance holds this profile."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"Stint is already running with this profile (lock file {path}).")
        self.path = path


# What a second launch says on that channel, and what the running one answers.
RAISE_MESSAGE = b"raise\n"
RAISE_REPLY = b"ok\n"


def socket_name(profile_id: str) -> str:
    """The name of a profile's "raise the window" channel (desktop.platform.raise_channel).

    Unique per user and profile: without a runtime dir such names live in the shared temp
    dir, so the user name is part of it (hashed, to keep it short and free of odd characters).
    """
    from desktop.platform.sha256 import sha256_hex

    user = _user_name()
    digest = sha256_hex(f"{user}\0{profile_id}".encode())[:16]
    safe_id = re.sub(r"[^A-Za-z0-9]", "", profile_id)[:12]
    return f"stint-{safe_id}-{digest}"


def _user_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"
