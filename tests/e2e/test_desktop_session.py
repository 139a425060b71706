"""Proves the e2e infrastructure with a throwaway PySide6 program instead of the real app.

The probe shows a tray icon and a titled window, round-trips a secret through `keyring`,
and reports on stdout; everything else is checked from outside the probe, the way the
real end-to-end tests will look at Stint.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from tests.support.desktop_session import ComponentFailed, DesktopSession
from tests.support.processes import LaunchedProcess, wait_until
from tests.support.x11_screen import parse_window_tree

PROBE_COLOUR = "#e04020"
PROBE_SOURCE = f'''
import json, sys
import keyring
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QSystemTrayIcon

title, secret = sys.argv[1], sys.argv[2]
app = QApplication(sys.argv)
pixmap = QPixmap(64, 64)
pixmap.fill(QColor("{PROBE_COLOUR}"))
tray = QSystemTrayIcon(QIcon(pixmap))
tray.activated.connect(lambda reason: print("ACTIVATED", reason.name, flush=True))
tray.show()
window = QMainWindow()
window.setWindowTitle(title)
field = QLineEdit()
field.returnPressed.connect(lambda: print("TYPED", field.text(), flush=True))
window.setCentralWidget(field)
window.resize(480, 120)
window.show()
QDesktopServices.openUrl(QUrl("https://login.example.test/authorize?client_id=probe"))
keyring.set_password("stint-e2e-probe", "someone", secret)
backend = keyring.get_keyring()
print("REPORT", json.dumps({{
    "tray_available": QSystemTrayIcon.isSystemTrayAvailable(),
    "backend": type(backend).__module__ + "." + type(backend).__name__,
    "secret": keyring.get_password("stint-e2e-probe", "someone"),
    "platform": app.platformName(),
}}), flush=True)
sys.exit(app.exec())
'''


def launch_probe(
    session: DesktopSession, tmp_path: Path, title: str, secret: str = "s3cret"
) -> tuple[LaunchedProcess, dict]:
    source = tmp_path / "probe.py"
    source.write_text(PROBE_SOURCE)
    probe = session.launch([sys.executable, str(source), title, secret], name="probe")
    report = json.loads(probe.wait_for_output("REPORT", timeout=15).split(" ", 1)[1])
    return probe, report


def test_probe_gets_a_tray_icon_a_window_and_the_real_keyring(desktop_session, tmp_path):
    probe, report = launch_probe(
        desktop_session, tmp_path, "Stint \u2014 probe window", "pa55 word"
    )

    assert report == {
        "tray_available": True,
        "backend": "keyring.backends.SecretService.Keyring",
        "secret": "pa55 word",
        "platform": "xcb",
    }, probe.describe()
    window = desktop_session.wait_for_window("Stint \u2014 probe", process=probe)
    assert (window.width, window.height) == (480, 120)
    icon = desktop_session.wait_for_tray_icon()
    assert icon.width > 0 and icon.y < 24  # docked in the 24 px panel at the top edge
    assert probe.stderr() == ""  # no Qt warning: the platform plugin and fonts are complete
    # The secret went to gnome-keyring on the session bus, not a file: a second process sees it.
    assert desktop_session.read_secret("stint-e2e-probe", "someone") == "pa55 word"

    # Opening a URL reaches the recording $BROWSER, not a real browser.
    url = desktop_session.wait_for_opened_url("/authorize")
    assert url == "https://login.example.test/authorize?client_id=probe"

    shot = desktop_session.screenshot(tmp_path / "probe.png")
    from PySide6.QtGui import QImage  # loading a PNG needs no QApplication

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)
    assert image.pixelColor(*icon.center).name() == PROBE_COLOUR  # the icon is really painted
    corners = {image.pixelColor(x, y).name() for x in (0, 1279) for y in (0, 799)}
    assert len(corners | {image.pixelColor(*window.center).name()}) > 1


def test_clicks_and_keys_reach_the_app(desktop_session, tmp_path):
    probe, _report = launch_probe(desktop_session, tmp_path, "Typing probe")
    window = desktop_session.wait_for_window("Typing probe", process=probe)

    desktop_session.type_text("Acme renewal", window=window)
    desktop_session.key("Return")
    assert probe.wait_for_output("TYPED") == "TYPED Acme renewal"

    icon = desktop_session.wait_for_tray_icon()
    desktop_session.click(*icon.center)
    assert probe.wait_for_output("ACTIVATED") == "ACTIVATED Trigger"
    # Again where the pointer already is: clicks at once (no wait for a motion).
    started = time.monotonic()
    desktop_session.click(*icon.center)
    assert desktop_session.pointer() == icon.center
    wait_until(lambda: probe.stdout().count("ACTIVATED") >= 2, 5, "a second activation")
    assert time.monotonic() - started < 5


def test_sessions_one_after_another_share_nothing(tmp_path, desktop_tools):
    with DesktopSession(tmp_path / "first") as first:
        first.store_secret("stint-e2e", "someone", "from the first session")
        assert first.read_secret("stint-e2e", "someone") == "from the first session"
        probe, _report = launch_probe(first, tmp_path, "First session")
        first.wait_for_tray_icon()
        assert probe.pid in processes_using(first.runtime_dir)  # the scan below sees them
    assert not probe.is_running()
    assert processes_using(first.runtime_dir) == [], "processes outlived the session"
    assert not Path(f"/tmp/.X{first.display[1:]}-lock").exists()

    with DesktopSession(tmp_path / "second") as second:
        assert second.read_secret("stint-e2e", "someone") is None
        assert second.tray_icons() == []


def test_two_sessions_at_once_are_isolated(tmp_path, desktop_tools):
    with DesktopSession(tmp_path / "a") as one, DesktopSession(tmp_path / "b") as other:
        assert one.display != other.display
        assert one.env["DBUS_SESSION_BUS_ADDRESS"] != other.env["DBUS_SESSION_BUS_ADDRESS"]
        assert one.env["HOME"] != other.env["HOME"]
        probe, report = launch_probe(one, tmp_path, "Only in one", secret="one's secret")
        assert report["tray_available"], probe.describe()
        one.wait_for_window("Only in one", process=probe)
        one.wait_for_tray_icon()

        assert not [w for w in other.windows() if "Only in one" in w.title]
        assert other.tray_icons() == []
        assert other.read_secret("stint-e2e-probe", "someone") is None


def test_environment_hides_the_developers_desktop(tmp_path, desktop_tools, monkeypatch):
    monkeypatch.setenv("STINT_HOME", "/somewhere/real")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/dev/.config")
    monkeypatch.setenv("BROWSER", "firefox")
    with DesktopSession(tmp_path / "s") as session:
        env = session.env
    assert not [name for name in env if name.startswith("STINT_")]
    assert env["QT_QPA_PLATFORM"] == "xcb"
    assert "XDG_CONFIG_HOME" not in env
    assert env["BROWSER"] == str(session.runtime_dir / "record-url")
    assert env["HOME"] == str(tmp_path / "s" / "home")
    assert Path(env["XDG_RUNTIME_DIR"]).name.startswith("stint-run-")


def test_a_component_that_fails_to_start_is_reported_and_cleaned_up(tmp_path, desktop_tools):
    session = DesktopSession(tmp_path / "broken", trayer_args=["--no-such-option"])
    with pytest.raises(ComponentFailed, match="trayer exited") as failure:
        session.__enter__()
    assert "unknown option" in str(failure.value)  # trayer's own stderr is in the message
    assert processes_using(session.runtime_dir) == []


def test_window_tree_parsing_keeps_nesting_titles_and_absolute_geometry():
    output = """
