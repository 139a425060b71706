"""The item_search table: each item's words as the task search matches them (issue 16).

One narrow row per cached item (the root excepted), so a single SQL query can search 200,000
items without loading them (desktop/store/task_search.py: `stint tasks --search`,
`stint start TEXT`). Columns:
- words: the item's own text followed by its parent's (domain.search.own_text; the root
  adds nothing), exactly the text SearchIndex matches the item's query words in;
- own_end, name_end: where the item's own part and its name end in `words`;
- name_length: len(item.name), the ranking's first tie-break.

It is derived from the items table. While it is complete (item_search_state), items_repo
writes the rows of the items it stores in the same transaction (`write`). Filling the store
in bulk (a first sync: more new items than the store held) would pay the folding of every
name in the sync, so it marks the table incomplete instead and the first search rebuilds it
(`ensure_complete`, a few seconds for 200,000 items). Migration 6 starts it incomplete.
Should the folding of words (domain.text) ever change, a new migration must mark it so.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence

from desktop.domain.items import ROOT_ID, Item
from desktop.domain.search import item_words, own_text
from desktop.domain.text import words

SCHEMA = (
    """
    CREATE TABLE item_search (
        id TEXT PRIMARY KEY,
        name_length INTEGER NOT NULL,
        name_end INTEGER NOT NULL,
        own_end INTEGER NOT NULL,
        words TEXT NOT NULL
    )
    """,  # (a rowid table: its rows are too long for WITHOUT ROWID to insert them cheaply)
    """
    CREATE TABLE item_search_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        complete INTEGER NOT NULL CHECK (complete IN (0, 1))
    )
    """,
    "INSERT INTO item_search_state (id, complete) VALUES (1, 0)",
)

# One row: its own words, then its parent's, from this batch (?5) or else from the table
# (?6: the parent's id; no row for the root, or for a parent not cached yet, whose own write
# adds its words to its children later).
_UPSERT = """
    INSERT INTO item_search (id, name_length, name_end, own_end, words)
    VALUES (?1, ?2, ?3, ?4, ?5 || coalesce(
        (SELECT substr(parent.words, 1, parent.own_end) FROM item_search AS parent
         WHERE parent.id = ?6), ''))
    ON CONFLICT (id) DO UPDATE SET
        name_length = excluded.name_length, name_end = excluded.name_end,
        own_end = excluded.own_end, words = excluded.words
"""
_SET_PARENT_PART = "UPDATE item_search SET words = substr(words, 1, own_end) || ? WHERE id = ?"
_CHUNK = 500  # ids per "IN (...)" query, well below SQLite's variable limit
_BULK_MINIMUM = 1000  # new items in one write that may make it a bulk fill


class FoldedWords:
    """domain.text.words of a text, space-joined, computed once per distinct text (accounts,
    stages and activity names repeat a lot)."""

    def __init__(self) -> None:
        self._known: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        found = self._known.get(text)
        if found is None:
            found = self._known[text] = " ".join(words(text))
        return found


def is_complete(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT complete FROM item_search_state WHERE id = 1").fetchone()
    return bool(row and row[0])


def write(conn: sqlite3.Connection, items: Iterable[Item]) -> None:
    """Store the rows of these (changed) items, inside the caller's transaction: with their
    parents' words, and into the rows of their children already stored. Nothing while the
    table is incomplete (its rebuild will read them)."""
    if is_complete(conn):
        _write(conn, items)


def write_new(conn: sqlite3.Connection, items: Sequence[Item], stored_before: int) -> None:
    """Like `write`, for items new to a store that held `stored_before` items: more new
    items than that is filling the store in bulk, left to the first search (module doc)."""
    if not is_complete(conn):
        return
    if len(items) >= _BULK_MINIMUM and len(items) > stored_before:
        conn.execute("UPDATE item_search_state SET complete = 0")
        return
    _write(conn, items)


def ensure_complete(conn: sqlite3.Connection, stored_items: Callable[[], Iterable[Item]]) -> None:
    """Rebuild the table from `stored_items()` if it is incomplete (in a transaction of the
    caller's, which must also have checked again that no other process just did it)."""
    if is_complete(conn):
        return
    conn.execute("DELETE FROM item_search")
    _write(conn, stored_items(), children_stored=False)
    conn.execute("UPDATE item_search_state SET complete = 1")


def _own_row(item: Item, words_of: Callable[[str], str]) -> tuple[str, str | None, int, int, str]:
    """(id, parent id, name length, name end, own text): a row before its parent's words."""
    name_words, field_words = item_words(item, words_of)
    return item.id, item.parent_id, len(item.name), len(name_words) + 1, own_text(
        (name_words, field_words))


def _write(conn: sqlite3.Connection, items: Iterable[Item], children_stored: bool = True) -> None:
    words_of = FoldedWords()
    own = {row[0]: row for row in (_own_row(item, words_of) for item in items)
           if row[0] != ROOT_ID}
    if not own:
        return
    rows = []
    for item_id, parent_id, name_length, name_end, text in own.values():
        in_batch = own.get(parent_id) if parent_id else None
        rows.append((item_id, name_length, name_end, len(text),
                     text + in_batch[4] if in_batch else text,
                     None if in_batch or parent_id == ROOT_ID else parent_id))
    conn.executemany(_UPSERT, rows)
    if not children_stored:
        return
    conn.executemany(_SET_PARENT_PART, [(own[parent_id][4], child_id)
                                        for child_id, parent_id in _children(conn, list(own))
                                        if child_id not in own])


def _children(conn: sqlite3.Connection, parent_ids: Sequence[str]) -> list[tuple[str, str]]:
    """(child id, parent id) of the stored children of these items (the items' own index)."""
    found: list[tuple[str, str]] = []
    for start in range(0, len(parent_ids), _CHUNK):
        chunk = parent_ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        found.extend(conn.execute(
            f"SELECT id, parent_id FROM items WHERE parent_id IN ({marks})", chunk))
    return found
