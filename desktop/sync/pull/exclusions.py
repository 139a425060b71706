"""Items the user excluded in "all items" mode (settings.excluded_ids), for one sync run.

Excluded records are filtered here, locally, not in the SOQL: a `NOT IN (...)` list cannot be
split across queries the way `IN` lists are (desktop.sync.pull.queries.id_conditions), so a
long one would outgrow Salesforce's limits on a query's length. The queries stay as they
are; the page writer archives an excluded Opportunity or Case and everything under it with
the reason "excluded", and a record it meets later in the run under an excluded item too.

Including an item again makes the next sync a full pass (engine.settings_effects), which
brings the record and its subtasks back like any reopened item.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.store import Store

# Levels below an excluded item: Case > child Case > Task (an Opportunity's Tasks are one).
_DEPTH = 3


class ExcludedSubtrees:
    """The excluded items and every stored item under them; grows as the run meets more."""

    def __init__(self, store: Store, excluded_ids: Iterable[str]) -> None:
        members = set(excluded_ids)
        frontier = set(members)
        for _level in range(_DEPTH):
            children = store.items.child_ids(frontier) - members if frontier else set()
            if not children:
                break
            members |= children
            frontier = children
        self._members = members

    def covers(self, item_id: str, parent_id: str | None) -> bool:
        """The item is excluded itself or lies under an excluded item."""
        return item_id in self._members or (parent_id is not None and parent_id in self._members)

    def add(self, item_id: str) -> None:
        """A record of this run found under an excluded item: its own children follow it."""
        self._members.add(item_id)

    def ids(self) -> set[str]:
        return set(self._members)
