"""Executing compiled queries: filters, null semantics, ordering, paging, COUNT(), projection."""

from __future__ import annotations

import pytest

from desktop.sandbox.soql import SoqlError, compile_query, parse

OPP = "SELECT Name FROM Opportunity"
ALL_LIVE = ["Big Deal", "small deal", "Renewal_2026", "100% Pure", "O'Brien's \"quote\""]


def test_without_where_returns_live_rows_in_source_order(names):
    assert names(OPP) == ALL_LIVE


def test_query_all_includes_deleted_rows(names, run):
    assert names(OPP, include_deleted=True) == [*ALL_LIVE, "Deleted Deal"]
    assert names(f"{OPP} WHERE IsDeleted = true", include_deleted=True) == ["Deleted Deal"]
    assert names(f"{OPP} WHERE IsDeleted = true") == []




def test_in_and_not_in(names):
    assert names(f"{OPP} WHERE StageName IN ('closed won', 'Closed Lost')") == [
        "small deal", "Renewal_2026"]
    assert names(f"{OPP} WHERE StageName NOT IN ('Closed Won', 'Closed Lost')") == [
        "Big Deal", "100% Pure", "O'Brien's \"quote\""]
    assert names(f"{OPP} WHERE Amount IN (100, 0, null)") == [
        "small deal", "Renewal_2026", "O'Brien's \"quote\""]
    assert names(f"{OPP} WHERE CloseDate IN (2026-04-01, 2026-06-30)") == [
        "small deal", "Renewal_2026"]


@pytest.mark.parametrize(("pattern", "expected"), [
    ("'big%'", ["Big Deal"]),
    ("'%DEAL'", ["Big Deal", "small deal"]),
    ("'%e%a%'", ["Big Deal", "small deal", "Renewal_2026"]),
    ("'_ig Deal'", ["Big Deal"]),
    ("'Renewal\\_2026'", ["Renewal_2026"]),
    ("'Renewal_2026'", ["Renewal_2026"]),
    ("'100\\% Pure'", ["100% Pure"]),
    ("'100\\%%'", ["100% Pure"]),
    ("'1\\%%'", []),
    ("'O\\'Brien%'", ["O'Brien's \"quote\""]),
    ("'%\\\"quote\\\"'", ["O'Brien's \"quote\""]),
    ("'big'", []),  # LIKE matches the whole value
    ("'big.*'", []),  # regex characters are literal
])
def test_like_wildcards_and_escapes(names, pattern, expected):
    assert names(f"{OPP} WHERE Name LIKE {pattern}") == expected


def test_like_on_null_is_false_and_spans_lines(names):
    assert names(f"{OPP} WHERE NextStep LIKE '%one%two'") == ["O'Brien's \"quote\""]
    assert names(f"{OPP} WHERE NOT NextStep LIKE '%'") == ALL_LIVE[:4]


@pytest.mark.parametrize("soql", [
    f"{OPP} WHERE Description LIKE '%one%'", f"{OPP} WHERE Description = null",
    f"{OPP} WHERE Description IN ('x')", "SELECT Id FROM Account WHERE Id IN "
    "(SELECT AccountId FROM Opportunity WHERE Description != null)",
])
def test_a_long_text_area_cannot_be_filtered(run, soql):
    """SOQL and SOSL Reference, "Understanding Relationship Query Limitations": "You cannot
    filter against the content of textarea fields" (describe says filterable: false)."""
    with pytest.raises(SoqlError) as failure:
        run(soql)
    assert failure.value.error_code == "INVALID_FIELD"
    assert "field 'Description' can not be filtered in a query call" in failure.value.message


def test_a_long_text_area_cannot_be_sorted_but_can_be_selected(run):
    """SOQL and SOSL Reference, "ORDER BY": long text area fields are not supported in
    ORDER BY (describe says sortable: false); selecting them is fine."""
    with pytest.raises(SoqlError) as failure:
        run(f"{OPP} ORDER BY Description")
    assert failure.value.error_code == "INVALID_FIELD"
    assert "field 'Description' can not be sorted in a query call" in failure.value.message
    assert any(r["Description"] for r in run("SELECT Description FROM Opportunity"))


