"""Resident memory of the real app with 5,000, 50,000 and 200,000 cached items (targets: <= 80 MB
with 5,000, <= 150 MB with 200,000), and its peak while the task catalog is rebuilt, as after
a sync that changed items (the old catalog serves until the new one is in).

For each count: starts `python -m desktop --profile P` (hidden in the tray, a timer running) on a
copy of the profile, waits until the search is ready and the resident size has settled (the
engine loads meanwhile), reads VmRSS; the app then reloads its catalog once
(STINT_RELOAD_TASKS_AFTER), and once that is in and settled the bench reads VmRSS again and
VmHWM (the peak since start, the reload included). Last, the app is launched a second time,
which opens the running app's window (as a click on the tray icon does), and VmRSS is read
once more: the pages are built when first seen (desktop.ui.deferred_pages), so this is the
window with its Timesheet page. A bare PySide6 window is measured the same way, for
comparison.

The profile is the one every user with cached items has: items come from a sync, so a sign-in
was made and noted as kept in the system keyring, and the last sync finished a minute ago (the
next is due after the sync interval; the org's address here answers nothing, as when offline).
Such an app loads neither the keyring nor the Salesforce client: it reads the link from the
store and runs each sync in a process of its own. For reference the bench also measures the
first start of a profile never linked (5,000 and 200,000 items put straight in its store, which
no user's profile has): that app asks whether the system keyring could keep a sign-in, in a
child process on Linux (in the app, ~13 MB of keyring, Secret Service and cryptography modules,
until the round that moved it). See the README, "Where the memory goes". The bench then measures a connected app after real syncs, its first full sync
of the large sandbox org and a few incremental ones (bench_memory_connected.py: needs the e2e
desktop tools; --connected-syncs 0 skips it).

Run: .venv/bin/python tests/bench/bench_memory.py [--counts 5000,50000,200000] [--platform P]
     [--connected-syncs 3] [--desktop]
--desktop runs everything on a real X server with a tray host and a keyring (Xvfb, trayer,
gnome-keyring: tests/support/desktop_session.py), as on a Linux desktop: the xcb platform
plugin and the tray icon's window weigh ~3.5 MB more than offscreen, in a bare window too.
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

from bench_idle import memory_mb  # noqa: E402
from ui_profile import copy_profile, large_profile  # noqa: E402

from desktop.domain.synclog import RunOutcome  # noqa: E402
from desktop.engine.link import USER_ID_KEY, remember_keyring  # noqa: E402
from desktop.platform.paths import ProfilePaths  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.store.sync_state_repo import INSTANCE_URL_KEY  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
TARGETS_MB = {5_000: 80, 200_000: 150}
SETTLE_SECONDS = 5  # at least; then until the resident size stays within 1 MB for 3 s
RELOAD_AFTER_SECONDS = 40  # after the first settling (35 s at most)
BARE_WINDOW = (
    "import sys; from PySide6.QtWidgets import QApplication, QWidget; "
    "app = QApplication(sys.argv); w = QWidget(); w.show(); app.processEvents(); "
    "print('shown', flush=True); app.exec()"
)


_SESSION_ENV: dict[str, str] = {}  # the desktop session's (--desktop), else nothing


def _environment(platform: str) -> dict[str, str]:
    env = {**os.environ, **_SESSION_ENV, "QT_QPA_PLATFORM": platform, "PYTHONPATH": str(REPO)}
    env.pop("STINT_HOME", None)
    return env


def _wait_for(process: subprocess.Popen, prefix: str) -> None:
    for line in process.stdout:  # type: ignore[union-attr]
        if line.startswith(prefix):
            return
    raise RuntimeError(f"no {prefix!r} line: " + process.stderr.read()[-2000:])  # type: ignore[union-attr]


def settled_mb(pid: int) -> dict[str, float]:
    time.sleep(SETTLE_SECONDS)
    readings = [memory_mb(pid)]
    while len(readings) < 60:  # 30 s at most
        time.sleep(0.5)
        readings.append(memory_mb(pid))
        recent = [reading["VmRSS"] for reading in readings[-7:]]
        if len(recent) == 7 and max(recent) - min(recent) <= 1:
            break
    return readings[-1]


def bare_window_mb(platform: str) -> float:
    process = subprocess.Popen([sys.executable, "-c", BARE_WINDOW], env=_environment(platform),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(process, "shown")
        return settled_mb(process.pid)["VmRSS"]
    finally:
        process.terminate()
        process.wait(30)


def note_synced(store: Store) -> None:
    """The profile as a sync leaves it: linked to an org (whose address answers nothing here),
    the sign-in kept in the system keyring, the last sync a minute ago."""
    now = datetime.now(UTC)
    store.sync_state.set_value(USER_ID_KEY, "005000000000000001")
    store.sync_state.set_value(INSTANCE_URL_KEY, "https://127.0.0.1:9")
    remember_keyring(store, persistent=True, problem=None)
    run = store.sync_log.start_run(now - timedelta(minutes=1), "incremental")
    store.sync_log.finish_run(run, now, RunOutcome.SUCCEEDED)


def app_mb(count: int, platform: str, synced: bool = True) -> tuple[float, float, float, float]:
    """(RSS once searchable, RSS after a catalog reload, peak, RSS once its window was opened)
    in MB."""
    with tempfile.TemporaryDirectory() as folder:
        profile = copy_profile(large_profile(count), Path(folder) / "profile")
        with Store.open(ProfilePaths.resolve(profile).db_path) as store:
            task = store.items.all()[1].id
            store.entries.start_timer(task, datetime.now(UTC) - timedelta(minutes=42))
            if synced:
                note_synced(store)
        env = {**_environment(platform), "STINT_REPORT_STARTUP": "1", "STINT_START_HIDDEN": "1",
               "STINT_RELOAD_TASKS_AFTER": str(RELOAD_AFTER_SECONDS)}
        process = subprocess.Popen([sys.executable, "-m", "desktop", "--profile", str(profile)],
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        try:
            _wait_for(process, "search-ready")
            ready = settled_mb(process.pid)["VmRSS"]  # before the reload starts
            _wait_for(process, "search-ready")  # the reloaded catalog is in
            after = settled_mb(process.pid)
            # Launched again, as from the menu: the running app opens its window (and builds
            # the page it shows; the others wait until seen: desktop.ui.deferred_pages).
            subprocess.run([sys.executable, "-m", "desktop", "--profile", str(profile)],
                           env=env, capture_output=True, timeout=60, check=True)
            opened = settled_mb(process.pid)
            return ready, after["VmRSS"], after["VmHWM"], opened["VmRSS"]
        finally:
            process.terminate()
            process.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--counts", default="5000,50000,200000")
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--connected-syncs", type=int, default=3,
                        help="incremental syncs of the connected app measured (0: not measured)")
    parser.add_argument("--desktop", action="store_true",
                        help="on Xvfb with a tray host and a keyring (platform xcb)")
    args = parser.parse_args()
    if args.desktop:
        sys.path.insert(0, str(REPO))
        from tests.support.desktop_session import DesktopSession

        with DesktopSession() as session:
            _SESSION_ENV.update(session.env)
            args.platform = "xcb"
            measure(args)
    else:
        measure(args)


def measure(args: argparse.Namespace) -> None:
    counts = [int(count) for count in args.counts.split(",")]
    print(f"load at start: {_load()}")
    print(f"platform {args.platform}; a bare PySide6 window: RSS "
          f"{bare_window_mb(args.platform):.0f} MB")
    print("In the tray (hidden, as started at log-in) until 'window opened': then shown once.")
    print(f"{'cached items':>12}  {'RSS ready':>9}  {'after reload':>12}  {'peak':>6}  "
          f"{'window opened':>13}  target (in the tray)")
    for count in counts:
        ready, after, peak, opened = app_mb(count, args.platform)
        target = TARGETS_MB.get(count)
        verdict = "-" if target is None else (
            f"<= {target} MB: {'met' if max(ready, after) <= target else 'NOT met'}")
        print(f"{count:>12,}  {ready:>6.0f} MB  {after:>9.0f} MB  {peak:>3.0f} MB  "
              f"{opened:>10.0f} MB  {verdict}", flush=True)
    never_linked = [count for count in counts if count in TARGETS_MB]
    for count in never_linked:
        ready, after, peak, opened = app_mb(count, args.platform, synced=False)
        print(f"{count:>12,}  {ready:>6.0f} MB  {after:>9.0f} MB  {peak:>3.0f} MB  "
              f"{opened:>10.0f} MB  never linked (keyring checked in a child; no user's profile)",
              flush=True)
    print(f"load at the end: {_load()}", flush=True)
    if args.connected_syncs > 0:
        from bench_memory_connected import report

        report(args.connected_syncs)


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    main()
