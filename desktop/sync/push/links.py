"""Which Opportunity or Case an entry's time is logged against, and the task path as subject.

An entry on an activity (a Salesforce Task) is logged on the Opportunity/Case the Task belongs
to; an entry on a child Case on that Case itself. Entries on "no task" have no link and stay
local.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.domain.items import ROOT_ID, Item
from desktop.domain.tree import PATH_SEPARATOR
from desktop.store.store import Store
from desktop.sync.push.targets import Link

LINKABLE = ("Opportunity", "Case")
# An entry can point at a record that is not (or no longer) imported, e.g. after Salesforce
# moved its Event elsewhere: the Id's key prefix still says what it is.
_KEY_PREFIXES = {"006": "Opportunity", "500": "Case"}
_MAX_DEPTH = 20  # guards against a corrupt parent cycle


class LinkResolver:
    """Resolves item ids to Links, reading each item once per push."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._items: dict[str, Item | None] = {}

    def _load(self, item_ids: Iterable[str]) -> None:
        wanted = [i for i in set(item_ids) if i not in self._items]
        while wanted:
            found = self._store.items.by_ids(wanted)
            for item_id in wanted:
                self._items[item_id] = found.get(item_id)
            parents = {item.parent_id for item in found.values() if item.parent_id}
            wanted = [p for p in parents if p not in self._items]

    def links(self, item_ids: Iterable[str | None]) -> dict[str, Link]:
        """{item id: Link} for the ids that lead to an Opportunity or Case."""
        ids = [i for i in item_ids if i]
        self._load(ids)
        result = {}
        for item_id in set(ids):
            link = self._link(item_id)
            if link is not None:
                result[item_id] = link
        return result

    def _link(self, item_id: str) -> Link | None:
        chain: list[Item] = []
        current = self._items.get(item_id)
        if current is None and item_id[:3] in _KEY_PREFIXES and len(item_id) in (15, 18):
            return Link(what_id=item_id, what_sobject=_KEY_PREFIXES[item_id[:3]], subject="")
        while current is not None and current.id != ROOT_ID and len(chain) < _MAX_DEPTH:
            chain.append(current)
            current = self._items.get(current.parent_id) if current.parent_id else None
        what = next((item for item in chain if item.sobject in LINKABLE), None)
        if what is None:
            return None
        subject = PATH_SEPARATOR.join(item.name for item in reversed(chain))
        return Link(what_id=what.id, what_sobject=what.sobject or "", subject=subject)
