"""Text folding for matching: accents removed, case folded, split into words."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """"Crème Brûlée" -> "creme brulee": NFKD without combining marks, then casefold."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.casefold()


def words(text: str) -> list[str]:
    """The folded words (runs of letters and digits) of `text`."""
    return _WORD.findall(fold(text))


_PLACEHOLDER = re.compile(r"%([1-9])")


def fill(template: str, *values: object) -> str:
    """"From %1 to %2" with the values, like QString.arg, in one pass: a value that itself
    holds "%2" (a record name) is never filled in again. Unknown numbers stay as they are."""

    def value(match: re.Match[str]) -> str:
        index = int(match[1]) - 1
        return str(values[index]) if index < len(values) else match[0]

    return _PLACEHOLDER.sub(value, template)
