"""Salesforce record ids: 15-character case-sensitive ids and their 18-character case-safe form.

An id is a 3-character key prefix (the object), a 2-character pod/instance code, one reserved
character and a 9-character base-62 record number. The 18-character form appends a checksum of
three characters, one per 5-character chunk, encoding which characters of that chunk are
upper-case letters, so the id survives case-insensitive systems.
"""

from __future__ import annotations

import re

_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
_ID_SHAPE = re.compile(r"^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$")

# Pod/instance code and reserved character used for every id this sandbox mints.
POD = "5g"
_RESERVED = "0"


class MalformedIdError(ValueError):
    """The text is not a 15- or 18-character Salesforce id."""


def checksum(id15: str) -> str:
    """The 3-character case-safe suffix of a 15-character id."""
    suffix = []
    for start in (0, 5, 10):
        flags = 0
        for bit, char in enumerate(id15[start : start + 5]):
            if "A" <= char <= "Z":
                flags |= 1 << bit
        suffix.append(_CHECKSUM_ALPHABET[flags])
    return "".join(suffix)


def to_18(id15: str) -> str:
    """Append the checksum to a 15-character id."""
    return id15 + checksum(id15)


def normalize(record_id: str) -> str:
    """The canonical 18-character form of a 15- or 18-character id.

    An 18-character id is case-insensitive: its suffix says which letters are upper case, so
    the case of the first 15 characters is restored from it (as Salesforce does).
    Raises MalformedIdError for anything else.
    """
    if not isinstance(record_id, str) or not _ID_SHAPE.match(record_id):
        raise MalformedIdError(record_id)
    if len(record_id) == 15:
        return to_18(record_id)
    restored = []
    for chunk_index, suffix_char in enumerate(record_id[15:].upper()):
        flags = _CHECKSUM_ALPHABET.find(suffix_char)
        if flags < 0:
            raise MalformedIdError(record_id)
        chunk = record_id[chunk_index * 5 : chunk_index * 5 + 5]
        for bit, char in enumerate(chunk):
            restored.append(char.upper() if flags & (1 << bit) else char.lower())
    id15 = "".join(restored)
    full = to_18(id15)
    if full[15:] != record_id[15:].upper():
        raise MalformedIdError(record_id)
    return full


def is_id(text: object) -> bool:
    """True if text is a well-formed 15- or 18-character id."""
    try:
        normalize(text)  # type: ignore[arg-type]
    except MalformedIdError:
        return False
    return True


def key_prefix(record_id: str) -> str:
    return record_id[:3]


def encode_base62(number: int, width: int) -> str:
    digits = []
    rest = number
    while rest:
        rest, remainder = divmod(rest, 62)
        digits.append(_BASE62[remainder])
    text = "".join(reversed(digits)).rjust(width, "0")
    if len(text) > width:
        raise OverflowError(f"{number} does not fit in {width} base-62 digits")
    return text


def decode_base62(text: str) -> int:
    number = 0
    for char in text:
        number = number * 62 + _BASE62.index(char)
    return number


class IdAllocator:
    """Mints sequential 18-character ids per key prefix, deterministically."""

    # Record numbers start high enough that ids carry letters, as real ones do.
    FIRST_NUMBER = decode_base62("00Dk3Wq00")

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def new_id(self, prefix: str) -> str:
        number = self._next.get(prefix, self.FIRST_NUMBER)
        self._next[prefix] = number + 1
        return to_18(prefix + POD + _RESERVED + encode_base62(number, 9))
