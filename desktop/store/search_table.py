"""The item_search table: each item's words as the task search matches them (issue 16).

One narrow row per cached item (the root excepted), so a single SQL query can search 200,000
items without loading them (desktop/store/task_search.py: `stint tasks --search`,
`stint start TEXT`). Columns:
- words: the item's own text followed by its parent's (domain.search.own_text; the root
  adds nothing), exactly the text SearchIndex matches the item's query words in;
- own_end, name_end: where the item's own part and its name end in `words`;
- name_length: len(item.name), the ranking's first tie-break.

It is derived from the items table and written in the same transaction as the items
(items_repo calls `write`); migration 5 filled it from the items already stored. Should the
folding of words (domain.text) ever change, a new migration must `rebuild` it.
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
    ) WITHOUT ROWID
    """,
)

_UPSERT = """
    INSERT INTO item_search (id, name_length, name_end, own_end, words) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET
        name_length = excluded.name_length, name_end = excluded.name_end,
        own_end = excluded.own_end, words = excluded.words
"""
_SET_PARENT_PART = "UPDATE item_search SET words = substr(words, 1, own_end) || ? WHERE id = ?"
_CHUNK = 500  # ids per "IN (...)" query, well below SQLite's variable limit


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


class _OwnRow:
    """An item's row before its parent's words are added."""

    __slots__ = ("item_id", "parent_id", "name_length", "name_end", "text")

    def __init__(self, item: Item, words_of: Callable[[str], str]) -> None:
        name_words, field_words = item_words(item, words_of)
        self.item_id = item.id
        self.parent_id = item.parent_id
        self.name_length = len(item.name)
        self.name_end = len(name_words) + 1
        self.text = own_text((name_words, field_words))

    def row(self, parent_text: str) -> tuple:
        return (self.item_id, self.name_length, self.name_end, len(self.text),
                self.text + parent_text)


def write(conn: sqlite3.Connection, items: Iterable[Item]) -> None:
    """Store the rows of these (new or changed) items, inside the caller's transaction: with
    their parents' words, and into the rows of their children already stored."""
    words_of = FoldedWords()
    own = {item.id: _OwnRow(item, words_of) for item in items if item.id != ROOT_ID}
    if not own:
        return
    parents = {row.parent_id for row in own.values()}
    stored = _own_texts(conn, [p for p in parents if p not in own and p != ROOT_ID])
    texts = {item_id: row.text for item_id, row in own.items()} | stored
    conn.executemany(_UPSERT, [row.row(texts.get(row.parent_id, "")) for row in own.values()])
    children = _children(conn, list(own))
    conn.executemany(
        _SET_PARENT_PART,
        [(own[parent_id].text, child_id) for child_id, parent_id in children if child_id not in own],
    )


def rebuild(conn: sqlite3.Connection, items: Iterable[Item]) -> None:
    """Fill the table from these items, all the stored ones (the migration that creates it)."""
    words_of = FoldedWords()
    own = {item.id: _OwnRow(item, words_of) for item in items if item.id != ROOT_ID}
    conn.execute("DELETE FROM item_search")
    conn.executemany(
        _UPSERT,
        (row.row(own[row.parent_id].text if row.parent_id in own else "") for row in own.values()),
    )


def _own_texts(conn: sqlite3.Connection, item_ids: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(item_ids), _CHUNK):
        chunk = item_ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update(conn.execute(
            f"SELECT id, substr(words, 1, own_end) FROM item_search WHERE id IN ({marks})", chunk))
    return found


def _children(conn: sqlite3.Connection, parent_ids: Sequence[str]) -> list[tuple[str, str]]:
    """(child id, parent id) of the stored children of these items (the items' own index)."""
    found: list[tuple[str, str]] = []
    for start in range(0, len(parent_ids), _CHUNK):
        chunk = parent_ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        found.extend(conn.execute(
            f"SELECT id, parent_id FROM items WHERE parent_id IN ({marks})", chunk))
    return found
