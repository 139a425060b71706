"""Compiling against a schema: canonical names, INVALID_TYPE / INVALID_FIELD, literal types."""

from __future__ import annotations

import pytest

from desktop.sandbox.soql import SoqlError, compile_query, parse

FIELD_HINT = ("If you are attempting to use a custom field, be sure to append the '__c' after "
              "the custom field name. Please reference your WSDL or the describe call for the "
              "appropriate names.")


def rejected(schema, text: str, code: str) -> str:
    with pytest.raises(SoqlError) as caught:
        compile_query(parse(text), schema)
    assert caught.value.error_code == code, caught.value.message
    return caught.value.message.rsplit("\n", 1)[-1]


def test_names_resolve_case_insensitively_to_canonical_names(schema):
    query = compile_query(parse("select ACCOUNT.OWNER.name, stagename from opportunity "
                                "where isclosed = false order by closedate"), schema)
    assert query.sobject == "Opportunity"
    assert [ref.output_path for ref in query.fields] == [("Account", "Owner", "Name"),
                                                         ("StageName",)]
    assert [hop.foreign_key for hop in query.fields[0].hops] == ["AccountId", "OwnerId"]
    assert query.order_by[0].ref.name == "CloseDate"


def test_unknown_object_is_invalid_type(schema):
    message = rejected(schema, "SELECT Id FROM Foo", "INVALID_TYPE")
    assert message == ("sObject type 'Foo' is not supported. If you are attempting to use a "
                       "custom object, be sure to append the '__c' after the entity name. "
                       "Please reference your WSDL or the describe call for the appropriate "
                       "names.")
    rejected(schema, "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Bar)",
             "INVALID_TYPE")


@pytest.mark.parametrize(("text", "column", "entity"), [
    ("SELECT Foo FROM Opportunity", "Foo", "Opportunity"),
    ("SELECT Id FROM Opportunity WHERE Foo = 1", "Foo", "Opportunity"),
    ("SELECT Id FROM Opportunity ORDER BY Foo", "Foo", "Opportunity"),
    ("SELECT Account.Foo FROM Opportunity", "Foo", "Account"),
    ("SELECT Account.Owner.Foo FROM Opportunity", "Foo", "User"),
    ("SELECT Account FROM Opportunity", "Account", "Opportunity"),
    ("SELECT Id FROM Account WHERE Id IN (SELECT Nope FROM Opportunity)", "Nope", "Opportunity"),
    ("SELECT What.Subject FROM Task", "Subject", "Name"),
    ("SELECT What.Account.Name FROM Task", "Account", "Name"),
])
def test_unknown_field_is_invalid_field(schema, text, column, entity):
    message = rejected(schema, text, "INVALID_FIELD")
    assert message == f"No such column '{column}' on entity '{entity}'. {FIELD_HINT}"


@pytest.mark.parametrize("text", [
    "SELECT Foo.Name FROM Opportunity",
    "SELECT AccountId.Name FROM Opportunity",
    "SELECT Name FROM Opportunity WHERE Owner.Manager.Name = 'x'",
])
def test_unknown_relationship_is_invalid_field(schema, text):
    message = rejected(schema, text, "INVALID_FIELD")
    assert message.startswith("Didn't understand relationship '")


