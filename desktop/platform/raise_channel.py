"""The "show your window" channel between two launches on one profile, over a Unix domain
socket (Linux, macOS).

The running instance listens (RaiseServer: a non-blocking socket watched by QSocketNotifiers
in the GUI thread); a second launch connects, sends RAISE_MESSAGE and waits for RAISE_REPLY
(ask_to_raise: plain blocking calls, it has no event loop). Qt's QLocalServer does the same,
but its QtNetwork module holds ~2.5 MB in an app that spends the day in the tray; Windows,
where Python has no Unix sockets, keeps it (desktop.platform.raise_channel_qt).

The socket lives in $XDG_RUNTIME_DIR (the user's own, mode 0700) when there is one, else in
the temp dir; its name (desktop.platform.instance_lock.socket_name) is unique per user and
profile, and the socket is made 0600.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import stat
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from desktop.platform.instance_lock import RAISE_MESSAGE, RAISE_REPLY

log = logging.getLogger(__name__)

_MAX_CONNECTIONS = 8  # at once; more are closed unread (no local client may exhaust our fds)
_CONNECTION_TIMEOUT_MS = 5000  # a client that says nothing is dropped after this
_MAX_MESSAGE = 64


def socket_path(name: str) -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    base = runtime if runtime and os.path.isdir(runtime) else tempfile.gettempdir()
    return Path(base) / name


class _Connection:
    def __init__(self, sock: socket.socket, notifier: QSocketNotifier) -> None:
        self.sock = sock
        self.notifier = notifier
        self.received = b""


class RaiseServer(QObject):
    """Listens on `name`; emits raise_requested for each launch that asks."""

    raise_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = socket_path(name)
        self._socket: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._connections: list[_Connection] = []

    def listen(self) -> bool:
        """Start answering; False (logged) when the socket cannot be opened. The caller holds
        the profile's lock, which proves no other instance lives: a socket left by a killed
        one is stale and goes."""
        path = str(self.path)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            _remove_stale_socket(path)
            listener.bind(path)
            os.chmod(path, 0o600)
            listener.listen(_MAX_CONNECTIONS)
            listener.setblocking(False)
        except OSError as exc:
            listener.close()
            log.warning("cannot listen for other launches on %s: %s", path, exc)
            return False
        self._socket = listener
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    def close(self) -> None:
        for connection in list(self._connections):
            self._drop(connection)
        if self._socket is not None:
            assert self._notifier is not None
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._socket.close()
            self._socket = self._notifier = None
            with contextlib.suppress(OSError):
                os.unlink(self.path)

    def _accept(self) -> None:
        while self._socket is not None:
            try:
                sock, _address = self._socket.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:  # e.g. out of file descriptors: the next launch retries
                log.warning("could not accept a launch's connection: %s", exc)
                return
            if len(self._connections) >= _MAX_CONNECTIONS:
                sock.close()
                continue
            sock.setblocking(False)
            notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
            connection = _Connection(sock, notifier)
            self._connections.append(connection)
            notifier.activated.connect(lambda *_args, c=connection: self._read(c))
            QTimer.singleShot(_CONNECTION_TIMEOUT_MS, self, lambda c=connection: self._drop(c))

    def _read(self, connection: _Connection) -> None:
        try:
            data = connection.sock.recv(_MAX_MESSAGE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        connection.received += data
        if RAISE_MESSAGE.strip() in connection.received:
            log.info("another launch asked to show the window")
            with contextlib.suppress(OSError):
                connection.sock.send(RAISE_REPLY)  # 3 bytes into an empty buffer: never blocks
            self._drop(connection)
            self.raise_requested.emit()
        elif not data or len(connection.received) > _MAX_MESSAGE:
            self._drop(connection)  # gone, or not a launch of ours

    def _drop(self, connection: _Connection) -> None:
        if connection in self._connections:
            self._connections.remove(connection)
            connection.notifier.setEnabled(False)
            connection.notifier.deleteLater()
            connection.sock.close()


def _remove_stale_socket(path: str) -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISSOCK(mode):  # not ours to delete: bind() then reports the clash
        return
    os.unlink(path)


def ask_to_raise(name: str, timeout_ms: int) -> bool:
    """Tell the instance listening on `name` to show itself; True when it confirmed. Retries
    until the timeout: the first instance may hold the lock a moment before it listens."""
    path = str(socket_path(name))
    deadline = time.monotonic() + timeout_ms / 1000
    while (remaining := deadline - time.monotonic()) > 0:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(min(2.0, remaining))
            try:
                sock.connect(path)
            except (FileNotFoundError, ConnectionRefusedError):  # not listening yet
                time.sleep(min(0.1, remaining))
                continue
            except OSError as exc:
                log.warning("cannot reach the running instance: %s", exc)
                return False
            try:
                sock.sendall(RAISE_MESSAGE)
                return sock.recv(len(RAISE_REPLY)) == RAISE_REPLY
            except OSError:  # including a timeout: it did not answer
                return False
    return False
