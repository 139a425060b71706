"""Desktop notifications (desktop.platform.notifications) against a strict fake notification
server on a private bus, and the tray fallback."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtDBus import QDBusConnection

from desktop.platform.notifications import FreedesktopNotifier, Notifier, TrayNotifier
from tests.support.dbus_fakes import PrivateBus, dbus_unavailable_reason
from tests.support.notification_server import FakeNotificationServer

_names = itertools.count()


@pytest.fixture
def bus():
    reason = dbus_unavailable_reason()
    if reason:
        pytest.skip(reason)
    with PrivateBus() as private:
        name = f"stint-notify-{next(_names)}"
        private.connection = QDBusConnection.connectToBus(private.address, name)
        yield private
        QDBusConnection.disconnectFromBus(name)


class RecordingNotifier(Notifier):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[tuple[str, str, str]] = []

    def notify(self, key, title, body, actions=()) -> None:
        self.shown.append((key, title, body))


def shown(qtbot, server, summary_part):
    qtbot.waitUntil(lambda: server.find(summary_part) is not None, timeout=5000)
    return server.find(summary_part)


def test_a_notification_with_actions_and_the_button_pressed(qtbot, bus):
    with FakeNotificationServer(bus.address) as server:
        notifier = FreedesktopNotifier(bus.connection, "Stint", "io.stint.Stint")
        notifier.notify("no-timer", "No timer running", "It is 10:30.",
                        [("start_last", "Start “Acme”"), ("pick", "Pick a task…")])
        notification = shown(qtbot, server, "No timer running")
        assert notification.app_name == "Stint" and notification.body == "It is 10:30."
        assert notification.actions == {"start_last": "Start “Acme”", "pick": "Pick a task…"}
        assert notification.hints["desktop-entry"] == ("s", "io.stint.Stint")
        assert server.signatures[-1] == "susssasa{sv}i"  # replaces_id is a UINT32
        qtbot.waitUntil(lambda: notifier.supports_actions and bool(notifier._ids))
        with qtbot.waitSignal(notifier.action_invoked) as invoked:
            server.invoke(notification, "pick")
        assert invoked.args == ["no-timer", "pick"]


def test_the_same_key_replaces_its_notification_and_withdraw_closes_it(qtbot, bus):
    with FakeNotificationServer(bus.address) as server:
        notifier = FreedesktopNotifier(bus.connection, "Stint", "io.stint.Stint")
        notifier.notify("long-timer", "Timer running for 8 hours", "first")
        first = shown(qtbot, server, "8 hours")
        qtbot.waitUntil(lambda: "long-timer" in notifier._ids)
        notifier.notify("long-timer", "Timer running for 9 hours", "second")
        second = shown(qtbot, server, "9 hours")
        assert second.id == first.id and first.closed
        notifier.withdraw("long-timer")
        qtbot.waitUntil(lambda: not server.open_notifications())


def test_markup_servers_get_record_names_escaped(qtbot, bus):
    with FakeNotificationServer(bus.address, ("actions", "body", "body-markup")) as server:
        notifier = FreedesktopNotifier(bus.connection, "Stint", "io.stint.Stint")
        qtbot.waitUntil(lambda: notifier._capabilities is not None)
        notifier.notify("k", "Timer", "<b>Acme</b> & co")
        assert shown(qtbot, server, "Timer").body == "&lt;b&gt;Acme&lt;/b&gt; &amp; co"


def test_without_a_server_the_fallback_shows_it(qtbot, bus):
    fallback = RecordingNotifier()
    notifier = FreedesktopNotifier(bus.connection, "Stint", "io.stint.Stint", fallback)
    notifier.notify("no-timer", "No timer running", "body", [("pick", "Pick a task…")])
    qtbot.waitUntil(lambda: fallback.shown == [("no-timer", "No timer running", "body")])
    with qtbot.waitSignal(notifier.action_invoked) as invoked:
        fallback.action_invoked.emit("no-timer", "default")
    assert invoked.args == ["no-timer", "default"]


def test_the_tray_balloon_has_no_buttons_but_a_click_opens(qtbot):
    balloons = []
    tray = TrayNotifier(lambda title, body: balloons.append((title, body)) or True)
    assert not tray.supports_actions
    tray.notify("no-timer", "No timer running", "body", [("pick", "Pick a task…")])
    assert balloons == [("No timer running", "body")]
    with qtbot.waitSignal(tray.action_invoked) as invoked:
        tray.balloon_clicked()
    assert invoked.args == ["no-timer", "default"]
