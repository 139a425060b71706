"""Tokenizer for the SOQL subset: identifiers, literals, operators, punctuation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from .errors import MALFORMED_QUERY, error_at

IDENT = "IDENT"
STRING = "STRING"
NUMBER = "NUMBER"
DATE = "DATE"
DATETIME = "DATETIME"
OP = "OP"
LPAREN = "("
RPAREN = ")"
COMMA = ","
DOT = "."
# Strings in a WHERE clause: 4,000 characters each (Salesforce Developer Limits and
# Allocations Quick Reference, "SOQL and SOSL Limits for Search Queries").
MAX_STRING_LITERAL = 4000
EOF = "EOF"


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str  # the source text (for messages); keywords are compared case-insensitively
    pos: int
    value: object = None  # decoded literal: str, int/float, date, aware datetime
    # for STRING: what a LIKE with this literal means, as segments split at unescaped `%`,
    # each a run of literal characters and None for `_` (see like.py)
    like_pattern: tuple[tuple[str | None, ...], ...] | None = None


_IDENT_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]*", re.ASCII)
_NUMBER_RE = re.compile(r"[+-]?\d+(?:\.\d+)?(?![\d.])", re.ASCII)
# A date-ish run is cut generously, then validated strictly, so "2026-05-20T10:00" is an
# error rather than a date followed by garbage.
_TEMPORAL_RUN_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[0-9:.+\-Z]*)?", re.ASCII)
_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_DATETIME_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:(Z)|([+-])(\d{2}):(\d{2}))",
    re.ASCII,
)
_OPERATORS = ("<=", ">=", "!=", "<>", "=", "<", ">")
_PUNCTUATION = {"(": LPAREN, ")": RPAREN, ",": COMMA, ".": DOT}
_SIMPLE_ESCAPES = {"'": "'", '"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t",
                   "b": "\b", "f": "\f"}
_WHITESPACE = " \t\r\n\f"
_DIGITS = "0123456789"
_DIGITS_NONEMPTY = tuple(_DIGITS)


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    length = len(text)
    while True:
        while pos < length and text[pos] in _WHITESPACE:
            pos += 1
        if pos >= length:
            tokens.append(Token(EOF, "<EOF>", length))
            return tokens
        char = text[pos]
        if char == "'":
            token = _string(text, pos)
        elif (char in _DIGITS or (char in "+-" and text[pos + 1 : pos + 2] in _DIGITS_NONEMPTY)):
            token = _number_or_temporal(text, pos)
        elif char.isascii() and char.isalpha():
            match = _IDENT_RE.match(text, pos)
            assert match is not None
            token = Token(IDENT, match.group(), pos)
        elif char in _PUNCTUATION:
            token = Token(_PUNCTUATION[char], char, pos)
        else:
            operator = next((op for op in _OPERATORS if text.startswith(op, pos)), None)
            if operator is None:
                raise error_at(MALFORMED_QUERY, text, pos, f"unexpected token: '{char}'")
            token = Token(OP, operator, pos)
        tokens.append(token)
        pos += len(token.text)


def _string(text: str, start: int) -> Token:
    """A single-quoted literal with SOQL escapes; also splits it into LIKE segments."""
    value: list[str] = []
    segments: list[tuple[str | None, ...]] = []
    segment: list[str | None] = []
    pos = start + 1
    length = len(text)
    while True:
        if pos >= length:
            raise error_at(MALFORMED_QUERY, text, length,
                           "mismatched character '<EOF>' expecting '''")
        char = text[pos]
        if char == "'":
            break
        if char == "\\":
            escaped = text[pos + 1 : pos + 2]
            if escaped in _SIMPLE_ESCAPES:
                decoded = _SIMPLE_ESCAPES[escaped]
                value.append(decoded)
                segment.append(decoded)
            elif escaped in ("%", "_"):
                # Only LIKE gives these meaning; elsewhere they are the plain character.
                value.append(escaped)
                segment.append(escaped)
            else:
                literal = text[start : pos + 2]
                raise error_at(
                    MALFORMED_QUERY, text, pos,
                    f"Invalid string literal '{literal}'. Illegal character sequence "
                    f"'\\{escaped}' in string literal.",
                )
            pos += 2
            continue
        value.append(char)
        if char == "%":
            segments.append(tuple(segment))
            segment = []
        else:
            segment.append(None if char == "_" else char)
        pos += 1
    if len(value) > MAX_STRING_LITERAL:
        raise error_at(MALFORMED_QUERY, text, start,
                       f"String literals in a WHERE clause can be at most "
                       f"{MAX_STRING_LITERAL:,} characters long")
    segments.append(tuple(segment))
    return Token(STRING, text[start : pos + 1], start, "".join(value), tuple(segments))


def _number_or_temporal(text: str, pos: int) -> Token:
    run = _TEMPORAL_RUN_RE.match(text, pos)
    if run is not None:
        return _temporal(text, pos, run.group())
    match = _NUMBER_RE.match(text, pos)
    if match is None:
        end = pos + 1
        while end < len(text) and (text[end].isalnum() or text[end] in ".-+"):
            end += 1
        raise error_at(MALFORMED_QUERY, text, pos, f"unexpected token: '{text[pos:end]}'")
    literal = match.group()
    number: int | float = float(literal) if "." in literal else int(literal)
    return Token(NUMBER, literal, pos, number)


def _temporal(text: str, pos: int, literal: str) -> Token:
    try:
        if "T" not in literal:
            match = _DATE_RE.fullmatch(literal)
            if match:
                year, month, day = (int(g) for g in match.groups())
                return Token(DATE, literal, pos, date(year, month, day))
        else:
            match = _DATETIME_RE.fullmatch(literal)
            if match:
                return Token(DATETIME, literal, pos, _datetime_value(match))
    except (ValueError, OverflowError):
        pass
    raise error_at(MALFORMED_QUERY, text, pos, f"unexpected token: '{literal}'")


def _datetime_value(match: re.Match[str]) -> datetime:
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    fraction, zulu, sign, off_hours, off_minutes = match.groups()[6:]
    millis = int((fraction or "0").ljust(3, "0"))
    if zulu:
        zone = UTC
    else:
        if int(off_hours) > 23 or int(off_minutes) > 59:
            raise ValueError("offset out of range")
        offset = timedelta(hours=int(off_hours), minutes=int(off_minutes))
        zone = timezone(-offset if sign == "-" else offset)
    local = datetime(year, month, day, hour, minute, second, millis * 1000, tzinfo=zone)
    return local.astimezone(UTC)
