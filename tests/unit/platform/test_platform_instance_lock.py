from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from desktop.platform.instance_lock import AlreadyRunning, InstanceLock, socket_name

HOLDER = textwrap.dedent(
    """
    import subprocess, sys, time
    from desktop.platform.instance_lock import InstanceLock
    lock = InstanceLock(sys.argv[1])
    print("locked" if lock.acquire() else "busy", flush=True)
    if len(sys.argv) > 2:  # start a long-lived child that inherits every inheritable fd
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                                 close_fds=False)
        print(child.pid, flush=True)
    time.sleep(60)
    """
)


def start_holder(lock_path, *extra):
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path), *extra],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "locked"
    return process


def test_second_lock_on_the_same_file_is_refused(tmp_path):
    path = tmp_path / "instance.lock"
    first, second = InstanceLock(path), InstanceLock(path)
    assert first.acquire()
    assert first.acquire()  # re-acquiring what we hold is fine
    assert not second.acquire()
    assert not second.held
    first.release()
    assert second.acquire()
    second.release()


def test_locks_on_different_profiles_are_independent(tmp_path):
    one, two = InstanceLock(tmp_path / "a.lock"), InstanceLock(tmp_path / "b.lock")
    assert one.acquire() and two.acquire()
    one.release()
    two.release()


def test_release_without_holding_is_harmless(tmp_path):
    lock = InstanceLock(tmp_path / "instance.lock")
    lock.release()
    assert lock.acquire()
    lock.release()
    lock.release()


def test_creates_the_lock_directory_and_records_the_pid(tmp_path):
    path = tmp_path / "data" / "instance.lock"
    with InstanceLock(path) as lock:
        assert lock.held
        assert path.read_text().strip() == str(os.getpid())
    assert not lock.held


def test_context_manager_raises_when_already_running(tmp_path):
    path = tmp_path / "instance.lock"
    with InstanceLock(path), pytest.raises(AlreadyRunning, match="already running"):
        InstanceLock(path).__enter__()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_lock_dies_with_a_killed_process(tmp_path):
    path = tmp_path / "instance.lock"
    holder = start_holder(path)
    try:
        assert not InstanceLock(path).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        holder.stdout.close()
    lock = InstanceLock(path)
    assert lock.acquire()
    lock.release()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_children_of_the_holder_do_not_keep_the_lock(tmp_path):
    path = tmp_path / "instance.lock"
    holder = start_holder(path, "spawn-child")
    child_pid = int(holder.stdout.readline())
    try:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        os.kill(child_pid, 0)  # the child is still alive...
        lock = InstanceLock(path)
        assert lock.acquire()  # ...and yet the lock is free
        lock.release()
    finally:
        os.kill(child_pid, signal.SIGKILL)
        holder.stdout.close()


def test_socket_name_is_stable_and_per_profile():
    assert socket_name("0123456789ab") == socket_name("0123456789ab")
    assert socket_name("0123456789ab") != socket_name("ba9876543210")
    name = socket_name("0123456789ab")
    assert name.startswith("stint-0123456789ab-")
    assert len(name) < 40 and "/" not in name


def test_socket_name_differs_per_user(monkeypatch):
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "alice")
    alice = socket_name("0123456789ab")
    monkeypatch.setattr(getpass, "getuser", lambda: "bob")
    assert socket_name("0123456789ab") != alice
