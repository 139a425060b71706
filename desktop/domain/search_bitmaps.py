"""Item sets as Python ints (one bit per item), for the search index.

Item i is the i-th binary digit from the left of an int with `size` digits, so formatting a
bitmap in binary lists its items in index order, and `a & b` intersects two sets at C speed.
"""

from __future__ import annotations

import zlib
from array import array
from collections import deque
from collections.abc import Iterable, Iterator, Sized
from itertools import chain, repeat

from desktop.domain.steps import in_slices

# A gram in at most this many items keeps a sorted position list instead of a bitmap (when
# that is the smaller: see keeps_positions).
SPARSE_LIMIT = 4096
# Bitmaps kept once unpacked or built from positions (typing "acme w" reuses the grams of
# "acme"; a query has 10-30 grams).
UNPACKED_KEPT = 40
# Words in at least this many items get a bitmap of their own while grams are built.
COMMON_WORD_ITEMS = 512
# Up to this many positions, bitmap_from_positions sets bits one by one (a Python loop, but
# fewer bytes to allocate, translate and parse than one per item: the two break even at ~8000).
FEW_POSITIONS = 6000
# Positions marked per C call (a common gram has millions): a few ms, so other threads run.
MARK_STEP = 65536

_TO_BINARY_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def grams_of(word: str) -> set[str]:
    """What must be present for `word` to occur inside a word: its letters and letter pairs."""
    found = set(word)
    found.update(word[k : k + 2] for k in range(len(word) - 1))
    return found


def word_start_grams(word: str) -> set[str]:
    """" a" and " ac" for "acme": a query word starting with "ac" needs a word with these."""
    return {" " + word[:1], " " + word[:2]}


def start_gram(term: str) -> str:
    """The word-start gram a term at a word start needs (" ac" for "acme", " a" for "a")."""
    return " " + term[:2]


def bitmap_from_positions(size: int, positions: Iterable[int]) -> int:
    if isinstance(positions, Sized) and len(positions) <= FEW_POSITIONS:
        return _bitmap_from_few(size, positions)
    marks = bytearray(size)
    mark = marks.__setitem__
    for piece in in_slices(positions, MARK_STEP):
        deque(map(mark, piece, repeat(1)), maxlen=0)  # a loop at C speed
    return int(marks.translate(_TO_BINARY_DIGITS), 2)


def _bitmap_from_few(size: int, positions: Iterable[int]) -> int:
    """bitmap_from_positions for a few positions: bits set one by one in size / 8 bytes,
    instead of a byte per item turned into binary digits and parsed (~0.9 ms at 200,000
    items whatever the count)."""
    length = (size + 7) >> 3
    packed = bytearray(length)
    for position in positions:
        packed[position >> 3] |= 128 >> (position & 7)
    return int.from_bytes(packed, "big") >> (8 * length - size)


def positions_in(mask: int, size: int) -> Iterator[int]:
    """Item positions whose bit is set in `mask`, in index order."""
    if mask <= 0:
        return
    digits = format(mask, "b")
    offset = size - len(digits)
    find = digits.find
    position = find("1")
    while position != -1:
        yield offset + position
        position = find("1", position + 1)


class WordBitmaps:
    """gram -> bitmap of the items having a word with that gram, built from word postings.

    A common word (a stage, a year) is in thousands of items and shares its grams with other
    words: its bitmap is built once and ORed into each gram's, instead of marking item by
    item for every gram.
    """

    def __init__(self, size: int, word_items: list[list[int]]) -> None:
        self._size = size
        self._word_items = word_items
        self._common: dict[int, int] = {}

    def bitmap(self, word_ids: Iterable[int]) -> int:
        bitmap = 0
        rare: list[list[int]] = []
        for word_id in word_ids:
            postings = self._word_items[word_id]
            if len(postings) >= COMMON_WORD_ITEMS:
                common = self._common.get(word_id)
                if common is None:
                    common = self._common[word_id] = bitmap_from_positions(self._size, postings)
                bitmap |= common
            elif postings:
                rare.append(postings)
        if rare:
            bitmap |= bitmap_from_positions(self._size, chain.from_iterable(rare))
        return bitmap


