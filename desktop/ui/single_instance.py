"""One Stint per profile: the first instance holds the profile lock and listens on a local
socket; a second launch finds the lock taken, asks the first to raise its window, and exits.

    guard = SingleInstance(paths.lock_path, paths.profile_id)
    if not guard.acquire():
        guard.ask_first_to_raise()   # then exit 0
    guard.raise_requested.connect(window.bring_to_front)
    guard.listen()
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from functools import cached_property
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.platform.instance_lock import InstanceLock, socket_name

log = logging.getLogger(__name__)

RAISE_MESSAGE = b"raise\n"
CONNECT_TIMEOUT_MS = 5000


class SingleInstance(QObject):
    raise_requested = Signal()

    def __init__(
        self,
        lock_path: str | os.PathLike[str],
        profile_id: str | Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        """`profile_id` may be given as a callable: the socket name is a hash of it, worked
        out only when the socket is first used (after the app's first paint)."""
        super().__init__(parent)
        self._lock = InstanceLock(lock_path)
        self._profile_id = profile_id
        self._server: Any = None  # QLocalServer once listening

    @cached_property
    def name(self) -> str:
        profile_id = self._profile_id if isinstance(self._profile_id, str) else self._profile_id()
        return socket_name(profile_id)

    # -- first instance ------------------------------------------------------------------
    def acquire(self) -> bool:
        """Take the profile; False when another instance has it. Call `listen()` next."""
        return self._lock.acquire()

    def listen(self) -> bool:
        """Answer later launches (may come after the first paint: they retry meanwhile)."""
        from PySide6.QtNetwork import QLocalServer

        if not self._lock.held or self._server is not None:
            return self._server is not None
        # Holding the lock proves no other instance lives, so a socket left by a killed one
        # is stale and may go.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("cannot listen for other launches: %s", server.errorString())
            return False
        server.newConnection.connect(self._accept)
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

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)
            if connection.bytesAvailable():
                self._read(connection)

    def _read(self, connection: Any) -> None:  # a QLocalSocket
        data = bytes(connection.readAll().data())
        if RAISE_MESSAGE.strip() in data:
            log.info("another launch asked to show the window")
            self.raise_requested.emit()
            connection.write(b"ok\n")
            connection.flush()

    # -- second instance -----------------------------------------------------------------
    def ask_first_to_raise(self, timeout_ms: int = CONNECT_TIMEOUT_MS) -> bool:
        """Tell the running instance to show itself; True when it confirmed.

        Retries until the timeout: the first instance may hold the lock a moment before its
        socket listens.
        """
        from PySide6.QtCore import QDeadlineTimer, QThread
        from PySide6.QtNetwork import QLocalSocket

        deadline = QDeadlineTimer(timeout_ms)
        while not deadline.hasExpired():
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(min(500, max(1, deadline.remainingTime()))):
                socket.write(RAISE_MESSAGE)
                socket.flush()
                socket.waitForBytesWritten(1000)
                confirmed = socket.waitForReadyRead(max(1, min(2000, deadline.remainingTime())))
                socket.disconnectFromServer()
                return confirmed
            socket.abort()
            QThread.msleep(100)  # still starting up: try again shortly
        log.warning("the running instance did not answer")
        return False
