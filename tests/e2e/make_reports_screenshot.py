"""The README's Reports screenshot, from a real run: the app under Xvfb (with trayer and a
keyring, as the e2e tests run it) on a profile synced from the built-in demo org, with a week
of believable entries, showing this week by account.

    .venv/bin/python -m tests.e2e.make_reports_screenshot docs/screenshots/reports.png
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from desktop.domain.entries import TimeEntry
from desktop.sandbox.harness import start_sandbox
from desktop.store.store import Store
from tests.e2e.app_driver import StintDriver
from tests.support.desktop_session import DesktopSession

NOTES = ("", "", "prep", "call notes", "follow-up mail", "review", "workshop")


def add_week_of_entries(stint: StintDriver, seed: int = 7) -> None:
    """Monday to today (or a whole week on weekends), 08:30 onwards, on a dozen tasks."""
    tasks = stint.cli_json("tasks", "--limit", "1000")
    records = [t for t in tasks if t["kind"] in ("opportunity", "case")][:8]
    activities = [t for t in tasks if t["kind"] == "activity"
                  and t["parent_id"] in {r["id"] for r in records}][:6]
    pool = [t["id"] for t in records + activities]
    random_numbers = random.Random(seed)
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    last = min(today, monday + timedelta(days=4))
    store = Store.open(stint.profile / "data" / "stint.sqlite3")
    try:
        day = monday
        while day <= last:
            start = datetime.combine(day, time(8, 30)).astimezone()
            for _ in range(random_numbers.randint(4, 6)):
                length = timedelta(minutes=random_numbers.choice((20, 30, 45, 60, 90, 120)))
                item = random_numbers.choice(pool + [None]) if random_numbers.random() > 0.1 else None
                store.entries.add(TimeEntry(
                    start=start, end=start + length, item_id=item,
                    note=random_numbers.choice(NOTES), billable=random_numbers.random() < 0.65,
                ))
                start += length + timedelta(minutes=random_numbers.choice((0, 15, 30)))
            day += timedelta(days=1)
    finally:
        store.close()


def main(target: str) -> int:
    with tempfile.TemporaryDirectory(prefix="stint-shot-") as work:
        workdir = Path(work)
        sandbox = start_sandbox(size="demo", seed=1)
        try:
            with DesktopSession(workdir / "desktop") as session:
                stint = StintDriver(session, sandbox, workdir)
                stint.connect_with_cli()
                stint.cli("sync")
                add_week_of_entries(stint)
                window = stint.launch()
                # taller than the first window (880x640), so the chart has room for its bars
                subprocess.run(["xdotool", "windowsize", str(window.id), str(window.width), "760"],
                               env=session.env, check=True)
                stint.wait_until_searchable()
                stint.wait_until_connected()
                stint.keys("ctrl+2", "alt+g", "Home")  # Reports, grouped by account
                stint.wait_for_log("by account:")
                window = stint.main_window()
                shot = stint.screenshot("reports-full")
                subprocess.run(
                    ["convert", str(shot), "-crop",
                     f"{window.width}x{window.height}+{window.x}+{window.y}", "+repage", target],
                    check=True,
                )
                stint.app.stop(3)
        finally:
            sandbox.stop()
    print(f"saved {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "reports.png"))
