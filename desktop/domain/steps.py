"""Bulk work in steps short enough that other threads keep running.

CPython hands the GIL to a waiting thread only between bytecodes (every switch interval,
5 ms by default). One C call never yields: `sorted()` over 100,000 tuples compares for a
hundred milliseconds or more while holding the GIL, so the GUI thread, waiting for it, stalls.
The helpers here split such calls into pieces of a few milliseconds joined by Python code.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")

# Elements per C-level sort: a few milliseconds of tuple comparisons at most.
SORT_STEP = 4096


def sorted_in_steps(
    values: Iterable[T], key: Callable[[T], Any], step: int = SORT_STEP
) -> list[T]:
    """`sorted(values, key=key)` (stable), without one long C call for a long input.

    Sorts runs of `step` positions in C, then merges runs pairwise, a block of at most
    2 * `step` positions per C call (heapq.merge would yield too, but costs ~1.5 us an
    element in Python). Each key is computed once.
    """
    values = values if isinstance(values, list) else list(values)
    if len(values) <= step:
        return sorted(values, key=key)
    keys = [key(value) for value in values]
    key_of = keys.__getitem__
    runs = [
        sorted(range(start, min(start + step, len(values))), key=key_of)
        for start in range(0, len(values), step)
    ]
    while len(runs) > 1:
        merged = [_merge(runs[k], runs[k + 1], key_of, step) for k in range(0, len(runs) - 1, 2)]
        if len(runs) % 2:
            merged.append(runs[-1])
        runs = merged
    return [values[position] for position in runs[0]]


def _merge(first: list[int], second: list[int], key_of: Callable[[int], Any], step: int) -> list[int]:
    """Two sorted runs (first's positions come first on equal keys) as one, in C-level
    pieces of at most 2 * step."""
    merged: list[int] = []
    i = j = 0
    while i < len(first) and j < len(second):
        first_end, second_end = min(i + step, len(first)), min(j + step, len(second))
        first_last, second_last = key_of(first[first_end - 1]), key_of(second[second_end - 1])
        if first_last <= second_last:
            # second's entries strictly below first's block end (equal ones go after first's)
            k = bisect_left(second, first_last, j, second_end, key=key_of)
            piece = first[i:first_end] + second[j:k]
            i, j = first_end, k
        else:
            # first's entries up to second's block end, equal ones included (they go first)
            k = bisect_right(first, second_last, i, first_end, key=key_of)
            piece = first[i:k] + second[j:second_end]
            i, j = k, second_end
        merged.extend(sorted(piece, key=key_of))  # two runs, stable: one merge pass in C
    merged.extend(first[i:])
    merged.extend(second[j:])
    return merged


def in_slices(values: Sequence[T] | Iterable[T], size: int) -> Iterable[Sequence[T]]:
    """Consecutive pieces of at most `size` values (slices of a sequence, lists otherwise)."""
    if isinstance(values, Sequence):
        for start in range(0, len(values), size):
            yield values[start : start + size]
        return
    iterator = iter(values)
    while piece := list(islice(iterator, size)):
        yield piece