def test_a_semi_join_cannot_select_from_the_outer_object(run):
    """SOQL and SOSL Reference, "Semi-Joins with IN and Anti-Joins with NOT IN": a semi-join
    is "a subquery on another object"; on the outer query's own object Salesforce answers
    "The inner and outer selects should not be on the same object type"."""
    with pytest.raises(SoqlError) as failure:
        run("SELECT Id FROM Case WHERE ParentId IN (SELECT Id FROM Case WHERE IsClosed = false)")
    assert failure.value.error_code == "MALFORMED_QUERY"
    assert "should not be on the same object type" in failure.value.message
    assert run("SELECT Subject FROM Task WHERE WhatId IN (SELECT Id FROM Case)")


def test_string_escapes_in_equality(names, source):
    source.add("Account", Name="tab\there\\back\nnew")
    assert names("SELECT Name FROM Account WHERE Name = 'tab\\there\\\\back\\nnew'") == [
        "tab\there\\back\nnew"]


def test_and_or_not_and_parentheses(names):
    assert names(f"{OPP} WHERE IsClosed = false AND Amount > 1000") == ["Big Deal", "100% Pure"]
    assert names(f"{OPP} WHERE Amount = 5000 OR Amount = 100 OR Name = '100% pure'") == [
        "Big Deal", "small deal", "100% Pure"]
    assert names(f"{OPP} WHERE (IsClosed = true OR Amount > 3000) AND StageName != 'Closed Won'"
                 ) == ["Big Deal", "Renewal_2026"]
    assert names(f"{OPP} WHERE IsClosed = true OR (Amount > 3000 AND StageName != 'x')") == [
        "Big Deal", "small deal", "Renewal_2026"]


def test_long_flat_conditions_evaluate_without_deep_recursion(names):
    many = " OR ".join(f"Amount = {n}" for n in range(5000))
    assert names(f"{OPP} WHERE {many} OR Name = 'big deal'") == [
        "Big Deal", "small deal", "O'Brien's \"quote\""]
    every = " AND ".join(["Amount != 7"] * 5000)
    assert names(f"{OPP} WHERE {every} AND IsClosed = true") == ["small deal", "Renewal_2026"]


def test_not_binds_tighter_than_and(names):
    # NOT a AND b == (NOT a) AND b, not NOT (a AND b)
    assert names(f"{OPP} WHERE NOT IsClosed = true AND Amount > 1000") == ["Big Deal",
                                                                           "100% Pure"]
    assert names(f"{OPP} WHERE NOT (IsClosed = true AND Amount > 1000)") == ALL_LIVE
    assert names(f"{OPP} WHERE Amount > 1000 AND (NOT Name LIKE 'big%')") == ["100% Pure"]
    assert names(f"{OPP} WHERE NOT (Amount > 1000 OR IsClosed = true)") == [
        "O'Brien's \"quote\""]


def test_datetime_literals_compare_instants(names):
    assert names(f"{OPP} WHERE SystemModstamp = 2026-05-20T20:49:32Z") == ["Big Deal"]
    assert names(f"{OPP} WHERE SystemModstamp = 2026-05-20T20:49:32.000Z") == ["Big Deal"]
    assert names(f"{OPP} WHERE SystemModstamp = 2026-05-20T22:49:32+02:00") == ["Big Deal"]
    assert names(f"{OPP} WHERE SystemModstamp = 2026-05-20T15:49:32.001-05:00") == ["100% Pure"]
    window = ("SystemModstamp >= 2026-05-20T00:00:00Z AND SystemModstamp < 2026-05-22T00:00:00Z")
    assert names(f"{OPP} WHERE {window}") == ["Big Deal", "small deal", "100% Pure"]


def test_id_filters_accept_15_and_18_character_ids(run, source):
    opp_id = source.tables["Opportunity"][1]["Id"]
    for literal in (opp_id, opp_id[:15], opp_id[:15] + opp_id[15:].lower()):
        records = run(f"SELECT Id FROM Opportunity WHERE Id = '{literal}'")
        assert [r["Id"] for r in records] == [opp_id]
    account_id = source.tables["Account"][0]["Id"]
    records = run(f"SELECT Name FROM Opportunity WHERE AccountId IN ('{account_id[:15]}')")
    assert [r["Name"] for r in records] == ["Big Deal", "small deal"]