xwininfo: Window id: 0x50d (the root window) (has no name)

  Root window id: 0x50d (the root window) (has no name)
  Parent window id: 0x0 (none)
     3 children:
     0x40000f "Stint \u2014 \"quoted\": (x)": ("stint" "Stint")  400x300+0+0  +0+0
     0x200003 "panel": ("panel" "trayer")  24x24+1256+0  +1256+0
        2 children:
        0x200026 (has no name): ()  22x22+1+1  +1257+1
           1 child:
           0x400007 "stint": ("stint" "stint")  22x22+0+0  +1257+1
        0x200004 (has no name): ()  1x1+-1+-1  +1255+-1
     0x20001f "trayer": ()  10x10+-100+-100  +-100+-100
"""
    tree = {window.id: (window, parent) for window, parent in parse_window_tree(output)}

    assert tree[0x40000F][0].title == 'Stint \u2014 "quoted": (x)'
    assert tree[0x400007] == (tree[0x400007][0], 0x200026)
    assert (tree[0x400007][0].x, tree[0x400007][0].y) == (1257, 1)
    assert tree[0x200004][1] == 0x200003
    assert tree[0x20001F] == (tree[0x20001F][0], None)
    assert (tree[0x20001F][0].x, tree[0x20001F][0].width) == (-100, 10)


def processes_using(runtime_dir: Path) -> list[int]:
    """Pids of live processes whose command line or environment names the session's runtime
    dir: every process of a session has it (XDG_RUNTIME_DIR, or the keyring's paths)."""
    marker = str(runtime_dir).encode()
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if b"State:\tZ" in (proc / "status").read_bytes():
                continue  # exited, only not yet reaped by its parent
            if marker in (proc / "cmdline").read_bytes() + (proc / "environ").read_bytes():
                found.append(int(proc.name))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found
