"""Cold start to the first paint counted in CPU instructions (valgrind's callgrind), Stint
against a bare PySide6 window: the same comparison as bench_ui_startup.py without the noise of
a shared machine, for telling whether a change to the start-up path helped.

Instructions are not time (file reads, page faults and dynamic linking cost time but few
instructions), so quote bench_ui_startup.py for the target; use this one to compare commits.

Two counts each: start to exit (each quits normally after its first paint; the figure quoted
so far), and start to the first paint alone (each process ends right there, as
bench_ui_startup.py times it). They differ because exiting costs the bare window ~34 M
instructions (Python's and Qt's teardown) and Stint ~14 M: the first count flatters Stint.

Run: /work/venv/bin/python tests/bench/bench_startup_instructions.py [--count N]
(needs valgrind: apt-get install valgrind; each run takes ~15 s under it)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_ui_startup import (  # noqa: E402
    BARE_WINDOW,
    SPARING_SUPPORT,
    default_profile_home,
)
from ui_profile import large_profile  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
TARGET_RATIO = 1.3  # issue 12: cold start at most 1.3x a bare window, in instructions and time
# The bare window ending its process as soon as it has painted, as Stint does with
# STINT_EXIT_AFTER_FIRST_PAINT=now.
BARE_WINDOW_ENDS_AT_PAINT = BARE_WINDOW.replace(
    "sys.stdout.flush(); app.quit()", "sys.stdout.flush(); import os; os._exit(0)")
assert BARE_WINDOW_ENDS_AT_PAINT != BARE_WINDOW, "bench_ui_startup.BARE_WINDOW changed"


def instructions(args: list[str], env: dict[str, str]) -> int:
    """Instructions the process executed from start to exit (it exits after its first paint)."""
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *args],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    found = re.search(r"refs:\s+([\d,]+)", result.stderr)
    if result.returncode != 0 or found is None:
        raise RuntimeError(f"{args} under callgrind failed: {result.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    source = large_profile(args.count)
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "STINT_HOME")}
        env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO),
                   PYTHONPYCACHEPREFIX=str(Path(folder) / "pycache"),
                   XDG_CACHE_HOME=str(Path(folder) / "cache"))  # PySide's support code too
        figures = {}
        for run in range(2):  # the first fills the bytecode cache; the second is counted
            for exit_mode, bare_code in (("1", BARE_WINDOW), ("now", BARE_WINDOW_ENDS_AT_PAINT)):
                # Stint on the default profile, as users start it (see bench_ui_startup.py)
                home = default_profile_home(source, Path(folder) / f"home{run}{exit_mode}")
                figures["bare", exit_mode] = instructions([sys.executable, "-c", bare_code],
                                                          {**env, **home})
                figures["bare sparing", exit_mode] = instructions(  # for reference
                    [sys.executable, "-c", SPARING_SUPPORT + bare_code], {**env, **home})
                figures["stint", exit_mode] = instructions(
                    [sys.executable, "-m", "desktop"],
                    {**env, **home, "STINT_EXIT_AFTER_FIRST_PAINT": exit_mode},
                )
    print(f"{args.count:,} cached items, offscreen, cached bytecode:")
    for exit_mode, what in (("1", "start to exit after the first paint"),
                            ("now", "start to the first paint alone")):
        bare, stint = figures["bare", exit_mode], figures["stint", exit_mode]
        print(f"  {what}:")
        print(f"    bare PySide6 window  {bare / 1e6:8.0f} M instructions")
        print(f"    Stint                {stint / 1e6:8.0f} M instructions ({stint / bare:.2f}x; "
              f"target <= {TARGET_RATIO}x)")
        spared = figures["bare sparing", exit_mode]
        print(f"    for reference, a bare window that also spared PySide's support modules' work "
              f"(as Stint does): {spared / 1e6:.0f} M; Stint is {stint / spared:.2f}x that")


if __name__ == "__main__":
    main()
