"""Start Stint at log-in, hidden in the tray: one interface, one entry per platform.

- Linux and other XDG desktops: a desktop entry in $XDG_CONFIG_HOME/autostart
  (~/.config/autostart/io.stint.Stint.desktop), per the Desktop Application Autostart
  Specification; its Exec line is quoted as the Desktop Entry Specification says.
- Windows: the "Stint" value of HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run.
- macOS: a LaunchAgent, ~/Library/LaunchAgents/io.stint.Stint.plist, RunAtLoad.

The command is `stint --hidden` as this Stint was installed (the `stint` script next to the
running Python, else on PATH, else `python -m desktop`; a bundled app runs itself), with
`--profile DIR` when the profile is not the default one, so the same profile starts.
`set_enabled` writes only what differs, so applying the setting again costs nothing.
"""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from desktop.domain.text import QT_TRANSLATE_NOOP, Message

APP_ID = "io.stint.Stint"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "Stint"


class AutostartError(Exception):
    """The entry could not be written or removed; the message says where and why (`.message`
    in English, `.text` the same as a Message the app translates)."""

    def __init__(self, template: str, where: object, why: object) -> None:
        self.text = Message("Autostart", template, where, why)
        self.message = str(self.text)
        super().__init__(self.message)


CANNOT_WRITE = QT_TRANSLATE_NOOP("Autostart", "Cannot write %1: %2.")
CANNOT_REMOVE = QT_TRANSLATE_NOOP("Autostart", "Cannot remove %1: %2.")


class Autostart(Protocol):
    def is_enabled(self) -> bool: ...

    def enable(self, command: Sequence[str]) -> None: ...

    def disable(self) -> None: ...

    def runs(self, command: Sequence[str]) -> bool:
        """Whether the entry exists and runs exactly `command`."""
        ...

    def location(self) -> str:
        """Where the entry lives, for messages and the General page."""
        ...


def set_enabled(autostart: Autostart, wanted: bool, command: Sequence[str]) -> bool:
    """Make the entry exist (running `command`) or not; True when something changed."""
    if wanted:
        if autostart.runs(command):
            return False
        autostart.enable(command)
        return True
    if not autostart.is_enabled():
        return False
    autostart.disable()
    return True


def launch_command(profile_root: Path | None = None) -> list[str]:
    """`stint --hidden` for this installation; with `--profile` for a chosen profile."""
    if getattr(sys, "frozen", False):  # a bundled app (installers): the executable itself
        program = [sys.executable]
    else:
        beside = Path(sys.executable).with_name("stint.exe" if os.name == "nt" else "stint")
        found = str(beside) if beside.is_file() else shutil.which("stint")
        program = [found] if found else [sys.executable, "-m", "desktop"]
    profile = ["--profile", str(profile_root)] if profile_root is not None else []
    return [*program, *profile, "--hidden"]


def autostart_for_platform(
    system: str = sys.platform, environ: Mapping[str, str] | None = None
) -> Autostart:
    env = os.environ if environ is None else environ
    if system == "win32":
        return WindowsAutostart()
    if system == "darwin":
        return MacAutostart(Path(env.get("HOME", str(Path.home()))) / "Library" / "LaunchAgents")
    config_home = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", str(Path.home())))
                                                    / ".config")
    return XdgAutostart(Path(config_home) / "autostart")


