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
