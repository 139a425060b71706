"""Suspend/resume and screen lock, as Qt signals: logind on the system bus, the screensaver
on the session bus.

- Sleep: logind's Manager.PrepareForSleep(b) (true just before a suspend or hibernate, false
  after the resume).
- Lock: the screensaver's ActiveChanged(b) (org.freedesktop.ScreenSaver: KDE, Xfce...;
  org.gnome.ScreenSaver: GNOME), and logind's session LockedHint, which lockers set. logind's
  Lock()/Unlock() signals are requests to lockers, not the state, so they (and any
  PropertiesChanged of our session) only make us read LockedHint again.

`lock_changed` fires on changes only, however many of these say the same. Without a system
bus or a session bus (Windows, macOS, a container) nothing fires: the idle time and the
clocks still reveal a sleep (desktop.domain.idle).
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from desktop.platform.dbus_calls import DBusReplies

log = logging.getLogger(__name__)

LOGIND = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_MANAGER = "org.freedesktop.login1.Manager"
LOGIND_SESSION = "org.freedesktop.login1.Session"
PROPERTIES = "org.freedesktop.DBus.Properties"
SCREENSAVER_INTERFACES = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")


class SessionEvents(QObject):
    sleep_changed = Signal(bool)  # True: about to sleep; False: resumed
    lock_changed = Signal(bool)  # True: the screen is locked

    def __init__(
        self,
        session_bus: QDBusConnection | None,
        system_bus: QDBusConnection | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session_bus = session_bus
        self._system_bus = system_bus
        self._session_path: str | None = None
        self._locked = False
        self._session_replies: DBusReplies | None = None
        self._hint_replies: DBusReplies | None = None
        if session_bus is not None and session_bus.isConnected():
            for interface in SCREENSAVER_INTERFACES:
                session_bus.connect("", "", interface, "ActiveChanged", self,
                                    SLOT("_screensaver_active(bool)"))
        if system_bus is not None and system_bus.isConnected():
            self._session_replies = DBusReplies(system_bus, self)
            self._hint_replies = DBusReplies(system_bus, self)
            system_bus.connect(LOGIND, LOGIND_PATH, LOGIND_MANAGER, "PrepareForSleep", self,
                               SLOT("_prepare_for_sleep(bool)"))
            self._find_session()

    def is_locked(self) -> bool:
        return self._locked

    # -- logind --------------------------------------------------------------------------
    def _find_session(self) -> None:
        call = QDBusMessage.createMethodCall(LOGIND, LOGIND_PATH, LOGIND_MANAGER,
                                             "GetSessionByPID")
        call.setArguments([os.getpid()])
        self._session_replies.call(call, self._session_found)

    def _session_found(self, arguments: list | None, error: str) -> None:
        if not arguments:
            log.info("no logind session for this process (%s): screen lock from the "
                     "screensaver only", error)
            return
        path = arguments[0]
        self._session_path = path.path() if hasattr(path, "path") else str(path)
        bus = self._system_bus
        for member in ("Lock", "Unlock"):
            bus.connect(LOGIND, self._session_path, LOGIND_SESSION, member, self,
                        SLOT("_read_locked_hint()"))
        bus.connect(LOGIND, self._session_path, PROPERTIES, "PropertiesChanged", self,
                    SLOT("_read_locked_hint()"))
        self._read_locked_hint()

    @Slot()
    def _read_locked_hint(self) -> None:
        if self._session_path is None:
            return
        call = QDBusMessage.createMethodCall(LOGIND, self._session_path, PROPERTIES, "Get")
        call.setArguments([LOGIND_SESSION, "LockedHint"])
        self._hint_replies.call(call, self._locked_hint_read)

    def _locked_hint_read(self, arguments: list | None, _error: str) -> None:
        if arguments:
            value = arguments[0]
            self._set_locked(bool(value.variant() if hasattr(value, "variant") else value))

    @Slot(bool)
    def _prepare_for_sleep(self, sleeping: bool) -> None:
        log.info("the computer %s", "is going to sleep" if sleeping else "woke up")
        self.sleep_changed.emit(sleeping)

    # -- the screensaver -----------------------------------------------------------------
    @Slot(bool)
    def _screensaver_active(self, active: bool) -> None:
        self._set_locked(active)

    # -- helpers -------------------------------------------------------------------------
    def _set_locked(self, locked: bool) -> None:
        if locked != self._locked:
            self._locked = locked
            log.info("the screen is %s", "locked" if locked else "unlocked")
            self.lock_changed.emit(locked)


def open_session_events(environ=None, parent: QObject | None = None) -> SessionEvents:
    """SessionEvents on the real buses: the session bus named by the environment and the
    system bus (either may be missing)."""
    from desktop.platform.idle import default_session_bus

    environ = os.environ if environ is None else environ
    system = QDBusConnection.systemBus() if os.path.exists("/run/dbus/system_bus_socket") \
        or environ.get("DBUS_SYSTEM_BUS_ADDRESS") else None
    if system is not None and not system.isConnected():
        system = None
    return SessionEvents(default_session_bus(environ), system, parent)
