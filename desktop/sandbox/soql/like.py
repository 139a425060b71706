"""LIKE matching without regex backtracking.

A pattern is a list of segments split at its unescaped `%`; each segment is a fixed-length run
of literal characters and `_` (any one character). The first segment must match at the start,
the last at the end, and the middle ones are found leftmost, in order: greedy leftmost search
is exact for such patterns and linear in the number of segments, whereas a `.*a.*a.*b` regex
can take exponential time on a long value.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A segment's units: a literal character, or None for `_`.
Segment = tuple[str | None, ...]
_FLAGS = re.IGNORECASE | re.DOTALL


def _segment_regex(segment: Segment) -> re.Pattern[str]:
    return re.compile("".join("." if unit is None else re.escape(unit) for unit in segment),
                      _FLAGS)


def like_matcher(segments: tuple[Segment, ...]) -> Callable[[str], bool]:
    """A case-insensitive matcher of whole values for the pattern's segments."""
    if len(segments) == 1:  # no %: the whole value, one fixed-length match
        return _exact(_segment_regex(segments[0]))
    first = _segment_regex(segments[0])
    middle = [_segment_regex(segment) for segment in segments[1:-1] if segment]
    last = _segment_regex(segments[-1])
    last_length = len(segments[-1])

    def matches(value: str) -> bool:
        found = first.match(value)
        if found is None:
            return False
        position = found.end()
        for segment in middle:
            found = segment.search(value, position)
            if found is None:
                return False
            position = found.end()
        tail = len(value) - last_length
        return tail >= position and last.fullmatch(value, tail) is not None

    return matches


def _exact(regex: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda value: regex.fullmatch(value) is not None