@pytest.mark.parametrize(("where", "expected"), [
    ("CloseDate = '2026-05-20'",
     "value of filter criterion for field 'CloseDate' must be of type date and should not be "
     "enclosed in quotes"),
    ("CloseDate = 2026-05-20T00:00:00Z",
     "value of filter criterion for field 'CloseDate' must be of type date and should not be "
     "enclosed in quotes"),
    ("SystemModstamp > '2026-05-20T00:00:00Z'",
     "value of filter criterion for field 'SystemModstamp' must be of type dateTime and should "
     "not be enclosed in quotes"),
    ("SystemModstamp > 2026-05-20",
     "value of filter criterion for field 'SystemModstamp' must be of type dateTime and should "
     "not be enclosed in quotes"),
    ("IsClosed = 'true'",
     "value of filter criterion for field 'IsClosed' must be of type boolean and should not be "
     "enclosed in quotes"),
    ("IsClosed = 1",
     "value of filter criterion for field 'IsClosed' must be of type boolean and should not be "
     "enclosed in quotes"),
    ("Amount > '5'",
     "value of filter criterion for field 'Amount' must be of type currency and should not be "
     "enclosed in quotes"),
    ("Account.NumberOfEmployees IN (1, '2')",
     "value of filter criterion for field 'Account.NumberOfEmployees' must be of type integer "
     "and should not be enclosed in quotes"),
    ("Name = 5",
     "value of filter criterion for field 'Name' must be of type string and should be enclosed "
     "in quotes"),
    ("Name LIKE 5",
     "value of filter criterion for field 'Name' must be of type string and should be enclosed "
     "in quotes"),
    ("StageName IN ('a', true)",
     "value of filter criterion for field 'StageName' must be of type string and should be "
     "enclosed in quotes"),
    ("AccountId = 2026-05-20",
     "value of filter criterion for field 'AccountId' must be of type id and should be "
     "enclosed in quotes"),
])
def test_literal_of_wrong_type_is_invalid_field(schema, where, expected):
    assert rejected(schema, f"SELECT Id FROM Opportunity WHERE {where}", "INVALID_FIELD") == \
        expected


@pytest.mark.parametrize("where", [
    "Amount LIKE '5%'", "CloseDate LIKE '2026%'", "IsClosed LIKE 'true'", "Id LIKE '006%'",
])
def test_like_is_only_for_text(schema, where):
    rejected(schema, f"SELECT Id FROM Opportunity WHERE {where}", "INVALID_FIELD")


def test_boolean_ordering_operator_is_rejected(schema):
    message = rejected(schema, "SELECT Id FROM Opportunity WHERE IsClosed > false",
                       "INVALID_QUERY_FILTER_OPERATOR")
    assert message == "invalid operator on boolean field: IsClosed"


@pytest.mark.parametrize("literal", ["'abc'", "'006'", "'0065g0000000001AAAXYZ'", "'006!!!!!!!!!!!!'"])
def test_malformed_id_literal(schema, literal):
    message = rejected(schema, f"SELECT Id FROM Opportunity WHERE Id = {literal}",
                       "INVALID_QUERY_FILTER_OPERATOR")
    assert message == f"invalid ID field: {literal.strip(chr(39))}"


def test_semi_join_needs_id_fields_on_both_sides(schema):
    rejected(schema, "SELECT Id FROM Opportunity WHERE Name IN (SELECT Subject FROM Task)",
             "INVALID_FIELD")
    rejected(schema, "SELECT Id FROM Opportunity WHERE Id IN (SELECT Subject FROM Task)",
             "INVALID_FIELD")
    query = compile_query(parse("SELECT Id FROM Opportunity WHERE AccountId NOT IN "
                                "(SELECT Id FROM Account WHERE Name = 'x')"), schema)
    assert query.where.subquery.sobject == "Account"


def test_same_field_spelled_differently_is_a_duplicate(schema):
    rejected(schema, "SELECT What.type, What.TYPE FROM Task", "MALFORMED_QUERY")


def test_null_is_accepted_for_any_type(schema):
    for field in ("Name", "Amount", "CloseDate", "SystemModstamp", "IsClosed", "AccountId",
                  "Account.Name"):
        compile_query(parse(f"SELECT Id FROM Opportunity WHERE {field} = null"), schema)


def test_error_message_locates_the_field(schema):
    with pytest.raises(SoqlError) as caught:
        compile_query(parse("SELECT Id, Nmae FROM Opportunity"), schema)
    assert caught.value.message.startswith(
        "\nSELECT Id, Nmae FROM Opportunity\n           ^\nERROR at Row:1:Column:12\n")
