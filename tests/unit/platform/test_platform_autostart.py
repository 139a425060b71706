"""Start at log-in (desktop.platform.autostart): the XDG autostart entry and the macOS
LaunchAgent written for real into a temporary home, the Windows Run key against a fake
winreg with the module's own behaviour (FileNotFoundError for a missing value)."""

from __future__ import annotations

import configparser
import plistlib
import sys
from pathlib import Path

import pytest

from desktop.platform.autostart import (
    RUN_KEY,
    RUN_VALUE,
    AutostartError,
    MacAutostart,
    WindowsAutostart,
    XdgAutostart,
    autostart_for_platform,
    exec_value,
    launch_command,
    parse_exec,
    set_enabled,
)

COMMAND = ["/opt/stint/bin/stint", "--hidden"]


def test_the_xdg_entry_is_written_and_removed(tmp_path):
    autostart = autostart_for_platform("linux", {"XDG_CONFIG_HOME": str(tmp_path / "config")})
    path = tmp_path / "config" / "autostart" / "io.stint.Stint.desktop"
    assert autostart.location() == str(path) and not autostart.is_enabled()
    assert set_enabled(autostart, True, COMMAND)
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(path, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert (section["Type"], section["Name"], section["Exec"]) == (
        "Application", "Stint", "/opt/stint/bin/stint --hidden")
    assert section["X-GNOME-Autostart-enabled"] == "true"
    assert not set_enabled(autostart, True, COMMAND)  # already so: nothing written
    assert set_enabled(autostart, True, [*COMMAND[:1], "--profile", "/p", "--hidden"])
    assert set_enabled(autostart, False, COMMAND) and not path.exists()
    assert not set_enabled(autostart, False, COMMAND)


def test_without_xdg_config_home_the_entry_goes_to_dot_config(tmp_path):
    autostart = autostart_for_platform("linux", {"HOME": str(tmp_path)})
    assert autostart.location() == str(tmp_path / ".config/autostart/io.stint.Stint.desktop")


@pytest.mark.parametrize("argument", [
    "/home/ann/My Apps/stint", 'say "hi"', "cost$5", "back\\slash", "100%", "tab\there", "",
])
def test_exec_quoting_follows_the_desktop_entry_specification(argument):
    value = exec_value([argument, "--hidden"])
    assert parse_exec(value) == [argument, "--hidden"]
    assert "%" not in value.replace("%%", "")  # no stray field codes


def test_exec_quoting_examples():
    assert exec_value(["/a b/stint"]) == '"/a b/stint"'
    assert exec_value(['a"b']) == '"a\\\\"b"'  # \" in the quoting, the backslash doubled again
    assert exec_value(["50%"]) == "50%%"


def test_an_unwritable_autostart_folder_is_a_plain_error(tmp_path):
    blocker = tmp_path / "autostart"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(AutostartError, match="Cannot write"):
        XdgAutostart(blocker).enable(COMMAND)


def test_the_macos_launch_agent(tmp_path):
    autostart = autostart_for_platform("darwin", {"HOME": str(tmp_path)})
    assert isinstance(autostart, MacAutostart)
    assert set_enabled(autostart, True, COMMAND)
    with (tmp_path / "Library/LaunchAgents/io.stint.Stint.plist").open("rb") as file:
        agent = plistlib.load(file)
    assert agent == {"Label": "io.stint.Stint", "ProgramArguments": COMMAND,
                     "RunAtLoad": True, "ProcessType": "Interactive"}
    assert not set_enabled(autostart, True, COMMAND)
    assert set_enabled(autostart, False, COMMAND) and not autostart.is_enabled()


class FakeKey:
    def __init__(self, values: dict) -> None:
        self.values = values

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class FakeWinreg:
    """The part of winreg the Run key needs, with its errors."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_SET_VALUE = 2
    REG_SZ = 1

    def __init__(self) -> None:
        self.keys: dict[tuple[str, str], dict] = {}

    def OpenKey(self, root, path, reserved=0, access=0):  # noqa: N802
        if (root, path) not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return FakeKey(self.keys[(root, path)])

    def CreateKey(self, root, path):  # noqa: N802
        return FakeKey(self.keys.setdefault((root, path), {}))

    def QueryValueEx(self, key, name):  # noqa: N802
        if name not in key.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return key.values[name], self.REG_SZ

    def SetValueEx(self, key, name, reserved, kind, value):  # noqa: N802
        assert kind == self.REG_SZ
        key.values[name] = value

    def DeleteValue(self, key, name):  # noqa: N802
        if name not in key.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del key.values[name]


def test_the_windows_run_key():
    registry = FakeWinreg()
    autostart = WindowsAutostart(registry)
    assert not autostart.is_enabled()
    command = [r"C:\Program Files\Stint\stint.exe", "--hidden"]
    assert set_enabled(autostart, True, command)
    assert registry.keys[("HKCU", RUN_KEY)][RUN_VALUE] == \
        '"C:\\Program Files\\Stint\\stint.exe" --hidden'
    assert not set_enabled(autostart, True, command)
    assert set_enabled(autostart, False, command)
    assert RUN_VALUE not in registry.keys[("HKCU", RUN_KEY)]
    autostart.disable()  # already gone: fine


def test_the_launch_command_runs_this_installation_hidden(tmp_path):
    command = launch_command()
    assert command[-1] == "--hidden"
    beside = Path(sys.executable).with_name("stint")
    if beside.is_file():
        assert command[0] == str(beside)
    assert launch_command(tmp_path)[-3:] == ["--profile", str(tmp_path), "--hidden"]
