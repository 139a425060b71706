"""One Stint per profile: the first instance holds the profile lock and listens for later
launches; a second launch finds the lock taken, asks the first to show its window, and exits.

    guard = SingleInstance(paths.lock_path, paths.profile_id)
    if not guard.acquire():
        guard.ask_first_to_raise()   # then exit 0
    guard.raise_requested.connect(window.bring_to_front)
    guard.listen()

The channel is a Unix socket (desktop.platform.raise_channel) where Python has them, else
Qt's local sockets (desktop.platform.raise_channel_qt, Windows).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from functools import cached_property
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.platform.instance_lock import InstanceLock, socket_name

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 5000


def raise_channel() -> ModuleType:
    """This platform's channel module (imported when first used: after the first paint)."""
    if os.name == "posix":  # Linux, macOS: Unix sockets (Python has none on Windows)
        from desktop.platform import raise_channel as channel
    else:
        from desktop.platform import raise_channel_qt as channel
    return channel


class SingleInstance(QObject):
    raise_requested = Signal()

    def __init__(
        self,
        lock_path: str | os.PathLike[str],
        profile_id: str | Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        """`profile_id` may be given as a callable: the channel's name is a hash of it,
        worked out only when the channel is first used (after the app's first paint)."""
        super().__init__(parent)
        self._lock = InstanceLock(lock_path)
        self._profile_id = profile_id
        self._server: Any = None  # the channel's RaiseServer once listening

    @cached_property
    def name(self) -> str:
        profile_id = self._profile_id if isinstance(self._profile_id, str) else self._profile_id()
        return socket_name(profile_id)

    @cached_property
    def channel(self) -> ModuleType:
        return raise_channel()

    # -- first instance ------------------------------------------------------------------
    def acquire(self) -> bool:
        """Take the profile; False when another instance has it. Call `listen()` next."""
        return self._lock.acquire()

    def listen(self) -> bool:
        """Answer later launches (may come after the first paint: they retry meanwhile)."""
        if not self._lock.held or self._server is not None:
            return self._server is not None
        server = self.channel.RaiseServer(self.name, self)
        if not server.listen():
            return False
        server.raise_requested.connect(self.raise_requested)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.release()

    @property
    def held(self) -> bool:
        return self._lock.held

    # -- second instance -----------------------------------------------------------------
    def ask_first_to_raise(self, timeout_ms: int = CONNECT_TIMEOUT_MS) -> bool:
        """Tell the running instance to show itself; True when it confirmed (it may still be
        starting: the channel retries until the timeout)."""
        if self.channel.ask_to_raise(self.name, timeout_ms):
            return True
        log.warning("the running instance did not answer")
        return False
