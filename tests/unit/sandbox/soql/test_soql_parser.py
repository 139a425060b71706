"""Parsing: the accepted subset's shapes, and MALFORMED_QUERY for everything else."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from desktop.sandbox.soql import SoqlError, parse
from desktop.sandbox.soql.nodes import And, Comparison, InList, Not, Or, SemiJoin


def malformed(text: str) -> SoqlError:
    with pytest.raises(SoqlError) as caught:
        parse(text)
    assert caught.value.error_code == "MALFORMED_QUERY", caught.value.message
    return caught.value


def where_of(text: str):
    return parse(f"SELECT Id FROM Opportunity WHERE {text}").where


def test_select_shape():
    query = parse("select Id, account.Name, Parent.Account.Name FROM Case "
                  "order by Id desc nulls first, Subject limit 10 offset 5")
    assert [f.parts for f in query.fields] == [("Id",), ("account", "Name"),
                                               ("Parent", "Account", "Name")]
    assert query.sobject == "Case"
    assert not query.is_count
    assert [(o.field.text, o.descending, o.nulls_first) for o in query.order_by] == [
        ("Id", True, True), ("Subject", False, True)]
    assert (query.limit, query.offset) == (10, 5)


def test_order_defaults_follow_salesforce():
    """SOQL and SOSL Reference, "ORDER BY": ascending by default, and "By default, null values
    are sorted first" in either direction; NULLS LAST only when asked for."""
    items = parse("SELECT Id FROM Account ORDER BY Name, Industry DESC, Id ASC NULLS LAST, "
                  "Name DESC NULLS LAST").order_by
    assert [(o.descending, o.nulls_first) for o in items] == [
        (False, True), (True, True), (False, False), (True, False)]


def test_keywords_are_case_insensitive():
    query = parse("SeLeCt CoUnT() fRoM Account wHeRe Name LiKe 'a%' AnD IsDeleted = FaLsE "
                  "LiMiT 1")
    assert query.is_count
    assert isinstance(query.where, And)


def test_literals():
    where = where_of("A = 'it\\'s' AND B = 12 AND C = -3.25 AND D = 2026-05-20 AND "
                     "E = 2026-05-20T20:49:32Z AND F = 2026-05-20T20:49:32.5+02:30 AND "
                     "G = TRUE AND H = null AND I = +7")
    values = [item.literal.value for item in where.items]
    assert values == ["it's", 12, -3.25, date(2026, 5, 20),
                      datetime(2026, 5, 20, 20, 49, 32, tzinfo=UTC),
                      datetime(2026, 5, 20, 18, 19, 32, 500000, tzinfo=UTC), True, None, 7]


@pytest.mark.parametrize(("literal", "value"), [
    ("'\\''", "'"), ("'\\\"'", '"'), ("'\\\\'", "\\"), ("'\\n'", "\n"), ("'\\r'", "\r"),
    ("'\\t'", "\t"), ("'\\b'", "\b"), ("'\\f'", "\f"), ("'\\_'", "_"), ("'\\%'", "%"),
    ("''", ""), ("'a\"b'", 'a"b'), ("'ünïcödé ✓'", "ünïcödé ✓"),
])
def test_string_escapes(literal, value):
    assert where_of(f"Name = {literal}").literal.value == value


def test_not_and_or_structure():
    where = where_of("NOT A = 1 AND (B = 2 OR C = 3 OR (NOT D = 4)) AND E IN (1, 2)")
    assert isinstance(where, And)
    first, second, third = where.items
    assert isinstance(first, Not) and isinstance(first.item, Comparison)
    assert isinstance(second, Or) and len(second.items) == 3
    assert isinstance(second.items[2], Not)
    assert isinstance(third, InList) and not third.negated


def test_operators():
    ops = [where_of(f"A {op} 1").operator for op in ("=", "!=", "<>", "<", "<=", ">", ">=")]
    assert ops == ["=", "!=", "!=", "<", "<=", ">", ">="]
    assert where_of("Name LIKE 'x'").operator == "LIKE"
    assert where_of("A NOT IN (1)").negated


def test_semi_join_shape():
    where = where_of("Id NOT IN (SELECT WhatId FROM Task WHERE IsClosed = false)")
    assert isinstance(where, SemiJoin) and where.negated
    assert where.subquery.sobject == "Task"
    assert where.subquery.fields[0].parts == ("WhatId",)


