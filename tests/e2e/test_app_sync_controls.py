"""Pausing synchronization in the real app (issue 15), with the tray in trayer and the real
keyring: a pause made with `stint sync --pause` keeps the app from syncing at start, the tray
menu resumes (the sync that fell due runs) and pauses again, Force synchronization still runs
once, and the pause survives quitting and starting again."""

from __future__ import annotations

from tests.e2e.app_driver import StintDriver
from tests.e2e.test_app_tray import open_tray_menu
from tests.support.notification_server import FakeNotificationServer
from tests.support.processes import wait_until

# The tray menu from the bottom: Quit, Open Stint, Force synchronization, Pause/Resume.
TO_PAUSE_ENTRY = ("Up", "Up", "Up", "Up")
# Connected and never synced, an unpaused app syncs 3 s after it has loaded (first_sync_delay);
# paused, its scheduler says so when that sync falls due, and waits.
FELL_DUE_WHILE_PAUSED = "it waits while synchronization is paused"


def paused(stint: StintDriver) -> dict:
    return stint.status()["sync_pause"]


def no_sync_when_due(stint: StintDriver) -> None:
    """The first sync falls due while paused: the scheduler says it waits, and none ran."""
    stint.wait_for_log(FELL_DUE_WHILE_PAUSED, timeout=30)
    assert stint.status()["last_sync"] is None, "a sync ran while paused"


def choose_pause_entry(stint: StintDriver, desktop_session) -> None:
    open_tray_menu(stint, desktop_session.wait_for_tray_icon())
    desktop_session.key(*TO_PAUSE_ENTRY, "Return")


def test_pause_survives_a_restart_and_force_syncs_once(stint, desktop_session):
    stint.connect_with_cli()
    assert stint.cli_json("sync", "--pause")["paused"] is True
    stint.launch()
    stint.wait_until_connected()
    stint.wait_for_log("synchronization is paused (since")
    no_sync_when_due(stint)
    stint.screenshot("paused_at_start")

    choose_pause_entry(stint, desktop_session)  # Resume: the sync that fell due runs now
    stint.wait_for_status(lambda s: not s["sync_pause"]["paused"], "synchronization resumed")
    first = stint.wait_for_sync_after(None, timeout=30)
    assert first["outcome"] == "succeeded", first

    choose_pause_entry(stint, desktop_session)  # Pause again
    state = stint.wait_for_status(
        lambda s: s["sync_pause"] if s["sync_pause"]["paused"] else None, "paused again")
    assert state["since"] is not None

    stint.keys("ctrl+r")  # Force synchronization: once, and it says so
    forced = stint.wait_for_sync_after(first["id"], timeout=30)
    assert forced["outcome"] == "succeeded", forced
    assert stint.log_lines("synchronization forced by the user (once: synchronization is paused)")
    assert paused(stint) == state
    stint.screenshot("paused_after_forced_sync")

    open_tray_menu(stint, desktop_session.wait_for_tray_icon())
    desktop_session.key("Up", "Return")  # Quit
    assert stint.app.popen.wait(timeout=10) == 0, stint.app.describe()

    stint.launch()  # a restart: still paused, since the same moment
    stint.wait_until_connected()
    stint.wait_for_log("synchronization is paused (since")
    assert paused(stint) == state
    stint.screenshot("paused_after_restart")


def test_new_items_for_you_are_notified_and_a_click_opens_the_picker_on_them(
    stint, desktop_session
):
    stint.connect_and_sync_with_cli("Zephyr Quartz onboarding")
    stint.cli("settings", "set", "notify_new_items", "true")
    first = stint.status()["last_sync"]["id"]
    stint.launch()
    stint.wait_until_connected()
    before = {window.id for window in desktop_session.windows()}
    stint.sandbox.salesforce().Case.create({"Subject": "Quokka printer jam", "Status": "New"})
    stint.keys("ctrl+r")
    assert stint.wait_for_sync_after(first)["outcome"] == "succeeded"
    stint.wait_for_log("1 new item(s) for the user")

    def notification():
        main = stint.find_main_window()
        fresh = [w for w in desktop_session.windows()
                 if w.id not in before and (main is None or w.id != main.id) and w.width > 50]
        return fresh[0] if fresh else None

    balloon = wait_until(notification, 10, "the tray's notification", interval=0.1)
    stint.screenshot("new_items_notification")
    stint.click(*balloon.center)
    stint.wait_for_log("notification clicked: the picker shows 1 new item(s)")
    stint.screenshot("picker_on_new_items")


def test_new_items_through_the_notification_server_and_its_show_button(stint, desktop_session):
    """Where a notification server runs (every desktop but a bare tray host), the notice is
    a freedesktop notification naming the items, with a "Show in Stint" button."""
    stint.connect_and_sync_with_cli("Zephyr Quartz onboarding")
    stint.cli("settings", "set", "notify_new_items", "true")
    first = stint.status()["last_sync"]["id"]
    bus = desktop_session.env["DBUS_SESSION_BUS_ADDRESS"]
    with FakeNotificationServer(bus) as server:
        stint.launch()
        stint.wait_until_connected()
        stint.sandbox.salesforce().Case.create({"Subject": "Wombat badge reader", "Status": "New"})
        stint.keys("ctrl+r")
        assert stint.wait_for_sync_after(first)["outcome"] == "succeeded"
        notification = server.wait_for("1 new case for you", timeout=30)
        assert notification.app_name == "Stint"
        assert "Wombat badge reader" in notification.body
        assert notification.actions == {"show": "Show in Stint"}
        server.invoke(notification, "show")
        stint.wait_for_log("notification clicked: the picker shows 1 new item(s)")
