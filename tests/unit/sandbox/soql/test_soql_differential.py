"""Random valid queries, each checked against a plain reference evaluation of the same intent.

The generator builds a WHERE tree twice: as SOQL text and as a Python predicate written
directly from SOQL's documented semantics (case-insensitive text, != matching null, null never
ordered, LIKE wildcards), so the parser, compiler and evaluator are checked together.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime, timedelta
from functools import cmp_to_key

import pytest
from soql_double import MemorySource, SchemaDouble

from desktop.sandbox.soql import compile_query, parse

NAMES = ["Acme deal", "ACME DEAL", "beta", "Gamma_1", "100% sure", None, "o'hara", "zeta"]
STAGES = ["Prospecting", "prospecting", "Closed Won", "Closed Lost", None]
ACCOUNT_NAMES = ["Acme", "acme", "Globex", None]
AMOUNTS = [None, 0.0, 10.0, 99.5, 1000.0, -5.0]
DATES = [None, date(2026, 1, 1), date(2026, 5, 20), date(2026, 12, 31)]
MOMENTS = [datetime(2026, 5, 20, 20, 49, 32, ms * 1000, tzinfo=UTC) + timedelta(hours=h)
           for ms in (0, 1, 999) for h in (-30, 0, 5)]
LIKE_PATTERNS = ["acme%", "%DEAL", "_eta", "%\\_%", "%\\%%", "%", "gamma\\_1", "o\\'%", "%a%e%"]


def build_source(rng: random.Random) -> MemorySource:
    source = MemorySource()
    accounts = [source.add("Account", Name=name) for name in ACCOUNT_NAMES] + [None]
    for _ in range(60):
        source.add("Opportunity", Name=rng.choice(NAMES), StageName=rng.choice(STAGES),
                   Amount=rng.choice(AMOUNTS), CloseDate=rng.choice(DATES),
                   SystemModstamp=rng.choice(MOMENTS), IsClosed=rng.random() < 0.5,
                   AccountId=rng.choice(accounts))
    return source


def soql_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def soql_datetime(value: datetime, rng: random.Random) -> str:
    shift = timedelta(hours=rng.choice([0, 2, -5]))
    local = value + shift
    zone = "Z" if not shift else f"{'+' if shift > timedelta(0) else '-'}{abs(shift.days * 24 + shift.seconds // 3600):02d}:00"
    return local.strftime("%Y-%m-%dT%H:%M:%S") + f".{local.microsecond // 1000:03d}" + zone


class Field:
    def __init__(self, soql: str, kind: str, pool: list, read) -> None:
        self.soql, self.kind, self.pool, self.read = soql, kind, pool, read


def parent_name(source: MemorySource):
    def read(row):
        account = source.get(row["AccountId"]) if row.get("AccountId") else None
        return account[1].get("Name") if account else None
    return read


def fields(source: MemorySource) -> list[Field]:
    return [
        Field("Name", "text", NAMES, lambda r: r.get("Name")),
        Field("StageName", "text", STAGES, lambda r: r.get("StageName")),
        Field("Account.Name", "text", ACCOUNT_NAMES, parent_name(source)),
        Field("Amount", "number", AMOUNTS, lambda r: r.get("Amount")),
        Field("CloseDate", "date", DATES, lambda r: r.get("CloseDate")),
        Field("SystemModstamp", "datetime", MOMENTS, lambda r: r.get("SystemModstamp")),
        Field("IsClosed", "boolean", [True, False], lambda r: r.get("IsClosed")),
    ]


def literal(field: Field, value, rng: random.Random) -> str:
    if value is None:
        return rng.choice(["null", "NULL"])
    if field.kind == "text":
        return soql_string(value.swapcase() if rng.random() < 0.3 else value)
    if field.kind == "number":
        return repr(value)
    if field.kind == "date":
        return value.isoformat()
    if field.kind == "datetime":
        return soql_datetime(value, rng)
    return "true" if value else "false"


def normal(field: Field, value):
    if field.kind == "text":
        return value.lower() if value else None
    return value


def like_regex(pattern: str) -> re.Pattern[str]:
    out, index = [], 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(re.escape(pattern[index + 1]))
            index += 2
            continue
        out.append(".*" if char == "%" else "." if char == "_" else re.escape(char))
        index += 1
    return re.compile("".join(out), re.IGNORECASE | re.DOTALL)


def condition(rng: random.Random, all_fields: list[Field], depth: int):
    """(SOQL text, predicate) for a random condition."""
    roll = rng.random()
    if depth < 3 and roll < 0.35:
        parts = [condition(rng, all_fields, depth + 1) for _ in range(rng.randint(2, 3))]
        joiner = rng.choice(["AND", "OR"])
        text = f" {joiner} ".join(f"({t})" for t, _ in parts)
        predicates = [p for _, p in parts]
        if joiner == "AND":
            return text, lambda row: all(p(row) for p in predicates)
        return text, lambda row: any(p(row) for p in predicates)
    if depth < 3 and roll < 0.45:
        text, inner = condition(rng, all_fields, depth + 1)
        return f"NOT ({text})", lambda row: not inner(row)
    field = rng.choice(all_fields)
    read = field.read
    if field.kind == "text" and rng.random() < 0.25:
        pattern = rng.choice(LIKE_PATTERNS)
        regex = like_regex(pattern)
        return (f"{field.soql} LIKE '{pattern}'",
                lambda row: (v := read(row)) is not None and regex.fullmatch(v) is not None)
    if rng.random() < 0.2:
        chosen = rng.sample(field.pool, rng.randint(1, min(3, len(field.pool))))
        negated = rng.random() < 0.5
        wanted = {normal(field, v) for v in chosen}
        text = f"{field.soql} {'NOT IN' if negated else 'IN'} ({', '.join(literal(field, v, rng) for v in chosen)})"
        return text, lambda row: (normal(field, read(row)) in wanted) != negated
    operators = ["=", "!=", "<>"] + (["<", "<=", ">", ">="] if field.kind != "boolean" else [])
    op = rng.choice(operators)
    value = rng.choice(field.pool)
    target = normal(field, value)
    text = f"{field.soql} {op} {literal(field, value, rng)}"

    def predicate(row) -> bool:
        actual = normal(field, read(row))
        if op == "=":
            return actual == target
        if op in ("!=", "<>"):
            return actual != target
        if actual is None or target is None:
            return False
        return {"<": actual < target, "<=": actual <= target, ">": actual > target,
                ">=": actual >= target}[op]

    return text, predicate


def reference_order(rows, keys):
    def compare(a, b) -> int:
        for field, descending, nulls_first in keys:
            x, y = normal(field, field.read(a)), normal(field, field.read(b))
            if x == y:
                continue
            if x is None or y is None:
                return (-1 if x is None else 1) * (1 if nulls_first else -1)
            result = -1 if x < y else 1
            return -result if descending else result
        return 0
    return sorted(rows, key=cmp_to_key(compare))


@pytest.mark.parametrize("seed", range(6))
def test_random_queries_match_reference_semantics(seed):
    rng = random.Random(seed)
    source = build_source(rng)
    schema = SchemaDouble()
    all_fields = fields(source)
    id_field = Field("Id", "id", [], lambda r: r["Id"])
    for _ in range(120):
        where_text, predicate = condition(rng, all_fields, 0)
        keys, clauses = [], []
        for field in rng.sample(all_fields, rng.randint(0, 2)):
            descending = rng.random() < 0.5
            nulls = rng.choice([None, True, False])
            keys.append((field, descending, True if nulls is None else nulls))
            clause = f"{field.soql}{' DESC' if descending else rng.choice(['', ' ASC'])}"
            clauses.append(clause if nulls is None else f"{clause} NULLS {'FIRST' if nulls else 'LAST'}")
        keys.append((id_field, False, True))  # makes the order total
        order_text = ", ".join([*clauses, "Id"])
        limit = rng.choice([None, 0, 1, 5, 100])
        offset = rng.choice([None, 0, 3])
        text = (f"SELECT Id FROM Opportunity WHERE {where_text} ORDER BY {order_text}"
                + (f" LIMIT {limit}" if limit is not None else "")
                + (f" OFFSET {offset}" if offset is not None else ""))
        expected = reference_order([r for r in source.tables["Opportunity"] if predicate(r)], keys)
        expected = expected[offset or 0:]
        if limit is not None:
            expected = expected[:limit]
        query = compile_query(parse(text), schema)
        got = [r["Id"] for r in query.execute(source, include_deleted=False, api_version="59.0")]
        assert got == [r["Id"] for r in expected], text
        assert query.count(source, include_deleted=False) == len(expected), text
