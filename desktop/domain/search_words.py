"""The words of a search index, to find the few items of a rare word ("00001234") exactly.

A query word's letters and pairs can all be common while the word itself is rare: the words
containing it are looked up in the vocabulary (one str.find over all distinct words, in C),
and their items are read from postings. Only rare words keep postings: a common word's
items would be too many to be worth listing, and the gram bitmaps narrow those queries
anyway, so a lookup that meets one gives up (the caller then scans).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Collection, Sequence

# Words with more items (own and inherited together) than this keep no postings.
RARE_WORD_ITEMS = 1500
# Words starting with a query word looked at, at most, to rule out matches in names.
NAME_WORD_LOOKUPS = 200


class Vocabulary:
    """Distinct words; for each, how many items have it (own or inherited) and, when rare,
    which (index positions, sorted per kind; an item may be listed twice)."""

    def __init__(
        self,
        words: list[str],
        own: Sequence[array[int]],
        inherited: Sequence[array[int]],
        name_words: Collection[str] = (),
    ) -> None:
        self._text = "\n" + "\n".join(words) + "\n"
        # 1 for the words that are in some item's name (a query word that no name word
        # starts with rules out "every word at a word start of the name" at once)
        self._in_names = bytes(word in name_words for word in words)
        offsets, offset = array("I"), 1
        for word in words:
            offsets.append(offset)
            offset += len(word) + 1
        self._offsets = offsets
        self._lengths = array("I", map(len, words))
        totals = array("I")
        starts = array("I", [0])
        postings = array("I")
        for own_items, inherited_items in zip(own, inherited, strict=True):
            total = len(own_items) + len(inherited_items)
            totals.append(total)
            if total <= RARE_WORD_ITEMS:
                postings.extend(own_items)
                postings.extend(inherited_items)
            starts.append(len(postings))
        self._totals, self._starts, self._postings = totals, starts, postings

    def __len__(self) -> int:
        return len(self._offsets)

    def containing(
        self, term: str, max_items: int, max_words: int
    ) -> tuple[list[int], int] | None:
        """The words containing `term` and how many items have (or inherit) them (an upper
        bound), or None when they reach `max_items`, are more than `max_words`, or include
        a common word (no postings)."""
        text, offsets, lengths, totals = self._text, self._offsets, self._lengths, self._totals
        word_ids: list[int] = []
        total = 0
        position = text.find(term)
        while position != -1:
            word_id = bisect_right(offsets, position) - 1
            word_total = totals[word_id]
            if word_total > RARE_WORD_ITEMS:
                return None
            word_ids.append(word_id)
            total += word_total
            if len(word_ids) > max_words or total >= max_items:
                return None
            # go on after this word: one hit per word is enough
            position = text.find(term, offsets[word_id] + lengths[word_id])
        return word_ids, total

    def may_start_a_name_word(self, term: str) -> bool:
        """False only when no word of any item's name starts with `term` (short terms, with
        many words to look at, are not looked up: True)."""
        if len(term) < 3:
            return True
        text, offsets, in_names = self._text, self._offsets, self._in_names
        needle = "\n" + term
        position = text.find(needle)
        for _ in range(NAME_WORD_LOOKUPS):
            if position == -1:
                return False
            word_id = bisect_right(offsets, position + 1) - 1
            if in_names[word_id]:
                return True
            position = text.find(needle, position + 1)
        return True

    def postings(self, word_id: int) -> array[int]:
        return self._postings[self._starts[word_id] : self._starts[word_id + 1]]

    def nbytes(self) -> int:
        arrays = (self._offsets, self._lengths, self._totals, self._starts, self._postings)
        return len(self._text) + len(self._in_names) + sum(a.itemsize * len(a) for a in arrays)
