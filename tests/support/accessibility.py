"""Reading a running app's windows the way a screen reader does: AT-SPI over D-Bus.

`start_accessibility_bus(session)` runs at-spi-bus-launcher in a DesktopSession (it owns
org.a11y.Bus on the session bus and starts the accessibility bus, where at-spi2-registryd is
activated); Qt apps started afterwards with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 publish their
widgets there. `AccessibleTexts(session).of_app("Stint")` walks the app's accessible tree and
returns the (role, name) of every node: window titles, labels, buttons, tabs, menu items,
column headers, each in the language the app shows them. Plain D-Bus calls (jeepney, which
the keyring library already brings), no screen-reader library.

Read an app once it has built its windows (its log says so): asking about a widget that is
being replaced makes Qt warn on stderr, which the e2e tests count as a failure.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from jeepney import (
    DBusAddress,
    HeaderFields,
    MatchRule,
    MessageType,
    Properties,
    message_bus,
    new_method_call,
)
from jeepney.io.blocking import DBusConnection, open_dbus_connection

from tests.support.desktop_session import DesktopSession
from tests.support.processes import LaunchedProcess, wait_until

BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")  # Debian's at-spi2-core
ACCESSIBLE = "org.a11y.atspi.Accessible"
REGISTRY = ("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root")
APP_ENV = {"QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"}  # Qt publishes its widgets at once
MAX_DEPTH = 40


def unavailable_reason() -> str | None:
    return None if BUS_LAUNCHER.exists() else f"{BUS_LAUNCHER} is not installed (at-spi2-core)"


def start_accessibility_bus(session: DesktopSession, timeout: float = 10.0) -> LaunchedProcess:
    launcher = session.launch([str(BUS_LAUNCHER), "--launch-immediately"], name="at-spi-bus")
    wait_until(lambda: _bus_address(session) is not None, timeout,
               "the accessibility bus (org.a11y.Bus)", interval=0.1)
    return launcher


def _bus_address(session: DesktopSession) -> str | None:
    try:
        with open_dbus_connection(session.env["DBUS_SESSION_BUS_ADDRESS"]) as bus:
            reply = bus.send_and_get_reply(new_method_call(
                DBusAddress("/org/a11y/bus", bus_name="org.a11y.Bus", interface="org.a11y.Bus"),
                "GetAddress"), timeout=2)
        return reply.body[0] if reply.body else None
    except Exception:  # not there yet
        return None


class AccessibleTexts:
    def __init__(self, session: DesktopSession) -> None:
        self._session = session

    def of_app(self, app_name: str) -> list[tuple[str, str]]:
        """(role, name) of every accessible node of the running app called `app_name`."""
        address = _bus_address(self._session)
        assert address is not None, "start_accessibility_bus() first"
        with open_dbus_connection(address) as connection:
            reader = _Reader(connection)
            found: list[tuple[str, str]] = []
            for bus_name, path in reader.children(*REGISTRY):
                if reader.name(bus_name, path) == app_name:
                    reader.walk(bus_name, path, found, 0)
            return found

    def names(self, app_name: str) -> set[str]:
        return {name for _role, name in self.of_app(app_name) if name}

    def popup_menu_items(self, open_menu: Callable[[], None], timeout: float = 10.0) -> list[str]:
        """The items of a pop-up menu `open_menu()` opens (and puts the focus in): pop-ups are
        no children of their app in AT-SPI, so, as a screen reader does, this listens for
        the focus moving to a menu item and reads its menu from there."""
        address = _bus_address(self._session)
        assert address is not None, "start_accessibility_bus() first"
        with open_dbus_connection(address) as connection:
            rule = MatchRule(type="signal", interface="org.a11y.atspi.Event.Object",
                             member="StateChanged")
            connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=5)
            registry = DBusAddress("/org/a11y/atspi/registry", bus_name=REGISTRY[0],
                                   interface="org.a11y.atspi.Registry")
            connection.send_and_get_reply(new_method_call(
                registry, "RegisterEvent", "s", ("object:state-changed:focused",)), timeout=5)
            open_menu()
            reader = _Reader(connection)
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                try:
                    signal = connection.receive(timeout=max(0.1, deadline - time.monotonic()))
                except TimeoutError:
                    break
                items = self._menu_of_focused_item(reader, rule, signal)
                if items:
                    return items
        raise TimeoutError("no menu item got the focus")

    @staticmethod
    def _menu_of_focused_item(reader: _Reader, rule: MatchRule, signal) -> list[str]:  # noqa: ANN001
        """The names of the items beside the menu item `signal` says got the focus ([] for
        any other signal)."""
        if not rule.matches(signal) or signal.body[:2] != ("focused", 1):
            return []
        fields = signal.header.fields
        sender, path = fields.get(HeaderFields.sender), fields.get(HeaderFields.path)
        if sender is None or path is None or reader.role(sender, path) != "menu item":
            return []
        return [reader.name(*child) for child in reader.children(*reader.parent(sender, path))]


class _Reader:
    def __init__(self, connection: DBusConnection) -> None:
        self._connection = connection

    def _ask(self, message) -> tuple:  # noqa: ANN001 - a jeepney message
        reply = self._connection.send_and_get_reply(message, timeout=5)
        if reply.header.message_type is MessageType.error:
            raise LookupError(f"{reply.header.fields.get(HeaderFields.error_name)}: {reply.body}")
        return reply.body

    def _call(self, bus_name: str, path: str, method: str) -> tuple:
        address = DBusAddress(path, bus_name=bus_name, interface=ACCESSIBLE)
        return self._ask(new_method_call(address, method))

    def name(self, bus_name: str, path: str) -> str:
        address = DBusAddress(path, bus_name=bus_name, interface=ACCESSIBLE)
        return self._ask(Properties(address).get("Name"))[0][1]

    def children(self, bus_name: str, path: str) -> list[tuple[str, str]]:
        return list(self._call(bus_name, path, "GetChildren")[0])

    def role(self, bus_name: str, path: str) -> str:
        return self._call(bus_name, path, "GetRoleName")[0]

    def parent(self, bus_name: str, path: str) -> tuple[str, str]:
        address = DBusAddress(path, bus_name=bus_name, interface=ACCESSIBLE)
        return tuple(self._ask(Properties(address).get("Parent"))[0][1])

    def walk(self, bus_name: str, path: str, found: list[tuple[str, str]], depth: int) -> None:
        try:
            role = self._call(bus_name, path, "GetRoleName")[0]
            found.append((role, self.name(bus_name, path)))
            children = self.children(bus_name, path) if depth < MAX_DEPTH else []
        except LookupError:  # a node that went away while walking (a closing menu)
            return
        for child_bus, child_path in children:
            self.walk(child_bus, child_path, found, depth + 1)
