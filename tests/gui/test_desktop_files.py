"""The desktop entry and AppStream metainfo: well-formed, consistent with the app id, and
accepted by the freedesktop validators where they are installed."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.app import APP_ID
from desktop.ui.icons import icon_path, resources_dir

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def test_resources_are_found_by_the_app():
    assert resources_dir() == RESOURCES
    for name in ("stint", "tray-idle", "tray-running", "tray-syncing", "tray-error"):
        assert icon_path(name).is_file()
        ET.parse(icon_path(name))  # well-formed SVG


def test_desktop_entry_launches_stint():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(RESOURCES / "stint.desktop", encoding="utf-8")
    main = entry["Desktop Entry"]
    assert main["Type"] == "Application"
    assert main["Exec"] == "stint" and main["Icon"] == APP_ID
    assert entry["Desktop Action Demo"]["Exec"] == "stint --demo"


def test_metainfo_names_the_app_and_its_launcher():
    root = ET.parse(RESOURCES / f"{APP_ID}.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("provides/binary").text == "stint"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validate_accepts_the_entry():
    result = subprocess.run(["desktop-file-validate", str(RESOURCES / "stint.desktop")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed")
def test_appstreamcli_accepts_the_metainfo():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(RESOURCES / f"{APP_ID}.metainfo.xml")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
