"""QtDBus from Python: asynchronous calls with callbacks, and UINT32 arguments.

Asynchronous calls with Python callbacks, without a QDBusPendingCallWatcher per call:

PySide6 crashes when a QDBusPendingCallWatcher is deleted after its `finished` handler ran
(seen with 6.12 under pytest-qt: a segfault in ~QObject on the deferred delete), and keeping
every watcher would grow memory with each poll. QDBusConnection.callWithCallback delivers the
reply to a slot of a receiver instead; one `DBusReplies` receives every reply of one kind of
call (the same method of the same peer), which that peer answers in the order asked, so the
callbacks wait in a queue.
"""

from __future__ import annotations

import ctypes
import functools
import logging
from collections import deque
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import SLOT, QObject, Slot
from PySide6.QtDBus import QDBusArgument, QDBusConnection, QDBusError, QDBusMessage

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


def uint32_argument(value: int) -> QDBusArgument:
    """A D-Bus UINT32 ("u") to put among a message's arguments.

    PySide6 turns a Python int into an INT32, and its QDBusArgument << binding only writes
    16-bit unsigned values; servers check signatures (org.freedesktop.Notifications.Notify
    wants "susssasa{sv}i" and refuses "sisssasa{sv}i"). So the UINT32 goes in through Qt's
    own QDBusArgument::operator<<(uint), called on the argument's C++ object (Linux only:
    that is where D-Bus is). RuntimeError when that operator cannot be found.
    """
    argument = QDBusArgument()
    append = _uint_appender()
    append(shiboken6.getCppPointer(argument)[0], value)
    if argument.currentSignature() != "u":
        raise RuntimeError("QDBusArgument::operator<<(uint) did not write a UINT32")
    return argument


@functools.cache
def _uint_appender():
    try:
        library = ctypes.CDLL("libQt6DBus.so.6")  # already loaded by PySide6.QtDBus
        function = library._ZN13QDBusArgumentlsEj  # QDBusArgument::operator<<(unsigned int)
    except (OSError, AttributeError) as exc:
        raise RuntimeError(f"Qt's D-Bus library has no UINT32 writer here ({exc})") from None
    function.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
    function.restype = ctypes.c_void_p
    return function


def string_list_argument(values: list[str]) -> QDBusArgument:
    """A D-Bus ARRAY of STRING ("as"), also when empty (an empty Python list would go out as
    an array of variants, "av")."""
    argument = QDBusArgument()
    argument << list(values)
    return argument
