"""Process life-cycle helpers for the GUI: noticing the first paint, quitting on signals."""

from __future__ import annotations

import logging
from collections.abc import Callable

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
    executes; the signal's wake-up byte on a socket pair wakes Qt instead (no polling timer).
    """
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_args: None)  # the wake-up byte does the work
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def woken() -> None:
        try:
            reader.recv(64)
        except OSError:
            return
        log.info("termination signal: quitting")
        quit_app()  # not app.quit(): a window that hides to the tray would refuse to close

    notifier.activated.connect(woken)
    app._stint_signal_sockets = (reader, writer, notifier)  # type: ignore[attr-defined]
