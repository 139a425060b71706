"""Cold start to the first painted window with 200,000 cached items (and a month of time
entries with a timer running: tests/bench/ui_profile.py), against a bare PySide6
window on the same machine (target: at most 1.3x), and the time until the task tree is
loaded and searchable (it loads after the first paint, on a worker).

Run: /work/venv/bin/python tests/bench/bench_ui_startup.py [--count N] [--runs N] [--platform P]
(--platform xcb under Xvfb times real X11 windows: `xvfb-run -a python ... --platform xcb`)
Each run is a new process; the figure is wall time from spawning it to its "first-paint"
line (the process reports it right after the window's first paint event). Medians printed.
Stint starts as a user starts it, on the default profile (no --profile): the profile sits
in the XDG base directories, here XDG_DATA_HOME / XDG_CONFIG_HOME / XDG_STATE_HOME folders
of the run's own, which both processes get.
In each run the two are timed back to back, in turns first; every run starts a profile of its
own (copied and written out before any timing); the tree and search loads, which keep both
cores busy for seconds, are timed after all the starts (5 runs at most).

Both processes are timed twice per run: with PYTHONDONTWRITEBYTECODE=1 (as in this
development environment: Stint's modules are compiled from source at every start) and with
cached bytecode in a private PYTHONPYCACHEPREFIX (as an installed app starts; the warm-up
run fills the cache). Each mode has its own XDG_CACHE_HOME too, where Stint keeps the code of
PySide's support modules (desktop/platform/pyside_support_cache.py): filled by the warm-up in
the second mode, never written in the first (Stint writes it only where Python writes
bytecode). The bare window compiles those modules, and their regular expressions, at every
start, as any PySide program does; for reference, a third process is a bare window that
spares them as Stint does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from ui_profile import copy_profile, large_profile  # noqa: E402

REPO = Path(__file__).resolve().parents[2]

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, done)
        return False

def done():
    sys.stdout.write("first-paint\\n"); sys.stdout.flush(); app.quit()

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
watch = Watch()
window.installEventFilter(watch)
window.resize(880, 640)
window.show()
app.exec()
"""

CACHED = "cached bytecode (an installed app; the target's case)"
BARE_SPARING_SUPPORT = "bare sparing PySide's support"
# The bare window with what Stint does around its first PySide import (desktop/platform/
# pyside_support_cache.py: shiboken's support modules' code from a cache, their regular
# expressions compiled when first used): shows how much of Stint's lead over a plain PySide
# program comes from that rather than from Stint's own start.
SPARING_SUPPORT = """
import os, pathlib
from desktop.platform.pyside_support_cache import support_code_cached, support_patterns_deferred
with support_code_cached(pathlib.Path(os.environ["XDG_CACHE_HOME"]) / "bare-support.marshal"), \\
        support_patterns_deferred():
    import PySide6.QtCore
"""
BARE_WINDOW_SPARING_SUPPORT = SPARING_SUPPORT + BARE_WINDOW


def time_to_lines(
    args: list[str], env: dict[str, str], markers: list[str], timeout: float = 120
) -> list[float]:
    """Seconds from spawning the process to each marker line, in order."""
    began = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, cwd=REPO)
    found: list[float] = []
    try:
        for line in process.stdout:
            if line.startswith(markers[len(found)]):
                found.append(time.perf_counter() - began)
                if len(found) == len(markers):
                    return found
        raise RuntimeError(f"{args} ended without {markers!r}: {process.stderr.read()[-2000:]}")
    finally:
        process.kill()
        process.wait(timeout)


