"""Resident memory of a connected app, as users run it all day: the real app (`python -m
desktop`, window shown, real keyring) signed in to the large sandbox org (101,208 items), read
once its first full sync and the task catalog built from it have settled, then after each of a
few incremental syncs that each bring some renamed opportunities (the catalog reloads). Target:
the issue's 150 MB for 200,000 cached items, so a connected app with half of them stays under it.

The app runs each sync in a child process that exits when the run ends (desktop.engine.
sync_process), and has another build the task catalog after it (desktop.services.
catalog_process): the figures are the app's own, and the bench also reports the largest
resident size each kind of child reached (while one runs, the machine holds both).

The sandbox serves from this process (its records are renamed through its REST API between the
syncs); the app runs in a throwaway desktop session (Xvfb, D-Bus, gnome-keyring, trayer:
tests/support/desktop_session.py), signed in with `stint connect` as a user would, and each
incremental sync is a Ctrl+R (Force synchronization) pressed into its window.

Run: .venv/bin/python tests/bench/bench_memory_connected.py [--syncs 3]
(bench_memory.py runs it too, after the unlinked figures.)
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).parent))

from bench_idle import memory_mb  # noqa: E402

TARGET_MB = 150
RENAMED_PER_SYNC = 200
FIRST_SYNC_TIMEOUT = 600.0
SETTLE_SECONDS = 15  # at least (the catalog's freed memory is handed back after it is in)


def settled_mb(pid: int) -> dict[str, float]:
    """VmRSS/VmHWM (and resident_parts_mb) once the resident size stays within 1 MB for 5 s
    (60 s at most)."""
    time.sleep(SETTLE_SECONDS)
    readings = [memory_mb(pid)]
    while len(readings) < 120:
        time.sleep(0.5)
        readings.append(memory_mb(pid))
        recent = [reading["VmRSS"] for reading in readings[-11:]]
        if len(recent) == 11 and max(recent) - min(recent) <= 1:
            break
    return {**readings[-1], **resident_parts_mb(pid)}


def resident_parts_mb(pid: int) -> dict[str, float]:
    """Where the resident pages are (/proc/PID/smaps): the main malloc heap, anonymous mappings
    (Python's 1 MB object arenas, big blocks malloc maps on their own, thread arenas), files."""
    parts = {"heap": 0.0, "anonymous": 0.0, "files": 0.0}
    kind = "anonymous"
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        fields = line.split()
        if not fields[0].endswith(":"):  # a mapping's header: range, perms, offset, dev, inode[, path]
            path = fields[5] if len(fields) > 5 else ""
            kind = "heap" if path == "[heap]" else "files" if path.startswith("/") else "anonymous"
        elif fields[0] == "Rss:":
            parts[kind] += int(fields[1]) / 1024
    return parts


class ChildWatch:
    """The largest resident size the children of `pid` reach, by kind (the app's sync
    processes, `_sync-run`, and those that build its task catalog, `_catalog-build`),
    sampled every 0.1 s on a thread of its own."""

    KINDS = {"_sync-run": "child", "_catalog-build": "catalog child"}

    def __init__(self, pid: int) -> None:
        self._pid = pid
        self.peaks_mb: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def take_peaks(self) -> dict[str, float]:
        peaks, self.peaks_mb = self.peaks_mb, {}
        return peaks

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)

    def _watch(self) -> None:
        while not self._stop.wait(0.1):
            for child in self._children():
                with contextlib.suppress(OSError, KeyError, ValueError):  # it ended meanwhile
                    words = Path(f"/proc/{child}/cmdline").read_bytes().decode().split("\0")
                    kind = next((self.KINDS[w] for w in words if w in self.KINDS), "other child")
                    rss = memory_mb(child)["VmRSS"]
                    self.peaks_mb[kind] = max(self.peaks_mb.get(kind, 0.0), rss)

    def _children(self) -> list[int]:
        found: list[int] = []
        for task in Path(f"/proc/{self._pid}/task").glob("*"):
            with contextlib.suppress(OSError):
                found += [int(word) for word in (task / "children").read_text().split()]
        return found


