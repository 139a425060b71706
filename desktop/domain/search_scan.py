"""One search without an index: the same matching and ranking as SearchIndex in one pass.

For a one-off query (the CLI's `tasks --search`, `start <text>`) this is cheaper than
building a SearchIndex, which pays off only when many queries follow (the picker).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

from desktop.domain.items import ROOT_ID, Item
from desktop.domain.search import match_tier, query_terms
from desktop.domain.text import words


def search_items(
    items: Iterable[Item], text: str, limit: int = 50, recent_ids: Sequence[str] = ()
) -> list[Item]:
    """What SearchIndex(items).search(text, limit, recent_ids) returns, without an index."""
    if limit <= 0:
        return []
    items = list(items)
    folded: dict[str, str] = {}

    def words_of(text: str) -> str:
        found = folded.get(text)
        if found is None:
            found = folded[text] = " ".join(words(text))
        return found

    by_id = {item.id: item for item in items}
    own_parts: dict[str, tuple[str, str]] = {}

    def own(item: Item) -> tuple[str, str]:
        parts = own_parts.get(item.id)
        if parts is None:
            parts = own_parts[item.id] = (
                words_of(item.name),
                " ".join([words_of(field_text) for _, field_text in item.fields]),
            )
        return parts

    terms = query_terms(text)
    starts = [" " + term for term in terms]
    ranked: list[tuple[int, int, str, str, Item]] = []
    for item in items:
        name_text, field_text = own(item)
        own_text = f" {name_text} {field_text}"
        parent = by_id.get(item.parent_id) if item.parent_id != ROOT_ID else None
        full = own_text if parent is None else f"{own_text} {' '.join(own(parent))}"
        tier = match_tier(full, len(name_text) + 1, len(own_text), terms, starts) if terms else 0
        if tier is not None:
            ranked.append((tier if terms else 0, len(item.name), name_text, item.id, item))
    matched = {entry[3] for entry in ranked}
    recent = [by_id[i] for i in dict.fromkeys(recent_ids) if i in matched][:limit]
    chosen = {item.id for item in recent}
    best = heapq.nsmallest(limit + len(recent), ranked, key=lambda entry: entry[:4])
    others = [entry[4] for entry in best if entry[3] not in chosen]
    return (recent + others)[:limit]
