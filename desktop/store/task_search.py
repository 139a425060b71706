"""The app's task search answered by SQL over the item_search table (issue 16).

The picker builds a SearchIndex over the active tree (seconds for 200,000 items, worth it for
many keystrokes); a one-off query from the command line reads only the rows it needs. The
results are the app's (desktop/services/tasks_service.py, TasksService.search):
- the active tasks (those the tree shows: reachable from the root through items none of which
  is archived): the recently used ones that match first, then the best others in
  domain.search's rank order (every query word at a word start of the name, of the item's
  own texts, ...; ties to shorter names, then their words, then the id);
- then, when asked, the best archived ones (items hidden by an archive), which like the
  active ones are also found through their parent's words (an active parent's too), as the
  app's archived index does.
Tests compare both with SearchIndex on the same items (tests/unit/store/test_task_search.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from desktop.domain.items import ROOT_ID
from desktop.domain.search import match_tier, query_terms

_CHUNK = 500
_FIRST_ROUND = 4  # rows fetched per wanted result at first (some may be hidden by an archive)


def _tier_sql(terms: Sequence[str]) -> tuple[str, list[Any]]:
    """domain.search.match_tier as an SQL expression over item_search's columns.

    "x occurs within the first n characters" is "x's first occurrence ends by n": the name and
    the item's own texts are prefixes of `words`, so no substring has to be built."""
    if not terms:
        return "0", []
    starts = [" " + term for term in terms]

    def every(texts: Sequence[str], end: str | None) -> tuple[str, list[Any]]:
        if end is None:
            return " AND ".join(["instr(s.words, ?) > 0"] * len(texts)), list(texts)
        conditions = [f"instr(s.words, ?) BETWEEN 1 AND {end} - ?"] * len(texts)
        return " AND ".join(conditions), [v for t in texts for v in (t, len(t) - 1)]

    parts = [every(starts, "s.name_end"), every(starts, "s.own_end"), every(starts, None),
             every(terms, "s.own_end")]
    sql = "CASE " + " ".join(f"WHEN {c} THEN {tier}" for tier, (c, _) in enumerate(parts))
    return sql + " ELSE 4 END", [value for _, args in parts for value in args]


class _Lineage:
    """(parent id, archived) of items and their ancestors, read in batches as needed."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._known: dict[str, tuple[str | None, bool]] = {}

    def load(self, item_ids: Iterable[str]) -> None:
        wanted = {i for i in item_ids if i not in self._known}
        while wanted:
            for item_id in wanted:
                self._known[item_id] = (None, False)  # until read: unknown (an orphan)
            ids = list(wanted)
            found: list[tuple[str, str | None, int]] = []
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                found.extend(self._conn.execute(
                    f"SELECT id, parent_id, archived FROM items WHERE id IN ({marks})", chunk))
            for item_id, parent_id, archived in found:
                self._known[item_id] = (parent_id, archived == 1)
            wanted = {parent for _, parent, _ in found if parent and parent not in self._known}

    def chain(self, item_id: str) -> tuple[bool, bool]:
        """(reachable from the root, no item on the way archived), the item included."""
        current: str | None = item_id
        active = True
        seen: set[str] = set()
        while current is not None and current not in seen:
            if current == ROOT_ID:
                return True, active
            seen.add(current)
            parent, archived = self._known.get(current, (None, False))
            active = active and not archived
            current = parent
        return False, False

    def is_active(self, item_id: str) -> bool:
        reachable, active = self.chain(item_id)
        return reachable and active


def search(
    conn: sqlite3.Connection,
    text: str,
    limit: int,
    recent_ids: Sequence[str] = (),
    include_archived: bool = False,
) -> list[str]:
    """Ids of the best `limit` tasks for `text`, as the app's search returns them."""
    if limit <= 0:
        return []
    terms = query_terms(text)
    lineage = _Lineage(conn)
    recent = _matching_recent(conn, terms, recent_ids, lineage)[:limit]
    found = recent + _best_active(conn, terms, limit - len(recent), set(recent), lineage)
    if include_archived and len(found) < limit:
        found += _best_hidden(conn, terms, limit - len(found), lineage)
    return found


def _where(terms: Sequence[str]) -> str:
    return " AND ".join(["instr(s.words, ?) > 0"] * len(terms)) or "1"


def _matching_recent(conn: sqlite3.Connection, terms: Sequence[str], recent_ids: Sequence[str],
                     lineage: _Lineage) -> list[str]:
    """The recently used active tasks that match, most recent first."""
    wanted = list(dict.fromkeys(recent_ids))
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    matching = {row[0] for row in conn.execute(
        f"SELECT s.id FROM item_search AS s WHERE s.id IN ({marks}) AND {_where(terms)}",
        (*wanted, *terms))}
    lineage.load(matching)
    return [i for i in wanted if i in matching and lineage.is_active(i)]


def _best_active(conn: sqlite3.Connection, terms: Sequence[str], wanted: int, skip: set[str],
                 lineage: _Lineage) -> list[str]:
    """The first `wanted` active tasks not in `skip`, in rank order. SQL ranks every match
    and keeps the best few; those an archive hides are dropped here, and when too many were,
    the next round asks for four times more."""
    if wanted <= 0:
        return []
    tier, tier_args = _tier_sql(terms)
    sql = (f"SELECT s.id, {tier} AS tier FROM item_search AS s WHERE {_where(terms)} "
           "ORDER BY tier, s.name_length, substr(s.words, 2, s.name_end - 1), s.id LIMIT ?")
    fetch = (wanted + len(skip)) * _FIRST_ROUND
    while True:
        rows = conn.execute(sql, (*tier_args, *terms, fetch)).fetchall()
        lineage.load(item_id for item_id, _ in rows)
        chosen = [i for i, _ in rows if i not in skip and lineage.is_active(i)][:wanted]
        if len(chosen) >= wanted or len(rows) < fetch:
            return chosen
        fetch *= 4


def _best_hidden(conn: sqlite3.Connection, terms: Sequence[str], wanted: int,
                 lineage: _Lineage) -> list[str]:
    """The best `wanted` tasks an archive hides (the app's archived index): every match
    under an archived item that the root reaches, ranked in Python (usually a few)."""
    rows = conn.execute(
        f"""WITH RECURSIVE hidden (id) AS (
                SELECT id FROM items WHERE archived = 1  -- (index items_archived)
                UNION SELECT items.id FROM items JOIN hidden ON items.parent_id = hidden.id)
            SELECT s.id, s.words, s.name_end, s.own_end, s.name_length
            FROM item_search AS s JOIN hidden USING (id) WHERE {_where(terms)}""",
        terms).fetchall()
    lineage.load(row[0] for row in rows)
    starts = [" " + term for term in terms]
    ranked = []
    for item_id, words_text, name_end, own_end, name_length in rows:
        reachable, active = lineage.chain(item_id)
        if not reachable or active:
            continue
        tier = match_tier(words_text, name_end, own_end, terms, starts) if terms else 0
        if tier is not None:
            ranked.append((tier, name_length, words_text[1:name_end], item_id))
    ranked.sort()
    return [row[3] for row in ranked[:wanted]]
