"""Asynchronous D-Bus calls with Python callbacks, without a QDBusPendingCallWatcher per call.

PySide6 crashes when a QDBusPendingCallWatcher is deleted after its `finished` handler ran
(seen with 6.12 under pytest-qt: a segfault in ~QObject on the deferred delete), and keeping
every watcher would grow memory with each poll. QDBusConnection.callWithCallback delivers the
reply to a slot of a receiver instead; one `DBusReplies` receives every reply of one kind of
call (the same method of the same peer), which that peer answers in the order asked, so the
callbacks wait in a queue.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import SLOT, QObject, Slot
from PySide6.QtDBus import QDBusConnection, QDBusError, QDBusMessage

log = logging.getLogger(__name__)

CALL_TIMEOUT_MS = 2000
# callback(arguments, error): the reply's arguments and "", or None and the error's text.
ReplyCallback = Callable[[list | None, str], None]


class DBusReplies(QObject):
    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._waiting: deque[ReplyCallback] = deque()

    def call(self, message: QDBusMessage, callback: ReplyCallback) -> None:
        self._waiting.append(callback)
        sent = self._bus.callWithCallback(
            message, self, SLOT("_replied(QDBusMessage)"),
            SLOT("_failed(QDBusError,QDBusMessage)"), CALL_TIMEOUT_MS,
        )
        if not sent:
            self._waiting.pop()
            callback(None, self._bus.lastError().message() or "the call could not be sent")

    @Slot(QDBusMessage)
    def _replied(self, message: QDBusMessage) -> None:
        if self._waiting:
            self._waiting.popleft()(list(message.arguments()), "")

    @Slot(QDBusError, QDBusMessage)
    def _failed(self, error: QDBusError, _message: QDBusMessage) -> None:
        if self._waiting:
            self._waiting.popleft()(None, error.message() or error.name())
