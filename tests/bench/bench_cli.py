"""The command line's start-up: each fast command against `python -c pass`, on a large profile
(200,000 cached items, four weeks of entries and a running timer: tests/bench/ui_profile.py).

Run: .venv/bin/python tests/bench/bench_cli.py [--runs N] [--count N]
Each run is a new `stint` process (the venv's console script, as a user runs it), timed from
spawning it to its exit, with its peak resident memory (the kernel's ru_maxrss for that
child). Runs alternate with `python -c pass` so both see the same machine load; medians and
the ratio to the bare interpreter are printed, with the load average (other work on the
machine slows both). Bytecode is cached in a private PYTHONPYCACHEPREFIX, filled by a
warm-up run, as an installed package has it. The warm-up's first search fills the search
table (once per profile, after a first sync; its time is printed). Targets (issue 16):
status --json, start, stop <= 0.15 s median and <= 30 MB peak; tasks --search <= 0.3 s.
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

STINT = Path(sys.executable).with_name("stint")


def timed(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in KiB) of one run; fails loudly if the command does."""
    began = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    took = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {error}")
    return took, usage.ru_maxrss


def commands(profile: Path, task_id: str) -> dict[str, list[list[str]]]:
    """Each benchmark's command lines, used in turn (start and stop alternate)."""
    stint = [str(STINT), "--profile", str(profile)]
    return {
        "status --json": [[*stint, "status", "--json"]],
        "status --line": [[*stint, "status", "--line"]],
        "start ID / stop": [[*stint, "start", task_id], [*stint, "stop"]],
        "entries": [[*stint, "entries"]],
        "report": [[*stint, "report"]],
        "settings": [[*stint, "settings"]],
        "tasks --search 'acme renewal'": [[*stint, "tasks", "--search", "acme renewal"]],
        "tasks --search acme": [[*stint, "tasks", "--search", "acme"]],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--count", type=int, default=200_000)
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="stint-bench-cli-"))
    profile = copy_profile(large_profile(options.count), work / "profile")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "STINT_HOME")}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    bare = [sys.executable, "-c", "pass"]
    # Warm-up: caches the bytecode and migrates the copied store to this version's schema;
    # the first search fills the search table (store/search_table.py), once per profile.
    timed([str(STINT), "--profile", str(profile), "status"], env)
    began = time.perf_counter()
    task_id = _a_task(profile, env)
    print(f"first search (fills the search table): {time.perf_counter() - began:.1f} s")

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'command':<32}{'median':>9}{'python -c pass':>16}{'ratio':>7}{'peak RSS':>10}")
    for name, lines in commands(profile, task_id).items():
        walls, baseline, peaks = [], [], []
        for run in range(options.runs):
            base_wall, _ = timed(bare, env)
            wall, peak = timed(lines[run % len(lines)], env)
            baseline.append(base_wall)
            walls.append(wall)
            peaks.append(peak)
        median, base = statistics.median(walls), statistics.median(baseline)
        print(f"{name:<32}{median * 1000:>7.0f}ms{base * 1000:>14.0f}ms{median / base:>7.1f}"
              f"{max(peaks) / 1024:>8.1f}MB")
    _write_back_on(profile)
    walls, baseline, peaks = [], [], []
    for run in range(max(3, options.runs // 3)):
        base_wall, _ = timed(bare, env)
        wall, peak = timed(commands(profile, task_id)["start ID / stop"][run % 2], env)
        baseline.append(base_wall)
        walls.append(wall)
        peaks.append(peak)
        time.sleep(2)  # let the background push end (it fails: this profile has no sign-in)
    median, base = statistics.median(walls), statistics.median(baseline)
    name = "start/stop, write-back on"
    print(f"{name:<32}{median * 1000:>7.0f}ms{base * 1000:>14.0f}ms{median / base:>7.1f}"
          f"{max(peaks) / 1024:>8.1f}MB  (each hands a push to the background)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _write_back_on(profile: Path) -> None:
    """Write-back on and a linked user whose sign-in is in the system keyring, as the store
    says: `start` and `stop` then start a background `stint push` each."""
    from desktop.engine import Engine
    from desktop.engine.link import USER_ID_KEY, remember_keyring

    with Engine.open(profile, policy={}, log_to_file=False) as engine:
        engine.settings.update(writeback="event", writeback_short_entries=True)
        with engine.store.transaction():
            engine.store.sync_state.set_value(USER_ID_KEY, "005000000000001AAA")
            remember_keyring(engine.store, persistent=True, problem=None)


def _a_task(profile: Path, env: dict[str, str]) -> str:
    """An opportunity's Id (the command output's first column)."""
    found = subprocess.run([str(STINT), "--profile", str(profile), "tasks", "--search", "acme",
                            "--limit", "1"], env=env, capture_output=True, text=True, check=True)
    return found.stdout.split()[0]


if __name__ == "__main__":
    main()
