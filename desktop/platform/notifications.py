"""Desktop notifications with actions: org.freedesktop.Notifications over QtDBus on Linux, the
tray balloon (without actions) elsewhere or when no notification server answers.

Both are `Notifier`s: `notify(key, title, body, actions)` shows (or replaces: one
notification per key) a notification, `withdraw(key)` removes it, and `action_invoked(key,
action)` says which button the user pressed ("default": the notification itself was
clicked). Actions are (action key, label) pairs.

The freedesktop protocol (Desktop Notifications Specification 1.2): Notify(app_name s,
replaces_id u, app_icon s, summary s, body s, actions as, hints a{sv}, expire_timeout i) -> u;
signals ActionInvoked(u, s) and NotificationClosed(u, u); CloseNotification(u). The body is
sent as plain text: servers that support markup would read "<" in a record name as markup,
so it is escaped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from desktop.domain.text import escape_markup
from desktop.platform.dbus_calls import DBusReplies, string_list_argument, uint32_argument

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
DEFAULT_ACTION = "default"  # the spec's key for clicking the notification itself

Actions = Sequence[tuple[str, str]]


class Notifier(QObject):
    action_invoked = Signal(str, str)  # (notification key, action key)

    supports_actions = False

    def notify(self, key: str, title: str, body: str, actions: Actions = ()) -> None:
        raise NotImplementedError

    def withdraw(self, key: str) -> None:
        """Remove the notification shown for `key`, if any."""


class TrayNotifier(Notifier):
    """The tray icon's balloon: `show_message(title, body)` shows it (False: no tray).
    No buttons; a click on the balloon (`balloon_clicked`) is the "default" action."""

    def __init__(self, show_message: Callable[[str, str], bool],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._show_message = show_message
        self._last_key: str | None = None

    def notify(self, key: str, title: str, body: str, actions: Actions = ()) -> None:
        if self._show_message(title, body):
            self._last_key = key
        else:
            log.info("no way to show the notification %r (no tray, no notification server)",
                     key)

    def withdraw(self, key: str) -> None:
        if self._last_key == key:
            self._last_key = None

    def balloon_clicked(self) -> None:
        if self._last_key is not None:
            self.action_invoked.emit(self._last_key, DEFAULT_ACTION)


class FreedesktopNotifier(Notifier):
    supports_actions = True  # until the server's capabilities say otherwise

    def __init__(self, bus: QDBusConnection, app_name: str, desktop_entry: str,
                 fallback: Notifier | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._app_name = app_name
        self._desktop_entry = desktop_entry
        self._fallback = fallback
        self._ids: dict[str, int] = {}  # notification key -> the server's id
        self._keys: dict[int, str] = {}
        self._notify_replies = DBusReplies(bus, self)
        self._other_replies = DBusReplies(bus, self)
        self._capabilities: list[str] | None = None
        bus.connect(SERVICE, PATH, INTERFACE, "ActionInvoked", self,
                    SLOT("_action_invoked(uint,QString)"))
        bus.connect(SERVICE, PATH, INTERFACE, "NotificationClosed", self,
                    SLOT("_closed(uint,uint)"))
        self._other_replies.call(
            QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "GetCapabilities"),
            self._capabilities_read,
        )
        if fallback is not None:
            fallback.action_invoked.connect(self.action_invoked)

    def notify(self, key: str, title: str, body: str, actions: Actions = ()) -> None:
        message = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "Notify")
        flat_actions = [part for action in actions for part in action]
        if self._capabilities is not None and "body-markup" in self._capabilities:
            body = escape_markup(body)
        message.setArguments([
            self._app_name, uint32_argument(self._ids.get(key, 0)), self._desktop_entry,
            title, body, string_list_argument(flat_actions),
            {"desktop-entry": self._desktop_entry}, -1,
        ])
        self._notify_replies.call(
            message, lambda arguments, error: self._shown(key, arguments, error, title, body)
        )

    def withdraw(self, key: str) -> None:
        server_id = self._ids.pop(key, None)
        if server_id is None:
            if self._fallback is not None:
                self._fallback.withdraw(key)
            return
        self._keys.pop(server_id, None)
        message = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "CloseNotification")
        message.setArguments([uint32_argument(server_id)])
        self._other_replies.call(message, lambda _arguments, _error: None)

    # -- replies and signals -------------------------------------------------------------
    def _capabilities_read(self, arguments: list | None, error: str) -> None:
        if arguments is None:
            log.info("no notification server answers (%s): notifications go to the tray", error)
            return
        self._capabilities = [str(name) for name in arguments[0]]
        self.supports_actions = "actions" in self._capabilities
        log.info("notification server capabilities: %s", ", ".join(self._capabilities))

    def _shown(self, key: str, arguments: list | None, error: str, title: str,
               body: str) -> None:
        if arguments is None:
            log.warning("the notification server refused a notification: %s", error)
            if self._fallback is not None:
                self._fallback.notify(key, title, body)
            return
        server_id = int(arguments[0])
        self._ids[key] = server_id
        self._keys[server_id] = key

    @Slot("uint", str)
    def _action_invoked(self, server_id: int, action: str) -> None:
        key = self._keys.get(server_id)
        if key is not None:
            log.info("notification %r: %s", key, action)
            self.action_invoked.emit(key, action)

    @Slot("uint", "uint")
    def _closed(self, server_id: int, _reason: int) -> None:
        key = self._keys.pop(server_id, None)
        if key is not None and self._ids.get(key) == server_id:
            del self._ids[key]


def open_notifier(fallback: Notifier, app_name: str, desktop_entry: str,
                  environ=None, parent: QObject | None = None) -> Notifier:
    """The freedesktop notifier when there is a session bus, else `fallback`."""
    import os
    import sys

    from desktop.platform.idle import default_session_bus

    if sys.platform != "linux":
        return fallback
    bus = default_session_bus(os.environ if environ is None else environ)
    if bus is None:
        return fallback
    try:
        uint32_argument(0)
    except RuntimeError as exc:
        log.warning("desktop notifications through the tray only: %s", exc)
        return fallback
    return FreedesktopNotifier(bus, app_name, desktop_entry, fallback, parent)