def test_filter_on_parent_fields(names):
    assert names(f"{OPP} WHERE Account.Name = 'acme'") == ["Big Deal", "small deal"]
    assert names(f"{OPP} WHERE Account.Name != 'Acme'") == [
        "Renewal_2026", "100% Pure", "O'Brien's \"quote\""]
    assert names(f"{OPP} WHERE Account.Owner.Name LIKE 'olga%'") == ["Big Deal", "small deal"]
    assert names("SELECT CaseNumber FROM Case WHERE Parent.Subject = 'Parent case'") == [
        "00001001"]


def test_polymorphic_type_filter(names):
    assert names("SELECT Subject FROM Task WHERE What.Type = 'Case'") == ["Fix the child case"]
    assert names("SELECT Subject FROM Task WHERE What.Type IN ('opportunity')") == ["Call Acme"]
    # a parent in the recycle bin is no parent at all
    assert names("SELECT Subject FROM Task WHERE What.Id = null") == ["Loose task",
                                                                     "Deleted parent"]


def test_semi_join_and_anti_join(names, source):
    assert names("SELECT Name FROM Opportunity WHERE Id IN "
                 "(SELECT WhatId FROM Task WHERE IsClosed = true)") == ["Big Deal"]
    assert names("SELECT CaseNumber FROM Case WHERE Id NOT IN (SELECT WhatId FROM Task)") == [
        "00001000"]
    assert names("SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity "
                 "WHERE Amount > 1000) AND Name != null") == ["Acme"]


# -- ORDER BY ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("order", "expected"), [
    ("Amount", ["Renewal_2026", "O'Brien's \"quote\"", "small deal", "100% Pure", "Big Deal"]),
    ("Amount ASC NULLS LAST", ["O'Brien's \"quote\"", "small deal", "100% Pure", "Big Deal",
                               "Renewal_2026"]),
    # SOQL and SOSL Reference, "ORDER BY": "By default, null values are sorted first",
    # whatever the direction
    ("Amount DESC", ["Renewal_2026", "Big Deal", "100% Pure", "small deal",
                     "O'Brien's \"quote\""]),
    ("Amount DESC NULLS LAST", ["Big Deal", "100% Pure", "small deal", "O'Brien's \"quote\"",
                                "Renewal_2026"]),
    ("Amount DESC NULLS FIRST", ["Renewal_2026", "Big Deal", "100% Pure", "small deal",
                                 "O'Brien's \"quote\""]),
    ("Name", ["100% Pure", "Big Deal", "O'Brien's \"quote\"", "Renewal_2026", "small deal"]),
    ("name desc", ["small deal", "Renewal_2026", "O'Brien's \"quote\"", "Big Deal",
                   "100% Pure"]),
    ("StageName, Amount DESC", ["Renewal_2026", "small deal", "100% Pure", "Big Deal",
                                "O'Brien's \"quote\""]),
    ("CloseDate DESC, Name", ["100% Pure", "Renewal_2026", "Big Deal", "O'Brien's \"quote\"",
                              "small deal"]),
    ("Account.Name NULLS LAST, Name DESC", ["small deal", "Big Deal", "Renewal_2026",
                                            "O'Brien's \"quote\"", "100% Pure"]),
    ("SystemModstamp", ["Renewal_2026", "Big Deal", "100% Pure", "small deal",
                        "O'Brien's \"quote\""]),
    ("IsClosed, Name", ["100% Pure", "Big Deal", "O'Brien's \"quote\"", "Renewal_2026",
                        "small deal"]),
])
def test_order_by(names, order, expected):
    assert names(f"{OPP} ORDER BY {order}") == expected


def test_limit_and_offset(names):
    ordered = f"{OPP} ORDER BY Name"
    assert names(f"{ordered} LIMIT 2") == ["100% Pure", "Big Deal"]
    assert names(f"{ordered} LIMIT 2 OFFSET 1") == ["Big Deal", "O'Brien's \"quote\""]
    assert names(f"{ordered} OFFSET 4") == ["small deal"]
    assert names(f"{ordered} OFFSET 40") == []
    assert names(f"{ordered} LIMIT 0") == []


def test_count(schema, source):
    def count(text: str, include_deleted: bool = False) -> int:
        query = compile_query(parse(text), schema)
        assert query.is_count
        assert query.execute(source, include_deleted=include_deleted, api_version="59.0") == []
        return query.count(source, include_deleted=include_deleted)

    assert count("SELECT COUNT() FROM Opportunity") == 5
    assert count("select count() from opportunity", include_deleted=True) == 6
    assert count("SELECT COUNT() FROM Opportunity WHERE IsClosed = true") == 2
    assert count("SELECT COUNT() FROM Opportunity LIMIT 3") == 3
    assert count("SELECT COUNT() FROM Opportunity LIMIT 3 OFFSET 4") == 1