# -- Linux and XDG desktops ------------------------------------------------------------------
class XdgAutostart:
    def __init__(self, directory: Path) -> None:
        self.path = directory / f"{APP_ID}.desktop"

    def location(self) -> str:
        return str(self.path)

    def is_enabled(self) -> bool:
        return self.path.is_file()

    def runs(self, command: Sequence[str]) -> bool:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            return False
        lines = [line for line in text.splitlines() if line.startswith("Exec=")]
        return bool(lines) and parse_exec(lines[0][len("Exec="):]) == list(command)

    def enable(self, command: Sequence[str]) -> None:
        entry = "\n".join([
            "[Desktop Entry]",
            "Type=Application",
            "Name=Stint",
            "Comment=Time tracking for Salesforce work, started at log-in in the tray",
            f"Exec={exec_value(command)}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ])
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".desktop.tmp")
            temporary.write_text(entry, encoding="utf-8")
            os.replace(temporary, self.path)  # never a half-written entry
        except OSError as exc:
            raise AutostartError(CANNOT_WRITE, self.path, exc.strerror or exc) from None

    def disable(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise AutostartError(CANNOT_REMOVE, self.path, exc.strerror or exc) from None


# The Desktop Entry Specification, "The Exec key": an argument with any of these characters is
# quoted with double quotes, and inside the quotes ", `, $ and \ are escaped with a backslash;
# "%" is written "%%" (field codes). The value as a whole is a string, whose own escapes
# double every backslash again.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_value(command: Sequence[str]) -> str:
    parts = []
    for argument in command:
        argument = argument.replace("%", "%%")
        if argument and not (_RESERVED & set(argument)):
            parts.append(argument)
            continue
        escaped = "".join("\\" + char if char in '"`$\\' else char for char in argument)
        parts.append(f'"{escaped}"')
    return " ".join(parts).replace("\\", "\\\\")


def parse_exec(value: str) -> list[str]:
    """The arguments of an Exec value written by `exec_value` (the inverse, for checks)."""
    text = _unescape_string(value)
    arguments: list[str] = []
    current: list[str] = []
    quoted = started = False
    index = 0
    while index < len(text):
        char = text[index]
        if quoted and char == "\\" and index + 1 < len(text):
            current.append(text[index + 1])
            index += 2
            continue
        if char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if current or started:
                arguments.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
        index += 1
    if current or started:
        arguments.append("".join(current))
    return [argument.replace("%%", "%") for argument in arguments]


def _unescape_string(value: str) -> str:
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    out, index = [], 0
    while index < len(value):
        if value[index] == "\\" and index + 1 < len(value) and value[index + 1] in escapes:
            out.append(escapes[value[index + 1]])
            index += 2
        else:
            out.append(value[index])
            index += 1
    return "".join(out)


# -- Windows ---------------------------------------------------------------------------------
class WindowsAutostart:
    """The Run key value; `registry` is the winreg module (a fake in tests)."""

    def __init__(self, registry: Any = None) -> None:
        if registry is None:
            import winreg as registry  # noqa: N813 - Windows only
        self._registry = registry

    def location(self) -> str:
        return f"HKEY_CURRENT_USER\\{RUN_KEY}\\{RUN_VALUE}"

    def _read(self) -> str | None:
        registry = self._registry
        try:
            with registry.OpenKey(registry.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _kind = registry.QueryValueEx(key, RUN_VALUE)
                return value
        except OSError:  # FileNotFoundError: no such value
            return None

    def is_enabled(self) -> bool:
        return self._read() is not None

    def runs(self, command: Sequence[str]) -> bool:
        return self._read() == subprocess.list2cmdline(list(command))

    def enable(self, command: Sequence[str]) -> None:
        registry = self._registry
        try:
            with registry.CreateKey(registry.HKEY_CURRENT_USER, RUN_KEY) as key:
                registry.SetValueEx(key, RUN_VALUE, 0, registry.REG_SZ,
                                    subprocess.list2cmdline(list(command)))
        except OSError as exc:
            raise AutostartError(CANNOT_WRITE, self.location(), exc) from None

    def disable(self) -> None:
        registry = self._registry
        try:
            with registry.OpenKey(registry.HKEY_CURRENT_USER, RUN_KEY, 0,
                                  registry.KEY_SET_VALUE) as key:
                registry.DeleteValue(key, RUN_VALUE)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise AutostartError(CANNOT_REMOVE, self.location(), exc) from None


# -- macOS -----------------------------------------------------------------------------------
class MacAutostart:
    def __init__(self, agents_dir: Path) -> None:
        self.path = agents_dir / f"{APP_ID}.plist"

    def location(self) -> str:
        return str(self.path)

    def is_enabled(self) -> bool:
        return self.path.is_file()

    def runs(self, command: Sequence[str]) -> bool:
        try:
            with self.path.open("rb") as file:
                return plistlib.load(file).get("ProgramArguments") == list(command)
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False

    def enable(self, command: Sequence[str]) -> None:
        agent = {
            "Label": APP_ID,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".plist.tmp")
            with temporary.open("wb") as file:
                plistlib.dump(agent, file)
            os.replace(temporary, self.path)
        except OSError as exc:
            raise AutostartError(CANNOT_WRITE, self.path, exc.strerror or exc) from None

    def disable(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise AutostartError(CANNOT_REMOVE, self.path, exc.strerror or exc) from None


def apply_start_at_login(wanted: bool, profile_root: Path | None,
                         autostart: Autostart | None = None) -> bool:
    """The setting made true on this computer: the entry for `stint [--profile DIR] --hidden`
    written or removed (`profile_root` None: the default profile). True when it changed."""
    return set_enabled(autostart or autostart_for_platform(), wanted, launch_command(profile_root))
