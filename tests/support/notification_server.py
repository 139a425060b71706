"""A notification server for tests: org.freedesktop.Notifications on a test session bus.

It follows the Desktop Notifications Specification 1.2 as strictly as GNOME Shell's and
KDE's servers do: Notify must come with the exact signature "susssasa{sv}i" (a wrong type of
replaces_id is refused, as GDBus and QtDBus servers refuse it), actions must come in
(key, label) pairs, ids start at 1 and a replaces_id of a shown notification keeps its id.
The test reads what was shown (`shown`, `wait_for`) and "clicks" an action with `invoke`,
which emits ActionInvoked from the server's own connection, as a real server does.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field

from tests.support.dbus_fakes import DBusFailure, FakeService
from tests.support.processes import wait_until

SERVICE = PATH_INTERFACE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
NOTIFY_SIGNATURE = "susssasa{sv}i"


@dataclass
class Shown:
    id: int
    app_name: str
    summary: str
    body: str
    actions: dict[str, str]  # key -> label
    hints: dict = field(default_factory=dict)
    closed: bool = False


class FakeNotificationServer(FakeService):
    def __init__(self, address: str, capabilities: tuple[str, ...] = ("actions", "body")) -> None:
        super().__init__(address, [SERVICE])
        self.capabilities = list(capabilities)
        self.shown: list[Shown] = []
        self._ids = itertools.count(1)
        self._state = threading.Lock()
        self.handle(SERVICE, "GetCapabilities", lambda args: ("as", (self.capabilities,)))
        self.handle(SERVICE, "GetServerInformation",
                    lambda args: ("ssss", ("stint-test", "Stint tests", "1", "1.2")))
        self.handle(SERVICE, "Notify", self._notify)
        self.handle(SERVICE, "CloseNotification", self._close)

    def _notify(self, args: tuple) -> tuple[str, tuple]:
        signature = self.signatures[-1]
        if signature != NOTIFY_SIGNATURE:
            raise DBusFailure("org.freedesktop.DBus.Error.InvalidArgs",
                              f"Type of message, ({signature}), does not match expected type "
                              f"({NOTIFY_SIGNATURE})")
        app_name, replaces_id, _icon, summary, body, actions, hints, _timeout = args
        if len(actions) % 2:
            raise DBusFailure("org.freedesktop.DBus.Error.InvalidArgs", "actions come in pairs")
        with self._state:
            existing = next((n for n in self.shown if n.id == replaces_id and not n.closed),
                            None)
            notification_id = existing.id if existing else next(self._ids)
            if existing:
                existing.closed = True
            self.shown.append(Shown(notification_id, app_name, summary, body,
                                    dict(zip(actions[::2], actions[1::2], strict=True)),
                                    dict(hints)))
        return "u", (notification_id,)

    def _close(self, args: tuple) -> tuple[str, tuple]:
        (notification_id,) = args
        with self._state:
            for shown in self.shown:
                if shown.id == notification_id:
                    shown.closed = True
        self.emit(PATH, SERVICE, "NotificationClosed", "uu", (notification_id, 3))
        return "", ()

    def open_notifications(self) -> list[Shown]:
        with self._state:
            return [n for n in self.shown if not n.closed]

    def find(self, summary_part: str) -> Shown | None:
        """The first open notification whose summary contains `summary_part` (None: none).
        GUI tests wait for it with qtbot.waitUntil, so their event loop runs meanwhile."""
        return next((n for n in self.open_notifications() if summary_part in n.summary), None)

    def wait_for(self, summary_part: str, timeout: float = 10.0) -> Shown:
        """`find`, waiting (blocking: for a server serving another process)."""
        return wait_until(lambda: self.find(summary_part), timeout,
                          f"a notification about {summary_part!r}; shown: {self.shown}")

    def invoke(self, notification: Shown, action: str) -> None:
        """The user pressed the button `action`: ActionInvoked, then the notification closes
        (as servers do for non-resident notifications)."""
        assert action in notification.actions or action == "default", notification.actions
        self.emit(PATH, SERVICE, "ActionInvoked", "us", (notification.id, action))
        with self._state:
            notification.closed = True
        self.emit(PATH, SERVICE, "NotificationClosed", "uu", (notification.id, 2))
