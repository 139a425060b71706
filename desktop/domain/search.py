"""Task search: multi-word, any order, substring, case- and accent-insensitive, ranked.

Every query word must occur in the item's name or field texts (account, stage, case number,
...) or in its parent's (so "acme call" finds the "Call back" activity of an Acme opportunity).
Ranking, best first: the caller's `recent_ids` (in their order); then items whose name has
every word at a word start; every word at a word start of the item's own texts; ... of its
own or its parent's texts; every word inside the item's own texts; inside its or its parent's.
Ties go to shorter names, then alphabetical.

Built for 200,000 items at typing speed in pure Python, and compact (tens of bytes an item):
- the items stay in an ItemTable and their folded texts in one bytes object (search_texts);
- items are sorted once in tie-break order, so "best of a tier" is "first in index order" and
  a scan stops as soon as it has enough results;
- every letter, letter pair ("ac") and word start (" a", " ac") has an item set, for the
  item's own words and with its parent's (search_bitmaps): ANDing bitmaps runs in C and
  narrows each tier's candidates before any Python loop;
- the vocabulary finds the few items of a rare word ("00001234") exactly (search_words);
- each candidate is then checked on its texts (search_tiers).
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import chain

from desktop.domain.bulk import gc_paused
from desktop.domain.item_table import ItemTable
from desktop.domain.items import ROOT_ID, Item
from desktop.domain.search_bitmaps import (
    GramSets,
    WordBitmaps,
    bitmap_from_positions,
    compact_set,
    grams_of,
    positions_in,
    start_gram,
    word_start_grams,
)
from desktop.domain.search_texts import SearchTexts
from desktop.domain.search_tiers import TierChecks
from desktop.domain.search_words import Vocabulary
from desktop.domain.text import words

# Candidate sets up to this size are checked and ranked completely.
VERIFY_ALL_LIMIT = 1500
# Up to this many matches of the query before, they are the candidates without looking for
# fewer (a vocabulary lookup costs about as much as checking these).
FEW_EARLIER_MATCHES = 300
# Give up looking a query word up in the vocabulary after this many matching words.
VOCABULARY_HIT_LIMIT = 2000

_EMPTY = array("I")


def item_words(item: Item, words_of: Callable[[str], str]) -> tuple[str, str]:
    """(name words, field words) of an item as the search matches them: its folded words,
    space-joined (`words_of` folds one text, usually through a cache: texts repeat a lot).
    The words SearchTexts holds for an item, for a store table of them (store.search_table)."""
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

    `SearchIndex(items)` indexes a list of items; `SearchIndex.over(table, positions, texts)`
    indexes some positions of an ItemTable (the picker's catalog), with a parent's words
    taken from the table even when the parent itself is not indexed. Building takes seconds
    for 200,000 items: do it off the GUI thread. Searching only reads, so one index can serve
    several threads.
    """

    def __init__(self, items: Iterable[Item] = ()) -> None:
        table = ItemTable.of_items(items)
        self._build(table, range(len(table)), SearchTexts(table))

    @classmethod
    def over(
        cls, table: ItemTable, positions: Iterable[int], texts: SearchTexts | None = None
    ) -> SearchIndex:
        index = cls.__new__(cls)
        index._build(table, positions, texts or SearchTexts(table))
        return index

    def _build(self, table: ItemTable, positions: Iterable[int], texts: SearchTexts) -> None:
        with gc_paused():  # many small objects while building: collections would only slow it
            self._table, self._texts = table, texts
            self._order = self._tie_break_order(positions)
            size = len(self._order)
            index_of = array("i", [-1]) * len(table)
            for index, position in enumerate(self._order):
                index_of[position] = index
            self._index_of = index_of
            root = table.position(ROOT_ID)
            parent_at = table.parent_at
            # the parent whose text an item also matches (-1: none; the root has no words)
            self._parent = array("i", [
                parent if parent >= 0 and parent != root else -1
                for parent in map(parent_at, self._order)
            ])
            self._checks = TierChecks(texts, self._order, self._parent)
            # (the terms, every match) of the last query whose matches were all ranked
            self._last_matches: tuple[list[str], Sequence[int]] | None = None
            self._build_sets(size)

    def _tie_break_order(self, positions: Iterable[int]) -> array[int]:
        """`positions` by (name length, folded name words, Id)."""
        table, texts = self._table, self._texts
        return table.ordered_by_name(
            lambda position: (len(table.name_at(position)), texts.name_words(position)),
            positions,
        )

    def _build_sets(self, size: int) -> None:
        """Item sets per gram (own and own-or-inherited), per name word start, and the
        vocabulary that exact word lookups search.

        The sets are first collected as bitmaps (big ints: malloc'd, not in Python's small
        object arenas); the small objects that stay (the GramSets, their keys and position
        lists) are made only once the build's millions of temporaries are gone, so they are
        packed together instead of each pinning a mostly empty arena (~10 MB for 200,000).
        """
        own_sets, full_sets, start_sets, self._vocabulary = self._collect_sets(size)
        self._own = GramSets.of(size, own_sets)  # grams of the item's own words
        self._full = GramSets.of(size, full_sets)  # grams of its own and its parent's words
        self._name_starts = GramSets.of(size, start_sets)  # word starts of the name

    def _collect_sets(
        self, size: int
    ) -> tuple[list[tuple[str, int | array[int]]], list[tuple[str, int | array[int]]],
               list[tuple[str, int | array[int]]], Vocabulary]:
        texts = self._texts
        own_vocabulary: defaultdict[str, array[int]] = defaultdict(lambda: array("I"))
        name_starts: defaultdict[str, array[int]] = defaultdict(lambda: array("I"))
        children: defaultdict[int, array[int]] = defaultdict(lambda: array("I"))
        name_words: set[str] = set()
        for index, position in enumerate(self._order):
            for word in set(texts.text(position).split()):
                own_vocabulary[word].append(index)
            for word in texts.name_words(position).split():
                name_starts[" " + word[:1]].append(index)
                name_starts[" " + word[:2]].append(index)
                name_words.add(word)
            parent = self._parent[index]
            if parent >= 0:
                children[parent].append(index)
        # Inherited words: each parent's words reach all its children in one extend.
        inherited_vocabulary: defaultdict[str, array[int]] = defaultdict(lambda: array("I"))
        for parent, kids in children.items():
            for word in set(texts.text(parent).split()):
                inherited_vocabulary[word].extend(kids)
        del children

        vocabulary = list(own_vocabulary.keys() | inherited_vocabulary.keys())
        own = [own_vocabulary.pop(word, _EMPTY) for word in vocabulary]
        inherited = [inherited_vocabulary.pop(word, _EMPTY) for word in vocabulary]
        gram_words: defaultdict[str, list[int]] = defaultdict(list)
        for word_id, word in enumerate(vocabulary):
            for gram in grams_of(word) | word_start_grams(word):
                gram_words[gram].append(word_id)
        own_bitmaps = WordBitmaps(size, own)
        inherited_bitmaps = WordBitmaps(size, inherited)
        own_sets, full_sets = [], []
        for gram, word_ids in gram_words.items():
            own_bitmap = own_bitmaps.bitmap(word_ids)
            full_bitmap = own_bitmap | inherited_bitmaps.bitmap(word_ids)
            own_sets.append((gram, compact_set(size, own_bitmap)))
            full_sets.append((gram, compact_set(size, full_bitmap)))
        start_sets = [(start, compact_set(size, bitmap_from_positions(size, postings)))
                      for start, postings in name_starts.items()]
        vocabulary_index = Vocabulary(vocabulary, own, inherited, name_words)
        return own_sets, full_sets, start_sets, vocabulary_index

    def __len__(self) -> int:
        return len(self._order)

    @property
    def texts(self) -> SearchTexts:
        """The folded texts it searches (shared with other indexes of the same table)."""
        return self._texts

    def nbytes(self) -> int:
        """Roughly what this index holds (not counting the table and texts it shares)."""
        arrays = (self._order, self._index_of, self._parent)
        return (sum(a.itemsize * len(a) for a in arrays) + self._vocabulary.nbytes()
                + sum(sets.nbytes() for sets in (self._own, self._full, self._name_starts)))

    def search(
        self, text: str, limit: int = 50, recent_ids: Sequence[str] = ()
    ) -> list[Item]:
        """The best `limit` items matching every word of `text` (see the module doc).

        An empty query gives the recent items, then the rest in tie-break order.
        """
        if limit <= 0:
            return []
        terms = query_terms(text)
        encoded = [term.encode("utf-8", "surrogatepass") for term in terms]
        recent: list[int] = []
        for item_id in dict.fromkeys(recent_ids):
            index = self._index(item_id)
            if index is not None and self._checks.matches(index, encoded):
                recent.append(index)
        recent = recent[:limit]
        # The top `limit` ranked items hold at most len(recent) recent ones, so they leave
        # enough others to fill the result.
        if not terms:
            ranked: Iterable[int] = range(min(len(self._order), limit))
        else:
            ranked = self._ranked(terms, encoded, limit)
        chosen = set(recent)
        found = list(recent)
        for index in ranked:
            if len(found) >= limit:
                break
            if index not in chosen:
                found.append(index)
        order, item = self._order, self._table.item
        return [item(order[index]) for index in found]

    def _index(self, item_id: str) -> int | None:
        position = self._table.position(item_id)
        if position is None:
            return None
        index = self._index_of[position]
        return None if index < 0 else index

    # -- matching ------------------------------------------------------------------------
    def _ranked(self, terms: list[str], encoded: list[bytes], wanted: int) -> list[int]:
        grams = set().union(*(grams_of(term) for term in terms))
        if not all(gram in self._full for gram in grams):
            self._last_matches = (terms, ())
            return []  # some letter or pair occurs nowhere
        starts = [b" " + term for term in encoded]
        earlier = self._earlier_matches(terms)
        if earlier is not None and len(earlier) <= FEW_EARLIER_MATCHES:
            candidates: Sequence[int] | None = earlier
        else:
            candidates, restriction = self._narrowest(terms, grams)
            if earlier is not None and (candidates is None or len(earlier) < len(candidates)):
                candidates = earlier
        if candidates is None:
            base = self._full.all_of(grams) & restriction
            if base.bit_count() > VERIFY_ALL_LIMIT:
                self._last_matches = None  # (a scan stops at `wanted`: not all matches)
                return self._scan(terms, encoded, grams, starts, wanted, base)
            # every single gram is common, but not all of them together
            candidates = list(positions_in(base, len(self._order)))
        tier_of = self._checks.tier_of(encoded, starts)
        ranked = []
        for index in candidates:
            tier = tier_of(index)
            if tier is not None:
                ranked.append((tier, index))
        ranked.sort()
        self._last_matches = (terms, [index for _, index in ranked])
        return [index for _, index in ranked[:wanted]]

    def _earlier_matches(self, terms: list[str]) -> Sequence[int] | None:
        """Every match of the last query ranked completely, when they include every match of
        `terms`: typing on ("acme w" after "acme ") only takes matches away. An item has a
        query's words when each occurs in its texts, so it has every word of the earlier
        query that is part of one of these."""
        last = self._last_matches  # (one read: another thread may replace it)
        if last is None:
            return None
        earlier_terms, matches = last
        if all(any(earlier in term for term in terms) for earlier in earlier_terms):
            return matches
        return None

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
        best_count = len(best) if best is not None else len(self._order)
        if best_count <= VERIFY_ALL_LIMIT:
            return best, -1
        best_words: list[int] | None = None
        for term in terms:
            if len(term) < 3:
                break  # terms are longest first; short ones are in too many words
            found = self._vocabulary.containing(term, best_count, VOCABULARY_HIT_LIMIT)
            if found is not None:
                best_words, best_count = found
        if best_words is None:
            return None, -1  # the gram sets already hold what the rare words know
        # (an array, not a chain: a few thousand positions make a bitmap bit by bit, faster)
        postings = array("I", chain.from_iterable(map(self._vocabulary.postings, best_words)))
        if best_count <= VERIFY_ALL_LIMIT:
            return sorted(set(postings)), -1
        return None, bitmap_from_positions(len(self._order), postings)

    def _scan(
        self, terms: list[str], encoded: list[bytes], grams: set[str], starts: list[bytes],
        wanted: int, base: int,
    ) -> list[int]:
        """Many candidates (`base`, a bitmap): walk a superset of each tier in index order,
        best tier first, and stop as soon as there are enough."""
        start_grams = {start_gram(term) for term in terms}
        anywhere = base & self._full.all_of(start_grams)
        own_base = base & self._own.all_of(grams)
        own_starts = own_base & self._own.all_of(start_grams)
        passes = (
            own_starts & self._name_starts.all_of(start_grams),  # tier 0 (the name is own)
            own_starts,  # tier 1
            anywhere,  # tier 2
            own_base,  # tier 3
            base,  # tier 4
        )
        size = len(self._order)
        # Once the passes before tier k's are through, every item of a better tier that
        # tier k's condition admits has been taken: the condition alone (one cheap look,
        # most candidates fail at the first term) tells the rest.
        if not all(self._vocabulary.may_start_a_name_word(term) for term in terms):
            passes = (0, *passes[1:])  # no name has a word starting so: no tier 0
        found: list[int] = []
        taken: set[int] = set()
        for mask, holds in zip(passes, self._checks.conditions(encoded, starts), strict=True):
            for index in positions_in(mask, size):
                if index not in taken and holds(index):
                    taken.add(index)
                    found.append(index)
                    if len(found) >= wanted:
                        return found
        return found
