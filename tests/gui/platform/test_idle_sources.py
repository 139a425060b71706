"""Idle-time backends (desktop.platform.idle): the D-Bus ones against fake services on a
private bus (real QtDBus calls), the Windows and macOS ones with fake libraries. The X11 one
runs against a real Xvfb in tests/e2e/test_idle_x11.py."""

from __future__ import annotations

import ctypes
import itertools

import pytest
from PySide6.QtDBus import QDBusConnection

from desktop.platform.idle import IdleUnavailable, open_idle_source
from desktop.platform.idle.dbus_sources import MUTTER, SCREENSAVER, dbus_idle_source
from desktop.platform.idle.macos import ANY_INPUT_EVENT, COMBINED_SESSION_STATE, MacIdleSource
from desktop.platform.idle.windows import WindowsIdleSource
from tests.support.dbus_fakes import DBusFailure, FakeService, PrivateBus, dbus_unavailable_reason

_names = itertools.count()


@pytest.fixture
def bus():
    reason = dbus_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with PrivateBus() as private:
        name = f"stint-test-{next(_names)}"
        connection = QDBusConnection.connectToBus(private.address, name)
        assert connection.isConnected()
        private.connection = connection
        yield private
        QDBusConnection.disconnectFromBus(name)


def ask(qtbot, source) -> float | None:
    answers: list[float | None] = []
    source.query(answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    return answers[0]


def test_gnome_idle_time_comes_from_mutter_in_milliseconds(qtbot, bus):
    with FakeService(bus.address, [MUTTER[0]]) as mutter:
        mutter.handle(MUTTER[2], "GetIdletime", lambda args: ("t", (4250,)))
        source = dbus_idle_source(bus.connection)
        assert "Mutter" in source.name
        assert ask(qtbot, source) == 4.25
        assert mutter.calls == [(MUTTER[1], MUTTER[2], "GetIdletime", ())]


def test_kde_idle_time_comes_from_the_freedesktop_screensaver(qtbot, bus):
    with FakeService(bus.address, [SCREENSAVER[0]]) as screensaver:
        screensaver.handle(SCREENSAVER[2], "GetSessionIdleTime", lambda args: ("u", (61000,)))
        source = open_idle_source("wayland", environ={}, session_bus=bus.connection,
                                  system="linux")
        assert source is not None and source.name == "org.freedesktop.ScreenSaver"
        assert ask(qtbot, source) == 61.0


def test_a_screensaver_that_cannot_tell_replies_unknown_and_is_logged_once(qtbot, bus, caplog):
    def not_supported(_args):
        raise DBusFailure("org.freedesktop.DBus.Error.NotSupported", "not on Wayland")

    with FakeService(bus.address, [SCREENSAVER[0]]) as screensaver:
        screensaver.handle(SCREENSAVER[2], "GetSessionIdleTime", not_supported)
        source = dbus_idle_source(bus.connection)
        assert ask(qtbot, source) is None
        assert ask(qtbot, source) is None
    warnings = [r for r in caplog.records if "cannot tell the idle time" in r.getMessage()]
    assert len(warnings) == 1 and "not on Wayland" in warnings[0].getMessage()


def test_no_idle_monitor_on_the_bus(bus):
    with pytest.raises(IdleUnavailable):
        dbus_idle_source(bus.connection)
    assert open_idle_source("wayland", environ={}, session_bus=bus.connection,
                            system="linux") is None


def test_no_idle_time_without_a_real_screen():
    assert open_idle_source("offscreen", environ={"DISPLAY": ":0"}, system="linux") is None


class FakeUser32:
    def __init__(self, last_input_ms: int) -> None:
        self.last_input_ms = last_input_ms

    def GetLastInputInfo(self, info_pointer) -> int:  # noqa: N802 - the Win32 name
        info = info_pointer.contents
        assert info.cbSize == 8  # sizeof(LASTINPUTINFO): the call fails on a wrong size
        info.dwTime = self.last_input_ms
        return 1


class FakeKernel32:
    def __init__(self, ticks_ms: int) -> None:
        self.ticks_ms = ticks_ms

    def GetTickCount(self) -> int:  # noqa: N802
        return self.ticks_ms


def test_windows_idle_time_is_ticks_since_the_last_input_even_across_a_wrap():
    source = WindowsIdleSource(FakeUser32(10_000), FakeKernel32(25_500))
    assert source.idle_seconds() == 15.5
    wrapped = WindowsIdleSource(FakeUser32(2**32 - 1_000), FakeKernel32(4_000))
    assert wrapped.idle_seconds() == 5.0  # the 49.7-day tick counter wrapped meanwhile


def test_windows_without_an_answer_is_unknown():
    user32 = FakeUser32(0)
    user32.GetLastInputInfo = lambda info: 0
    answers = []
    WindowsIdleSource(user32, FakeKernel32(0)).query(answers.append)
    assert answers == [None]


def test_macos_idle_time_asks_for_any_input_in_the_session():
    asked = []

    def seconds_since(state, event_type):
        asked.append((state, event_type))
        return 42.5

    # A real C function pointer (as CDLL gives), so the types the source declares matter:
    # with the default int result, 42.5 would not come back.
    prototype = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_int32, ctypes.c_uint32)

    class CoreGraphics:
        CGEventSourceSecondsSinceLastEventType = prototype(seconds_since)

    source = MacIdleSource(CoreGraphics())
    answers = []
    source.query(answers.append)
    assert answers == [42.5]
    assert asked == [(COMBINED_SESSION_STATE, ANY_INPUT_EVENT)]
