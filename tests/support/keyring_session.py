"""A private, headless Secret Service for tests: its own D-Bus session bus + gnome-keyring.

Nothing here touches the user's real bus or keyrings: the bus, the keyring files and the
daemon's control socket all live in a temporary directory, and both daemons are stopped (by
pid) when the session ends.

In a test (the process's own keyring calls go to the bus named in the environment)::

    with KeyringSession() as session:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session.bus_address)
        backend = session.keyring_backend()   # keyring's SecretService backend
        ...

For an app launched as a subprocess, pass ``session.env()`` (os.environ + the bus address)::

    subprocess.Popen([...], env=session.env())

From a shell (CI scripts, manual runs), run any command inside a session::

    python tests/support/keyring_session.py -- python -m pytest tests/e2e

The shell equivalent, for reference (XDG_RUNTIME_DIR and XDG_DATA_HOME pointing at a private
temporary directory, so the keyring files are not the user's)::

    dbus-run-session -- sh -c 'printf pw | gnome-keyring-daemon --unlock --components=secrets; CMD'

This helper differs in two ways: its bus has no D-Bus service activation (a Secret Service call
made before the daemon is up cannot start a second gnome-keyring on the user's real keyring
dir, and an unlock prompt fails at once instead of opening a gcr-prompter window under Xvfb),
and it owns both daemons by pid, so nothing outlives the session.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_PASSWORD = "stint-test-keyring"
START_TIMEOUT_S = 15.0
REQUIRED_PROGRAMS = ("dbus-daemon", "gnome-keyring-daemon")


# A session bus without service activation: the standard session config would let the first
# Secret Service call D-Bus-activate a second gnome-keyring-daemon with the user's real keyring
# directory (racing ours), and would start gcr-prompter windows for unlock prompts.
_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class KeyringSessionError(RuntimeError):
    """The private keyring session could not be started."""


def unavailable_reason() -> str | None:
    """Why a gnome-keyring session cannot run here (for pytest.skip), or None if it can."""
    if sys.platform != "linux":
        return "gnome-keyring runs on Linux only"
    missing = [program for program in REQUIRED_PROGRAMS if shutil.which(program) is None]
    if missing:
        return f"not installed: {', '.join(missing)}"
    try:
        import jeepney  # noqa: F401
        import secretstorage  # noqa: F401
    except ImportError as exc:
        return f"the Secret Service client libraries are missing ({exc.name})"
    return None


class KeyringSession:
    """A dbus-daemon and an unlocked gnome-keyring-daemon (secrets component) of our own."""

    def __init__(
        self, base_dir: str | os.PathLike[str] | None = None, password: str = DEFAULT_PASSWORD
    ) -> None:
        self._own_dir = base_dir is None
        self.base_dir = Path(base_dir) if base_dir else Path(tempfile.mkdtemp(prefix="stint-kr-"))
        self.password = password
        self.bus_address: str | None = None
        self._bus: subprocess.Popen[bytes] | None = None
        self._keyring: subprocess.Popen[bytes] | None = None

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> KeyringSession:
        """Start both daemons and wait until the login keyring is unlocked (well under 1 s)."""
        reason = unavailable_reason()
        if reason:
            raise KeyringSessionError(reason)
        runtime_dir = self._private_dir("run")
        data_dir = self._private_dir("data")
        try:
            self._start_bus()
            self._start_keyring(runtime_dir, data_dir)
            self._wait_until_unlocked()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for process in (self._keyring, self._bus):
            if process is None or process.poll() is not None:
                continue
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        for process in (self._keyring, self._bus):
            if process is not None and process.stdout:
                process.stdout.close()
        self._keyring = self._bus = None
        if self._own_dir:
            shutil.rmtree(self.base_dir, ignore_errors=True)

    def __enter__(self) -> KeyringSession:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- using it ---------------------------------------------------------------------------

    def env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """Environment for a process that should use this keyring (base: os.environ)."""
        if self.bus_address is None:
            raise KeyringSessionError("the keyring session is not running")
        env = dict(os.environ if base is None else base)
        env["DBUS_SESSION_BUS_ADDRESS"] = self.bus_address
        # Let keyring detect the Secret Service by itself, as it does on a user's desktop.
        env.pop("PYTHON_KEYRING_BACKEND", None)
        # Qt warns without a private runtime dir (and a Qt warning fails GUI tests).
        env.setdefault("XDG_RUNTIME_DIR", str(self.base_dir / "run"))
        return env

    def keyring_backend(self):  # -> keyring.backends.SecretService.Keyring
        """keyring's Secret Service backend; DBUS_SESSION_BUS_ADDRESS must point at this bus."""
        if os.environ.get("DBUS_SESSION_BUS_ADDRESS") != self.bus_address:
            raise KeyringSessionError(
                "set DBUS_SESSION_BUS_ADDRESS to session.bus_address first (monkeypatch.setenv)"
            )
        from keyring.backends.SecretService import Keyring

        return Keyring()

    def daemon_state(self) -> str:
        """Whether gnome-keyring-daemon still runs (for a failed test's evidence)."""
        if self._keyring is None:
            return "gnome-keyring-daemon is not started"
        status = self._keyring.poll()
        if status is None:
            return f"gnome-keyring-daemon (pid {self._keyring.pid}) is running"
        return f"gnome-keyring-daemon (pid {self._keyring.pid}) exited with status {status}"

    def daemon_running(self) -> bool:
        return self._keyring is not None and self._keyring.poll() is None

    def keep_log(self, destination: Path) -> Path:
        """Copy the daemon's output (and whether it still runs) to `destination`."""
        try:
            output = self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            output = "(no output)\n"
        destination.write_text(f"{output}--- {self.daemon_state()}\n", encoding="utf-8")
        return destination

    def lock(self) -> None:
        """Lock the login keyring, as after a screen lock or a fresh login without unlock."""
        self._with_default_collection(lambda collection: collection.lock())

    def is_locked(self) -> bool:
        return self._with_default_collection(lambda collection: collection.is_locked())

    def collection_paths(self) -> list[str]:
        """The D-Bus paths of the daemon's collections, sorted."""
        from jeepney.io.blocking import open_dbus_connection
        from secretstorage.defines import SS_PATH
        from secretstorage.util import SERVICE_IFACE, DBusAddressWrapper

        with open_dbus_connection(bus=self.bus_address) as connection:
            service = DBusAddressWrapper(SS_PATH, SERVICE_IFACE, connection)
            return sorted(service.get_property("Collections"))

    # -- internals --------------------------------------------------------------------------

    def _private_dir(self, name: str) -> Path:
        directory = self.base_dir / name
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(directory, 0o700)
        return directory

    @property
    def log_path(self) -> Path:
        """What gnome-keyring-daemon printed (removed with a session's own temporary dir)."""
        return self.base_dir / "gnome-keyring-daemon.log"

    def _start_bus(self) -> None:
        config = self.base_dir / "session-bus.conf"
        config.write_text(_BUS_CONFIG, encoding="utf-8")
        self._bus = subprocess.Popen(
            [
                "dbus-daemon",
                f"--config-file={config}",
                "--nofork",
                "--nopidfile",
                "--print-address=1",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        assert self._bus.stdout is not None
        address = self._bus.stdout.readline().decode().strip()  # printed once it listens
        if not address:
            raise KeyringSessionError("dbus-daemon did not start")
        self.bus_address = address

    def _start_keyring(self, runtime_dir: Path, data_dir: Path) -> None:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.base_dir),
            "XDG_RUNTIME_DIR": str(runtime_dir),
            "XDG_DATA_HOME": str(data_dir),
            "XDG_CONFIG_HOME": str(self.base_dir / "config"),
            "DBUS_SESSION_BUS_ADDRESS": self.bus_address or "",
        }
        # --unlock reads the login keyring's password from stdin and creates the keyring.
        # Its messages go to a file beside the keyring: the evidence when a test meets a
        # keyring failure.
        with open(self.log_path, "ab") as log_file:
            self._keyring = subprocess.Popen(
                ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                stdin=subprocess.PIPE,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                env=env,
            )
        assert self._keyring.stdin is not None
        self._keyring.stdin.write(self.password.encode())
        self._keyring.stdin.close()

    def _wait_until_unlocked(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if self._keyring is not None and self._keyring.poll() is not None:
                raise KeyringSessionError(
                    f"gnome-keyring-daemon exited with status {self._keyring.returncode}"
                )
            try:
                if not self.is_locked():
                    return
            except Exception as exc:  # not on the bus yet
                last_error = exc
            time.sleep(0.05)
        raise KeyringSessionError(f"gnome-keyring did not become ready: {last_error!r}")

    def _with_default_collection(self, action):
        from jeepney.io.blocking import open_dbus_connection

        from desktop.platform.secret_service import default_collection

        with open_dbus_connection(bus=self.bus_address) as connection:
            # By ReadAlias, as the app does: a first call on the alias path can crash
            # gnome-keyring (see desktop/platform/secret_service.py), and secretstorage's
            # get_default_collection would try to create a collection.
            return action(default_collection(connection))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Run a command with a private D-Bus session and an unlocked gnome-keyring."
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- command [args...]")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give a command to run, e.g. -- python -m pytest tests/e2e")
    with KeyringSession() as session:
        return subprocess.call(command, env=session.env())


if __name__ == "__main__":
    sys.exit(main())
