"""CPU use while a timer runs and the window is hidden (target: < 1 % of a core), and the
resident memory with the large cache; the same with the window shown, for comparison.

Starts the real app (`python -m desktop --profile P`) on a copy of the 200,000-item profile
with a running timer, waits until the tree and search index are loaded, lets it settle, then
reads the process's CPU time (/proc/PID/stat utime + stime, all threads) over the interval.

Run: /work/venv/bin/python tests/bench/bench_idle.py [--seconds 60] [--count N]

Idle detection polls only under a real display: run it under X (`xvfb-run -a ... --platform
xcb`) to include it, and with `--idle-threshold-seconds 1` to measure its busiest state (the
user away: one idle reading a second, waiting for the return).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from ui_profile import copy_profile, large_profile  # noqa: E402

from desktop.platform.paths import ProfilePaths  # noqa: E402
from desktop.store import Store  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14, 15)


def memory_mb(pid: int) -> dict[str, float]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0]) / 1024
    return values


def measure(profile: Path, hidden: bool, seconds: float, platform: str,
            idle_threshold: float | None = None) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": platform, "PYTHONPATH": str(REPO),
           "STINT_REPORT_STARTUP": "1"}
    if idle_threshold is not None:
        env["STINT_IDLE_THRESHOLD_SECONDS"] = str(idle_threshold)
    env.pop("STINT_HOME", None)
    if hidden:
        env["STINT_START_HIDDEN"] = "1"
    process = subprocess.Popen([sys.executable, "-m", "desktop", "--profile", str(profile)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for line in process.stdout:
            if line.startswith("search-ready"):
                break
        else:
            raise RuntimeError(process.stderr.read()[-2000:])
        time.sleep(5)  # let the loading threads finish and the heap settle
        memory = memory_mb(process.pid)
        before, began = cpu_seconds(process.pid), time.monotonic()
        time.sleep(seconds)
        used = cpu_seconds(process.pid) - before
        elapsed = time.monotonic() - began
        state = "hidden" if hidden else "shown "
        print(f"window {state}, timer running, {elapsed:.0f} s: CPU {used:.2f} s = "
              f"{100 * used / elapsed:.2f} % of a core; RSS {memory['VmRSS']:.0f} MB "
              f"(peak {memory['VmHWM']:.0f} MB)")
    finally:
        process.terminate()
        process.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--idle-threshold-seconds", type=float, default=None,
                        help="idle detection's threshold (default: the setting, 5 minutes)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        profile = copy_profile(large_profile(args.count), Path(folder) / "profile")
        paths = ProfilePaths.resolve(profile)
        with Store.open(paths.db_path) as store:
            task = store.items.all()[1].id
            store.entries.start_timer(task, datetime.now(UTC) - timedelta(minutes=42))
        threshold = args.idle_threshold_seconds
        print(f"{args.count:,} cached items, platform {args.platform}, idle threshold "
              f"{'the setting' if threshold is None else f'{threshold:g} s'}")
        measure(profile, hidden=True, seconds=args.seconds, platform=args.platform,
                idle_threshold=args.idle_threshold_seconds)
        measure(profile, hidden=False, seconds=min(args.seconds, 20), platform=args.platform,
                idle_threshold=args.idle_threshold_seconds)
    print("target: < 1 % of a core with the window hidden")


if __name__ == "__main__":
    main()
