"""One sync or push at a time per profile: a lock for this process's threads (the scheduler's
sync, the app's write-back) and the profile's file lock for other processes (the command
line, the app's sync and push processes)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from desktop.platform.instance_lock import InstanceLock

SYNC_LOCK_NAME = "sync.lock"
LOCK_POLL_SECONDS = 0.25  # how often a waiting push looks whether another process is done


class SyncLocks:
    def __init__(self, data_dir: Path) -> None:
        self.local = threading.Lock()  # this process's threads
        self.profile = InstanceLock(data_dir / SYNC_LOCK_NAME)  # every process

    def wait_local(self, seconds: float, cancel: threading.Event) -> bool:
        """Take this process's lock within `seconds`, unless `cancel` is set first."""
        deadline = time.monotonic() + seconds  # real waiting, whatever clock the engine has
        while not self.local.acquire(timeout=min(LOCK_POLL_SECONDS, max(0.0, seconds))):
            if cancel.is_set() or time.monotonic() >= deadline:
                return False
        return True

    def wait_profile(self, deadline: float, cancel: threading.Event) -> bool:
        """Take the profile's lock (held by another process's sync or push) before `deadline`
        (time.monotonic), unless `cancel` is set first. The file lock cannot block with a
        timeout, so this looks again every LOCK_POLL_SECONDS."""
        while not cancel.is_set():
            if self.profile.acquire():
                return True
            if time.monotonic() >= deadline:
                return False
            cancel.wait(LOCK_POLL_SECONDS)
        return False
