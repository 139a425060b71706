"""Task search: multi-word, any order, substring, case- and accent-insensitive, ranked.

Every query word must occur in the item's name or field texts (account, stage, case number,
...) or in its parent's (so "acme call" finds the "Call back" activity of an Acme opportunity).
Ranking, best first: the caller's `recent_ids` (in their order); then items whose name has
every word at a word start; every word at a word start of the item's own texts; ... of its
own or its parent's texts; every word inside the item's own texts; inside its or its parent's.
Ties go to shorter names, then alphabetical.

Built for 200,000 items at typing speed (p95 <= 16 ms) in pure Python:
- items are sorted once in tie-break order, so "best of a tier" is "first in index order" and
  a scan stops as soon as it has enough results;
- every letter, letter pair ("ac") and word start (" a", " ac") has an item set, for the
  item's own words and with its parent's (search_bitmaps): ANDing bitmaps runs in C and
  narrows each tier's candidates before any Python loop;
- a word index (word -> items) finds the few items of a rare word ("00001234") exactly.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import chain

from desktop.domain.bulk import gc_paused
from desktop.domain.items import ROOT_ID, Item
from desktop.domain.search_bitmaps import (
    GramSets,
    WordBitmaps,
    bitmap_from_positions,
    grams_of,
    positions_in,
    start_gram,
    word_start_grams,
)
from desktop.domain.steps import release_in_steps, sorted_in_steps
from desktop.domain.text import words

# Candidate sets up to this size are checked and ranked completely.
VERIFY_ALL_LIMIT = 1500
# A query word's exact item set (from the vocabulary) is worth building up to this size.
EXACT_WORDS_LIMIT = 50_000
# Give up looking a query word up in the vocabulary after this many matching words.
VOCABULARY_HIT_LIMIT = 2000


def _positions() -> array[int]:
    return array("i")


_NO_POSITIONS = _positions()  # shared by every word that has no postings of a kind; never grown


def item_words(item: Item, words_of: Callable[[str], str]) -> tuple[str, str]:
    """(name words, field words) of an item as the search matches them: its folded words,
    space-joined (`words_of` folds one text, usually through a cache: texts repeat a lot)."""
    return words_of(item.name), " ".join([words_of(text) for _, text in item.fields])


def own_text(words: tuple[str, str]) -> str:
    """" name words field words": an item's part of the text its query words must occur in;
    that text is the item's own_text followed by its parent's (see match_tier)."""
    return f" {words[0]} {words[1]}"


def query_terms(text: str) -> list[str]:
    """The distinct folded words of a query, longest first (usually the most selective)."""
    return sorted(set(words(text)), key=len, reverse=True)


def match_tier(
    text: str, name_end: int, own_end: int, terms: Sequence[str], starts: Sequence[str]
) -> int | None:
    """The rank tier of a match (0 best, see the module doc), or None for no match.

    `text` is " name words field words parent words" with the name part ending at
    `name_end` and the item's own part at `own_end`; `starts` are the terms with a space
    before them (" acme": "acme" at a word start).
    """
    find = text.find
    if all(find(start, 0, name_end) >= 0 for start in starts):
        return 0
    if all(find(start, 0, own_end) >= 0 for start in starts):
        return 1
    if all(start in text for start in starts):
        return 2
    if all(find(term, 0, own_end) >= 0 for term in terms):
        return 3
    if all(term in text for term in terms):
        return 4
    return None


class SearchIndex:
    """An index over a fixed set of items; build a new one when the items change.

    Building takes a few seconds for 200,000 items: do it off the GUI thread. Searching only
    reads, so one index can serve several threads.
    """

    def __init__(self, items: Iterable[Item]) -> None:
        with gc_paused():  # millions of small objects: collections would only slow this down
            self._build(list(items))

    def _build(self, items: list[Item]) -> None:
        folded: dict[str, str] = {}  # texts repeat a lot (accounts, stages, activity names)

        def words_of(text: str) -> str:
            found = folded.get(text)
            if found is None:
                found = folded[text] = " ".join(words(text))
            return found

        own: dict[str, tuple[str, str]] = {}  # id -> (name words, field words), space-joined
        for item in items:
            own[item.id] = item_words(item, words_of)
        # in steps: one sort of 200,000 tuples would hold the GIL (and stall the GUI) ~150 ms
        order = sorted_in_steps(items, key=lambda item: (len(item.name), own[item.id][0], item.id))

        self._items = order
        self._position = {item.id: index for index, item in enumerate(order)}
        # One text per item: " name words | field words | parent's name and field words",
        # with where the name and the item's own part end. " term" in it means "at a word
        # start"; str.find(x, 0, end) looks at one part without slicing.
        texts: list[str] = []
        name_ends = array("i")
        own_ends = array("i")
        # Postings go straight into arrays (4 bytes a position): lists of ints would hold
        # millions of pointers while building, and the memory stays taken after.
        own_vocabulary: defaultdict[str, array[int]] = defaultdict(_positions)
        name_starts: defaultdict[str, array[int]] = defaultdict(_positions)
        children: defaultdict[str, list[int]] = defaultdict(list)
        for index, item in enumerate(order):
            name_text = own[item.id][0]
            item_text = own_text(own[item.id])
            name_ends.append(len(name_text) + 1)
            own_ends.append(len(item_text))
            parent = own.get(item.parent_id) if item.parent_id != ROOT_ID else None
            if parent is None:
                texts.append(item_text)
            else:
                texts.append(item_text + own_text(parent))
                children[item.parent_id].append(index)
            for word in set(item_text.split()):
                own_vocabulary[word].append(index)
            for word in name_text.split():
                name_starts[" " + word[:1]].append(index)
                name_starts[" " + word[:2]].append(index)
        self._texts, self._name_ends, self._own_ends = texts, name_ends, own_ends

        # Inherited words: each parent's words reach all its children in one extend.
        inherited_vocabulary: defaultdict[str, array[int]] = defaultdict(_positions)
        for parent_id, kids in children.items():
            for word in set(" ".join(own[parent_id]).split()):
                inherited_vocabulary[word].extend(kids)
        self._build_sets(own_vocabulary, inherited_vocabulary, name_starts)
        # Freeing 200,000 build-time entries at return would be one C call holding the GIL.
        release_in_steps(own, folded, children)

    def _build_sets(
        self,
        own_vocabulary: dict[str, array[int]],
        inherited_vocabulary: dict[str, array[int]],
        name_starts: dict[str, array[int]],
    ) -> None:
        """Item sets per gram (own and own-or-inherited), per name word start, and the
        vocabulary text that exact word lookups search."""
        size = len(self._items)
        vocabulary = list(own_vocabulary.keys() | inherited_vocabulary.keys())
        self._vocabulary = vocabulary
        self._own_word_items = [own_vocabulary.pop(word, _NO_POSITIONS) for word in vocabulary]
        self._inherited_word_items = [
            inherited_vocabulary.pop(word, _NO_POSITIONS) for word in vocabulary
        ]
        gram_words: defaultdict[str, list[int]] = defaultdict(list)
        for word_id, word in enumerate(vocabulary):
            for gram in grams_of(word) | word_start_grams(word):
                gram_words[gram].append(word_id)
        own_bitmaps = WordBitmaps(size, self._own_word_items)
        inherited_bitmaps = WordBitmaps(size, self._inherited_word_items)
        self._own = GramSets(size)  # grams of the item's own words
        self._full = GramSets(size)  # grams of its own and its parent's words
        for gram, word_ids in gram_words.items():
            own_bitmap = own_bitmaps.bitmap(word_ids)
            self._own.add(gram, own_bitmap)
            self._full.add(gram, own_bitmap | inherited_bitmaps.bitmap(word_ids))
        self._name_starts = GramSets(size)
        for start, postings in name_starts.items():
            self._name_starts.add(start, bitmap_from_positions(size, postings))

        self._vocabulary_text = "\n" + "\n".join(vocabulary) + "\n"
        offsets, offset = [], 1
        for word in vocabulary:
            offsets.append(offset)
            offset += len(word) + 1
        self._word_offsets = offsets

    def __len__(self) -> int:
        return len(self._items)

    def release_in_steps(self) -> None:
        """Empty this index a piece at a time (see domain.steps), when nobody searches it any
        more: dropping it at once holds the GIL for ~35 ms."""
        release_in_steps(
            self._position, self._texts, self._items, self._own_word_items,
            self._inherited_word_items, self._vocabulary, self._word_offsets,
        )
        for sets in (self._own, self._full, self._name_starts):
            sets.release_in_steps()

    def search(
        self, text: str, limit: int = 50, recent_ids: Sequence[str] = ()
    ) -> list[Item]:
        """The best `limit` items matching every word of `text` (see the module doc).

        An empty query gives the recent items, then the rest in tie-break order.
        """
        if limit <= 0:
            return []
        terms = query_terms(text)
        recent: list[int] = []
        for item_id in dict.fromkeys(recent_ids):
            index = self._position.get(item_id)
            if index is not None and self._matches(index, terms):
                recent.append(index)
        recent = recent[:limit]
        # The top `limit` ranked items hold at most len(recent) recent ones, so they leave
        # enough others to fill the result.
        if not terms:
            ranked: Iterable[int] = range(min(len(self._items), limit))
        else:
            ranked = self._ranked(terms, limit)
        chosen = set(recent)
        result = [self._items[index] for index in recent]
        for index in ranked:
            if len(result) >= limit:
                break
            if index not in chosen:
                result.append(self._items[index])
        return result

    # -- matching ------------------------------------------------------------------------
    def _matches(self, index: int, terms: Sequence[str]) -> bool:
        text = self._texts[index]
        return all(term in text for term in terms)

    def _tier(self, index: int, terms: Sequence[str], starts: Sequence[str]) -> int | None:
        return match_tier(
            self._texts[index], self._name_ends[index], self._own_ends[index], terms, starts
        )

    def _ranked(self, terms: list[str], wanted: int) -> list[int]:
        grams = set().union(*(grams_of(term) for term in terms))
        if not all(gram in self._full for gram in grams):
            return []  # some letter or pair occurs nowhere
        starts = [" " + term for term in terms]
        candidates, restriction = self._narrowest(terms, grams)
        if candidates is None:
            return self._scan(terms, grams, starts, wanted, restriction)
        ranked = []
        for index in candidates:
            tier = self._tier(index, terms, starts)
            if tier is not None:
                ranked.append((tier, index))
        ranked.sort()
        return [index for _, index in ranked[:wanted]]

    def _narrowest(
        self, terms: list[str], grams: set[str]
    ) -> tuple[Sequence[int] | None, int]:
        """The cheapest superset of the matches we can name: a short sorted position list to
        rank completely, or else (None, bitmap) to restrict the scan with (-1: no restriction).
        """
        best: Sequence[int] | None = None
        for gram in grams:
            positions = self._full.positions.get(gram)
            if positions is not None and (best is None or len(positions) < len(best)):
                best = positions
        best_count = len(best) if best is not None else EXACT_WORDS_LIMIT
        if best_count <= VERIFY_ALL_LIMIT:
            return best, -1
        best_words: list[int] | None = None
        for term in terms:
            if len(term) < 3:
                break  # terms are longest first; short ones are in too many words
            found = self._words_containing(term, max_items=best_count)
            if found is not None:
                best_words, best_count = found
        if best_words is None:
            return None, -1  # the gram sets already hold what the sparse lists know
        postings = chain.from_iterable(
            chain(self._own_word_items[w], self._inherited_word_items[w]) for w in best_words
        )
        if best_count <= VERIFY_ALL_LIMIT:
            return sorted(set(postings)), -1
        return None, bitmap_from_positions(len(self._items), postings)

    def _words_containing(self, term: str, max_items: int) -> tuple[list[int], int] | None:
        """The vocabulary words containing `term` and how many items have (or inherit) them
        (an upper bound), or None when they reach `max_items` or are very many."""
        text = self._vocabulary_text
        offsets = self._word_offsets
        word_ids: list[int] = []
        total = 0
        position = text.find(term)
        while position != -1:
            word_id = bisect_right(offsets, position) - 1
            word_ids.append(word_id)
            total += len(self._own_word_items[word_id]) + len(self._inherited_word_items[word_id])
            if len(word_ids) > VOCABULARY_HIT_LIMIT or total >= max_items:
                return None
            # go on after this word: one hit per word is enough
            position = text.find(term, offsets[word_id] + len(self._vocabulary[word_id]))
        return word_ids, total

    def _scan(
        self, terms: list[str], grams: set[str], starts: list[str], wanted: int, restriction: int
    ) -> list[int]:
        """Many candidates: walk a superset of each tier in index order, best tier first,
        and stop as soon as there are enough."""
        start_grams = {start_gram(term) for term in terms}
        base = self._full.all_of(grams) & restriction
        anywhere = base & self._full.all_of(start_grams)
        own_base = base & self._own.all_of(grams)
        passes = (
            anywhere & self._name_starts.all_of(start_grams),  # tier 0
            own_base & self._own.all_of(start_grams),  # tier 1
            anywhere,  # tier 2
            own_base,  # tier 3
            base,  # tier 4
        )
        size = len(self._items)
        found: list[int] = []
        for tier, mask in enumerate(passes):
            # An item is accepted only in the pass of its own tier, so none comes twice.
            for index in positions_in(mask, size):
                if self._tier(index, terms, starts) == tier:
                    found.append(index)
                    if len(found) >= wanted:
                        return found
        return found
