"""The project/task tree built from items: lookups, children, paths."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from desktop.domain.items import ROOT_ID, Item, root_item
from desktop.domain.steps import release_in_steps, sorted_in_steps

PATH_SEPARATOR = " > "


class TaskTree:
    """An immutable view over a set of items keyed by Salesforce Id.

    Children come in the order of `sort_key` when one is given (sorted per parent on first
    use, so building a tree of 200,000 items stays cheap), else in the order of the items.
    An item whose parent is missing is kept out of `children()` walks, so a broken cache
    never produces orphans in the UI, but `get()` still finds it. Safe to read from several
    threads.
    """

    def __init__(
        self, items: Iterable[Item], sort_key: Callable[[Item], Any] | None = None
    ) -> None:
        by_id = {item.id: item for item in items}
        if ROOT_ID not in by_id:
            by_id[ROOT_ID] = root_item()
        self._by_id = by_id
        children: defaultdict[str, list[str]] = defaultdict(list)
        for item_id, item in by_id.items():
            if item.parent_id is not None:
                children[item.parent_id].append(item_id)
        self._children = dict(children)
        self._sort_key = sort_key
        self._sorted: set[str] = set()

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._by_id

    def __iter__(self) -> Iterator[Item]:
        return iter(self._by_id.values())

    @property
    def root(self) -> Item:
        return self._by_id[ROOT_ID]

    def get(self, item_id: str) -> Item | None:
        return self._by_id.get(item_id)

    def _child_ids(self, item_id: str) -> list[str]:
        ids = self._children.get(item_id)
        if ids is None:
            return []
        if self._sort_key is not None and item_id not in self._sorted:
            key, by_id = self._sort_key, self._by_id
            # A sorted copy replaces the list in one step, so a reader never sees it half-done;
            # sorted in steps: the root has 100,000 children, a long C call holding the GIL.
            ids = self._children[item_id] = sorted_in_steps(ids, key=lambda i: key(by_id[i]))
            self._sorted.add(item_id)
        return ids

    def children(self, item_id: str, include_archived: bool = False) -> list[Item]:
        by_id = self._by_id
        kids = [by_id[i] for i in self._child_ids(item_id)]
        if include_archived:
            return kids
        return [kid for kid in kids if not kid.archived]

    def child_count(self, item_id: str, include_archived: bool = False) -> int:
        if include_archived:
            return len(self._children.get(item_id, ()))
        return sum(1 for i in self._children.get(item_id, ()) if not self._by_id[i].archived)

    def path(self, item_id: str) -> list[Item]:
        """Items from the root down to `item_id` (inclusive); [] when it is unknown."""
        path: list[Item] = []
        seen: set[str] = set()
        current = self._by_id.get(item_id)
        while current is not None and current.id not in seen:
            seen.add(current.id)
            path.append(current)
            current = self._by_id.get(current.parent_id) if current.parent_id else None
        path.reverse()
        return path

    def path_text(self, item_id: str, separator: str = PATH_SEPARATOR) -> str:
        return separator.join(item.name for item in self.path(item_id))

    def is_reachable(self, item_id: str) -> bool:
        """True when the item hangs under the root through known items (not an orphan)."""
        path = self.path(item_id)
        return bool(path) and path[0].id == ROOT_ID

    def walk(self, include_archived: bool = False) -> Iterator[tuple[int, Item]]:
        """Depth-first (depth, item) pairs below the root, parents before children.

        An archived item hides its whole subtree unless `include_archived`.
        """
        stack: list[tuple[int, Item]] = [
            (1, kid) for kid in reversed(self.children(ROOT_ID, include_archived))
        ]
        has_children = self._children
        while stack:
            depth, item = stack.pop()
            yield depth, item
            if item.id in has_children:  # most items are leaves: skip the call
                kids = self.children(item.id, include_archived)
                stack.extend((depth + 1, kid) for kid in reversed(kids))

    def release_in_steps(self) -> None:
        """Empty this tree a piece at a time (see domain.steps), when nobody reads it any
        more: dropping 200,000 items at once holds the GIL for ~70 ms."""
        self._sorted.clear()
        release_in_steps(self._children, self._by_id)

    def visible_items(self, include_archived: bool = False) -> list[Item]:
        """Every item reachable from the root, depth-first; active ones only by default."""
        return [item for _, item in self.walk(include_archived)]
