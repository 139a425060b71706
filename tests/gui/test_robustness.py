"""One instance per profile, and a running timer that survives a kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.platform.paths import ProfilePaths
from desktop.services.timer_service import TimerService
from desktop.store.store import Store
from desktop.ui.single_instance import SingleInstance
from tests.gui.conftest import CALL_ID, sample_items

REPO = Path(__file__).resolve().parents[2]


def python(code: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_a_second_instance_asks_the_first_to_raise(qtbot, profile_dir):
    paths = ProfilePaths.resolve(profile_dir).create_dirs()
    first = SingleInstance(paths.lock_path, paths.profile_id)
    assert first.acquire() and first.listen()
    try:
        assert not SingleInstance(paths.lock_path, paths.profile_id).acquire()
        with qtbot.waitSignal(first.raise_requested, timeout=20_000):
            second = python(
                """
                import sys
                from PySide6.QtCore import QCoreApplication
                from desktop.ui.single_instance import SingleInstance
                app = QCoreApplication([])
                guard = SingleInstance(sys.argv[1], sys.argv[2])
                if guard.acquire():
                    sys.exit(2)
                sys.exit(0 if guard.ask_first_to_raise() else 3)
                """,
                str(paths.lock_path), paths.profile_id,
            )
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=20_000)
        assert second.wait() == 0, second.stderr.read()
    finally:
        first.release()
    again = SingleInstance(paths.lock_path, paths.profile_id)
    assert again.acquire()  # released: the next start may take the profile
    again.release()


def test_the_real_second_launch_exits_0_and_raises_the_window(qtbot, profile_dir):
    paths = ProfilePaths.resolve(profile_dir).create_dirs()
    first = SingleInstance(paths.lock_path, paths.profile_id)
    assert first.acquire() and first.listen()
    try:
        with qtbot.waitSignal(first.raise_requested, timeout=30_000):
            second = subprocess.Popen(
                [sys.executable, "-m", "desktop", "--profile", str(profile_dir)],
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)},
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
        assert second.wait() == 0, second.stderr.read()
    finally:
        first.release()


def test_a_running_timer_survives_kill_9(qtbot, profile_dir):
    paths = ProfilePaths.resolve(profile_dir).create_dirs()
    with Store.open(paths.db_path) as store:
        store.items.upsert_many(sample_items())
    worker = python(
        """
        import sys, threading
        from PySide6.QtCore import QCoreApplication
        from desktop.services.timer_service import TimerService
        from desktop.store.store import Store
        app = QCoreApplication([])
        timer = TimerService(Store.open(sys.argv[1]))
        entry = timer.start(sys.argv[2])
        print(entry.start.isoformat(), flush=True)
        threading.Event().wait()  # hold the running timer until the test kills us
        """,
        str(paths.db_path), CALL_ID,
    )
    started_at = datetime.fromisoformat(worker.stdout.readline().strip())
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    assert worker.returncode == -signal.SIGKILL

    with Store.open(paths.db_path) as store:
        timer = TimerService(store)
        running = timer.running()
        assert running is not None and running.item_id == CALL_ID
        assert running.start == started_at
        expected = datetime.now(UTC) - started_at
        assert abs(timer.elapsed() - expected) < timedelta(seconds=2)
        assert timer.elapsed() > timedelta(0)
