"""The app's start keeps the code of PySide's support modules in the user's cache folder and
uses it at the next start (desktop/platform/pyside_support_cache.py: ~23 ms of each start)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def start_app(tmp_path: Path, **env_changes: str | None) -> None:
    """The real app, started on a profile of its own until its first paint."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "STINT_EXIT_AFTER_FIRST_PAINT": "now"}
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    done = subprocess.run([sys.executable, "-m", "desktop", "--profile", str(tmp_path / "p")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "first-paint" in done.stdout, done.stderr[-3000:]


def test_the_first_start_keeps_the_code_and_the_next_uses_it(tmp_path):
    kept = tmp_path / "cache" / "Stint" / "pyside-support.marshal"
    start_app(tmp_path, PYTHONDONTWRITEBYTECODE=None)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    written = kept.stat()

    start_app(tmp_path, PYTHONDONTWRITEBYTECODE=None)

    again = kept.stat()  # every module came from the cache: a miss would have replaced it
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)


def test_nothing_is_kept_where_python_keeps_no_bytecode(tmp_path):
    start_app(tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert not (tmp_path / "cache" / "Stint").exists()
