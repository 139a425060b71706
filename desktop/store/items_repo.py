"""Items repository: the cached task tree, keyed by Salesforce Id (never duplicated)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime

from desktop.domain.archive import Change
from desktop.domain.bulk import gc_paused
from desktop.domain.item_table import ItemTable
from desktop.domain.item_table_builder import ItemTableBuilder
from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.domain.tree import TaskTree
from desktop.store.database import Database
from desktop.store.timestamps import to_db, to_db_or_none

_COLUMNS = "id, kind, name, parent_id, sobject, fields, archived, archive_reason, owner_id, modstamp"
_CHUNK = 500  # ids per "IN (...)" query, well below SQLite's variable limit

_UPSERT = f"""
    INSERT INTO items ({_COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET
        kind = excluded.kind, name = excluded.name, parent_id = excluded.parent_id,
        sobject = excluded.sobject, fields = excluded.fields, archived = excluded.archived,
        archive_reason = excluded.archive_reason, owner_id = excluded.owner_id,
        modstamp = excluded.modstamp, updated_at = excluded.updated_at
"""

_KINDS = {kind.value: kind for kind in ItemKind}
_parse_time = datetime.fromisoformat  # what timestamps.from_db does, without the extra call


# Fields are stored as a JSON object whose keys keep their order (and any repeats):
# {"Account":"Acme","Stage":"Prospecting"}. Decoding with object_pairs_hook=tuple gives the
# (label, text) pairs directly from the C scanner, which matters when loading 200,000 items.
_FIELDS_DECODER = json.JSONDecoder(object_pairs_hook=tuple)
_scan_fields = _FIELDS_DECODER.scan_once
_NO_FIELDS = "{}"
_encode_dict = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def encode_fields(fields: tuple[tuple[str, str], ...]) -> str:
    if not fields:
        return _NO_FIELDS
    as_dict = dict(fields)
    if len(as_dict) == len(fields):  # the usual case: one C call
        return _encode_dict(as_dict)
    dumps = json.dumps  # a label given twice: keep both, in order
    return "{" + ",".join(
        f"{dumps(label, ensure_ascii=False)}:{dumps(text, ensure_ascii=False)}"
        for label, text in fields
    ) + "}"


def decode_fields(text: str) -> tuple[tuple[str, str], ...]:
    if text == _NO_FIELDS:
        return ()
    return _scan_fields(text, 0)[0]


def _row(item: Item, now_text: str) -> tuple:
    return (
        item.id,
        item.kind.value,
        item.name,
        item.parent_id,
        item.sobject,
        encode_fields(item.fields),
        1 if item.archived else 0,
        item.archive_reason,
        item.owner_id,
        to_db_or_none(item.modstamp),
        now_text,
    )


_ARCHIVED = 6
_MODSTAMP = 9


def _row_change(before: tuple | None, row: tuple) -> Change:
    """domain.archive.classify_change on stored rows (no Item objects needed)."""
    if before is None:
        return Change.CREATED
    if before[_ARCHIVED] != row[_ARCHIVED]:
        return Change.ARCHIVED if row[_ARCHIVED] else Change.RESTORED
    if before[:_MODSTAMP] != row[:_MODSTAMP]:
        return Change.MODIFIED
    return Change.UNCHANGED


def _item(row: Sequence) -> Item:
    item_id, kind, name, parent_id, sobject, fields, archived, reason, owner_id, modstamp = row
    # positional arguments: measurably faster than keywords over 200,000 rows
    return Item(
        item_id,
        _KINDS[kind],
        name,
        parent_id,
        sobject,
        () if fields == _NO_FIELDS else _scan_fields(fields, 0)[0],
        archived == 1,
        reason,
        owner_id,
        None if modstamp is None else _parse_time(modstamp),
    )


def read_items(conn: sqlite3.Connection) -> Iterator[Item]:
    """Every stored item, row by row."""
    return map(_item, conn.execute(f"SELECT {_COLUMNS} FROM items"))


class _SharedValues:
    """Rows to items for a bulk load, with one object for each distinct value.

    200,000 rows repeat a lot: sobjects, owners, stages, account and activity names, field
    labels, whole field sets (one JSON text), modstamps, and every parent id is also an item
    id. SQLite hands out a new string for each cell; sharing them takes the tree from ~1.7 KB
    to well under 1 KB an item, and skipping repeated JSON decodes pays for the lookups.
    The tables live for one load only.
    """

    def __init__(self) -> None:
        self._strings: dict[str | None, str | None] = {None: None}
        self._pairs: dict[tuple[str, str], tuple[str, str]] = {}
        self._fields: dict[str, tuple[tuple[str, str], ...]] = {_NO_FIELDS: ()}
        self._stamps: dict[str | None, datetime | None] = {None: None}

    def item(self, row: Sequence) -> Item:
        item_id, kind, name, parent_id, sobject, fields, archived, reason, owner_id, modstamp = row
        share = self._strings.setdefault
        item_fields = self._fields.get(fields)
        if item_fields is None:
            item_fields = self._fields[fields] = self._shared_fields(fields)
        stamp = self._stamps.get(modstamp)
        if stamp is None and modstamp is not None:
            stamp = self._stamps[modstamp] = _parse_time(modstamp)
        return Item(
            share(item_id, item_id),
            _KINDS[kind],
            share(name, name),
            share(parent_id, parent_id),
            share(sobject, sobject),
            item_fields,
            archived == 1,
            share(reason, reason),
            share(owner_id, owner_id),
            stamp,
        )

    def _shared_fields(self, text: str) -> tuple[tuple[str, str], ...]:
        share, pairs = self._strings.setdefault, self._pairs
        shared = []
        for pair in _scan_fields(text, 0)[0]:
            known = pairs.get(pair)
            if known is None:
                label, value = pair
                known = pairs[pair] = (share(label, label), share(value, value))
            shared.append(known)
        return tuple(shared)


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for index in range(0, len(values), _CHUNK):
        yield values[index : index + _CHUNK]


def _updated_ids(conn, sql: str, params: Sequence[object]) -> list[str]:
    """Run an UPDATE ... RETURNING id and return the ids it changed."""
    return [row[0] for row in conn.execute(sql, params)]


class ItemRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    def upsert_many(self, items: Iterable[Item], now: datetime | None = None) -> dict[str, Change]:
        """Insert or update items by Id in one transaction; unchanged rows are not rewritten.

        Returns what happened to each item that changed (created / modified / archived /
        restored), for the sync log.
        """
        incoming = {item.id: item for item in items}  # the last version of an id wins
        if not incoming:
            return {}
        now_text = to_db(now or datetime.now(UTC))
        with gc_paused(), self._db.transaction() as conn:
            stored = self._stored_rows(conn, list(incoming))
            changes: dict[str, Change] = {}
            rows = []
            for item_id, item in incoming.items():
                row = _row(item, now_text)
                before = stored.get(item_id)
                change = _row_change(before, row)
                if change is not Change.UNCHANGED:
                    changes[item_id] = change
                    rows.append(row)
                elif before[_MODSTAMP] != row[_MODSTAMP]:
                    rows.append(row)  # same content, newer stamp: keep it, log nothing
            conn.executemany(_UPSERT, rows)
            from desktop.store import search_table  # not before the app's first paint

            search_table.write(conn, (incoming[item_id] for item_id in changes))
        return changes

    @staticmethod
    def _stored_rows(conn: sqlite3.Connection, item_ids: list[str]) -> dict[str, tuple]:
        stored: dict[str, tuple] = {}
        for chunk in _chunks(item_ids):
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(f"SELECT {_COLUMNS} FROM items WHERE id IN ({marks})", chunk):
                stored[row[0]] = row
        return stored

    def by_id(self, item_id: str) -> Item | None:
        row = self._db.connect().execute(
            f"SELECT {_COLUMNS} FROM items WHERE id = ?", (item_id,)
        ).fetchone()
        return _item(row) if row else None

    def by_ids(self, item_ids: Sequence[str]) -> dict[str, Item]:
        conn = self._db.connect()
        found: dict[str, Item] = {}
        for chunk in _chunks(list(item_ids)):
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(f"SELECT {_COLUMNS} FROM items WHERE id IN ({marks})", chunk):
                found[row[0]] = _item(row)
        return found

    def with_ancestors(self, item_ids: Iterable[str]) -> TaskTree:
        """A tree of these items and their ancestors only: enough for their paths and for
        reports, from a few lookups instead of loading every cached item."""
        found: dict[str, Item] = {}
        asked: set[str] = set()
        wanted = {item_id for item_id in item_ids if item_id}
        while wanted:
            asked |= wanted
            batch = self.by_ids(sorted(wanted))
            found.update(batch)
            wanted = {i.parent_id for i in batch.values() if i.parent_id} - asked
        return TaskTree.of_table(ItemTable.of_items(found.values(), with_root=True))

    def search(self, text: str, limit: int, recent_ids: Sequence[str] = (),
               include_archived: bool = False) -> list[Item]:
        """The app's search results for `text` (store.task_search), without loading the tree."""
        from desktop.store import search_table
        from desktop.store.task_search import search

        if not search_table.is_complete(self._db.connect()):  # after a first sync (search_table)
            with self._db.transaction() as conn:
                search_table.ensure_complete(conn, lambda: read_items(conn))
        ids = search(self._db.connect(), text, limit, recent_ids, include_archived)
        found = self.by_ids(ids)
        return [found[item_id] for item_id in ids if item_id in found]

    def by_short_id(self, short_id: str) -> Item | None:
        """The item whose 18-character Id begins with this 15-character one (Salesforce's
        case-sensitive form), from the primary key's index."""
        if len(short_id) != 15 or not (short_id.isascii() and short_id.isalnum()):
            return None  # (nor a GLOB pattern)
        row = self._db.connect().execute(
            f"SELECT {_COLUMNS} FROM items WHERE id GLOB ? LIMIT 1", (short_id + "???",)
        ).fetchone()
        return _item(row) if row else None

    def existing_ids(self, item_ids: Iterable[str]) -> set[str]:
        """Which of these ids are stored (archived or not): cheaper than by_ids for checks."""
        conn = self._db.connect()
        found: set[str] = set()
        for chunk in _chunks(list(dict.fromkeys(item_ids))):
            marks = ",".join("?" * len(chunk))
            found.update(
                row[0] for row in conn.execute(f"SELECT id FROM items WHERE id IN ({marks})", chunk)
            )
        return found

    def stored_modstamps(self, item_ids: Iterable[str]) -> dict[str, str | None]:
        """{id: modstamp as stored text (see timestamps.to_db)} for the ids that are stored,
        so a sync can skip records it already holds in exactly that version."""
        conn = self._db.connect()
        found: dict[str, str | None] = {}
        for chunk in _chunks(list(dict.fromkeys(item_ids))):
            marks = ",".join("?" * len(chunk))
            found.update(
                conn.execute(f"SELECT id, modstamp FROM items WHERE id IN ({marks})", chunk)
            )
        return found

    def child_ids(self, parent_ids: Iterable[str]) -> set[str]:
        """Ids of the stored items (archived or not) whose parent is one of these."""
        conn = self._db.connect()
        found: set[str] = set()
        for chunk in _chunks(list(dict.fromkeys(parent_ids))):
            marks = ",".join("?" * len(chunk))
            found.update(
                row[0]
                for row in conn.execute(f"SELECT id FROM items WHERE parent_id IN ({marks})", chunk)
            )
        return found

    def owned_ids(self, owner_id: str) -> set[str]:
        """Ids of the stored items (archived or not) this Salesforce user owns."""
        rows = self._db.connect().execute("SELECT id FROM items WHERE owner_id = ?", (owner_id,))
        return {row[0] for row in rows}

    def all_ids(self) -> set[str]:
        """Every stored id, archived included (a full sync keeps this set in memory instead
        of asking page by page)."""
        return {row[0] for row in self._db.connect().execute("SELECT id FROM items")}

    def insert_new(self, items: Iterable[Item], now: datetime | None = None) -> dict[str, Change]:
        """Store items the caller knows are not stored yet, without reading rows back to
        compare (a first sync: 100,000 new items). Stays an upsert, so an item that was
        stored after all is overwritten, never duplicated. Returns {id: CREATED}."""
        now_text = to_db(now or datetime.now(UTC))
        items = list(items)
        rows = [_row(item, now_text) for item in items]
        with self._db.transaction() as conn:
            stored_before = self._stored_count(conn)
            conn.executemany(_UPSERT, rows)
            from desktop.store import search_table  # not before the app's first paint

            search_table.write_new(conn, items, stored_before)
        return {row[0]: Change.CREATED for row in rows}

    @staticmethod
    def _stored_count(conn: sqlite3.Connection) -> int:
        return conn.execute("SELECT coalesce(sum(number), 0) FROM item_counts").fetchone()[0]

    def count_by_kind(self) -> dict[tuple[str, bool], int]:
        """{(kind, archived): number of items} of the imported items (the root project not
        counted), from the counts the store keeps (migration 6), for status displays."""
        rows = self._db.connect().execute(
            "SELECT kind, archived, number FROM item_counts WHERE kind != ? AND number > 0",
            (ItemKind.PROJECT.value,),
        )
        return {(kind, bool(archived)): number for kind, archived, number in rows}

    def all(self, include_archived: bool = False) -> list[Item]:
        """Every item, active only unless `include_archived` (no particular order)."""
        where = "" if include_archived else "WHERE archived = 0"
        with gc_paused():
            # row by row, not fetchall(): 200,000 rows of new strings need not all be alive
            # at once (peak memory stays taken long after a load)
            rows = self._db.connect().execute(f"SELECT {_COLUMNS} FROM items {where}")
            return list(map(_SharedValues().item, rows))

    def count(self, include_archived: bool = False) -> int:
        where = "" if include_archived else "WHERE archived = 0"
        return self._db.connect().execute(f"SELECT count(*) FROM items {where}").fetchone()[0]

    def table(self) -> ItemTable:
        """Every item, archived ones included, as a compact ItemTable (with the root)."""
        builder = ItemTableBuilder()
        add = builder.add
        stamps: dict[str | None, datetime | None] = {None: None}  # often shared by many rows
        with gc_paused():
            # in Id order: the table needs no sort; row by row, so no list of 200,000 rows
            for row in self._db.connect().execute(f"SELECT {_COLUMNS} FROM items ORDER BY id"):
                item_id, kind, name, parent_id, sobject, fields, archived, reason, owner, stamp = row
                modstamp = stamps.get(stamp)
                if modstamp is None and stamp is not None:
                    modstamp = _parse_time(stamp)
                    if len(stamps) < 4096:
                        stamps[stamp] = modstamp
                add(item_id, _KINDS[kind], name, parent_id, sobject, decode_fields(fields),
                    archived == 1, reason, owner, modstamp)
            return builder.build(with_root=True)

    def tree(self) -> TaskTree:
        """The whole tree, archived items included (their entries still need a path);
        children by name, case-insensitively, then Id."""
        return TaskTree.of_table(self.table())

    def active_ids(self, sobject: str | None = None) -> set[str]:
        """Ids of the active (not archived) imported items, optionally of one sobject."""
        sql = "SELECT id FROM items WHERE archived = 0 AND id != ?"
        params: tuple = (ROOT_ID,)
        if sobject is not None:
            sql += " AND sobject = ?"
            params += (sobject,)
        return {row[0] for row in self._db.connect().execute(sql, params)}

    def archive(self, item_ids: Iterable[str], reason: str, now: datetime | None = None) -> list[str]:
        """Archive the given items with `reason`; returns the ids that were active before."""
        now_text = to_db(now or datetime.now(UTC))

        def archive_chunk(conn: sqlite3.Connection, chunk: Sequence[str], marks: str) -> list[str]:
            archived = _updated_ids(
                conn,
                f"UPDATE items SET archived = 1, archive_reason = ?, updated_at = ? "
                f"WHERE id IN ({marks}) AND archived = 0 RETURNING id",
                (reason, now_text, *chunk),
            )
            conn.execute(  # already archived for another reason: the newest reason wins
                f"UPDATE items SET archive_reason = ?, updated_at = ? "
                f"WHERE id IN ({marks}) AND archived = 1 AND archive_reason IS NOT ?",
                (reason, now_text, *chunk, reason),
            )
            return archived

        return self._update_in_chunks([i for i in item_ids if i != ROOT_ID], archive_chunk)

    def restore(self, item_ids: Iterable[str], now: datetime | None = None) -> list[str]:
        """Bring archived items back; returns the ids that were archived before."""
        now_text = to_db(now or datetime.now(UTC))

        def restore_chunk(conn: sqlite3.Connection, chunk: Sequence[str], marks: str) -> list[str]:
            return _updated_ids(
                conn,
                f"UPDATE items SET archived = 0, archive_reason = NULL, updated_at = ? "
                f"WHERE id IN ({marks}) AND archived = 1 RETURNING id",
                (now_text, *chunk),
            )

        return self._update_in_chunks(list(item_ids), restore_chunk)

    def _update_in_chunks(
        self,
        ids: Sequence[str],
        update: Callable[[sqlite3.Connection, Sequence[str], str], list[str]],
    ) -> list[str]:
        """`update(conn, chunk, "?,?,...")` for each chunk of ids, in one transaction; the ids
        the updates report as changed."""
        changed: list[str] = []
        with self._db.transaction() as conn:
            for chunk in _chunks(ids):
                changed += update(conn, chunk, ",".join("?" * len(chunk)))
        return changed
