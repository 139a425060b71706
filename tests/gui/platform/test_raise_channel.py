"""The "show your window" channel a second launch uses (desktop.platform.raise_channel over a
Unix socket, raise_channel_qt over Qt's local sockets for Windows; both run here). The client
asks from a process of its own, as a second launch does, while the server answers in this
one's event loop."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from desktop.platform import raise_channel, raise_channel_qt

CHANNELS = [raise_channel, raise_channel_qt]


@pytest.fixture
def name():
    return f"stint-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def runtime_dir(tmp_path, monkeypatch):
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


REPO = Path(__file__).resolve().parents[3]
ASK = """
import sys
from PySide6.QtCore import QCoreApplication
from desktop.platform import {module} as channel
app = QCoreApplication([])  # as in a second launch
print("asking", flush=True)
sys.exit(0 if channel.ask_to_raise(sys.argv[1], int(sys.argv[2])) else 1)
"""


def ask(channel, name: str, timeout_ms: int = 10_000) -> subprocess.Popen:
    """A second launch asking (exit 0: the running instance confirmed)."""
    module = channel.__name__.rpartition(".")[2]
    return subprocess.Popen(
        [sys.executable, "-c", ASK.format(module=module), name, str(timeout_ms)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def answered(qtbot, launch: subprocess.Popen) -> bool:
    qtbot.waitUntil(lambda: launch.poll() is not None, timeout=20_000)
    return launch.wait() == 0


def closed_by_peer(sock: socket.socket) -> bool:
    sock.setblocking(False)
    try:
        return sock.recv(16) == b""
    except BlockingIOError:
        return False


@pytest.mark.parametrize("channel", CHANNELS, ids=lambda c: c.__name__.rpartition(".")[2])
def test_a_launch_asks_and_the_running_instance_answers(qtbot, qapp, runtime_dir, name, channel):
    server = channel.RaiseServer(name)
    assert server.listen()
    try:
        for _ in range(2):  # and again: each launch is a connection of its own
            with qtbot.waitSignal(server.raise_requested, timeout=20_000):
                launch = ask(channel, name)
            assert answered(qtbot, launch), launch.stderr.read()
    finally:
        server.close()


@pytest.mark.parametrize("channel", CHANNELS, ids=lambda c: c.__name__.rpartition(".")[2])
def test_nobody_listening_is_a_no_after_the_timeout(runtime_dir, name, channel):
    assert channel.ask_to_raise(name, 300) is False


@pytest.mark.parametrize("channel", CHANNELS, ids=lambda c: c.__name__.rpartition(".")[2])
def test_a_launch_started_before_the_first_listens_is_answered_once_it_does(
    qtbot, qapp, runtime_dir, name, channel
):
    launch = ask(channel, name)
    assert launch.stdout.readline() == "asking\n"  # and finding nobody, retrying
    server = channel.RaiseServer(name)
    try:
        with qtbot.waitSignal(server.raise_requested, timeout=20_000):
            assert server.listen()
        assert answered(qtbot, launch), launch.stderr.read()
    finally:
        server.close()


def test_the_socket_is_the_users_own_in_the_runtime_dir_and_goes_on_close(qapp, runtime_dir,
                                                                         name):
    server = raise_channel.RaiseServer(name)
    assert server.listen()
    path = runtime_dir / name
    assert server.path == path
    mode = os.lstat(path).st_mode
    assert stat.S_ISSOCK(mode) and stat.S_IMODE(mode) == 0o600
    server.close()
    assert not path.exists()


def test_without_a_runtime_dir_the_socket_is_in_the_temp_dir(monkeypatch, tmp_path, name):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(raise_channel.tempfile, "tempdir", None)  # it caches its first answer
    assert raise_channel.socket_path(name) == tmp_path / name


def test_a_socket_left_by_a_killed_instance_is_replaced(qtbot, qapp, runtime_dir, name):
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(runtime_dir / name))
    stale.close()  # the file stays, nobody listens: as after a kill -9
    assert raise_channel.ask_to_raise(name, 300) is False
    server = raise_channel.RaiseServer(name)
    assert server.listen()
    try:
        with qtbot.waitSignal(server.raise_requested, timeout=20_000):
            launch = ask(raise_channel, name)
        assert answered(qtbot, launch), launch.stderr.read()
    finally:
        server.close()


def test_a_file_that_is_not_a_socket_is_left_alone(qapp, runtime_dir, name):
    squatter = runtime_dir / name
    squatter.write_text("not a socket")
    server = raise_channel.RaiseServer(name)
    assert not server.listen()  # logged; the app runs on without answering later launches
    assert squatter.read_text() == "not a socket"


def test_a_silent_or_foreign_client_neither_raises_nor_blocks_the_next(
    qtbot, qapp, runtime_dir, name, monkeypatch
):
    monkeypatch.setattr(raise_channel, "_CONNECTION_TIMEOUT_MS", 200)
    server = raise_channel.RaiseServer(name)
    assert server.listen()
    raised: list[bool] = []
    server.raise_requested.connect(lambda: raised.append(True))
    try:
        silent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        silent.connect(str(server.path))
        foreign = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        foreign.connect(str(server.path))
        foreign.sendall(b"x" * 100)
        # Both closed without an answer (the silent one once its time is up).
        qtbot.waitUntil(lambda: closed_by_peer(silent) and closed_by_peer(foreign), timeout=5_000)
        assert raised == []
        with qtbot.waitSignal(server.raise_requested, timeout=20_000):
            launch = ask(raise_channel, name)
        assert answered(qtbot, launch), launch.stderr.read()
        silent.close()
        foreign.close()
    finally:
        server.close()
