"""Org.query: SOQL over the org's rows, with the recycle bin and sharing applied."""

import pytest
from org_testing import error_of


def query(org, user, soql, *, include_deleted=False):
    return org.query(soql, include_deleted=include_deleted, user=user, api_version="59.0")


def ids(org, user, soql, **kwargs):
    return sorted(r["Id"] for r in query(org, user, soql, **kwargs)[1])


def test_query_returns_total_and_json_records(org, user, make):
    account = make("Account", Name="Société Générale")
    opp = make("Opportunity", AccountId=account, StageName="Closed Won")
    total, records = query(org, user, "SELECT Id, Name, Account.Name, IsWon, CloseDate "
                                      "FROM Opportunity WHERE IsClosed = true")
    assert total == 1
    assert records == [{
        "attributes": {"type": "Opportunity",
                       "url": f"/services/data/v59.0/sobjects/Opportunity/{opp}"},
        "Id": opp, "Name": "Acme Corp - 500 Widgets",
        "Account": {"attributes": {"type": "Account",
                                   "url": f"/services/data/v59.0/sobjects/Account/{account}"},
                    "Name": "Société Générale"},
        "IsWon": True, "CloseDate": "2026-06-30",
    }]


def test_count_query(org, user, make):
    for _ in range(3):
        make("Case")
    assert query(org, user, "SELECT COUNT() FROM Case") == (3, [])


def test_deleted_rows_only_in_query_all(org, user, make):
    live, gone = make("Case"), make("Case")
    org.delete("Case", gone, user)
    assert ids(org, user, "SELECT Id FROM Case") == [live]
    assert ids(org, user, "SELECT Id FROM Case", include_deleted=True) == sorted([live, gone])
    deleted = query(org, user, "SELECT Id, IsDeleted FROM Case WHERE IsDeleted = true",
                    include_deleted=True)[1]
    assert [(r["Id"], r["IsDeleted"]) for r in deleted] == [(gone, True)]


def test_parent_in_the_recycle_bin_reads_as_null(org, user, make):
    account = make("Account")
    opp = make("Opportunity", AccountId=account)
    org.delete("Account", account, user)
    record = query(org, user, f"SELECT Account.Name FROM Opportunity WHERE Id = '{opp}'")[1][0]
    assert record["Account"] is None


def test_hidden_records_are_left_out_for_the_api_user_only(org, user, make):
    visible, hidden = make("Opportunity"), make("Opportunity")
    org.set_hidden(hidden, True)
    assert ids(org, user, "SELECT Id FROM Opportunity") == [visible]
    assert ids(org, user, "SELECT Id FROM Opportunity", include_deleted=True) == [visible]
    other = org.add_user("admin@example.com", "Ada", "Admin", password="pw", security_token="t")
    assert ids(org, other, "SELECT Id FROM Opportunity") == sorted([visible, hidden])


def test_query_sees_writes_made_after_an_earlier_query(org, user, make):
    record_id = make("Case")
    query(org, user, "SELECT Id FROM Case")
    org.update("Case", record_id, {"Status": "Closed"}, user)
    assert query(org, user, "SELECT IsClosed FROM Case")[1][0]["IsClosed"] is True


def test_setup_tables_are_queryable(org, user):
    records = query(org, user, "SELECT MasterLabel, IsClosed, IsWon FROM OpportunityStage "
                               "WHERE IsClosed = true ORDER BY SortOrder")[1]
    assert [(r["MasterLabel"], r["IsWon"]) for r in records] == [
        ("Closed Won", True), ("Closed Lost", False), ("Closed - Merged", False)]


@pytest.mark.parametrize(("soql", "code"), [
    ("SELECT Id FROM Nope", "INVALID_TYPE"),
    ("SELECT Bogus FROM Case", "INVALID_FIELD"),
    ("SELECT Id FROM Case WHERE", "MALFORMED_QUERY"),
    ("DELETE FROM Case", "MALFORMED_QUERY"),
])
def test_soql_errors_become_400s(org, user, soql, code):
    error = error_of(query, org, user, soql)
    assert (error.status, error.error_code) == (400, code)
    assert error.message