@pytest.mark.parametrize("text", [
    "",
    "   ",
    "SELECT",
    "SELECT Id",
    "SELECT Id FROM",
    "SELECT FROM Account",
    "SELECT Id, FROM Account",
    "SELECT Id,, Name FROM Account",
    "SELECT * FROM Account",
    "SELECT Id FROM Account GROUP BY Name",
    "SELECT Name, COUNT(Id) FROM Account GROUP BY Name",
    "SELECT Id FROM Account HAVING Name = 'x'",
    "SELECT MAX(Amount) FROM Opportunity",
    "SELECT COUNT(Id) FROM Opportunity",
    "SELECT COUNT(), Id FROM Opportunity",
    "SELECT Id, COUNT() FROM Opportunity",
    "SELECT FIELDS(ALL) FROM Account LIMIT 200",
    "SELECT toLabel(StageName) FROM Opportunity",
    "SELECT Id, (SELECT Id FROM Contacts) FROM Account",
    "SELECT TYPEOF What WHEN Opportunity THEN Name END FROM Task",
    "SELECT Id FROM Account WITH SECURITY_ENFORCED",
    "SELECT Id FROM Account FOR UPDATE",
    "SELECT Id FROM Account USING SCOPE mine",
    "SELECT Id FROM Account a",
    "SELECT Id FROM Account, Contact",
    "SELECT Id FROM Account LIMIT",
    "SELECT Id FROM Account LIMIT -1",
    "SELECT Id FROM Account LIMIT 1.5",
    "SELECT Id FROM Account LIMIT 'a'",
    "SELECT Id FROM Account OFFSET 1 LIMIT 1",
    "SELECT Id FROM Account ORDER Name",
    "SELECT Id FROM Account ORDER BY",
    "SELECT Id FROM Account ORDER BY Name NULLS",
    "SELECT Id FROM Account ORDER BY Name ASC DESC",
    "SELECT Id FROM Account LIMIT 5 ORDER BY Name",
    "SELECT Id FROM Account WHERE",
    "SELECT Id FROM Account WHERE Name",
    "SELECT Id FROM Account WHERE Name =",
    "SELECT Id FROM Account WHERE Name = 'x' AND",
    "SELECT Id FROM Account WHERE (Name = 'x'",
    "SELECT Id FROM Account WHERE Name = 'x')",
    "SELECT Id FROM Account WHERE A = 1 AND B = 2 OR C = 3",
    "SELECT Id FROM Account WHERE A = 1 OR B = 2 AND C = 3",
    "SELECT Id FROM Account WHERE A = 1 AND NOT B = 2",
    "SELECT Id FROM Account WHERE NOT NOT A = 1",
    "SELECT Id FROM Account WHERE Name NOT LIKE 'x'",
    "SELECT Id FROM Account WHERE Name == 'x'",
    "SELECT Id FROM Account WHERE Name = \"x\"",
    "SELECT Id FROM Account WHERE Name = 'unterminated",
    "SELECT Id FROM Account WHERE Name = 'bad \\q escape'",
    "SELECT Id FROM Account WHERE Name = 'trailing backslash\\",
    "SELECT Id FROM Account WHERE Name IN ()",
    "SELECT Id FROM Account WHERE Name IN ('a',)",
    "SELECT Id FROM Account WHERE Name IN 'a'",
    "SELECT Id FROM Account WHERE Name = :bindVar",
    "SELECT Id FROM Account WHERE CreatedDate = TODAY",
    "SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:7",
    "SELECT Id FROM Account WHERE CreatedDate > 2026-05-20T10:00:00",
    "SELECT Id FROM Account WHERE CreatedDate > 2026-05-20T10:00Z",
    "SELECT Id FROM Account WHERE CreatedDate > 2026-02-30",
    "SELECT Id FROM Account WHERE CreatedDate > 2026-05-20T25:00:00Z",
    "SELECT Id FROM Account WHERE CreatedDate > 2026-05-20T10:00:00.1234Z",
    "SELECT Id FROM Account WHERE CreatedDate > 2026-05-20T10:00:00+0200",
    "SELECT Id FROM Account WHERE Amount > 1e5",
    "SELECT Id FROM Account WHERE Amount > 1.2.3",
    "SELECT Id FROM Account WHERE Id IN (SELECT Id, Name FROM Contact)",
    "SELECT Id FROM Account WHERE Id IN (SELECT Id FROM Contact ORDER BY Id)",
    "SELECT Id FROM Account WHERE Id IN (SELECT Id FROM Contact LIMIT 1)",
    "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Id IN "
    "(SELECT WhoId FROM Task))",
    "SELECT Id FROM Account WHERE Id IN (SELECT COUNT() FROM Contact)",
    "SELECT Id FROM Account WHERE Name = 'x' OR Id IN (SELECT AccountId FROM Contact)",
    "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact",
    "SELECT Id FROM Account; DELETE FROM Account",
    "SELECT Id FROM Account garbage",
    "SELECT Id FROM Account WHERE Name = 'x' garbage",
    "SELECT Id FROM Account.Name",
    "SELECT Account. FROM Contact",
    "SELECT .Name FROM Contact",
    "SELECT Id, Name, id FROM Account",
    "SELECT Account.Name, account.name FROM Contact",
    "SELECT Id FROM Account WHERE Name LIKE 'x' ESCAPE '!'",
    "SELECT Id FROM Account WHERE Name INCLUDES ('a')",
    "UPDATE Account SET Name = 'x'",
    "FIND {acme} IN ALL FIELDS",
])
def test_malformed_queries(text):
    error = malformed(text)
    assert error.message.startswith("\n") or "longer" in error.message


