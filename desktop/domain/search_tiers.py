"""Where a query's words are in one item of a SearchIndex: its rank tier (see desktop.domain.
search), asked of the folded texts (search_texts): the item's own and its parent's.

These run for thousands of candidates per query at typing speed, hence the plain loops and
the bound methods kept in locals.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence

from desktop.domain.search_texts import SearchTexts


class TierChecks:
    """Tier questions about the items of one index (by index number)."""

    def __init__(self, texts: SearchTexts, order: array[int], parents: array[int]) -> None:
        self._texts = texts
        self._order = order  # index number -> table position
        self._parent = parents  # index number -> the parent's table position, or -1

    def tier_of(
        self, terms: Sequence[bytes], starts: Sequence[bytes]
    ) -> Callable[[int], int | None]:
        """For one query, the tier of item `index` (0 best; None: no match), on its own text
        and its parent's; `starts` are the terms with a space before them. What it reads is
        bound once: it runs for up to 1,500 candidates a keystroke, and the lookups would
        cost a third of each call.

        Most candidates a scan checks (a superset, from letter pairs) match nothing: whether
        each term occurs at all is asked first, so those cost a find or two per term."""
        texts = self._texts
        find, text_starts, name_ends = texts.blob.find, texts.starts, texts.name_ends
        order, parents = self._order, self._parent

        def tier(index: int) -> int | None:
            position = order[index]
            begin, end = text_starts[position], text_starts[position + 1]
            parent = parents[index]
            parent_begin = parent_end = 0
            if parent >= 0:
                parent_begin, parent_end = text_starts[parent], text_starts[parent + 1]
            all_own = True
            for term in terms:
                if find(term, begin, end) < 0:
                    if find(term, parent_begin, parent_end) < 0:
                        return None  # (with no parent, an empty range: never found)
                    all_own = False
            if all_own:
                for start in starts:
                    if find(start, begin, end) < 0:
                        break
                else:
                    name_end = name_ends[position]
                    for start in starts:
                        if find(start, begin, name_end) < 0:
                            return 1
                    return 0
            if parent >= 0:
                for start in starts:
                    if find(start, begin, end) < 0 and find(start, parent_begin, parent_end) < 0:
                        break
                else:
                    return 2
            return 3 if all_own else 4

        return tier

    def matches(self, index: int, terms: Sequence[bytes]) -> bool:
        """Whether every term is in the item's own text or its parent's (any tier)."""
        return self.conditions(terms, ())[4](index)

    def conditions(
        self, terms: Sequence[bytes], starts: Sequence[bytes]
    ) -> tuple[Callable[[int], bool], ...]:
        """For each tier, whether an item meets its condition (see the module doc): every
        term at a word start of the name; ... of its own text; ... of its own or parent's;
        every term in its own text; in its own or parent's."""
        texts = self._texts
        find, text_starts, name_ends = texts.blob.find, texts.starts, texts.name_ends
        order, parents = self._order, self._parent

        # (plain loops: run for thousands of candidates a query, all() over a generator
        # costs a third more)
        def in_name(index: int) -> bool:
            position = order[index]
            begin, end = text_starts[position], name_ends[position]
            for start in starts:  # noqa: SIM110 - see above
                if find(start, begin, end) < 0:
                    return False
            return True

        def in_own(words: Sequence[bytes]) -> Callable[[int], bool]:
            def holds(index: int) -> bool:
                position = order[index]
                begin, end = text_starts[position], text_starts[position + 1]
                for word in words:  # noqa: SIM110 - see above
                    if find(word, begin, end) < 0:
                        return False
                return True
            return holds

        def in_own_or_parent(words: Sequence[bytes]) -> Callable[[int], bool]:
            def holds(index: int) -> bool:
                position, parent = order[index], parents[index]
                begin, end = text_starts[position], text_starts[position + 1]
                parent_begin = parent_end = 0  # no parent: an empty range
                if parent >= 0:
                    parent_begin, parent_end = text_starts[parent], text_starts[parent + 1]
                for word in words:
                    if find(word, begin, end) < 0 and find(word, parent_begin, parent_end) < 0:
                        return False
                return True
            return holds

        return (in_name, in_own(starts), in_own_or_parent(starts), in_own(terms),
                in_own_or_parent(terms))
