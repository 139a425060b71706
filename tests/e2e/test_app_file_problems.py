"""The real app on a damaged store and on a read-only profile (issue 11 point 8): it says what
is wrong and what fixes it, keeps the damaged file, and recovers the entries it can read.

The damaged stores are real SQLite files with garbage written into them: over the header (the
app cannot open it at all) and over some of the time entries' pages (it opens, and its check
after start-up finds the damage)."""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.entries import TimeEntry
from desktop.store import Store
from desktop.store.recovery import DAMAGED_MARK
from tests.support import file_faults
from tests.support.processes import wait_until
from tests.unit.store.test_recovery import leaf_pages, write_garbage

NOTES = [f"entry {n}" for n in range(400)]


def track_entries(stint) -> None:
    """A synced profile with 400 entries (several pages of them), all in the main file."""
    stint.connect_and_sync_with_cli("Acme - Damaged disk")
    start = datetime(2026, 2, 1, 9, tzinfo=UTC)
    with Store.open(stint.profile / "data" / "stint.sqlite3") as store, store.transaction():
        for n, note in enumerate(NOTES):
            begin = start + timedelta(hours=2 * n)
            store.entries.add(TimeEntry(start=begin, end=begin + timedelta(hours=1), note=note))
    with sqlite3.connect(stint.profile / "data" / "stint.sqlite3") as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def listed_notes(stint) -> list[str]:
    entries = stint.cli_json("entries", "--from", "2026-01-31", "--to", "2026-03-31")
    return sorted(entry["note"] for entry in entries)


def damaged_copies(stint) -> list:
    return sorted(p for p in (stint.profile / "data").iterdir()
                  if DAMAGED_MARK in p.name and not p.name.endswith(("-wal", "-shm")))


def answer(stint, title: str, key: str = "Return") -> None:
    """Press `key` in the dialog titled `title` (its default button)."""
    dialog = stint.session.wait_for_window(title, timeout=20, process=stint.app)
    stint.screenshot(title.split("'")[-1].strip().replace(" ", "-"))
    stint.session.key(key, window=dialog)


def test_a_store_that_cannot_be_opened_is_repaired_with_consent(stint):
    track_entries(stint)
    store = stint.profile / "data" / "stint.sqlite3"
    write_garbage(store, 0, 100)
    damaged = store.read_bytes()

    stint.start_app()
    answer(stint, "Stint's data file is damaged")  # Repair is the default button
    answer(stint, "Stint's data file is repaired")
    stint.main_window()
    stint.wait_until_searchable()
    [kept] = damaged_copies(stint)
    assert kept.read_bytes() == damaged  # never changed, never deleted
    assert listed_notes(stint) == sorted(NOTES)  # only the header was hit: nothing lost
    stint.wait_until_connected()  # still signed in; the next sync brings the tasks back


@pytest.mark.parametrize("where", ["middle", "newest"])
def test_damage_met_while_starting_is_offered_for_repair(stint, where):
    """Damage where the first paint reads (the newest entries) or where the timesheet reads
    (a scan of the entries): a dialog, never a crash or a traceback."""
    track_entries(stint)
    store = stint.profile / "data" / "stint.sqlite3"
    pages, page_size = leaf_pages(store, "time_entries")
    page = pages[len(pages) // 2] if where == "middle" else pages[-1]
    write_garbage(store, (page - 1) * page_size, page_size)

    stint.start_app()
    repair_and_check(stint, lost_at_most=60)


def test_damage_nothing_reads_at_start_is_found_by_the_check_after_start_up(stint):
    track_entries(stint)
    store = stint.profile / "data" / "stint.sqlite3"
    pages, page_size = leaf_pages(store, "record_changes")  # the last sync's 100 changes
    write_garbage(store, (pages[0] - 1) * page_size, page_size)

    stint.launch()
    stint.wait_until_searchable()  # the app works...
    repair_and_check(stint, lost_at_most=0)  # ...and its check finds the damage


def repair_and_check(stint, lost_at_most: int) -> None:
    answer(stint, "Stint's data file is damaged")
    answer(stint, "Stint's data file is repaired")
    stint.main_window()
    stint.wait_until_searchable()
    assert len(damaged_copies(stint)) == 1
    recovered = listed_notes(stint)
    assert set(recovered) <= set(NOTES)  # never a garbled entry
    assert len(recovered) >= len(NOTES) - lost_at_most
    assert stint.app.is_running()


def test_a_read_only_profile_says_so_instead_of_crashing(stint):
    reason = file_faults.read_only_unavailable()
    if reason:
        pytest.skip(reason)
    stint.cli("settings", "set", "sync_interval_minutes", "30")  # the profile exists
    argv = [sys.executable, "-m", "desktop", "--profile", str(stint.profile)]
    try:
        stint.app = stint.session.launch(file_faults.with_read_only(stint.profile, argv),
                                         name="stint-read-only")
        stint.launched.append(stint.app)
        dialog = stint.session.wait_for_window("Stint cannot start", timeout=20,
                                               process=stint.app)
        stint.screenshot("read-only-profile")
        stint.session.key("Return", window=dialog)
        wait_until(lambda: not stint.app.is_running(), 10, "the app to end")
        assert stint.app.popen.returncode == 1
        assert stint.app.stderr() == ""  # no traceback
    finally:
        file_faults.make_writable(stint.profile)


def test_a_damaged_store_is_said_in_the_systems_language_before_the_window_exists(stint):
    """The language setting lives in the store that cannot be read: the dialogs before the
    window follow the system's language (issue 13, point 7)."""
    track_entries(stint)
    store = stint.profile / "data" / "stint.sqlite3"
    write_garbage(store, 0, 100)

    stint.start_app(extra_env={"LANG": "fr_FR.UTF-8"})
    answer(stint, "Le fichier de données de Stint est endommagé")
    answer(stint, "Le fichier de données de Stint est réparé")
    stint.main_window()
    stint.wait_until_searchable()
    assert listed_notes(stint) == sorted(NOTES)
