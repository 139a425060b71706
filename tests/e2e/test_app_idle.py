"""Idle detection, reminders and start at log-in in the real app under Xvfb.

- The idle prompt after real idle time: Xvfb's MIT-SCREEN-SAVER extension counts it, an
  xdotool click ends it; STINT_IDLE_THRESHOLD_SECONDS=2 stands for the idle minutes, so the
  test waits for seconds of real idleness (reading the app's log), never sleeps.
- A reminder through a notification server on the session's bus (a strict fake of
  org.freedesktop.Notifications), and its "Stop" action.
- Start at log-in from the General page: the XDG autostart entry written, the command in it
  started as a session would (Stint comes up in the tray, no window), then removed.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.platform.autostart import parse_exec
from desktop.platform.paths import ProfilePaths
from desktop.store.store import Store
from tests.e2e.app_driver import REPORT_STARTUP, SEARCH_READY
from tests.support.notification_server import FakeNotificationServer
from tests.support.processes import wait_until

IDLE_SECONDS = 3


def save_until(stint, condition, what: str) -> None:
    """Alt+V (Save) until `condition` holds. A mnemonic clicks its control 100 ms later
    (animateClick), and Save is enabled only by that edit: an Alt+V that comes first meets a
    disabled button and does nothing, so it is pressed again (bounded)."""

    def saved() -> bool:
        stint.keys("alt+v")
        try:
            return wait_until(condition, 1.0, what)
        except TimeoutError:
            return False

    wait_until(saved, 20, what, interval=0)


def test_the_idle_prompt_after_real_idle_time_and_discarding_it(stint, desktop_session):
    stint.connect_and_sync_with_cli("Idle Widgets Renewal")
    stint.launch(extra_env={"STINT_IDLE_THRESHOLD_SECONDS": str(IDLE_SECONDS)})
    stint.wait_until_searchable()
    stint.pick_task("idle widgets")
    stint.wait_for_log("timer started on")  # the log, not the slower CLI: input must follow
    desktop_session.click(1200, 760)  # a moment of work on the task, then the user leaves
    stint.wait_for_log("away since")  # no input for IDLE_SECONDS: Xvfb's idle counter says so
    desktop_session.click(1200, 760)  # the user is back: input through XTEST
    prompt = desktop_session.wait_for_window("You were away", timeout=15, process=stint.app)
    stint.wait_for_log("asking about")
    stint.screenshot("idle-prompt")
    desktop_session.key("alt+d", window=prompt)  # "Discard the time away"
    stint.wait_for_log("idle prompt answered: discard")

    def split() -> list | None:
        entries = stint.entries()
        return entries if len(entries) == 2 else None

    first, second = wait_until(split, 15, "the running entry split in two")
    assert first["end"] is not None and second["running"] and second["end"] is None
    assert first["item_id"] == second["item_id"]
    gap = datetime.fromisoformat(second["start"]) - datetime.fromisoformat(first["end"])
    assert gap >= timedelta(seconds=IDLE_SECONDS)  # the time away is out, and only it
    assert gap < timedelta(seconds=60)


def test_a_long_running_timer_reminds_through_the_notification_server(stint, desktop_session):
    task_id = stint.connect_and_sync_with_cli("Reminder Widgets Renewal")
    paths = ProfilePaths.resolve(stint.profile)
    with Store.open(paths.db_path) as store:  # a timer left running since this morning
        store.entries.start_timer(task_id, datetime.now(UTC) - timedelta(hours=9))
    bus = desktop_session.env["DBUS_SESSION_BUS_ADDRESS"]
    with FakeNotificationServer(bus) as server:
        stint.launch()
        notification = server.wait_for("Timer running for more than", timeout=30)
        assert notification.app_name == "Stint"
        assert "Reminder Widgets Renewal" in notification.body
        assert notification.actions == {"stop": "Stop the timer", "pick": "Switch task…"}
        assert notification.hints.get("desktop-entry") == ("s", "io.stint.Stint")
        stint.screenshot("reminder")
        server.invoke(notification, "stop")
        stopped = stint.wait_for_status(lambda status: status["timer"] is None or None,
                                        "the reminder's Stop to stop the timer")
        assert stopped
    [entry] = stint.entries()
    assert entry["end"] is not None
    assert entry["duration_seconds"] >= 9 * 3600  # every minute kept


def test_start_at_login_written_started_and_removed_from_the_general_page(stint,
                                                                          desktop_session):
    entry = desktop_session.home / ".config" / "autostart" / "io.stint.Stint.desktop"
    stint.launch()
    stint.wait_for_log("integration page shows state 'never'")
    stint.keys("ctrl+comma", "alt+l")  # Preferences, "Start Stint when I log in"
    save_until(stint, entry.exists, f"{entry} to be written")
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    command = parse_exec(exec_line[len("Exec="):])
    assert command[-3:] == ["--profile", str(stint.profile.resolve()), "--hidden"]
    assert Path(command[0]).is_file()  # this installation's own `stint`
    assert Path(command[0]).parent == Path(sys.executable).parent
    stint.keys("ctrl+q")
    wait_until(lambda: not stint.app.is_running(), 15, "the app to quit")

    # What the desktop does at the next log-in: run the entry's command.
    autostarted = desktop_session.launch(command, name="autostarted", env=REPORT_STARTUP)
    stint.app = autostarted
    stint.launched.append(autostarted)
    autostarted.wait_for_output(SEARCH_READY, timeout=30)
    desktop_session.wait_for_tray_icon(timeout=15)
    assert stint.find_main_window() is None  # in the tray, no window

    stint.wait_for_log("integration page shows state 'never'", count=2)  # its engine is up
    stint.launch_second()  # opening Stint again shows the running one's window
    stint.main_window()
    stint.keys("ctrl+comma", "alt+l")  # untick
    save_until(stint, lambda: not entry.exists(), f"{entry} to be removed")
    assert stint.cli_json("settings")["settings"]["start_at_login"] is False
