"""The longest GUI-thread stall during a full sync of a large org (target: <= 50 ms).

The sandbox org ("large": 50,000 opportunities, 50,000 cases, 100,000 tasks) runs in its
own process, as Salesforce would. The real app (StintApp, offscreen, window shown) connects
to it and runs its first, full sync, then reloads the task tree and search index; from the
sync's start a 5 ms QTimer on the GUI thread records how late each tick comes. A stall is the
delay beyond the tick's interval: the time the GUI could not react to input.

The app here is signed in the way the demo is (secrets handed to the engine, in memory), so the
sync runs on the app's own worker threads: what a sign-in kept for this session only (no
usable keyring) does, and Windows and macOS. With the sign-in in the keyring, on Linux, the
sync runs in a process of its own and the app's GUI thread only reloads the task catalog
afterwards (desktop.engine.sync_process).

Run: /work/venv/bin/python tests/bench/bench_gui_stall.py [--size large] [--latency salesforce]
(--latency: the sandbox answers as slowly as Salesforce, see desktop/sandbox/latency.py; the
sync then fetches several pages at once while the GUI thread runs)
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
TICK_MS = 5


class ExternalOrg:
    """Connects the app to a sandbox served by another process (the DemoEnvironment shape)."""

    def __init__(self, details: dict, profile_dir: Path) -> None:
        from desktop.platform.secrets import MemorySecretStore

        self.details = details
        self.profile_dir = profile_dir
        self.secret_store = MemorySecretStore()

    def connect(self, engine) -> None:  # noqa: ANN001
        engine.connect_password(self.details["username"], self.details["password"],
                                self.details["security_token"],
                                login_url=self.details["login_url"],
                                ca_file=self.details["ca_file"])

    def stop(self) -> None:
        shutil.rmtree(self.profile_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="large", choices=("small", "large"))
    parser.add_argument("--latency", default="off")
    args = parser.parse_args()
    print(f"starting a {args.size} sandbox org in its own process (latency {args.latency}), "
          f"load average {os.getloadavg()[0]:.1f}…", flush=True)
    server = subprocess.Popen([sys.executable, "-m", "desktop.sandbox", "--size", args.size,
                               "--latency", args.latency],
                              stdout=subprocess.PIPE, text=True, cwd=REPO,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        details = json.loads(server.stdout.readline())
        run(details)
    finally:
        server.terminate()
        server.wait(30)


def run(details: dict) -> None:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import StintApp
    from desktop.platform.paths import ProfilePaths
    from desktop.store import Store
    from desktop.ui.single_instance import SingleInstance

    app = QApplication(sys.argv[:1])
    profile = Path(tempfile.mkdtemp(prefix="stint-stall-"))
    paths = ProfilePaths.resolve(profile).create_dirs()
    guard = SingleInstance(paths.lock_path, paths.profile_id)
    guard.acquire()
    stint = StintApp(app, paths, Store.open(paths.db_path), guard,
                     demo=ExternalOrg(details, profile), tray_available=False)

    gaps: list[float] = []
    big: list[tuple[float, float]] = []  # (seconds since start, stall ms)
    collections: list[tuple[float, float, int]] = []  # (at, ms, generation)
    collecting: dict[str, float] = {}

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            collecting["t"] = time.perf_counter()
        elif "t" in collecting:
            took = (time.perf_counter() - collecting.pop("t")) * 1000
            if took > 20:
                collections.append((time.perf_counter() - began, took, info["generation"]))

    gc.callbacks.append(on_gc)
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(TICK_MS)
    ticker.setTimerType(ticker.timerType().PreciseTimer)

    def tick() -> None:
        gap = clock.nsecsElapsed() / 1e6
        gaps.append(gap)
        if gap - TICK_MS > 50:
            big.append((time.perf_counter() - began, gap - TICK_MS))
        clock.restart()

    ticker.timeout.connect(tick)
    phases: dict[str, float] = {}
    began = time.perf_counter()
    def sync_started() -> None:
        phases.setdefault("sync started", time.perf_counter())
        if not ticker.isActive():  # measure from the sync's start, not the app's
            clock.start()
            ticker.start()

    stint.sync.sync_started.connect(sync_started)
    stint.sync.sync_finished.connect(lambda run: phases.setdefault("sync finished", time.perf_counter()))

    def loaded() -> None:
        if "sync finished" in phases and not stint.tasks.is_loading():
            phases.setdefault("tree + index loaded", time.perf_counter())
            QTimer.singleShot(500, app.quit)

    stint.tasks.tree_changed.connect(loaded)
    stint.sync.sync_failed.connect(lambda message, _a: (print("sync failed:", message), app.quit()))
    stint.start()
    app.exec()
    ticker.stop()
    stint.shutdown()

    stalls = sorted(max(0.0, gap - TICK_MS) for gap in gaps[1:])
    for name, moment in sorted(phases.items(), key=lambda pair: pair[1]):
        print(f"  {name:<22} at {moment - began:6.1f} s")
    print(f"  items in the tree: {len(stint.tasks.tree()):,}")
    print(f"GUI thread over {len(gaps):,} ticks of {TICK_MS} ms: longest stall {stalls[-1]:.0f} ms, "
          f"p99 {stalls[int(len(stalls) * 0.99)]:.1f} ms, median {statistics.median(stalls):.1f} ms, "
          f"stalls > 50 ms: {sum(1 for s in stalls if s > 50)}")
    for at, stall in big:
        print(f"    stall of {stall:.0f} ms at {at:.1f} s")
    for at, took, generation in collections:
        print(f"    garbage collection (generation {generation}) of {took:.0f} ms ending at {at:.1f} s")
    print("target: longest stall <= 50 ms")


if __name__ == "__main__":
    main()
