"""Looking at and driving an X display from outside, the way a user would.

Uses the stock command-line tools (xwininfo from x11-utils, xdotool, ImageMagick's import)
and, for the tray manager selection, which no tool prints, libX11 through ctypes.
There is no window manager in the test session: top-level windows are the root's children,
and the keyboard focus must be given explicitly (`focus`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.support.processes import LaunchedProcess, wait_until


@dataclass(frozen=True)
class Window:
    """An X window as seen from outside; x/y are absolute screen coordinates."""

    id: int
    title: str
    x: int
    y: int
    width: int
    height: int

    @property
    def center(self) -> tuple[int, int]:
        return self.x + self.width // 2, self.y + self.height // 2


class X11Screen:
    """Observe and drive the X display named by `env["DISPLAY"]`."""

    def __init__(self, env: dict[str, str]) -> None:
        self._env = env

    def _run(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(list(args), env=self._env, capture_output=True, timeout=10)
        if check and result.returncode != 0:
            problem = result.stderr.decode(errors="replace").strip()
            raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}): {problem}")
        return result.stdout.decode(errors="replace")

    # -- observing ---------------------------------------------------------------------------

    def screenshot(self, path: Path) -> Path:
        """Save the whole screen as an image (format from the suffix, e.g. .png)."""
        self._run("import", "-window", "root", str(path))
        return Path(path)

    def windows(self) -> list[Window]:
        """Mapped top-level windows, in stacking order from top to bottom."""
        visible_ids = self._run(
            "xdotool", "search", "--maxdepth", "1", "--onlyvisible", "--name", "", check=False
        )
        visible = {int(i) for i in visible_ids.split()}
        tree = parse_window_tree(self._run("xwininfo", "-root", "-children"))
        return [window for window, _parent in tree if window.id in visible]

    def wait_for_window(
        self, title_substring: str, timeout: float = 10.0, process: LaunchedProcess | None = None
    ) -> Window:
        """The first mapped top-level window whose title contains `title_substring`.

        With `process`, fail at once (with its output) if that program exits meanwhile.
        """

        def find() -> Window | None:
            if process is not None and not process.is_running():
                raise AssertionError(f"no window {title_substring!r}:\n{process.describe()}")
            return next((w for w in self.windows() if title_substring in w.title), None)

        try:
            return wait_until(find, timeout, f"a window titled *{title_substring}*", interval=0.1)
        except TimeoutError as error:
            titles = [w.title for w in self.windows()]
            details = f"\n{process.describe()}" if process else ""
            raise TimeoutError(f"{error}; windows now: {titles}{details}") from None

    def tray_icons(self) -> list[Window]:
        """Icons docked in trayer: the client windows embedded in its panel's sockets."""
        tree = parse_window_tree(self._run("xwininfo", "-root", "-tree"))
        panels = {w.id for w, parent in tree if parent is None and w.title == "panel"}
        sockets = {w.id for w, parent in tree if parent in panels}
        return [w for w, parent in tree if parent in sockets]

    def wait_for_tray_icon(self, timeout: float = 10.0) -> Window:
        """The first docked tray icon, once trayer has placed it: on the screen, and where it
        was a moment before. (trayer docks an icon, then moves it as its panel grows: a
        position read at docking once put a click 8 pixels beyond the screen's edge.)"""
        width, height = (int(n) for n in self._run("xdotool", "getdisplaygeometry").split())
        seen: list[Window] = []

        def placed() -> Window | None:
            icons = self.tray_icons()
            icon = icons[0] if icons else None
            settled = (icon is not None and seen[-1:] == [icon]
                       and icon.x >= 0 and icon.x + icon.width <= width
                       and icon.y >= 0 and icon.y + icon.height <= height)
            if icon is not None:
                seen.append(icon)
            return icon if settled else None

        return wait_until(placed, timeout, "an icon placed in the tray", interval=0.1)

    # -- driving -----------------------------------------------------------------------------

    def pointer(self) -> tuple[int, int]:
        """Where the pointer is, in screen coordinates."""
        where = dict(
            line.split("=", 1) for line in self._run("xdotool", "getmouselocation", "--shell").split()
        )
        return int(where["X"]), int(where["Y"])

    def click(self, x: int, y: int, button: int = 1, timeout: float = 5.0) -> None:
        """Move the pointer to (x, y) and click (1 left, 2 middle, 3 right).

        `mousemove --sync` would wait for a motion that never comes when the pointer is
        already there (or cannot get there), until the 10 s subprocess timeout; so move
        without it and wait, bounded, until the server reports the pointer in place.
        """
        self._run("xdotool", "mousemove", str(x), str(y))
        wait_until(lambda: self.pointer() == (x, y), timeout, f"the pointer at {x},{y}", 0.02)
        self._run("xdotool", "click", str(button))

    def focus(self, window: Window) -> None:
        """Give `window` the keyboard focus (without a window manager nothing else does)."""
        self._run("xdotool", "windowfocus", "--sync", str(window.id))

    def key(self, *keys: str, window: Window | None = None) -> None:
        """Press key combinations in order, e.g. key("ctrl+f", "Return"), into the focus."""
        if window is not None:
            self.focus(window)
        self._run("xdotool", "key", "--delay", "30", *keys)

    def type_text(self, text: str, window: Window | None = None) -> None:
        """Type `text` (any Unicode) into the focused window, or into `window`."""
        if window is not None:
            self.focus(window)
        self._run("xdotool", "type", "--delay", "15", "--", text)


_TREE_LINE = re.compile(
    r'^(?P<indent>\s*)(?P<id>0x[0-9a-f]+) (?:"(?P<title>.*)"|\(has no name\)): \([^)]*\)\s+'
    r"(?P<width>\d+)x(?P<height>\d+)\S*\s+\+(?P<x>-?\d+)\+(?P<y>-?\d+)\s*$"
)


def parse_window_tree(xwininfo_output: str) -> list[tuple[Window, int | None]]:
    """(window, parent id) pairs from `xwininfo -root -tree` or `-children`.

    The parent is None for the root's children; nesting comes from the indentation.
    """
    parsed: list[tuple[Window, int | None]] = []
    ancestry: list[tuple[int, int]] = []  # (indent, window id) of the enclosing windows
    for line in xwininfo_output.splitlines():
        match = _TREE_LINE.match(line)
        if not match:
            continue
        indent = len(match["indent"])
        while ancestry and ancestry[-1][0] >= indent:
            ancestry.pop()
        window = Window(
            int(match["id"], 16),
            match["title"] or "",
            int(match["x"]),
            int(match["y"]),
            int(match["width"]),
            int(match["height"]),
        )
        parsed.append((window, ancestry[-1][1] if ancestry else None))
        ancestry.append((indent, window.id))
    return parsed


def tray_manager_present(display: str) -> bool:
    """Whether a client owns _NET_SYSTEM_TRAY_S0, i.e. a tray host accepts icons.

    This is the check QSystemTrayIcon.isSystemTrayAvailable() makes; False if the display
    cannot be opened.
    """
    xlib = _libx11()
    connection = xlib.XOpenDisplay(display.encode())
    if not connection:
        return False
    try:
        atom = xlib.XInternAtom(connection, b"_NET_SYSTEM_TRAY_S0", 0)
        return xlib.XGetSelectionOwner(connection, atom) != 0
    finally:
        xlib.XCloseDisplay(connection)


@functools.cache
def _libx11() -> ctypes.CDLL:
    xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XInternAtom.restype = ctypes.c_ulong
    xlib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    xlib.XGetSelectionOwner.restype = ctypes.c_ulong
    xlib.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    return xlib