def keeps_positions(count: int, size: int) -> bool:
    """Whether a set of `count` of `size` items is kept as positions (4 bytes each) rather
    than as a bitmap (size / 8 bytes): when it is rare, and the list is no bigger. (In an
    index of 5,000 items a bitmap is 625 bytes: a list of over 156 positions is bigger.)"""
    return count <= SPARSE_LIMIT and count * 32 <= size


def compact_set(size: int, bitmap: int) -> int | array[int]:
    """An item set the way GramSets keeps it: the bitmap when common, else a sorted position
    array (made at once while building, so the rare sets' bitmaps do not pile up)."""
    if not keeps_positions(bitmap.bit_count(), size):
        return bitmap
    return array("i", positions_in(bitmap, size))


def pack(size: int, bitmap: int) -> bytes:
    """A bitmap compressed (zlib's fastest level): most grams are in under a tenth of the
    items, and their bitmaps shrink to a quarter; unpacking one of 200,000 bits takes
    ~0.1 ms."""
    return zlib.compress(bitmap.to_bytes((size + 7) // 8, "big"), 1)


def unpack(packed: bytes) -> int:
    return int.from_bytes(zlib.decompress(packed), "big")


class GramSets:
    """gram -> item set, kept as a packed bitmap when common or a sorted position list when
    rare; the bitmaps of the grams used last are kept unpacked."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.packed: dict[str, bytes] = {}  # see pack()
        self.positions: dict[str, array[int]] = {}  # 4 bytes a position, not 36
        self._counts: dict[str, int] = {}  # of the packed ones (from their bitmaps)
        self._unpacked: dict[str, int] = {}  # least recently used first

    @classmethod
    def of(cls, size: int, sets: list[tuple[str, int | array[int]]]) -> GramSets:
        """The sets of `sets` (bitmaps, or compact_set's; emptied on the way); each gram and
        position array is copied, so that these small objects are made now, together (see
        SearchIndex._build_sets)."""
        gram_sets = cls(size)
        sets.reverse()
        while sets:
            gram, items = sets.pop()
            gram_sets.add((gram + " ")[:-1], items)
        return gram_sets

    def add(self, gram: str, items: int | array[int]) -> None:
        """Add a gram's item set: a bitmap, or the sorted positions of a rare one."""
        if not items:
            return
        if isinstance(items, array):
            self.positions[gram] = array("i", items)
            return
        count = items.bit_count()
        if not keeps_positions(count, self.size):
            self.packed[gram] = pack(self.size, items)
            self._counts[gram] = count
        else:
            self.positions[gram] = array("i", positions_in(items, self.size))

    def __contains__(self, gram: str) -> bool:
        return gram in self.packed or gram in self.positions

    def nbytes(self) -> int:
        """What the sets take, not counting the few kept unpacked."""
        return (sum(map(len, self.packed.values()))
                + sum(4 * len(positions) for positions in self.positions.values()))

    def count(self, gram: str) -> int:
        positions = self.positions.get(gram)
        if positions is not None:
            return len(positions)
        return self._counts.get(gram, 0)

    def bitmap(self, gram: str) -> int:
        """The gram's bitmap (0 when no item has it), unpacked or built, and kept a while."""
        unpacked = self._unpacked
        bitmap = unpacked.pop(gram, None)
        if bitmap is None:
            packed = self.packed.get(gram)
            if packed is not None:
                bitmap = unpack(packed)
            else:
                positions = self.positions.get(gram)
                if positions is None:
                    return 0
                bitmap = bitmap_from_positions(self.size, positions)
            if len(unpacked) >= UNPACKED_KEPT:
                unpacked.pop(next(iter(unpacked)), None)
        unpacked[gram] = bitmap  # (again) the most recently used
        return bitmap

    def all_of(self, grams: Iterable[str]) -> int:
        """Bitmap of the items having every gram (rarest first, so it shrinks fast)."""
        mask = (1 << self.size) - 1
        for gram in sorted(grams, key=self.count):
            mask &= self.bitmap(gram)
            if mask == 0:
                return 0
        return mask
