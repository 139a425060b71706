"""Fuzzing: random mutations and token soups never raise anything but SoqlError, nor hang."""

from __future__ import annotations

import random
import time

import pytest

from desktop.sandbox.soql import SoqlError, compile_query, parse

SEEDS = [
    "SELECT Id, Name, Account.Name, Account.Owner.Name FROM Opportunity WHERE "
    "(StageName IN ('Closed Won', 'x\\'y') OR Amount >= 10.5) AND CloseDate < 2026-05-20 "
    "ORDER BY SystemModstamp DESC NULLS LAST, Id LIMIT 10 OFFSET 2",
    "SELECT COUNT() FROM Case WHERE Parent.Subject LIKE '%a\\_b\\%' AND IsClosed = false",
    "SELECT Subject, What.Id, What.Type FROM Task WHERE What.Type = 'Case' AND "
    "SystemModstamp >= 2026-05-20T20:49:32.000+02:00",
    "SELECT Name FROM Opportunity WHERE Id IN (SELECT WhatId FROM Task WHERE IsClosed = true) "
    "AND (NOT Name = null)",
    "select name from account where NumberOfEmployees not in (1, 2, null) order by name",
]
VOCABULARY = [
    "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "ORDER", "BY", "ASC", "DESC",
    "NULLS", "FIRST", "LAST", "LIMIT", "OFFSET", "COUNT", "GROUP", "null", "true", "false",
    "(", ")", ",", ".", "=", "!=", "<>", "<", "<=", ">", ">=", "'", "'a'", "'\\'", "\\", "%",
    "_", "Id", "Name", "Account", "Opportunity", "Case", "Task", "What", "Parent", "Amount",
    "CloseDate", "SystemModstamp", "IsClosed", "2026-05-20", "2026-05-20T20:49:32Z",
    "2026-13-45", "1", "-1", "1.5", "99999999999999999999", ":x", "*", ";", "\n", "\u00e9",
    "\x00", "''", "TODAY", "WITH", "TYPEOF", "FIELDS(ALL)", "Account.Name", "What.Name",
]
PIECES = ["'", "(", ")", ",", ".", " ", "\\", "=", "<", ">", "!", "%", "_", "-", "+", ":",
          "T", "Z", "0", "9", "AND ", " OR ", "NOT ", "null", "SELECT Id FROM Task", "\u2603"]


def attempt(text: str, schema, source) -> None:
    began = time.perf_counter()
    try:
        query = compile_query(parse(text), schema)
        query.execute(source, include_deleted=True, api_version="59.0")
        query.count(source, include_deleted=False)
    except SoqlError as error:
        assert error.error_code in {"MALFORMED_QUERY", "INVALID_FIELD", "INVALID_TYPE",
                                    "INVALID_QUERY_FILTER_OPERATOR",
                                    "NUMBER_OUTSIDE_VALID_RANGE"}
        assert isinstance(error.message, str) and error.message
    elapsed = time.perf_counter() - began
    assert elapsed < 0.5, f"{text!r} took {elapsed:.2f} s"


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 4)):
        position = rng.randrange(len(text) + 1)
        action = rng.randrange(4)
        if action == 0 and text:  # delete a run
            text = text[:position] + text[position + rng.randint(1, 8):]
        elif action == 1:  # insert a piece
            text = text[:position] + rng.choice(PIECES) + text[position:]
        elif action == 2 and text:  # duplicate a run
            text = text[:position] + text[position:position + rng.randint(1, 20)] + text[position:]
        else:  # swap case of a run
            end = position + rng.randint(1, 10)
            text = text[:position] + text[position:end].swapcase() + text[end:]
    return text


@pytest.mark.parametrize("seed", range(4))
def test_mutated_valid_queries_only_raise_soql_errors(schema, source, seed):
    rng = random.Random(seed)
    for text in SEEDS:
        attempt(text, schema, source)  # the seeds themselves are valid
    for _ in range(1500):
        attempt(mutate(rng, rng.choice(SEEDS)), schema, source)


@pytest.mark.parametrize("seed", range(4))
def test_token_soup_only_raises_soql_errors(schema, source, seed):
    rng = random.Random(1000 + seed)
    for _ in range(1500):
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(0, 25))]
        if rng.random() < 0.7:
            words = ["SELECT", *words]
        attempt(" ".join(words) if rng.random() < 0.8 else "".join(words), schema, source)


def test_random_bytes_as_text_only_raise_soql_errors(schema, source):
    rng = random.Random(7)
    for _ in range(1000):
        text = "".join(chr(rng.randrange(0, 0x3000)) for _ in range(rng.randint(0, 60)))
        attempt(text, schema, source)


def test_seed_queries_are_valid(schema, source):
    for text in SEEDS:
        compile_query(parse(text), schema).execute(source, include_deleted=False,
                                                   api_version="59.0")
