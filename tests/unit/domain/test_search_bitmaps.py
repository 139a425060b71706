from array import array

import pytest

from desktop.domain import search_bitmaps
from desktop.domain.search_bitmaps import (
    GramSets,
    WordBitmaps,
    bitmap_from_positions,
    compact_set,
    grams_of,
    keeps_positions,
    positions_in,
    start_gram,
    word_start_grams,
)


def test_grams_and_word_starts():
    assert grams_of("acme") == {"a", "c", "m", "e", "ac", "cm", "me"}
    assert grams_of("x") == {"x"}
    assert word_start_grams("acme") == {" a", " ac"}
    assert word_start_grams("a") == {" a"}
    assert start_gram("acme") == " ac" and start_gram("a") == " a"


@pytest.mark.parametrize("positions", [[], [0], [9], [0, 3, 9], list(range(10))])
def test_bitmap_round_trip_in_index_order(positions):
    bitmap = bitmap_from_positions(10, positions)
    assert list(positions_in(bitmap, 10)) == sorted(positions)
    assert bitmap.bit_count() == len(positions)


@pytest.mark.parametrize("size", [1, 7, 8, 9, 200_000, 200_003])
def test_few_and_many_positions_make_the_same_bitmap(size):
    """A few positions set bits one by one (size / 8 bytes); many mark a byte per item: the
    same int either way, for every size (the last byte's padding included)."""
    import random

    chosen = sorted(random.Random(size).sample(range(size), min(size, 3)) + [0, size - 1])
    few = array("i", sorted(set(chosen)))
    many = array("i", range(0, size, max(1, size // (search_bitmaps.FEW_POSITIONS + 7))))
    assert len(many) > search_bitmaps.FEW_POSITIONS or size < search_bitmaps.FEW_POSITIONS
    for positions in (few, many):
        expected = sum(1 << (size - 1 - position) for position in positions)
        assert bitmap_from_positions(size, positions) == expected
        assert bitmap_from_positions(size, iter(positions)) == expected  # (no len: marked)
        assert list(positions_in(expected, size)) == list(positions)


def test_bitmaps_intersect_with_and():
    a = bitmap_from_positions(8, [1, 2, 5])
    b = bitmap_from_positions(8, [2, 5, 7])
    assert list(positions_in(a & b, 8)) == [2, 5]


def test_word_bitmaps_or_common_and_rare_words(monkeypatch):
    monkeypatch.setattr(search_bitmaps, "COMMON_WORD_ITEMS", 3)
    words = WordBitmaps(10, [[0, 1, 2, 3], [5], [], [8, 9]])
    assert list(positions_in(words.bitmap([0, 1, 2, 3]), 10)) == [0, 1, 2, 3, 5, 8, 9]
    assert list(positions_in(words.bitmap([1]), 10)) == [5]
    assert words.bitmap([2]) == 0


def test_gram_sets_keep_rare_grams_as_positions(monkeypatch):
    monkeypatch.setattr(search_bitmaps, "SPARSE_LIMIT", 2)
    sets = GramSets(100)
    sets.add("ac", bitmap_from_positions(100, [1, 4]))
    sets.add("cm", bitmap_from_positions(100, [1, 4, 6]))
    sets.add("zz", 0)
    assert list(sets.positions["ac"]) == [1, 4] and "cm" in sets.packed
    assert "zz" not in sets and "ac" in sets
    assert (sets.count("ac"), sets.count("cm"), sets.count("zz")) == (2, 3, 0)
    assert list(positions_in(sets.bitmap("ac"), 100)) == [1, 4]
    assert sets.bitmap("zz") == 0
    assert list(positions_in(sets.all_of(["ac", "cm"]), 100)) == [1, 4]
    assert sets.all_of(["ac", "zz"]) == 0
    assert list(positions_in(sets.all_of([]), 100)) == list(range(100))


def test_compact_sets_are_kept_as_their_bitmaps_would_be(monkeypatch):
    """The index converts a rare gram's bitmap to positions as soon as it is built (so the
    bitmaps of hundreds of rare grams do not pile up during the build); GramSets keeps the
    same as from the bitmaps, in arrays of its own."""
    monkeypatch.setattr(search_bitmaps, "SPARSE_LIMIT", 2)
    rare, common = bitmap_from_positions(100, [1, 4]), bitmap_from_positions(100, [1, 4, 6])
    assert list(compact_set(100, rare)) == [1, 4] and compact_set(100, common) == common
    built = [("ac", compact_set(100, rare)), ("cm", compact_set(100, common)),
             ("zz", compact_set(100, 0))]
    rare_positions = built[0][1]
    sets = GramSets.of(100, built)
    assert built == []
    assert list(sets.positions["ac"]) == [1, 4] and sets.positions["ac"] is not rare_positions
    assert list(sets.packed) == ["cm"] and sets.bitmap("cm") == common
    assert sets.count("cm") == 3
    assert "zz" not in sets


def test_common_grams_are_kept_packed_and_the_last_used_unpacked(monkeypatch):
    monkeypatch.setattr(search_bitmaps, "SPARSE_LIMIT", 2)
    monkeypatch.setattr(search_bitmaps, "UNPACKED_KEPT", 2)
    size = 200_000
    sets = GramSets(size)
    bitmaps = {gram: bitmap_from_positions(size, range(offset, size, 97))
               for offset, gram in enumerate(("ac", "cm", "me"))}
    for gram, bitmap in bitmaps.items():
        sets.add(gram, bitmap)

    assert sets.nbytes() < sum(size // 8 for _ in bitmaps) // 10  # packed: a fraction
    assert [sets.bitmap(gram) == bitmap for gram, bitmap in bitmaps.items()] == [True] * 3
    assert list(sets._unpacked) == ["cm", "me"]  # at most UNPACKED_KEPT, the last used
    assert sets.bitmap("cm") is sets._unpacked["cm"] and list(sets._unpacked) == ["me", "cm"]
    assert sets.count("ac") == len(range(0, size, 97))


def test_a_small_index_keeps_a_set_as_positions_only_when_that_is_smaller():
    # 5,000 items: a bitmap is 625 bytes, so 156 positions (624 bytes) at most
    assert keeps_positions(156, 5_000) and not keeps_positions(157, 5_000)
    # 200,000 items: up to SPARSE_LIMIT (a bitmap is 25,000 bytes)
    assert keeps_positions(search_bitmaps.SPARSE_LIMIT, 200_000)
    assert not keeps_positions(search_bitmaps.SPARSE_LIMIT + 1, 200_000)
