"""Issue 11 point 8: a damaged store (garbage written into a real SQLite file) is found, kept
aside byte for byte, and replaced by a fresh store holding every entry SQLite can still read."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.entries import TimeEntry
from desktop.domain.settings import Settings
from desktop.store import Store
from desktop.store.errors import StoreCorrupt
from desktop.store.recovery import DAMAGED_MARK, integrity_problems, recover
from tests.gui.conftest import sample_items

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
ENTRIES = 2000


def build_store(path):
    """A store as a user has it: entries (first, so their pages come early), tasks, settings,
    the connection and sync bookkeeping."""
    with Store.open(path) as store:
        with store.transaction():
            for n in range(ENTRIES):
                begin = START + timedelta(minutes=30 * n)
                store.entries.add(TimeEntry(start=begin, end=begin + timedelta(minutes=25),
                                            item_id="006A", note=f"entry {n} " + "x" * 80))
        store.items.upsert_many(sample_items())
        store.settings.save(Settings(sync_interval_minutes=15))
        store.sync_state.set_value("connection.user_id", "005000000000001AAA")
        store.sync_state.set_watermark("Opportunity", START)
    with sqlite3.connect(path) as conn:  # everything in the main file, as after a clean exit
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def entries_of(store) -> dict[str, tuple]:
    return {e.client_id: (e.start, e.end, e.note, e.item_id) for e in store.entries.all()}


def leaf_pages(path, table: str) -> list[int]:
    with sqlite3.connect(path) as conn:
        try:
            rows = conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                                "ORDER BY pageno", (table,)).fetchall()
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table to find a table's pages")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    return [row[0] for row in rows], page_size


def write_garbage(path, offset: int, length: int) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(bytes((n * 37 + 11) % 256 for n in range(length)))


@pytest.fixture
def original(tmp_path):
    path = tmp_path / "data" / "stint.sqlite3"
    path.parent.mkdir()
    build_store(path)
    with Store.open(path) as store:
        before = entries_of(store)
    assert len(before) == ENTRIES
    return path, before


def test_garbage_in_some_entry_pages_loses_only_those_rows(original):
    path, before = original
    pages, page_size = leaf_pages(path, "time_entries")
    damaged_pages = pages[len(pages) // 3: len(pages) // 3 + 3]
    for page in damaged_pages:
        write_garbage(path, (page - 1) * page_size, page_size)
    corrupted = path.read_bytes()
    assert integrity_problems(path)

    report = recover(path, now=START)

    assert report.damaged_copy.name.startswith(f"stint.sqlite3{DAMAGED_MARK}")
    assert report.damaged_copy.read_bytes() == corrupted  # kept as it was, never changed
    assert "time_entries" in report.damaged_tables
    with Store.open(path) as fresh:
        after = entries_of(fresh)
        assert integrity_problems(path) == []
        # Rows on the damaged pages are gone; every other entry is back, exactly as it was.
        assert ENTRIES - 3 * 60 < len(after) < ENTRIES
        assert all(before[client_id] == values for client_id, values in after.items())
        assert report.entries == len(after)
        assert fresh.settings.load().sync_interval_minutes == 15
        assert len(fresh.items.tree()) == len(sample_items()) + 1  # the items' pages were fine
        # Still connected, and the next sync fetches everything again.
        assert fresh.sync_state.get_value("connection.user_id") == "005000000000001AAA"
        assert fresh.sync_state.watermark("Opportunity") is None


def test_a_header_overwritten_with_garbage_loses_nothing(original):
    path, before = original
    write_garbage(path, 0, 100)
    with pytest.raises(StoreCorrupt, match="is damaged"):
        Store.open(path)
    assert integrity_problems(path)
    report = recover(path)
    with Store.open(path) as fresh:
        assert entries_of(fresh) == before
    assert report.entries == ENTRIES and not report.damaged_tables
    assert not list(path.parent.glob("*.header-fixed*"))  # the scratch copy is gone


def test_a_sound_store_has_no_problems(original):
    path, _ = original
    assert integrity_problems(path) == []


def test_nothing_readable_still_gives_an_empty_store_and_keeps_the_file(tmp_path):
    path = tmp_path / "stint.sqlite3"
    path.write_bytes(bytes(range(256)) * 64)
    report = recover(path)
    assert report.damaged_copy.read_bytes() == bytes(range(256)) * 64
    with Store.open(path) as fresh:
        assert fresh.entries.all() == []


def test_the_item_counts_and_search_words_come_from_the_items_recovered(original):
    """The tables derived from the items (their counts, their search words) are not copied:
    the fresh store counts the items it got and searches them, not the damaged file's."""
    path, _ = original
    with Store.open(path) as store:
        store.items.search("", 1)  # the damaged store's search table was filled
        expected_counts = store.items.count_by_kind()
        expected_found = [item.id for item in store.items.search("acme", 50)]
    with sqlite3.connect(path) as conn:  # derived rows that disagree with the items
        conn.execute("INSERT INTO item_counts (kind, archived, number) VALUES ('case', 1, 7)")
        conn.execute("UPDATE item_search SET words = ' nothing'")
    recover(path, now=START)
    with Store.open(path) as fresh:
        assert fresh.items.count_by_kind() == expected_counts
        assert [item.id for item in fresh.items.search("acme", 50)] == expected_found
    assert expected_found  # (the sample has Acme tasks)
