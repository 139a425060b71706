"""Cold start of the bundled app (installer/: PyInstaller, or any other bundle) against the
same release installed with pip in a venv, and a bare PySide6 window: wall time from
spawning each to its first painted window, on the profile bench_ui_startup.py uses (200,000
cached items, four weeks of entries, a running timer), plus each bundle's size on disk.

Run after installer/linux/build.sh (its bundle and build venv are the defaults):
    .venv/bin/python tests/bench/bench_bundle_startup.py [--runs N] [--platform xcb]
    ... --program "Nuitka=/path/to/stint.dist/stint.bin"   # more programs to compare
(--platform xcb times real X11 windows under Xvfb: `xvfb-run -a ... --platform xcb`.)
With --instructions, each program's start is counted in instructions instead (callgrind,
following the bootloader's re-exec; noise-free, for comparing bundle settings).

Each run starts every program once, in turn, as a new process (run 0 warms the OS file cache
and the venv's bytecode cache and is not counted), like bench_ui_startup.py's "cached
bytecode" case: an installed app whose files are in the page cache. Medians printed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_ui_startup import BARE_WINDOW, time_to_line  # noqa: E402
from ui_profile import copy_profile, large_profile  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "build" / "linux"


def folder_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir())


def private_copy(shared: Path, target: Path) -> Path:
    """A copy of the shared benchmark profile taken once: another benchmark may have it open
    (its -wal/-shm files come and go while it is copied), so retry a few times."""
    for attempt in range(5):
        try:
            return copy_profile(shared, target)
        except shutil.Error:
            shutil.rmtree(target, ignore_errors=True)
            time.sleep(1 + attempt)
    return copy_profile(shared, target)


def count_instructions(programs: dict, source: Path, folder: Path, env: dict[str, str]) -> None:
    counted = {}
    for label, (command, _folder) in programs.items():
        for run in range(2):  # the first fills the venv's bytecode cache; the second counts
            arguments = list(command)
            if not label.startswith("bare"):
                arguments += ["--profile", str(copy_profile(source, folder / f"i{run}-{label}"))]
            result = subprocess.run(
                ["valgrind", "--tool=callgrind", "--trace-children=yes",
                 "--callgrind-out-file=/dev/null", *arguments],
                env=env, capture_output=True, text=True, timeout=600,
            )
            refs = [int(n.replace(",", "")) for n in re.findall(r"refs:\s+([\d,]+)", result.stderr)]
            if result.returncode != 0 or not refs:
                raise RuntimeError(f"{label} under callgrind failed: {result.stderr[-2000:]}")
            counted[label] = sum(refs)  # every process of the start (the bootloader's two)
    base = counted["pip-installed (venv)"]
    print("Start to exit after the first paint, instructions (callgrind):")
    for label, count in counted.items():
        print(f"  {label:32s} {count / 1e6:6.0f} M ({count / base:.2f}x pip-installed)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--bundle", type=Path, default=BUILD / "dist" / "stint" / "stint")
    parser.add_argument("--venv", type=Path, default=BUILD / "venv",
                        help="a venv with the app installed by pip (not editable)")
    parser.add_argument("--program", action="append", default=[], metavar="LABEL=PATH",
                        help="another bundled stint executable to time")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions under callgrind instead of timing")
    args = parser.parse_args()
    venv_python = args.venv / "bin" / "python"
    programs = {  # label -> (command prefix, folder whose size is reported)
        "bare PySide6 window (venv)": ([str(venv_python), "-c", BARE_WINDOW], None),
        "pip-installed (venv)": ([str(args.venv / "bin" / "stint")], None),
        "PyInstaller bundle": ([str(args.bundle)], args.bundle.parent),
    }
    for extra in args.program:
        label, _, path = extra.partition("=")
        programs[label] = ([path], Path(path).parent)
    for label, (command, _folder) in programs.items():
        if not Path(command[0]).exists():
            sys.exit(f"{label}: {command[0]} does not exist (run installer/linux/build.sh)")

    shared = large_profile(args.count)
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "STINT_HOME", "PYTHONPATH")}
    env.update(QT_QPA_PLATFORM=args.platform, STINT_EXIT_AFTER_FIRST_PAINT="1")
    times: dict[str, list[float]] = {label: [] for label in programs}
    with tempfile.TemporaryDirectory() as folder:
        source = private_copy(shared, Path(folder) / "source")
        if args.instructions:
            count_instructions(programs, source, Path(folder), env)
            return
        for run in range(args.runs + 1):
            parts = []
            for index, (label, (command, _folder)) in enumerate(programs.items()):
                arguments = list(command)
                if not label.startswith("bare"):
                    profile = copy_profile(source, Path(folder) / f"p{run}-{index}")
                    arguments += ["--profile", str(profile)]
                seconds = time_to_line(arguments, env, "first-paint")
                if run:
                    times[label].append(seconds)
                parts.append(f"{label} {seconds * 1000:.0f} ms")
            print(f"run {run}: " + "; ".join(parts) + ("" if run else " (warm-up)"), flush=True)

    pip_median = statistics.median(times["pip-installed (venv)"])
    print(f"\n{args.count:,} cached items, platform {args.platform}, median of {args.runs} runs:")
    for label, (_command, bundle_folder) in programs.items():
        median = statistics.median(times[label])
        size = f", {folder_size(bundle_folder) / 2**20:.0f} MiB on disk" if bundle_folder else ""
        print(f"  {label:32s} first paint {median * 1000:5.0f} ms"
              f" ({median / pip_median:.2f}x pip-installed){size}")


if __name__ == "__main__":
    main()
