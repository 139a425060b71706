"""Idle time over D-Bus (Wayland sessions, and X11 ones without the X extension).

- GNOME: Mutter's org.gnome.Mutter.IdleMonitor, object /org/gnome/Mutter/IdleMonitor/Core,
  method GetIdletime() -> t (milliseconds).
- KDE and others: org.freedesktop.ScreenSaver, object /org/freedesktop/ScreenSaver, method
  GetSessionIdleTime() -> u (milliseconds, as KIdleTime counts; KDE on Wayland answers
  NotSupported, and then there is nothing to read).

Calls are asynchronous (desktop.platform.dbus_calls): the reply arrives on the GUI
thread later, so a hung compositor never freezes the window. A call that fails replies None
and is logged once.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from desktop.platform.dbus_calls import DBusReplies
from desktop.platform.idle import IdleReply, IdleSource, IdleUnavailable

log = logging.getLogger(__name__)

MUTTER = ("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
          "org.gnome.Mutter.IdleMonitor", "GetIdletime")
SCREENSAVER = ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
               "org.freedesktop.ScreenSaver",
               "GetSessionIdleTime")


class DBusIdleSource(QObject):
    """One D-Bus method that answers the idle time in milliseconds."""

    def __init__(self, bus: QDBusConnection, call: tuple[str, str, str, str], name: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._call = call
        self._replies = DBusReplies(bus, self)
        self._failure_logged = False

    def query(self, reply: IdleReply) -> None:
        message = QDBusMessage.createMethodCall(*self._call)
        self._replies.call(message, lambda arguments, error: self._answered(arguments, error,
                                                                            reply))

    def _answered(self, arguments: list | None, error: str, reply: IdleReply) -> None:
        if not arguments:
            if not self._failure_logged:
                self._failure_logged = True
                log.warning("%s cannot tell the idle time: %s", self.name, error or "no answer")
            reply(None)
            return
        self._failure_logged = False
        reply(int(arguments[0]) / 1000.0)

    def close(self) -> None:
        pass  # replies still on their way go to callbacks that expect them


def dbus_idle_source(bus: QDBusConnection, parent: QObject | None = None) -> IdleSource:
    """Mutter's idle monitor when GNOME's is on the bus, else the freedesktop screensaver;
    IdleUnavailable when neither is."""
    if _has_owner(bus, MUTTER[0]):
        return DBusIdleSource(bus, MUTTER, "GNOME (Mutter IdleMonitor)", parent)
    if _has_owner(bus, SCREENSAVER[0]):
        return DBusIdleSource(bus, SCREENSAVER, "org.freedesktop.ScreenSaver", parent)
    raise IdleUnavailable("no idle monitor on the session bus")


def _has_owner(bus: Any, name: str) -> bool:
    """Whether `name` is on the bus (one quick call to the bus daemon itself)."""
    reply = bus.interface().isServiceRegistered(name)
    return bool(reply.isValid() and reply.value())
