"""A throwaway Linux desktop for end-to-end tests: X server, session bus, keyring, tray host.

`DesktopSession` starts, in order, Xvfb on a free display, a private D-Bus session bus,
gnome-keyring-daemon (Secret Service, unlocked with a known password) on that bus, and
trayer as the XEmbed system-tray host. Tests start the real app with `launch()` (it gets
`session.env`), then observe and drive it from outside with the X11Screen methods
(windows, tray icons, screenshots, clicks, keys) and read the keyring with `read_secret`.
Xvfb, trayer and launched programs run in their own process groups, are stopped when the
session closes (also when the test failed) and get SIGTERM if pytest itself dies.

The bus and the keyring are tests/support/keyring_session.py's KeyringSession (a bus
without service activation, so Qt cannot start the host's accessibility bus, portals or a
second, locked keyring on it); `session.keyring` gives tests its lock()/is_locked().
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import select
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from tests.support.keyring_session import KeyringSession, KeyringSessionError
from tests.support.processes import LaunchedProcess, dying_with_parent, stop_group, tail, wait_until
from tests.support.x11_screen import X11Screen, tray_manager_present

log = logging.getLogger(__name__)

SCREEN = "1280x800x24"
KEYRING_PASSWORD = "stint-e2e-keyring"
REQUIRED_TOOLS = (
    "Xvfb",
    "dbus-daemon",
    "gnome-keyring-daemon",
    "trayer",
    "xdotool",
    "xwininfo",
    "import",
)
# A 24 px panel at the top right that grows with its icons; --SetDockType keeps it a dock.
TRAYER_ARGS = (
    "--edge",
    "top",
    "--align",
    "right",
    "--widthtype",
    "request",
    "--height",
    "24",
    "--transparent",
    "false",
    "--SetDockType",
    "true",
)
# Inherited variables that would leak the developer's desktop, keyring or Stint profile into
# the session (or force a Qt platform or keyring backend): never passed on.
_LEAKY_PREFIXES = ("STINT_", "DBUS_", "XDG_", "WAYLAND_", "QT_", "KEYRING_", "GNOME_KEYRING_")
_LEAKY_NAMES = {
    "DISPLAY",
    "XAUTHORITY",
    "SESSION_MANAGER",
    "SSH_AUTH_SOCK",
    "PYTHON_KEYRING_BACKEND",
    "DESKTOP_SESSION",  # xdg-open would pick that desktop's opener instead of $BROWSER
    "KDE_FULL_SESSION",
    "GNOME_DESKTOP_SESSION_ID",
    "DEFAULT_BROWSER",
    "BROWSER",
}
# $BROWSER for programs in the session (Qt's openUrl, xdg-open and Python's webbrowser use
# it): records each URL instead of opening a real browser on the developer's screen.
_URL_RECORDER = """#!/bin/sh
printf '%s\\n' "$@" >> {urls}
"""


# keyring's Secret Service backend as the app uses it (a test helper calling keyring's own
# backend while the app calls the keyring could crash gnome-keyring).
_SECRET_SERVICE_BACKEND = (
    "from keyring.backends.SecretService import Keyring; "
    "from desktop.platform.secret_service import safer_backend; "
    "backend = safer_backend(Keyring()); "
)


class ComponentFailed(RuntimeError):
    """A part of the desktop session did not start; the message carries its output."""


def missing_tools() -> list[str]:
    """The external programs the session needs that are not on PATH."""
    return [tool for tool in REQUIRED_TOOLS if shutil.which(tool) is None]


class DesktopSession(X11Screen):
    """Xvfb + private session bus + unlocked gnome-keyring + trayer, as a context manager.

    `workdir` holds HOME and the logs (default: a temporary directory removed on exit).
    Sockets live in a short temporary XDG_RUNTIME_DIR (unix socket paths are length-limited).
    """

    def __init__(
        self,
        workdir: Path | None = None,
        *,
        start_timeout: float = 10.0,
        trayer_args: Sequence[str] = TRAYER_ARGS,
    ) -> None:
        super().__init__({})
        self._own_workdir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="stint-e2e-"))
        self.home = self.workdir / "home"
        self.log_dir = self.workdir / "logs"
        self.opened_urls_path = self.log_dir / "opened-urls.txt"
        self.runtime_dir = Path(tempfile.mkdtemp(prefix="stint-run-"))
        self.keyring = KeyringSession(self.runtime_dir / "keyring", password=KEYRING_PASSWORD)
        self.start_timeout = start_timeout
        self.trayer_args = tuple(trayer_args)
        self.display = ""
        self.startup_seconds = 0.0
        self._infrastructure: list[subprocess.Popen] = []
        self._launched: list[LaunchedProcess] = []
        self._counter = itertools.count(1)

    # -- life cycle --------------------------------------------------------------------------

    def __enter__(self) -> DesktopSession:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def start(self) -> None:
        began = time.monotonic()
        self.home.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.runtime_dir.chmod(0o700)
        self._env.clear()
        self._env.update(self._clean_environment())
        self._env["BROWSER"] = str(self._write_url_recorder())
        self.display = self._start_xvfb()
        self._env["DISPLAY"] = self.display
        self._env["DBUS_SESSION_BUS_ADDRESS"] = self._start_keyring()
        self._start_tray_host()
        self.startup_seconds = time.monotonic() - began
        log.info("desktop session %s ready in %.2fs", self.display, self.startup_seconds)

    def close(self) -> None:
        """Stop launched programs, the keyring and bus, trayer, then Xvfb. Idempotent."""
        for launched in reversed(self._launched):
            self._stop(launched.popen)
        try:
            self.keyring.stop()
        except Exception:  # as below: the rest must still stop
            log.exception("could not stop the keyring session")
        for process in reversed(self._infrastructure):
            self._stop(process)
        self._launched.clear()
        self._infrastructure.clear()
        shutil.rmtree(self.runtime_dir, ignore_errors=True)
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    @staticmethod
    def _stop(process: subprocess.Popen) -> None:
        try:
            stop_group(process)
        except Exception:  # keep stopping the others; the leftover is logged
            log.exception("could not stop pid %s", process.pid)

    @property
    def env(self) -> dict[str, str]:
        """Environment for programs in the session (a copy: change it freely)."""
        return dict(self._env)

    # -- programs under test -----------------------------------------------------------------

    def launch(
        self,
        args: Sequence[str],
        *,
        name: str | None = None,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> LaunchedProcess:
        """Start a program in the session, in its own process group; stopped on close()."""
        label = f"{name or Path(args[0]).name}-{next(self._counter)}"
        stdout, stderr = self.log_dir / f"{label}.out", self.log_dir / f"{label}.err"
        with stdout.open("wb") as out, stderr.open("wb") as err:
            popen = subprocess.Popen(
                dying_with_parent(args),
                env={**self._env, **(env or {})},
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )
        launched = LaunchedProcess(label, popen, stdout, stderr)
        self._launched.append(launched)
        return launched

    def opened_urls(self) -> list[str]:
        """URLs programs in the session asked a web browser to open, oldest first."""
        try:
            return self.opened_urls_path.read_text().splitlines()
        except FileNotFoundError:
            return []

    def wait_for_opened_url(self, containing: str = "", timeout: float = 10.0) -> str:
        """The first URL opened "in a browser" that contains `containing`."""
        return wait_until(
            lambda: next((url for url in self.opened_urls() if containing in url), None),
            timeout,
            f"a browser to be asked for a URL containing {containing!r}",
        )

    def read_secret(self, service: str, username: str) -> str | None:
        """What the Secret Service's default collection in this session holds for (service,
        username), read the way Python `keyring` stores it (through the app's backend: see
        desktop/platform/secret_service.py for why not keyring's own)."""
        script = (
            "import json, sys; "
            + _SECRET_SERVICE_BACKEND
            + "print(json.dumps(backend.get_password(sys.argv[1], sys.argv[2])))"
        )
        return json.loads(self._python(script, service, username))

    def store_secret(self, service: str, username: str, secret: str) -> None:
        """Put a secret into this session's keyring, as the app would (e.g. to seed a test)."""
        script = (
            "import sys; "
            + _SECRET_SERVICE_BACKEND
            + "backend.set_password(sys.argv[1], sys.argv[2], sys.stdin.read())"
        )
        self._python(script, service, username, stdin=secret)

    def _python(self, script: str, *args: str, stdin: str = "") -> str:
        result = subprocess.run(
            [sys.executable, "-c", script, *args],
            env=self._env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=20,
        )
        if result.returncode != 0:
            raise RuntimeError(f"keyring call failed in the session:\n{result.stderr[-2000:]}")
        return result.stdout.strip()

    # -- the components ----------------------------------------------------------------------

    def _clean_environment(self) -> dict[str, str]:
        env = {
            name: value
            for name, value in os.environ.items()
            if name not in _LEAKY_NAMES and not name.startswith(_LEAKY_PREFIXES)
        }
        env.update(
            HOME=str(self.home),
            XDG_RUNTIME_DIR=str(self.runtime_dir),
            QT_QPA_PLATFORM="xcb",
            NO_AT_BRIDGE="1",
        )
        env.setdefault("LANG", "C.UTF-8")
        return env

    def _write_url_recorder(self) -> Path:
        recorder = self.runtime_dir / "record-url"
        recorder.write_text(_URL_RECORDER.format(urls=shlex.quote(str(self.opened_urls_path))))
        recorder.chmod(0o755)
        return recorder

    def _spawn(
        self, name: str, args: Sequence[str], pass_fds: Sequence[int] = ()
    ) -> subprocess.Popen:
        with (self.log_dir / f"{name}.log").open("wb") as log_file:
            process = subprocess.Popen(
                dying_with_parent(args),
                env=self._env,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=log_file,
                start_new_session=True,
                pass_fds=pass_fds,
            )
        self._infrastructure.append(process)
        return process

    def _failure(self, name: str, problem: str) -> ComponentFailed:
        output = tail(self.log_dir / f"{name}.log")
        return ComponentFailed(f"{name} {problem}; its output:\n{output}")

    def _start_xvfb(self) -> str:
        # -displayfd: Xvfb picks a free display itself and writes its number once it listens,
        # so parallel sessions do not race for display numbers. -noreset: by default the
        # server resets when its last client leaves, and refuses clients while it does.
        read_end, write_end = os.pipe()
        args = ["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN]
        try:
            process = self._spawn(
                "xvfb", [*args, "-nolisten", "tcp", "-noreset"], pass_fds=(write_end,)
            )
            os.close(write_end)
            write_end = -1
            number = b""
            deadline = time.monotonic() + self.start_timeout
            while not number.endswith(b"\n"):
                left = max(0.0, deadline - time.monotonic())
                chunk = os.read(read_end, 32) if select.select([read_end], [], [], left)[0] else b""
                if not chunk:
                    state = (
                        "timed out" if process.poll() is None else f"exited {process.returncode}"
                    )
                    raise self._failure("xvfb", f"reported no display number ({state})")
                number += chunk
        finally:
            os.close(read_end)
            if write_end >= 0:
                os.close(write_end)
        return f":{number.decode().strip()}"

    def _start_keyring(self) -> str:
        """A private session bus with an unlocked gnome-keyring on it; returns its address."""
        try:
            self.keyring.start()
        except KeyringSessionError as error:
            raise ComponentFailed(f"keyring: {error}") from None
        return self.keyring.bus_address

    def _start_tray_host(self) -> None:
        process = self._spawn("trayer", ["trayer", *self.trayer_args])

        def tray_ready() -> bool:
            if process.poll() is not None:
                raise self._failure("trayer", f"exited ({process.returncode})")
            return tray_manager_present(self.display)

        try:
            wait_until(tray_ready, self.start_timeout, "trayer to own _NET_SYSTEM_TRAY_S0")
        except TimeoutError as error:
            raise self._failure("trayer", str(error)) from None


def main(argv: list[str] | None = None) -> int:
    """By hand: `python -m tests.support.desktop_session [-- CMD ...]` from the repo root.

    With a command, run it inside a fresh session and return its exit status. Without, print
    the session's variables as shell exports and keep it open until Ctrl-C.
    """
    command = list(sys.argv[1:] if argv is None else argv)
    command = command[1:] if command[:1] == ["--"] else command
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # clean up on kill, too
    with DesktopSession() as session:
        if command:
            return subprocess.call(command, env=session.env)
        for name in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "HOME"):
            print(f"export {name}={shlex.quote(session.env[name])}")
        print("export QT_QPA_PLATFORM=xcb  # Ctrl-C here ends the session", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            signal.pause()
    return 0


if __name__ == "__main__":
    sys.exit(main())
