"""The real app's tray icon in trayer, its menu, and one instance per profile.

The icon must be docked in the session's XEmbed tray (trayer), a left click must hide and
show the window, the right-click menu must offer Force synchronization and Quit (chosen
here with the keyboard, as the menu grabs it), and a second launch on the same profile
must raise the first window and exit.
"""

from __future__ import annotations

import subprocess

from tests.e2e.app_driver import StintDriver
from tests.support.processes import wait_until
from tests.support.x11_screen import Window

PANEL_HEIGHT = 24  # trayer's panel at the top edge (tests/support/desktop_session.py)


def wait_hidden(stint: StintDriver) -> None:
    wait_until(lambda: stint.find_main_window() is None, 5, "the main window to be unmapped")


def open_tray_menu(stint: StintDriver, icon: Window) -> Window:
    """Right-click the tray icon; the menu is a new small window titled like the app."""
    session = stint.session
    before = {window.id for window in session.windows()}
    stint.click(*icon.center, button=3)

    def menu() -> Window | None:
        return next(
            (w for w in session.windows() if w.id not in before and w.title == "Stint"), None
        )

    return wait_until(menu, 5, "the tray menu to open", interval=0.1)


def test_tray_icon_docks_toggles_the_window_and_its_menu_syncs_and_quits(
    stint, desktop_session, tmp_path
):
    stint.connect_and_sync_with_cli("Zephyr Quartz onboarding")
    first_run = stint.status()["last_sync"]["id"]
    stint.launch()
    stint.wait_until_connected()

    icon = desktop_session.wait_for_tray_icon()
    assert icon.y < PANEL_HEIGHT and icon.width > 0  # docked in trayer's panel
    stint.click(*icon.center)  # left click: hide the shown window
    wait_hidden(stint)
    assert stint.app.is_running()  # hidden in the tray, not quit
    stint.click(*icon.center)  # and show it again
    stint.main_window(timeout=5)

    menu = open_tray_menu(stint, icon)
    assert menu.y < PANEL_HEIGHT + 40 and menu.x + menu.width > icon.x - 40  # at the icon
    shot = stint.screenshot("tray_menu_open")
    crop_to(shot, tmp_path / "tray_menu.png", menu)
    # From the bottom: Quit, Open Stint, Force synchronization.
    desktop_session.key("Up", "Up", "Up", "Return")
    run = stint.wait_for_sync_after(first_run)
    assert run["outcome"] == "succeeded", run
    assert stint.log_lines("synchronization forced by the user")

    open_tray_menu(stint, icon)
    desktop_session.key("Up", "Return")  # Quit
    assert stint.app.popen.wait(timeout=10) == 0, stint.app.describe()
    wait_until(lambda: not desktop_session.tray_icons(), 5, "the tray icon to go")


def test_started_hidden_it_waits_in_the_tray_until_clicked(stint, desktop_session):
    stint.start_app("--hidden")  # as a log-in autostart entry would
    icon = desktop_session.wait_for_tray_icon()
    stint.wait_for_log("engine ready:")  # fully started...
    assert stint.find_main_window() is None  # ...and no window shown
    stint.click(*icon.center)
    stint.main_window(timeout=5)
    assert stint.app.is_running()


def test_a_second_launch_raises_the_first_window_and_exits(stint, desktop_session):
    stint.launch()
    stint.wait_for_log("engine ready:")  # started and listening
    icon = desktop_session.wait_for_tray_icon()
    stint.click(*icon.center)
    wait_hidden(stint)

    second = stint.launch_second()
    assert second.popen.wait(timeout=15) == 0, second.describe()
    window = stint.main_window(timeout=5)  # the first instance showed its window again
    assert stint.app.is_running()
    assert [w.id for w in desktop_session.windows() if w.title == "Stint"] == [window.id]
    assert len(desktop_session.tray_icons()) == 1


def crop_to(screenshot, target, window: Window, margin: int = 8) -> None:
    """Save the menu with a little of its surroundings (a README-sized picture)."""
    x, y = max(0, window.x - margin), max(0, window.y - margin)
    geometry = f"{window.width + 2 * margin}x{window.height + 2 * margin}+{x}+{y}"
    subprocess.run(["convert", str(screenshot), "-crop", geometry, "+repage", str(target)],
                   check=True, timeout=20)