def test_count_of_an_ordinary_query_is_its_total_size(schema, source):
    query = compile_query(parse("SELECT Id FROM Opportunity WHERE Amount > 0 LIMIT 2"), schema)
    assert not query.is_count
    assert query.count(source, include_deleted=False) == 2


# -- projection --------------------------------------------------------------------------------
def test_projection_shape_uses_canonical_names_in_selected_order(run, source):
    opp = source.tables["Opportunity"][0]
    account = source.tables["Account"][0]
    (record, *_) = run("select amount, ACCOUNT.name, id, closedate, systemmodstamp, "
                       "account.owner.name, Account.Industry, isclosed from OPPORTUNITY")
    assert list(record) == ["attributes", "Amount", "Account", "Id", "CloseDate",
                            "SystemModstamp", "IsClosed"]
    assert record == {
        "attributes": {"type": "Opportunity",
                       "url": f"/services/data/v59.0/sobjects/Opportunity/{opp['Id']}"},
        "Amount": 5000.0,
        "Account": {
            "attributes": {"type": "Account",
                           "url": f"/services/data/v59.0/sobjects/Account/{account['Id']}"},
            "Name": "Acme",
            "Owner": {"attributes": {"type": "User",
                                     "url": f"/services/data/v59.0/sobjects/User/"
                                            f"{account['OwnerId']}"},
                      "Name": "Olga Owner"},
            "Industry": "Energy",
        },
        "Id": opp["Id"],
        "CloseDate": "2026-05-20",
        "SystemModstamp": "2026-05-20T20:49:32.000+0000",
        "IsClosed": False,
    }


def test_missing_parent_is_null(run):
    records = run("SELECT Name, Account.Name, Account.Owner.Name FROM Opportunity "
                  "WHERE Name LIKE '100%'")
    assert records[0]["Account"] is None
    records = run("SELECT Account.Owner.Name FROM Opportunity WHERE Account.Name = 'Globex'")
    assert [r["Account"]["Owner"] for r in records] == [None, None]


def test_polymorphic_parent_projection(run, source):
    records = run("SELECT Subject, What.Id, What.Type FROM Task ORDER BY Subject")
    by_subject = {r["Subject"]: r["What"] for r in records}
    case_id = source.tables["Case"][1]["Id"]
    assert by_subject["Fix the child case"] == {
        "attributes": {"type": "Name", "url": f"/services/data/v59.0/sobjects/Case/{case_id}"},
        "Id": case_id, "Type": "Case"}
    assert by_subject["Loose task"] is None
    assert by_subject["Deleted parent"] is None


def test_polymorphic_name_is_the_parents_name_field(run, names):
    records = run("SELECT Subject, What.Name FROM Task WHERE What.Name != null ORDER BY What.Name")
    assert [(r["Subject"], r["What"]["Name"]) for r in records] == [
        ("Fix the child case", "00001001"), ("Call Acme", "Big Deal")]
    assert records[0]["What"]["attributes"]["type"] == "Name"
    assert names("SELECT Subject FROM Task WHERE What.Name LIKE 'big%'") == ["Call Acme"]


def test_parent_rows_are_fetched_once_per_execution(run, source):
    source.get_calls = 0
    run("SELECT Account.Name, Account.Industry FROM Opportunity WHERE Account.Name != null")
    assert source.get_calls == 2  # Acme and Globex, each looked up once


def test_compiled_query_is_reusable_and_sees_new_rows(schema, source):
    query = compile_query(parse("SELECT Name FROM Account ORDER BY Name"), schema)
    first = query.execute(source, include_deleted=False, api_version="59.0")
    source.add("Account", Name="Aardvark")
    second = query.execute(source, include_deleted=False, api_version="60.0")
    assert [r["Name"] for r in first] == ["Acme", "Globex"]
    assert [r["Name"] for r in second] == ["Aardvark", "Acme", "Globex"]
    assert second[0]["attributes"]["url"].startswith("/services/data/v60.0/sobjects/Account/")
