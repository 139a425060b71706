"""The "specific items" candidate search against the sandbox: whatever the user types (quotes,
backslashes, wildcards, line breaks, a pasted page of text) makes a query Salesforce accepts,
and matches those characters literally (SOQL and SOSL Reference: Quoted String Escape
Sequences; string literals at most 4,000 characters)."""

from __future__ import annotations

import pytest

from desktop.salesforce.connection import connect_with_password
from desktop.salesforce.errors import RequestRejected
from desktop.services.candidates import (
    LONGEST_SEARCHED_FIELD,
    can_match,
    candidate,
    candidate_soql,
)

TRICKY_NAME = "Q3 'big' \"deal\" 50%_off C:\\path\ttab"


@pytest.fixture
def client(sandbox):
    client = connect_with_password(sandbox.login_url, sandbox.username, sandbox.password,
                                   sandbox.security_token, ca_file=sandbox.ca_file)
    yield client
    client.close()


def search(client, sobject: str, text: str):
    pages = client.query_pages(candidate_soql(sobject, text))
    return [candidate(sobject, record) for record in next(iter(pages))["records"]]


def test_quotes_backslashes_wildcards_and_tabs_match_literally(sandbox, client):
    sf = sandbox.salesforce()
    created = sf.Opportunity.create({"Name": TRICKY_NAME, "StageName": "Prospecting",
                                     "CloseDate": "2026-12-31"})["id"]
    for text in (TRICKY_NAME, "'big'", '"deal"', "50%_off", "C:\\path", "\ttab"):
        found = search(client, "Opportunity", text)
        assert [c.id for c in found] == [created], text
    assert search(client, "Opportunity", "50%off") == []  # % is not a wildcard here
    assert search(client, "Opportunity", "50_%") == []


def test_a_line_break_is_escaped_and_matches_nothing_here(client):
    assert search(client, "Case", "first line\nsecond line") == []


def test_a_pasted_text_longer_than_any_field_is_never_sent(client):
    """Over 4,000 characters Salesforce refuses the literal (MALFORMED_QUERY); no name is
    longer than 255 characters anyway, so such a text matches nothing."""
    pasted = "x" * 5000
    quoted = "'" * 2100  # escaped, the literal would be twice as long
    for text in (pasted, quoted, "y" * (LONGEST_SEARCHED_FIELD + 1)):
        assert not can_match(text)
        with pytest.raises(ValueError):
            candidate_soql("Opportunity", text)
    longest = "'" * LONGEST_SEARCHED_FIELD  # the longest that can match is still accepted
    assert can_match(longest)
    for sobject in ("Opportunity", "Case"):
        assert search(client, sobject, longest) == []


def test_the_sandbox_refuses_an_overlong_literal(client):
    """What the cap avoids (the sandbox holds clients to Salesforce's 4,000 characters)."""
    with pytest.raises(RequestRejected, match="4,000"):
        list(client.query_pages(f"SELECT Id FROM Opportunity WHERE Name LIKE '%{'x' * 4001}%'"))
