"""LIKE matching: agrees with a regex translation, and stays fast on pathological patterns."""

from __future__ import annotations

import random
import re
import time

import pytest

from desktop.sandbox.soql.lexer import tokenize
from desktop.sandbox.soql.like import like_matcher


def segments_of(literal: str):
    return tokenize(literal)[0].like_pattern


def regex_of(pattern: str) -> re.Pattern[str]:
    """The obvious (backtracking) translation of an unescaped pattern."""
    translated = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    return re.compile(translated, re.IGNORECASE | re.DOTALL)


@pytest.mark.parametrize(("literal", "value", "expected"), [
    ("'abc'", "ABC", True), ("'abc'", "abcd", False), ("'a%'", "a", True),
    ("'%c'", "abc", True), ("'%b%'", "abc", True), ("'%'", "", True), ("'_'", "", False),
    ("'a_c'", "a\nc", True), ("'%a%a'", "aa", True), ("'%a%a'", "a", False),
    ("'a%b%c'", "axxbyyc", True), ("'a%b%c'", "acb", False), ("'ab%ba'", "aba", False),
    ("'ab%ba'", "abba", True), ("'50\\%%'", "50% off", True), ("'50\\%%'", "500 off", False),
    ("'a\\_b'", "a_b", True), ("'a\\_b'", "axb", False), ("'%%%'", "x", True),
    ("'ÄBC%'", "äbcdef", True),
])
def test_examples(literal, value, expected):
    assert like_matcher(segments_of(literal))(value) is expected


@pytest.mark.parametrize("seed", range(3))
def test_agrees_with_regex_translation(seed):
    rng = random.Random(seed)
    for _ in range(3000):
        pattern = "".join(rng.choice("ab%_") for _ in range(rng.randint(0, 7)))
        value = "".join(rng.choice("abAB") for _ in range(rng.randint(0, 8)))
        matcher = like_matcher(segments_of(f"'{pattern}'"))
        assert matcher(value) == bool(regex_of(pattern).fullmatch(value)), (pattern, value)


def test_pathological_pattern_is_fast():
    matcher = like_matcher(segments_of("'%a%a%a%a%a%a%a%a%a%a%b'"))
    value = "a" * 30_000
    began = time.perf_counter()
    assert not matcher(value)
    assert time.perf_counter() - began < 0.5