def test_offset_limit_error_code():
    with pytest.raises(SoqlError) as caught:
        parse("SELECT Id FROM Account OFFSET 2001")
    assert caught.value.error_code == "NUMBER_OUTSIDE_VALID_RANGE"
    assert caught.value.message.endswith("Maximum SOQL offset allowed is 2000")
    assert parse("SELECT Id FROM Account OFFSET 2000").offset == 2000


def test_message_points_at_the_offending_token():
    error = malformed("SELECT Id FROM Account GROUP BY Name")
    assert error.message == ("\nSELECT Id FROM Account GROUP BY Name\n"
                             "                       ^\n"
                             "ERROR at Row:1:Column:24\n"
                             "unexpected token: 'GROUP'")
    error = malformed("SELECT Id\nFROM Account\nWHERE A = 1 AND B = 2 OR C = 3")
    assert error.message.endswith("ERROR at Row:3:Column:23\nunexpected token: 'OR'")
    assert "\nWHERE A = 1 AND B = 2 OR C = 3\n" in error.message
    assert malformed("SELECT Id FROM Account WHERE").message.endswith(
        "unexpected token: '<EOF>'")
    assert malformed("SELECT Id FROM Account WHERE Name = 'abc").message.endswith(
        "mismatched character '<EOF>' expecting '''")
    assert "Illegal character sequence '\\q'" in malformed(
        "SELECT Id FROM Account WHERE Name = 'a\\q'").message
    assert malformed("SELECT Id, id FROM Account").message.endswith(
        "duplicate field selected: id")


def test_overlong_query_and_non_text_are_malformed():
    """Salesforce Developer Limits and Allocations Quick Reference, "SOQL and SOSL Limits for
    Search Queries": SOQL statements are at most 100,000 characters by default."""
    head = "SELECT Id FROM Account WHERE Name IN ("
    at_limit = head + "'x'" + ", 'x'" * ((100_000 - len(head) - 4) // 5) + ")"
    at_limit += " " * (100_000 - len(at_limit))
    assert len(at_limit) == 100_000 and isinstance(parse(at_limit).where, InList)
    assert "cannot be longer" in malformed(at_limit + " ").message
    for value in (None, 42, ["SELECT Id FROM Account"], b"SELECT Id FROM Account"):
        malformed(value)  # type: ignore[arg-type]


def test_deep_nesting_is_malformed_not_a_recursion_error():
    text = "SELECT Id FROM Account WHERE " + "(" * 500 + "Name = 'x'" + ")" * 500
    assert "too complicated" in malformed(text).message
    modest = "SELECT Id FROM Account WHERE " + "(" * 30 + "Name = 'x'" + ")" * 30
    assert isinstance(parse(modest).where, Comparison)


def test_parse_results_are_cached_by_text():
    text = "SELECT Id FROM Account WHERE Name = 'cache me'"
    assert parse(text) is parse(text)


def test_a_string_literal_holds_at_most_4000_characters():
    """Salesforce Developer Limits and Allocations Quick Reference, "SOQL and SOSL Limits for
    Search Queries": 4,000 characters for each string within a WHERE clause (escapes count
    as the character they stand for)."""
    assert parse("SELECT Id FROM Account WHERE Name = '" + "x" * 4000 + "'")
    assert parse("SELECT Id FROM Account WHERE Name = '" + "\\'" * 4000 + "'")
    error = malformed("SELECT Id FROM Account WHERE Name IN ('a', '" + "x" * 4001 + "')")
    assert "at most 4,000 characters" in error.message
