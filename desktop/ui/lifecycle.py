"""Process life-cycle helpers for the GUI: noticing the first paint, quitting on signals."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)


class FirstPaintWatch(QObject):
    """Calls `then()` once, right after the watched window's first paint."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def quit_on_termination_signals(app: QApplication, quit_app: Callable[[], None]) -> None:
    """SIGTERM / SIGINT (logout, `kill`, Ctrl+C) quit through the normal shutdown.

    Python runs signal handlers only between bytecodes, which an idle Qt event loop never
    executes; the signal's wake-up byte on a pipe (a socket pair on Windows) wakes Qt instead.
    """
    import signal

    from PySide6.QtCore import QSocketNotifier

    read_fd, write_fd, keep = _wakeup_channel()
    signal.set_wakeup_fd(write_fd)
    quitting = {int(signal.SIGTERM), int(signal.SIGINT)}
    for number in quitting:
        signal.signal(number, lambda *_args: None)  # the wake-up byte does the work
    notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read, app)

    def woken() -> None:
        try:
            numbers = os.read(read_fd, 64)  # one byte per signal caught: its number
        except OSError:
            return
        # Any signal with a Python handler writes its byte (a library's own, too): only
        # these two quit.
        if quitting.isdisjoint(numbers):
            return
        log.info("termination signal: quitting")
        quit_app()  # not app.quit(): a window that hides to the tray would refuse to close

    notifier.activated.connect(woken)
    app._stint_signal_sockets = (keep, notifier)  # type: ignore[attr-defined]


def _wakeup_channel() -> tuple[int, int, Any]:
    """Non-blocking (read fd, write fd, objects to keep alive) for `signal.set_wakeup_fd`.

    A pipe on POSIX: the socket module (~2 ms to import) is not needed before the first
    paint there. Windows accepts only a socket as the wake-up fd.
    """
    if os.name == "posix":
        read_fd, write_fd = os.pipe()
        os.set_blocking(read_fd, False)
        os.set_blocking(write_fd, False)
        return read_fd, write_fd, (read_fd, write_fd)
    import socket

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    return reader.fileno(), writer.fileno(), (reader, writer)
