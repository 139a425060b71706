"""The "show your window" channel between two launches on one profile, over Qt's local
sockets (QLocalServer: a named pipe on Windows). Used where Python has no Unix sockets
(Windows); elsewhere desktop.platform.raise_channel does the same without QtNetwork.

Same interface as desktop.platform.raise_channel: RaiseServer(name).listen() in the running
instance, ask_to_raise(name) from a second launch.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QDeadlineTimer, QObject, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.platform.instance_lock import RAISE_MESSAGE, RAISE_REPLY

log = logging.getLogger(__name__)



class RaiseServer(QObject):
    """Listens on `name`; emits raise_requested for each launch that asks."""

    raise_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._server: QLocalServer | None = None

    def listen(self) -> bool:
        """Start answering; False (logged) when the channel cannot be opened. The caller holds
        the profile's lock, which proves no other instance lives: a left-over is stale."""
        QLocalServer.removeServer(self._name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._name):
            log.warning("cannot listen for other launches: %s", server.errorString())
            return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

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
            connection.write(RAISE_REPLY)
            connection.flush()


def ask_to_raise(name: str, timeout_ms: int) -> bool:
    """Tell the instance listening on `name` to show itself; True when it confirmed. Retries
    until the timeout: the first instance may hold the lock a moment before it listens."""
    deadline = QDeadlineTimer(timeout_ms)
    while not deadline.hasExpired():
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(min(500, max(1, deadline.remainingTime()))):
            socket.write(RAISE_MESSAGE)
            socket.flush()
            socket.waitForBytesWritten(1000)
            confirmed = socket.waitForReadyRead(max(1, min(2000, deadline.remainingTime())))
            socket.disconnectFromServer()
            return confirmed
        socket.abort()
        QThread.msleep(100)  # still starting up: try again shortly
    return False