def default_profile_home(source: Path, folder: Path) -> dict[str, str]:
    """The XDG folders (as environment variables) of a home whose default Stint profile is a
    copy of the profile `source` (Linux: data in $XDG_DATA_HOME/Stint, settings in
    $XDG_CONFIG_HOME/Stint, logs in $XDG_STATE_HOME/Stint/log)."""
    places = {name: folder / name.lower() for name in
              ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")}
    copy_profile(source / "data", places["XDG_DATA_HOME"] / "Stint")
    copy_profile(source / "config", places["XDG_CONFIG_HOME"] / "Stint")
    return {name: str(path) for name, path in places.items()}


def time_to_line(args: list[str], env: dict[str, str], marker: str) -> float:
    return time_to_lines(args, env, [marker])[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args()
    source = large_profile(args.count)
    env = {**os.environ, "QT_QPA_PLATFORM": args.platform, "PYTHONPATH": str(REPO)}
    env.pop("STINT_HOME", None)
    with tempfile.TemporaryDirectory() as folder:
        modes = {  # name -> environment of the timed processes
            "no bytecode cache (a source checkout here; for reference)": {
                **env, "PYTHONDONTWRITEBYTECODE": "1",
                "XDG_CACHE_HOME": str(Path(folder) / "no-cache"),  # stays empty
            },
            CACHED: {
                **{k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"},
                "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache"),
                "XDG_CACHE_HOME": str(Path(folder) / "cache"),
            },
        }
        starts: dict[tuple[str, str], list[float]] = {}  # (mode, process) -> seconds
        # Every profile is copied before anything is timed, and written out: a copy made
        # just before a timed start left ~60 MB of dirty pages that the kernel wrote back
        # during later starts (noise this bench made itself, not the app's).
        homes = [default_profile_home(source, Path(folder) / f"home{run}")
                 for run in range(args.runs + 1)]
        os.sync()
        for run in range(args.runs + 1):  # run 0 warms the OS file cache, not counted
            parts = []
            for mode, mode_env in modes.items():
                run_env = {**mode_env, **homes[run]}
                paint_env = {**run_env, "STINT_EXIT_AFTER_FIRST_PAINT": "1"}
                timed = {
                    "bare": lambda env=run_env: time_to_line(
                        [sys.executable, "-c", BARE_WINDOW], env, "first-paint"),
                    "stint": lambda env=paint_env: time_to_line(
                        [sys.executable, "-m", "desktop"], env, "first-paint"),
                }
                if mode == CACHED:  # for reference: what the bare window would gain
                    timed[BARE_SPARING_SUPPORT] = lambda env=run_env: time_to_line(
                        [sys.executable, "-c", BARE_WINDOW_SPARING_SUPPORT], env,
                        "first-paint")
                # Back to back, each first in turn: none always follows another.
                names = list(timed)
                order = names[run % len(names):] + names[:run % len(names)]
                seconds = {name: timed[name]() for name in order}
                for name in names:
                    if run:
                        starts.setdefault((mode, name), []).append(seconds[name])
                parts.append(f"{mode}: " + ", ".join(
                    f"{name} {seconds[name] * 1000:.0f} ms" for name in names))
            print(f"run {run}: " + "; ".join(parts) + ("" if run else " (warm-up)"), flush=True)
        # The loads last: each keeps both cores busy for seconds (the catalog's child), which
        # the next start timed would have followed.
        tree, search = [], []
        load_env = {**next(iter(modes.values())), "STINT_REPORT_STARTUP": "1"}
        for run in range(1, min(args.runs, 5) + 1):
            tree_s, search_s = time_to_lines(
                [sys.executable, "-m", "desktop"], {**load_env, **homes[run]},
                ["tree-loaded", "search-ready"],
            )
            tree.append(tree_s)
            search.append(search_s)
            print(f"load {run}: tree {tree_s * 1000:.0f} ms, search {search_s * 1000:.0f} ms",
                  flush=True)
    print(f"\n{args.count:,} cached items, platform {args.platform}, median of {args.runs} runs:")
    for mode in modes:
        bare, stint = starts[mode, "bare"], starts[mode, "stint"]
        bare_m, stint_m = statistics.median(bare), statistics.median(stint)
        ratios = sorted(s / b for s, b in zip(stint, bare, strict=True))
        print(f"  {mode}:")
        print(f"    bare PySide6 window, first paint   {bare_m * 1000:7.0f} ms")
        print(f"    Stint, first paint                 {stint_m * 1000:7.0f} ms  "
              f"({stint_m / bare_m:.2f}x the bare window; target <= 1.3x)")
        # Both are timed back to back in each run; the spread shows how noisy the machine was.
        print(f"    per-run ratios: min {ratios[0]:.2f}, median {statistics.median(ratios):.2f}, "
              f"max {ratios[-1]:.2f}")
        if (mode, BARE_SPARING_SUPPORT) in starts:
            kept_m = statistics.median(starts[mode, BARE_SPARING_SUPPORT])
            print(f"    for reference, a bare window that also spared PySide's support modules' "
                  f"work (as Stint does): {kept_m * 1000:.0f} ms; Stint is {stint_m / kept_m:.2f}x that")
    print(f"  Stint, whole tree loaded           {statistics.median(tree) * 1000:7.0f} ms"
          f"  (median of {len(tree)})")
    print(f"  Stint, search over all tasks ready {statistics.median(search) * 1000:7.0f} ms")
    print(f"load average: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")


if __name__ == "__main__":
    main()
