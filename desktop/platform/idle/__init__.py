"""How long since the user last touched the keyboard or pointer, behind one small interface.

`IdleSource.query(reply)` asks for the idle time; `reply(seconds)` gets it, at once (the
ctypes backends) or later on the GUI thread (the D-Bus ones: an asynchronous call, so a slow
compositor never blocks the window), with None when the desktop cannot tell right now.

Backends (`open_idle_source` picks one for the running desktop):
- X11: the MIT-SCREEN-SAVER extension (XScreenSaverQueryInfo through ctypes on libXss);
- GNOME on Wayland: Mutter's org.gnome.Mutter.IdleMonitor over D-Bus;
- KDE and others: org.freedesktop.ScreenSaver.GetSessionIdleTime over D-Bus;
- Windows: GetLastInputInfo; macOS: CGEventSourceSecondsSinceLastEventType (ctypes).

Suspend/resume and screen lock come from `session_events.SessionEvents`.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any, Protocol

log = logging.getLogger(__name__)

IdleReply = Callable[[float | None], None]


class IdleSource(Protocol):
    name: str

    def query(self, reply: IdleReply) -> None:
        """Ask for the seconds since the last input; `reply` gets them (None: unknown)."""
        ...

    def close(self) -> None: ...


def open_idle_source(
    platform_name: str,
    environ: Mapping[str, str] | None = None,
    session_bus: Any = None,
    system: str = sys.platform,
) -> IdleSource | None:
    """The idle source for this desktop, or None when it has none Stint can read.

    `platform_name` is QGuiApplication.platformName() ("xcb", "wayland", "windows",
    "cocoa"...); `session_bus` a connected QDBusConnection (default: the session bus when
    DBUS_SESSION_BUS_ADDRESS names one: never an autolaunched one).
    """
    env = os.environ if environ is None else environ
    if system == "win32":
        from desktop.platform.idle.windows import WindowsIdleSource

        return _first_working([WindowsIdleSource])
    if system == "darwin":
        from desktop.platform.idle.macos import MacIdleSource

        return _first_working([MacIdleSource])
    if platform_name not in ("xcb", "wayland") and not platform_name.startswith("wayland"):
        return None  # offscreen, minimal, vnc...: no user input to measure
    candidates: list[Callable[[], IdleSource]] = []
    if platform_name == "xcb" and env.get("DISPLAY"):
        from desktop.platform.idle.x11 import X11IdleSource

        candidates.append(lambda: X11IdleSource(env["DISPLAY"]))
    bus = session_bus if session_bus is not None else default_session_bus(env)
    if bus is not None:
        from desktop.platform.idle.dbus_sources import dbus_idle_source

        candidates.append(lambda: dbus_idle_source(bus))
    return _first_working(candidates)


def default_session_bus(environ: Mapping[str, str]) -> Any:
    """The session bus, when the environment names one and it answers; else None.
    (Without DBUS_SESSION_BUS_ADDRESS, libdbus would autolaunch a bus of its own.)"""
    if not environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return None
    from PySide6.QtDBus import QDBusConnection

    bus = QDBusConnection.sessionBus()
    return bus if bus.isConnected() else None


def _first_working(candidates: list[Callable[[], IdleSource | None]]) -> IdleSource | None:
    for make in candidates:
        try:
            source = make()
        except IdleUnavailable as exc:
            log.info("idle time: %s", exc)
            continue
        if source is not None:
            log.info("idle time from %s", source.name)
            return source
    log.info("idle time: no source on this desktop; idle detection is off")
    return None


class IdleUnavailable(Exception):
    """This backend cannot read the idle time here (the text says why)."""
