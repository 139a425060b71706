"""The README's French screenshot, from a real run: the app under Xvfb (with trayer and a
keyring, as the e2e tests run it) on a profile synced from the built-in demo org, with the
`language` setting "fr", a week of entries and a timer running, showing today's timesheet.

    .venv/bin/python -m tests.e2e.make_french_screenshot docs/screenshots/french.png [DIR] [LANG]

With DIR, the other pages are saved there too (sync.png, settings-general.png,
settings-salesforce.png), to look at them in French; LANG "en" makes the same run in English
(the README's Sync and Settings screenshots).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from desktop.domain.entries import TimeEntry
from desktop.sandbox.harness import start_sandbox
from desktop.store.store import Store
from tests.e2e.app_driver import StintDriver
from tests.support.desktop_session import DesktopSession

# Today's work before the running timer: (minutes from its start, length, note, billable).
DAY = ((0, 50, "Relance du devis", True), (55, 30, "", False), (90, 75, "Atelier client", True),
       (170, 25, "Notes de l’appel", True), (200, 60, "", False))


def add_todays_entries(stint: StintDriver) -> None:
    """Entries from about five hours ago until a few minutes ago, on the demo org's tasks."""
    tasks = [t["id"] for t in stint.tasks() if t["kind"] in ("opportunity", "case")][:5]
    start = (datetime.now().astimezone() - timedelta(minutes=275)).replace(second=0,
                                                                         microsecond=0)
    store = Store.open(stint.profile / "data" / "stint.sqlite3")
    try:
        for index, (offset, length, note, billable) in enumerate(DAY):
            begin = start + timedelta(minutes=offset)
            store.entries.add(TimeEntry(start=begin, end=begin + timedelta(minutes=length),
                                        item_id=tasks[index] if index != 1 else None,
                                        note=note, billable=billable))
    finally:
        store.close()


def save_window(stint: StintDriver, name: str, target: Path | str) -> None:
    """The main window, cropped from a screenshot of the whole screen."""
    window = stint.main_window()
    shot = stint.screenshot(name)
    subprocess.run(
        ["convert", str(shot), "-crop",
         f"{window.width}x{window.height}+{window.x}+{window.y}", "+repage", str(target)],
        check=True,
    )


def main(target: str, pages_dir: str | None = None, language: str = "fr") -> int:
    with tempfile.TemporaryDirectory(prefix="stint-shot-") as work:
        workdir = Path(work)
        sandbox = start_sandbox(size="demo", seed=1)
        try:
            with DesktopSession(workdir / "desktop") as session:
                stint = StintDriver(session, sandbox, workdir)
                stint.connect_with_cli()
                stint.cli("sync")
                add_todays_entries(stint)
                stint.cli("settings", "set", "language", language)
                task = next(t for t in stint.tasks() if t["kind"] == "activity")
                stint.cli("start", task["id"], "--note", "Préparer la démonstration")
                stint.launch()
                stint.wait_until_searchable()
                stint.wait_until_connected()
                stint.wait_for_log(f"interface language: {language}", timeout=1)
                stint.keys("ctrl+1")  # the Timesheet: today, the timer running
                save_window(stint, "french-full", target)
                if pages_dir is not None:
                    pages = Path(pages_dir)
                    pages.mkdir(parents=True, exist_ok=True)
                    stint.keys("ctrl+3")
                    save_window(stint, "french-sync", pages / "sync.png")
                    stint.keys("ctrl+comma")  # Settings, General
                    save_window(stint, "french-general", pages / "settings-general.png")
                    window = stint.main_window()  # the Salesforce section's tab, by its place
                    stint.click(window.x + 120, window.y + 212)
                    save_window(stint, "french-salesforce", pages / "settings-salesforce.png")
                stint.app.stop(3)
        finally:
            sandbox.stop()
    print(f"saved {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "french.png",
                          sys.argv[2] if len(sys.argv) > 2 else None,
                          sys.argv[3] if len(sys.argv) > 3 else "fr"))
