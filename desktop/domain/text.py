"""Text folding for matching: accents removed, case folded, split into words."""

from __future__ import annotations

import re
from functools import cache
from typing import Any


@cache
def _pattern(source: str) -> re.Pattern[str]:
    """`source` compiled at its first use, not when the app's first paint imports this module."""
    return re.compile(source)


_WORD = r"[^\W_]+"


def fold(text: str) -> str:
    """"Crème Brûlée" -> "creme brulee": NFKD without combining marks, then casefold."""
    if text.isascii():
        return text.lower()
    import unicodedata  # loaded by the first accented text, not by the app's first paint

    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.casefold()


def words(text: str) -> list[str]:
    """The folded words (runs of letters and digits) of `text`."""
    return _pattern(_WORD).findall(fold(text))


_PLACEHOLDER = r"%([1-9])"


def fill(template: str, *values: object) -> str:
    """"From %1 to %2" with the values, like QString.arg, in one pass: a value that itself
    holds "%2" (a record name) is never filled in again. Unknown numbers stay as they are."""

    def value(match: re.Match[str]) -> str:
        index = int(match[1]) - 1
        return str(values[index]) if index < len(values) else match[0]

    return _pattern(_PLACEHOLDER).sub(value, template)


# What must never reach a terminal as it is: C0 and C1 control characters and DEL (escape
# sequences can retitle the window, clear the screen or rewrite what was printed), line and
# paragraph separators, and the bidirectional marks that reorder what follows them.
_CONTROLS = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
_JSON_LEAVES = "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _SHORT_ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str, keep: str = "") -> str:
    """`text` with every control character written as an escape ("\\x1b", "\\n", "\\u202e"),
    for a terminal; the characters in `keep` (e.g. "\\n\\t" in a CSV cell) stay as they are."""
    if text.isprintable():  # the usual case: nothing to look for
        return text
    if not keep:
        return _pattern(_CONTROLS).sub(_escaped, text)
    return _pattern(_CONTROLS).sub(lambda m: m.group() if m.group() in keep else _escaped(m), text)


# Line breaks, tabs and the other control characters, as one_line shows them: a space each.
_ONE_LINE = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029], " ")


def one_line(text: str) -> str:
    """`text` for a single line of a list: its line breaks, tabs and other control
    characters as spaces (a Salesforce name may hold any of them, and a line break would
    push half the name out of its row)."""
    return text if text.isprintable() else text.translate(_ONE_LINE)


def json_printable(encoded: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with the control characters JSON
    leaves as they are (DEL, C1, separators, bidirectional marks) written as \\u escapes:
    the same JSON value, safe on a terminal. They can only occur inside strings."""
    return _pattern(_JSON_LEAVES).sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def escape_markup(text: str) -> str:
    """`text` with &, < and > written as entities, so rich text shows it as it is (what
    html.escape(text, quote=False) does, without loading html's entity table: ~0.4 MB)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- texts the UI translates ------------------------------------------------------------------
# Messages made below the UI (rule violations, typed durations...) are English templates the
# app translates with Qt (desktop.services.i18n) and the command line prints as they are.


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate reads
    """Marks `source` for translation in `context` and returns it unchanged.

    pyside6-lupdate collects calls of this name from any Python file; the domain may not
    import Qt, so it has its own, with Qt's meaning."""
    return source


class Message:
    """A text for the user: an English template with %1, %2... (marked with
    QT_TRANSLATE_NOOP in `context`) and its values, which may be Messages themselves.
    `str()` gives the English text; the app shows `desktop.services.i18n.translated()`."""

    __slots__ = ("context", "template", "values")

    def __init__(self, context: str, template: str, *values: object) -> None:
        self.context = context
        self.template = template
        self.values = values

    def __str__(self) -> str:
        return fill(self.template, *self.values)

    def __repr__(self) -> str:
        return f"Message({self.context!r}, {str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Message) and (self.context, self.template, self.values)
                == (other.context, other.template, other.values))

    def __hash__(self) -> int:
        return hash((self.context, self.template, self.values))

    def to_data(self) -> dict[str, Any]:
        """JSON-ready: {"context", "template", "values"}, Message values nested, other values
        as their text (a stored message is shown again later, in the language of that day)."""
        return {"context": self.context, "template": self.template,
                "values": [value.to_data() if isinstance(value, Message) else str(value)
                           for value in self.values]}

    @classmethod
    def from_data(cls, data: Any) -> Message | None:
        """The Message `to_data` gave; None for anything else (a damaged or foreign value)."""
        if not isinstance(data, dict):
            return None
        context, template = data.get("context"), data.get("template")
        values = data.get("values")
        if not (isinstance(context, str) and isinstance(template, str) and isinstance(values, list)):
            return None
        parsed: list[object] = []
        for value in values:
            nested = cls.from_data(value) if isinstance(value, dict) else value
            if not isinstance(nested, Message | str):
                return None
            parsed.append(nested)
        return cls(context, template, *parsed)
