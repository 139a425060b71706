"""D-Bus services that stand in for the desktop's, on a private bus, for tests.

`PrivateBus` runs a dbus-daemon of our own (the same activation-free configuration as
tests/support/keyring_session.py: nothing of the host can start on it). `FakeService` owns
well-known names on such a bus from a thread (jeepney), answers method calls with handlers
the test gives, records the calls and emits signals, so the code under test talks real D-Bus
(QtDBus, marshalling, name owners, signal matching) to a service whose behaviour the test
controls: Mutter's idle monitor, the screensaver, logind, a notification server.

    with PrivateBus() as bus, FakeService(bus.address, ["org.gnome.Mutter.IdleMonitor"]) as mutter:
        mutter.handle("org.gnome.Mutter.IdleMonitor", "GetIdletime", lambda args: ("t", (4200,)))
        ...
        mutter.emit("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", "b", (True,))
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tests.support.keyring_session import _BUS_CONFIG
from tests.support.processes import dying_with_parent

# A handler gets the call's arguments and returns (signature, values) for the reply, or
# raises DBusFailure to answer with an error.
Handler = Callable[[tuple], tuple[str, tuple]]


class DBusFailure(Exception):
    def __init__(self, name: str = "org.freedesktop.DBus.Error.Failed", text: str = "") -> None:
        super().__init__(text)
        self.name = name
        self.text = text


def dbus_unavailable_reason() -> str | None:
    if shutil.which("dbus-daemon") is None:
        return "dbus-daemon is not installed"
    try:
        import jeepney  # noqa: F401
    except ImportError:
        return "jeepney is not installed"
    return None


class PrivateBus:
    """A dbus-daemon listening on a socket of its own; `address` once started."""

    def __init__(self) -> None:
        self.address = ""
        self._dir = Path(tempfile.mkdtemp(prefix="stint-bus-"))
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> PrivateBus:
        config = self._dir / "bus.conf"
        config.write_text(_BUS_CONFIG, encoding="utf-8")
        self._process = subprocess.Popen(
            dying_with_parent(["dbus-daemon", f"--config-file={config}", "--nofork",
                               "--nopidfile", "--print-address=1"]),
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
        )
        assert self._process.stdout is not None
        self.address = self._process.stdout.readline().decode().strip()
        if not self.address:
            self.__exit__()
            raise RuntimeError("dbus-daemon did not start")
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=5)
            if self._process.stdout:
                self._process.stdout.close()
            self._process = None
        shutil.rmtree(self._dir, ignore_errors=True)


class FakeService:
    """Owns `names` on the bus at `address` and serves method calls from a thread."""

    def __init__(self, address: str, names: Sequence[str]) -> None:
        self.address = address
        self.names = list(names)
        self.calls: list[tuple[str, str, str, tuple]] = []  # (path, interface, member, args)
        self.signatures: list[str] = []  # of each call, as sent: the types matter to servers
        self._handlers: dict[tuple[str, str], Handler] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection: Any = None
        self.unique_name = ""

    def handle(self, interface: str, member: str, handler: Handler) -> None:
        with self._lock:
            self._handlers[(interface, member)] = handler

    def calls_to(self, member: str) -> list[tuple]:
        with self._lock:
            return [args for _path, _iface, name, args in self.calls if name == member]

    def emit(self, path: str, interface: str, member: str, signature: str = "",
             args: tuple = ()) -> None:
        from jeepney import DBusAddress, new_signal

        self._connection.send(
            new_signal(DBusAddress(path, interface=interface), member, signature or None, args)
        )

    def __enter__(self) -> FakeService:
        from jeepney.bus_messages import message_bus
        from jeepney.io.threading import open_dbus_connection

        self._connection = open_dbus_connection(bus=self.address)
        self.unique_name = self._connection.unique_name
        for serial, name in enumerate(self.names, start=1000):
            self._connection.send(message_bus.RequestName(name), serial=serial)
            reply = self._reply_to(serial)
            if reply.body[0] != 1:  # DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER
                raise RuntimeError(f"could not own {name} on the test bus")
        self._thread = threading.Thread(target=self._serve, name="fake-dbus", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._connection is not None:
            self._connection.close()

    def _reply_to(self, serial: int) -> Any:
        from jeepney import HeaderFields

        while True:  # before serving starts, only the bus daemon talks to us
            message = self._connection.receive(timeout=5)
            if message.header.fields.get(HeaderFields.reply_serial) == serial:
                return message

    def _serve(self) -> None:
        from jeepney import HeaderFields, MessageType, new_error, new_method_return
        from jeepney.io.threading import ReceiveStopped

        while not self._stop.is_set():
            try:
                message = self._connection.receive(timeout=0.1)
            except TimeoutError:
                continue
            except (ReceiveStopped, OSError):
                return
            header = message.header
            if header.message_type != MessageType.method_call:
                continue
            path = header.fields.get(HeaderFields.path, "")
            interface = header.fields.get(HeaderFields.interface, "")
            member = header.fields.get(HeaderFields.member, "")
            with self._lock:
                self.calls.append((path, interface, member, tuple(message.body)))
                self.signatures.append(header.fields.get(HeaderFields.signature, ""))
                handler = self._handlers.get((interface, member))
            if handler is None:
                self._connection.send(new_error(
                    message, "org.freedesktop.DBus.Error.UnknownMethod", "s",
                    (f"{interface}.{member} is not served by this fake",)))
                continue
            try:
                signature, values = handler(tuple(message.body))
            except DBusFailure as failure:
                self._connection.send(new_error(message, failure.name, "s", (failure.text,)))
                continue
            except Exception as error:  # a broken handler answers, so the caller sees why
                self._connection.send(new_error(
                    message, "org.freedesktop.DBus.Error.Failed", "s", (repr(error),)))
                continue
            self._connection.send(new_method_return(message, signature or None, values))