def rename_opportunities(sandbox, round_number: int) -> None:  # noqa: ANN001
    """Rename RENAMED_PER_SYNC open opportunities through the REST API (a colleague's edits)."""
    salesforce = sandbox.salesforce()
    records = salesforce.query(
        f"SELECT Id FROM Opportunity WHERE IsClosed = false ORDER BY Id LIMIT {RENAMED_PER_SYNC}"
    )["records"]
    for number, record in enumerate(records):
        salesforce.Opportunity.update(record["Id"], {"Name": f"Renewal wave {round_number} #{number}"})


def measure(syncs: int) -> list[tuple[str, dict[str, float]]]:
    """[(moment, {VmRSS, VmHWM})] for the first full sync and each incremental one."""
    from desktop.sandbox.harness import start_sandbox
    from tests.e2e.app_driver import StintDriver
    from tests.support.desktop_session import DesktopSession, missing_tools

    missing = missing_tools()
    if missing:
        raise SystemExit(f"needs the e2e desktop tools; not installed: {', '.join(missing)}")
    readings: list[tuple[str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory(prefix="stint-memory-") as folder, \
            start_sandbox(size="large") as sandbox, \
            DesktopSession(Path(folder) / "desktop") as session:
        stint = StintDriver(session, sandbox, Path(folder))
        stint.connect_with_cli()
        stint.launch()
        children = ChildWatch(stint.app.pid)
        last = stint.wait_for_sync_after(None, timeout=FIRST_SYNC_TIMEOUT)
        if last["outcome"] != "succeeded":
            raise SystemExit(f"the first sync did not succeed: {last}")
        stint.wait_until_searchable(count=2, timeout=120)  # the empty tree, then the synced one
        readings.append(("after the first full sync",
                         {**settled_mb(stint.app.pid), **children.take_peaks()}))
        print(f"  {readings[-1][0]}: {_line(readings[-1][1])}", flush=True)
        for number in range(1, syncs + 1):
            rename_opportunities(sandbox, number)
            pressed = time.monotonic()
            stint.keys("ctrl+r")
            last = stint.wait_for_sync_after(last["id"], timeout=120)
            took = time.monotonic() - pressed
            if last["outcome"] != "succeeded":
                raise SystemExit(f"incremental sync {number} did not succeed: {last}")
            stint.wait_until_searchable(count=2 + number, timeout=120)
            readings.append((f"after incremental sync {number}",
                             {**settled_mb(stint.app.pid), **children.take_peaks()}))
            print(f"  {readings[-1][0]}: {_line(readings[-1][1])}; Ctrl+R to the run "
                  f"recorded {took:.1f} s", flush=True)
        children.stop()
        problems = stint.unexpected_output()
        if problems:
            print("  the app reported problems:\n    " + "\n    ".join(problems))
    return readings


def _line(reading: dict[str, float]) -> str:
    child = reading.get("child", 0.0)
    return (f"RSS {reading['VmRSS']:.0f} MB (peak so far {reading['VmHWM']:.0f} MB): heap "
            f"{reading['heap']:.0f}, other anonymous {reading['anonymous']:.0f}, "
            f"files {reading['files']:.0f} MB; the sync process reached "
            f"{f'{child:.0f} MB' if child else 'no sample (it ran in the app?)'}, the catalog "
            f"process {reading.get('catalog child', 0.0):.0f} MB")


def report(syncs: int) -> None:
    print(f"connected app, large sandbox org (101,208 items), window shown; load at start: "
          f"{_load()}", flush=True)
    readings = measure(syncs)
    worst = max(reading["VmRSS"] for _, reading in readings)
    verdict = "met" if worst <= TARGET_MB else "NOT met"
    print(f"connected app: highest settled RSS {worst:.0f} MB, target <= {TARGET_MB} MB: {verdict}; "
          f"load at the end: {_load()}")


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--syncs", type=int, default=3, help="incremental syncs after the first")
    report(parser.parse_args().syncs)


if __name__ == "__main__":
    main()
