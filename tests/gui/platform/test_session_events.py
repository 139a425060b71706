"""Suspend/resume and screen lock (desktop.platform.idle.session_events) from a fake logind on
a private "system" bus and fake screensavers on a private session bus."""

from __future__ import annotations

import itertools
import os

import pytest
from PySide6.QtDBus import QDBusConnection, QDBusObjectPath  # noqa: F401

from desktop.platform.idle.session_events import (
    LOGIND,
    LOGIND_MANAGER,
    LOGIND_PATH,
    LOGIND_SESSION,
    PROPERTIES,
    SessionEvents,
)
from tests.support.dbus_fakes import FakeService, PrivateBus, dbus_unavailable_reason

SESSION_PATH = "/org/freedesktop/login1/session/_32"
_names = itertools.count()


@pytest.fixture
def buses():
    reason = dbus_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with PrivateBus() as system, PrivateBus() as session:
        names = [f"stint-events-{next(_names)}" for _ in range(2)]
        system.connection = QDBusConnection.connectToBus(system.address, names[0])
        session.connection = QDBusConnection.connectToBus(session.address, names[1])
        yield system, session
        for name in names:
            QDBusConnection.disconnectFromBus(name)


def settle(connection) -> None:
    """A round trip to the bus daemon on `connection`: it handles a connection's messages in
    order, so the signal matches asked for before (AddMatch, sent without waiting) are in
    place once this returns. (The bus daemon runs in its own process: no deadlock.)"""
    connection.interface().isServiceRegistered("org.freedesktop.DBus")


class FakeLogind(FakeService):
    def __init__(self, address: str, locked: bool = False) -> None:
        super().__init__(address, [LOGIND])
        self.locked_hint = locked
        self.handle(LOGIND_MANAGER, "GetSessionByPID", self._session_by_pid)
        self.handle(PROPERTIES, "Get", self._get)

    def _session_by_pid(self, args):
        assert args == (os.getpid(),)
        return "o", (SESSION_PATH,)

    def _get(self, args):
        assert args == (LOGIND_SESSION, "LockedHint")
        return "v", (("b", self.locked_hint),)

    def set_locked_hint(self, locked: bool) -> None:
        self.locked_hint = locked
        self.emit(SESSION_PATH, PROPERTIES, "PropertiesChanged", "sa{sv}as",
                  (LOGIND_SESSION, {"LockedHint": ("b", locked)}, []))


def test_prepare_for_sleep_is_a_sleep_then_a_resume(qtbot, buses):
    system, session = buses
    with FakeLogind(system.address) as logind:
        events = SessionEvents(session.connection, system.connection)
        qtbot.waitUntil(lambda: len(logind.calls_to("Get")) == 1)  # the session was found
        with qtbot.waitSignal(events.sleep_changed) as sleeping:
            logind.emit(LOGIND_PATH, LOGIND_MANAGER, "PrepareForSleep", "b", (True,))
        assert sleeping.args == [True]
        with qtbot.waitSignal(events.sleep_changed) as resumed:
            logind.emit(LOGIND_PATH, LOGIND_MANAGER, "PrepareForSleep", "b", (False,))
        assert resumed.args == [False]


def test_logind_locked_hint_is_the_lock_state(qtbot, buses):
    system, session = buses
    with FakeLogind(system.address) as logind:
        events = SessionEvents(session.connection, system.connection)
        qtbot.waitUntil(lambda: len(logind.calls_to("Get")) == 1)
        with qtbot.waitSignal(events.lock_changed) as locked:
            logind.set_locked_hint(True)
        assert locked.args == [True] and events.is_locked()
        # logind's Lock() request alone says nothing new: the hint is read, still locked
        with qtbot.assertNotEmitted(events.lock_changed, wait=300):
            logind.emit(SESSION_PATH, LOGIND_SESSION, "Lock")
            qtbot.waitUntil(lambda: len(logind.calls_to("Get")) == 3)
        with qtbot.waitSignal(events.lock_changed) as unlocked:
            logind.set_locked_hint(False)
        assert unlocked.args == [False] and not events.is_locked()


def test_a_session_locked_at_start_is_known_locked(qtbot, buses):
    system, session = buses
    with FakeLogind(system.address, locked=True):
        events = SessionEvents(session.connection, system.connection)
        qtbot.waitUntil(events.is_locked)


@pytest.mark.parametrize("interface", ["org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"])
def test_the_screensavers_active_changed_is_the_lock_state(qtbot, buses, interface):
    _system, session = buses
    with FakeService(session.address, [interface]) as screensaver:
        events = SessionEvents(session.connection, None)
        settle(session.connection)
        with qtbot.waitSignal(events.lock_changed) as locked:
            screensaver.emit("/" + interface.replace(".", "/"), interface, "ActiveChanged", "b",
                             (True,))
        assert locked.args == [True]
        with qtbot.waitSignal(events.lock_changed) as unlocked:
            screensaver.emit("/ScreenSaver", interface, "ActiveChanged", "b", (False,))
        assert unlocked.args == [False]


def test_without_buses_nothing_happens(qtbot):
    events = SessionEvents(None, None)
    assert not events.is_locked()
