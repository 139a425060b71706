"""Driving the real Stint app in a DesktopSession, the way a user and a support person would.

`StintDriver` runs `python -m desktop --profile DIR` in the session (so it gets the session's
X display, tray and keyring), types and clicks with xdotool, and reads the app's state from
outside: the `stint` CLI on the same profile (SQLite WAL lets it read while the app writes),
the app's log file, the keyring, and screenshots.

Everything here waits with a bound (tests.support.processes.wait_until) and fails with what
was there instead.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from tests.support.desktop_session import DesktopSession
from tests.support.processes import LaunchedProcess, wait_until
from tests.support.x11_screen import Window

T = TypeVar("T")

APP_TITLE = "Stint"
CLI_TIMEOUT = 60.0
# With STINT_REPORT_STARTUP=1 (desktop/app.py) the app prints "search-ready SECONDS COUNT"
# each time a newly loaded task tree is searchable (at start, after every sync).
REPORT_STARTUP = {"STINT_REPORT_STARTUP": "1"}
SEARCH_READY = "search-ready"
MAIN_WINDOW_MIN_HEIGHT = 400  # the main window's minimum is 480; menus and pop-ups are smaller


class CliFailed(AssertionError):
    """A `stint` command exited non-zero; the message carries its stderr."""


class StintDriver:
    """One profile of the real app in one desktop session, against one sandbox org."""

    def __init__(self, session: DesktopSession, sandbox: Any, workdir: Path) -> None:
        self.session = session
        self.sandbox = sandbox
        self.profile = workdir / "profile"
        self.shots = workdir
        self.app: LaunchedProcess | None = None
        self.launched: list[LaunchedProcess] = []
        self._log_offset = 0

    # -- the command line, on the same profile -------------------------------------------------

    def cli(self, *args: str, stdin: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        """Run `stint --profile DIR ARGS...` in the session (same keyring as the app)."""
        result = subprocess.run(
            [sys.executable, "-m", "desktop", "--profile", str(self.profile), *args],
            env=self.session.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=CLI_TIMEOUT,
        )
        if check and result.returncode != 0:
            raise CliFailed(f"stint {' '.join(args)} exited {result.returncode}: {result.stderr.strip()}")
        return result

    def cli_json(self, *args: str) -> Any:
        return json.loads(self.cli(*args, "--json").stdout)

    def status(self) -> dict[str, Any]:
        return self.cli_json("status")

    def connect_with_cli(self) -> None:
        """Sign in with the sandbox user's password, as `stint connect` does."""
        sandbox = self.sandbox
        self.cli(
            "connect", "--login-url", sandbox.login_url, "--username", sandbox.username,
            "--password-stdin", "--ca-file", sandbox.ca_file,
            stdin=f"{sandbox.password}\n{sandbox.security_token}\n",
        )

    def connect_and_sync_with_cli(self, opportunity_name: str) -> str:
        """Rename an open Opportunity to `opportunity_name`, sign in and sync with the CLI;
        returns the Opportunity's Id (the app then starts on a synced profile)."""
        opportunity_id = sandbox_opportunity(self.sandbox, opportunity_name)
        self.connect_with_cli()
        self.cli("sync")
        return opportunity_id

    def tasks(self, search: str | None = None) -> list[dict[str, Any]]:
        args = ["tasks", "--limit", "50"] + (["--search", search] if search else [])
        return self.cli_json(*args)

    def entries(self) -> list[dict[str, Any]]:
        return self.cli_json("entries")

    def wait_for_status(
        self, condition: Callable[[dict[str, Any]], T], what: str, timeout: float = 15.0
    ) -> T:
        """Poll `stint status --json` until `condition(status)` is truthy; returns it."""
        seen: list[dict[str, Any]] = []

        def check() -> T:
            self._require_app_running()
            seen[:] = [self.status()]
            return condition(seen[0])

        try:
            return wait_until(check, timeout, what, interval=0.2)
        except TimeoutError as error:
            raise TimeoutError(f"{error}; last status: {json.dumps(seen[-1:], indent=1)}") from None

    def wait_for_sync_after(self, run_id: int | None, timeout: float = 20.0) -> dict[str, Any]:
        """The first finished sync run newer than `run_id` (its status `last_sync`)."""

        def newer(status: dict[str, Any]) -> dict[str, Any] | None:
            last = status["last_sync"]
            fresh = last is not None and (run_id is None or last["id"] > run_id)
            return last if fresh and last["outcome"] != "running" else None

        return self.wait_for_status(newer, f"a sync run after run {run_id}", timeout)

    # -- the app -------------------------------------------------------------------------------

    def launch(self, extra_env: dict[str, str] | None = None) -> Window:
        """Start the app on the profile and return its main window once it is mapped."""
        self.start_app(extra_env=extra_env)
        return self.main_window()

    def start_app(self, *args: str, extra_env: dict[str, str] | None = None) -> LaunchedProcess:
        """Start the app on the profile with these options; do not wait for anything."""
        self._log_offset = self._log_size()
        self.app = self.session.launch(
            [sys.executable, "-m", "desktop", "--profile", str(self.profile), *args],
            name="stint",
            env={**REPORT_STARTUP, **(extra_env or {})},
        )
        self.launched.append(self.app)
        return self.app

    def main_window(self, timeout: float = 15.0) -> Window:
        """The mapped main window (the tray menu is a smaller window titled "Stint" too)."""
        assert self.app is not None, "launch() first"
        return wait_until(
            lambda: self._require_app_running() or self.find_main_window(),
            timeout,
            f"the main window; windows now: {self.session.windows()}",
            interval=0.1,
        )

    def find_main_window(self) -> Window | None:
        candidates = [
            w for w in self.session.windows()
            if w.title == APP_TITLE and w.height >= MAIN_WINDOW_MIN_HEIGHT
        ]
        return max(candidates, key=lambda w: w.width * w.height, default=None)

    def launch_second(self) -> LaunchedProcess:
        """Another `stint` on the same profile (the single-instance case)."""
        second = self.session.launch(
            [sys.executable, "-m", "desktop", "--profile", str(self.profile)], name="stint-second"
        )
        self.launched.append(second)
        return second

    def kill(self) -> None:
        """kill -9 the app's process group, like a crash."""
        assert self.app is not None
        self.app.kill()

    def log_text(self) -> str:
        """What the app wrote to its log file since the last launch()."""
        path = self.profile / "logs" / "stint.log"
        try:
            with path.open("rb") as log_file:
                log_file.seek(self._log_offset)
                return log_file.read().decode(errors="replace")
        except FileNotFoundError:
            return ""

    def log_lines(self, text: str) -> list[str]:
        return [line for line in self.log_text().splitlines() if text in line]

    def wait_for_log(self, text: str, timeout: float = 15.0, count: int = 1) -> str:
        """Wait until the app's log (since launch) has `count` lines containing `text`;
        returns the last of them."""

        def line() -> str | None:
            self._require_app_running()
            found = self.log_lines(text)
            return found[count - 1] if len(found) >= count else None

        try:
            return wait_until(line, timeout, f"the app to log {text!r}", interval=0.1)
        except TimeoutError as error:
            raise TimeoutError(f"{error}; its log:\n{self.log_text()[-3000:]}") from None

    def wait_until_searchable(self, count: int = 1, timeout: float = 15.0) -> None:
        """The picker searches the whole tree: the app said "search-ready" `count` times
        since launch (the first tree, then one more after each sync)."""
        assert self.app is not None, "launch() first"
        app = self.app

        def ready() -> bool:
            self._require_app_running()
            return app.stdout().count(SEARCH_READY) >= count

        try:
            wait_until(ready, timeout, f"{SEARCH_READY!r} printed {count} time(s)", interval=0.1)
        except TimeoutError as error:
            raise TimeoutError(f"{error}\n{app.describe()}") from None

    def wait_until_connected(self) -> None:
        """The engine is up and signed in, its scheduler started (a Ctrl+R before that
        waits for the engine)."""
        self.wait_for_log("engine ready: connected")

    def pick_task(self, text: str) -> None:
        """Ctrl+K, type `text` into the picker's search box, Enter (starts the timer)."""
        window = self.main_window()
        self.session.key("ctrl+k", window=window)
        self.session.type_text(text)
        self.session.key("Return")

    def click(self, x: int, y: int, button: int = 1) -> None:
        """Click at a screen position (the tray icon: its menu, toggling the window)."""
        self.session.click(x, y, button)

    def keys(self, *keys: str) -> None:
        """Press keys into the main window."""
        self.session.key(*keys, window=self.main_window())

    def type_into_window(self, text: str) -> None:
        self.session.type_text(text, window=self.main_window())

    def loaded_libraries(self) -> set[str]:
        """The file names of the native libraries mapped into the app's process (its C
        extension modules among them: what Python packages' native parts it has loaded)."""
        assert self.app is not None, "launch() first"
        maps = Path(f"/proc/{self.app.pid}/maps").read_text()
        return {line.split(maxsplit=5)[5] for line in maps.splitlines()
                if len(line.split(maxsplit=5)) == 6 and line.rstrip().endswith(".so")}

    def unexpected_output(self) -> list[str]:
        """Qt warnings or tracebacks any launched app printed, and ERROR lines in the
        profile's log: a run that "worked" with these is still a failure."""
        found = [f"{app.name} stderr: {app.stderr()[-2000:]}" for app in self.launched
                 if app.stderr().strip()]
        path = self.profile / "logs" / "stint.log"
        if path.exists():
            found += [line for line in path.read_text(errors="replace").splitlines()
                      if " ERROR " in line or " CRITICAL " in line or "Traceback" in line]
        return found

    def screenshot(self, name: str) -> Path:
        return self.session.screenshot(self.shots / f"{name}.png")

    def _require_app_running(self) -> None:
        if self.app is not None and not self.app.is_running():
            raise AssertionError(f"the app exited:\n{self.app.describe()}")

    def _log_size(self) -> int:
        path = self.profile / "logs" / "stint.log"
        return path.stat().st_size if path.exists() else 0


def sandbox_opportunity(sandbox: Any, name: str) -> str:
    """Rename an open Opportunity of the sandbox to `name` (unique words for the picker) and
    return its Id; the app imports open opportunities."""
    salesforce = sandbox.salesforce()
    records = salesforce.query(
        "SELECT Id FROM Opportunity WHERE IsClosed = false ORDER BY Id LIMIT 1"
    )["records"]
    opportunity_id = records[0]["Id"]
    salesforce.Opportunity.update(opportunity_id, {"Name": name})
    return opportunity_id


def region_pixels(png: Path, box: Sequence[int]) -> bytes:
    """The raw pixels of `box` (x, y, width, height) in a screenshot, for comparing states."""
    from PySide6.QtGui import QImage  # loading a PNG needs no QApplication

    image = QImage(str(png))
    assert not image.isNull(), f"cannot read {png}"
    part = image.copy(*box).convertToFormat(QImage.Format.Format_RGB32)
    return bytes(part.constBits())
