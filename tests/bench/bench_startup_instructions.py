"""Cold start to the first paint counted in CPU instructions (valgrind's callgrind), Stint
against a bare PySide6 window: the same comparison as bench_ui_startup.py without the noise of
a shared machine, for telling whether a change to the start-up path helped.

Instructions are not time (file reads, page faults and dynamic linking cost time but few
instructions), so quote bench_ui_startup.py for the target; use this one to compare commits.

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

from bench_ui_startup import BARE_WINDOW  # noqa: E402
from ui_profile import copy_profile, large_profile  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
TARGET_RATIO = 1.3  # issue 12: cold start at most 1.3x a bare window, in instructions and time


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
                   PYTHONPYCACHEPREFIX=str(Path(folder) / "pycache"))
        stint_env = {**env, "STINT_EXIT_AFTER_FIRST_PAINT": "1"}
        figures = {}
        for run in range(2):  # the first fills the bytecode cache; the second is counted
            profile = copy_profile(source, Path(folder) / f"p{run}")
            figures["bare"] = instructions([sys.executable, "-c", BARE_WINDOW], env)
            figures["stint"] = instructions(
                [sys.executable, "-m", "desktop", "--profile", str(profile)], stint_env
            )
    bare, stint = figures["bare"], figures["stint"]
    print(f"{args.count:,} cached items, offscreen, cached bytecode, start to exit after the first paint:")
    print(f"  bare PySide6 window  {bare / 1e6:8.0f} M instructions")
    print(f"  Stint                {stint / 1e6:8.0f} M instructions ({stint / bare:.2f}x; "
          f"target <= {TARGET_RATIO}x)")


if __name__ == "__main__":
    main()
