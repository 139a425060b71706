"""The desktop entry and AppStream metainfo: well-formed, consistent with the app id, and
accepted by the freedesktop validators where they are installed."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop.app import APP_ID
from desktop.ui.icons import icon_path, resources_dir

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def test_resources_are_found_by_the_app():
    assert resources_dir() == RESOURCES
    for name in (APP_ID, "tray-idle", "tray-running", "tray-syncing", "tray-error"):
        assert icon_path(name).is_file()
        ET.parse(icon_path(name))  # well-formed SVG


def test_desktop_entry_launches_stint():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(RESOURCES / "io.stint.Stint.desktop", encoding="utf-8")
    main = entry["Desktop Entry"]
    assert main["Type"] == "Application"
    assert main["Exec"] == "stint" and main["Icon"] == APP_ID
    assert entry["Desktop Action Demo"]["Exec"] == "stint --demo"


def test_a_pip_install_puts_the_entry_and_icon_under_the_names_the_desktop_looks_for():
    """pyproject's data-files (a wheel's share/): the desktop entry is <app id>.desktop (what
    desktopFileName and the metainfo's launchable name), the icon <app id>.svg (its Icon=)."""
    data_files = tomllib.loads((RESOURCES.parent / "pyproject.toml").read_text("utf-8"))[
        "tool"]["setuptools"]["data-files"]
    assert data_files["share/applications"] == [f"resources/{APP_ID}.desktop"]
    assert data_files["share/metainfo"] == [f"resources/{APP_ID}.metainfo.xml"]
    assert data_files["share/icons/hicolor/scalable/apps"] == [f"resources/icons/{APP_ID}.svg"]
    for files in data_files.values():
        for pattern in files:
            assert list(RESOURCES.parent.glob(pattern)), pattern


def test_metainfo_names_the_app_and_its_launcher():
    root = ET.parse(RESOURCES / f"{APP_ID}.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("provides/binary").text == "stint"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_file_validate_accepts_the_entry():
    result = subprocess.run(["desktop-file-validate", str(RESOURCES / "io.stint.Stint.desktop")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed")
def test_appstreamcli_accepts_the_metainfo():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(RESOURCES / f"{APP_ID}.metainfo.xml")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
