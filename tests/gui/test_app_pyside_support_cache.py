"""The app's start keeps the code of PySide's support modules in the user's cache folder and
uses it at the next start (desktop/platform/pyside_support_cache.py: ~23 ms of each start),
and, its caches warm, compiles nothing at all before its first paint: the first compile() of
a process costs ~1.5 ms (CPython sets up its AST types), each one after it more (a NamedTuple
with annotations as strings compiles each; desktop/services/sync_state.py)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def start_app(tmp_path: Path, *command: str,
              **env_changes: str | None) -> subprocess.CompletedProcess[str]:
    """The real app (`command`, default `python -m desktop`), started on a profile of its own
    until its first paint."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "STINT_EXIT_AFTER_FIRST_PAINT": "now"}
    for name, value in env_changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    done = subprocess.run([sys.executable, *(command or ("-m", "desktop", "--profile")),
                           str(tmp_path / "p")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "first-paint" in done.stdout, done.stderr[-3000:]
    return done


def test_the_first_start_keeps_the_code_and_the_next_uses_it(tmp_path):
    kept = tmp_path / "cache" / "Stint" / "pyside-support.marshal"
    start_app(tmp_path, PYTHONDONTWRITEBYTECODE=None)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    written = kept.stat()

    start_app(tmp_path, PYTHONDONTWRITEBYTECODE=None)

    again = kept.stat()  # every module came from the cache: a miss would have replaced it
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)


# The app as `stint` starts it, reporting each compile() on stderr as it happens (until its
# first paint, where STINT_EXIT_AFTER_FIRST_PAINT=now ends the process).
COMPILES_REPORTED = """
import builtins, sys
real_compile = builtins.compile
def reporting(source, filename, mode, *args, **kwargs):
    print("COMPILE", filename, mode, repr(source[:50]), file=sys.stderr, flush=True)
    return real_compile(source, filename, mode, *args, **kwargs)
builtins.compile = reporting
sys.argv = ["stint", "--profile", sys.argv[1]]
from desktop.cli import main
sys.exit(main())
"""


def test_a_warm_start_compiles_nothing_before_its_first_paint(tmp_path):
    starts = [start_app(tmp_path, "-c", COMPILES_REPORTED, PYTHONDONTWRITEBYTECODE=None,
                        PYTHONPYCACHEPREFIX=str(tmp_path / "pycache"))
              for _ in range(2)]  # the first fills the bytecode and support-code caches
    assert "COMPILE shibokensupport/" in starts[0].stderr  # the reporting sees them
    compiled = [line for line in starts[1].stderr.splitlines() if line.startswith("COMPILE")]
    assert compiled == []


def test_nothing_is_kept_where_python_keeps_no_bytecode(tmp_path):
    start_app(tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert not (tmp_path / "cache" / "Stint").exists()
