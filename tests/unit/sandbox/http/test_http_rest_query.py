"""query/ and queryAll/ with paging, deleted rows, relationships and SOQL errors."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest
import requests
from simple_salesforce.exceptions import SalesforceGeneralError, SalesforceMalformedRequest

from desktop.sandbox.harness import start_sandbox

SIX_THOUSAND = 6000


@pytest.fixture(scope="module")
def big():
    """One read-only org with 6,000 opportunities for the paging tests of this module."""
    running = start_sandbox(size="small", seed=3, opportunities=SIX_THOUSAND)
    try:
        yield running
    finally:
        running.stop()


def test_query_all_pages_through_more_than_5000_rows(big):
    sf = big.salesforce()
    first = sf.query("SELECT Id FROM Opportunity")
    assert first["totalSize"] == SIX_THOUSAND and first["done"] is False
    assert len(first["records"]) == 2000
    assert first["nextRecordsUrl"].startswith("/services/data/v59.0/query/01g")
    assert first["nextRecordsUrl"].endswith("-2000")

    before = sf.api_usage["api-usage"].used
    everything = sf.query_all("SELECT Id, Name FROM Opportunity")
    assert everything["totalSize"] == SIX_THOUSAND
    ids = [record["Id"] for record in everything["records"]]
    assert len(set(ids)) == SIX_THOUSAND
    # the first page and two cursor follow-ups, each one API call
    assert sf.api_usage["api-usage"].used == before + 3


def test_batch_size_header_is_honoured_within_bounds(big):
    sf = big.salesforce()
    page = sf.query("SELECT Id FROM Opportunity", headers={"Sforce-Query-Options": "batchSize=500"})
    assert len(page["records"]) == 500 and page["nextRecordsUrl"].endswith("-500")
    tiny = sf.query("SELECT Id FROM Opportunity", headers={"Sforce-Query-Options": "batchSize=10"})
    assert len(tiny["records"]) == 200
    huge = sf.query("SELECT Id FROM Opportunity", headers={"Sforce-Query-Options": "batchSize=9000"})
    assert len(huge["records"]) == 2000

    before = sf.api_usage["api-usage"].used
    rows = list(sf.query_all_iter("SELECT Id FROM Opportunity ORDER BY Id",
                                  headers={"Sforce-Query-Options": "batchSize=1000"}))
    assert len(rows) == SIX_THOUSAND
    assert [r["Id"] for r in rows] == sorted(r["Id"] for r in rows)
    assert sf.api_usage["api-usage"].used == before + 6


def test_query_more_by_locator_and_bad_locators(big, http_big):
    sf = big.salesforce()
    first = sf.query("SELECT Id FROM Opportunity ORDER BY Id")
    locator = first["nextRecordsUrl"].rsplit("/", 1)[1]
    second = sf.query_more(locator)
    assert second["records"][0]["Id"] > first["records"][-1]["Id"]
    for bad in ("01gNOSUCHLOCATORAAA-2000", "garbage", f"{locator.rsplit('-', 1)[0]}-999999"):
        with pytest.raises(SalesforceMalformedRequest) as failure:
            sf.query_more(bad)
        assert failure.value.content[0]["errorCode"] == "INVALID_QUERY_LOCATOR"


@pytest.fixture
def http_big(big):
    return big.http_session()


def test_cursors_belong_to_their_user_and_expire(big):
    sf = big.salesforce()
    first = sf.query("SELECT Id FROM Opportunity")
    big.clock.advance(16 * 60)
    with pytest.raises(SalesforceMalformedRequest) as failure:
        sf.query_more(first["nextRecordsUrl"], identifier_is_url=True)
    assert failure.value.content[0]["errorCode"] == "INVALID_QUERY_LOCATOR"


def test_count_query_returns_total_size_without_records(big):
    result = big.salesforce().query("SELECT COUNT() FROM Opportunity")
    assert result == {"totalSize": SIX_THOUSAND, "done": True, "records": []}


def test_later_pages_hold_the_records_as_the_query_found_them():
    # Pages are projected when they are read (a big query's first page costs no more than
    # the others); what they hold is still what the query matched when it ran.
    with start_sandbox(size="small", seed=3, opportunities=2500) as running:
        sf = running.salesforce()
        first = sf.query("SELECT Id, Name, StageName FROM Opportunity ORDER BY Id")
        last = sf.query("SELECT Id FROM Opportunity ORDER BY Id DESC LIMIT 2")["records"]
        changed, deleted = last[0]["Id"], last[1]["Id"]  # both on the second page
        before = sf.Opportunity.get(changed)
        sf.Opportunity.update(changed, {"Name": "Renamed after the query ran"})
        sf.Opportunity.delete(deleted)
        second = sf.query_more(first["nextRecordsUrl"], identifier_is_url=True)
        assert first["totalSize"] == 2500 and len(second["records"]) == 500
        by_id = {r["Id"]: r for r in second["records"]}
        assert by_id[changed]["Name"] == before["Name"] != "Renamed after the query ran"
        assert deleted in by_id


def test_query_all_sees_deleted_rows_while_query_does_not(sandbox, sf):
    victim = sf.query("SELECT Id FROM Case LIMIT 1")["records"][0]["Id"]
    assert sf.Case.delete(victim) == 204
    soql = f"SELECT Id, IsDeleted FROM Case WHERE Id = '{victim}'"
    assert sf.query(soql)["totalSize"] == 0
    rows = sf.query_all(soql, include_deleted=True)["records"]
    assert [(r["Id"], r["IsDeleted"]) for r in rows] == [(victim, True)]


def test_parent_relationship_fields_come_back_nested(sf):
    rows = sf.query_all("SELECT Id, Name, Account.Name, Owner.Name FROM Opportunity "
                        "WHERE AccountId != null LIMIT 5")["records"]
    assert rows
    for row in rows:
        assert row["Account"]["attributes"]["type"] == "Account"
        assert row["Account"]["attributes"]["url"].startswith("/services/data/v59.0/sobjects/Account/")
        assert isinstance(row["Account"]["Name"], str)
        assert row["Owner"]["attributes"]["type"] == "User"
    orphan = sf.query("SELECT Id, Account.Name FROM Opportunity WHERE AccountId = null LIMIT 1")
    for row in orphan["records"]:
        assert row["Account"] is None


def test_api_version_of_the_request_shows_in_record_urls(sandbox):
    sf = sandbox.salesforce(version="61.0")
    row = sf.query("SELECT Id FROM Account LIMIT 1")["records"][0]
    assert row["attributes"]["url"].startswith("/services/data/v61.0/sobjects/Account/")


@pytest.mark.parametrize("soql, code", [
    ("SELEC Id FROM Account", "MALFORMED_QUERY"),
    ("SELECT Id FROM Account WHERE", "MALFORMED_QUERY"),
    ("SELECT Id FROM Account GROUP BY Name", "MALFORMED_QUERY"),
    ("SELECT Nope FROM Account", "INVALID_FIELD"),
    ("SELECT Id FROM Account WHERE Nope = 1", "INVALID_FIELD"),
    ("SELECT Id FROM Nope", "INVALID_TYPE"),
    ("SELECT Id FROM Opportunity WHERE Amount = 'abc'", "INVALID_FIELD"),
])
def test_bad_soql_gives_the_salesforce_error(sf, soql, code):
    with pytest.raises(SalesforceMalformedRequest) as failure:
        sf.query(soql)
    assert failure.value.status == 400
    [error] = failure.value.content
    assert error["errorCode"] == code
    assert error["message"]


def test_missing_query_string_is_malformed(sandbox, http, bearer):
    response = http.get(f"{sandbox.instance_url}/services/data/v59.0/query/", headers=bearer)
    assert response.status_code == 400
    assert response.json()[0]["errorCode"] == "MALFORMED_QUERY"


@pytest.mark.parametrize("soql", [
    "", "SELECT", "SELECT Id FROM Account WHERE " + "(" * 1000 + "Name = 'x'" + ")" * 1000,
    "SELECT Id FROM Account WHERE Name = 'unterminated", "SELECT Id FROM Account\x00",
    "SELECT Id FROM Account WHERE CreatedDate > 2026-13-45T99:99:99Z", "SELECT Id FROM Account WHERE Name IN ()",
])
def test_hostile_soql_gets_a_400_quickly_never_a_500(sf, soql):
    with pytest.raises(SalesforceMalformedRequest) as failure:
        sf.query(soql)
    assert isinstance(failure.value.content, list) and failure.value.content[0]["errorCode"]


def _header_bytes(http, url: str, headers: dict) -> int:
    """What the server counts for a GET's headers: each "Name: value" line with its CRLF."""
    prepared = http.prepare_request(requests.Request("GET", url, headers=headers))
    lines = [*prepared.headers.items(), ("Host", urlsplit(url).netloc)]
    return sum(len(name) + len(value) + 4 for name, value in lines)


def _count_url(sandbox, uri_bytes: int) -> str:
    """A valid COUNT() query whose URI (path and query string) is exactly `uri_bytes` long."""
    uri = "/services/data/v59.0/query/?q=SELECT+COUNT%28%29+FROM+Account"
    return sandbox.instance_url + uri + "+" * (uri_bytes - len(uri))


def test_uri_plus_headers_over_16384_bytes_is_431_with_an_html_page(sandbox, http, bearer):
    """Help article 000386264: "In each REST call, the maximum length for the combined URI and
    headers is 16,384 bytes. A request exceeding this limit returns a 431 Request Header
    Fields Too Large error. If the URI itself exceeds this limit, the request returns a 414
    URI Too Long error." Both answers are HTML pages, not JSON."""
    probe = _count_url(sandbox, 100)
    headers = _header_bytes(http, probe, bearer)
    at_limit = _count_url(sandbox, 16_384 - headers)
    assert len(urlsplit(at_limit).path) + len(urlsplit(at_limit).query) + 1 + headers == 16_384
    assert http.get(at_limit, headers=bearer).json()["totalSize"] > 0

    over = http.get(_count_url(sandbox, 16_384 - headers + 1), headers=bearer)
    assert over.status_code == 431
    assert over.headers["Content-Type"].startswith("text/html")
    assert "Request Header Fields Too Large" in over.text
    # big headers count as much as a long URI
    padded = http.get(probe, headers={**bearer, "X-Padding": "p" * (16_384 - headers)})
    assert padded.status_code == 431


def test_a_uri_over_16384_bytes_is_414_with_an_html_page(sandbox, http, bearer, sf):
    """Help article 000386264: a URI that alone exceeds 16,384 bytes gets 414 URI Too Long."""
    response = http.get(_count_url(sandbox, 16_385), headers=bearer)
    assert response.status_code == 414
    assert response.headers["Content-Type"].startswith("text/html")
    assert "URI Too Long" in response.text
    with pytest.raises(SalesforceGeneralError) as failure:  # what simple-salesforce makes of it
        sf.query("SELECT Id FROM Account WHERE Name IN (" + ", ".join(["'x'"] * 3000) + ")")
    assert failure.value.status == 414 and "URI Too Long" in failure.value.content


def test_a_long_query_fits_in_a_composite_body(sf):
    """Help article 000386264 advises moving a SOQL statement too long for the URI into the
    body of a Composite request: the URI limit does not apply to a subrequest's url, the
    100,000-character SOQL limit does."""
    soql = "SELECT Id FROM Account WHERE Name IN (" + ", ".join(["'x'"] * 6000) + ")"
    result = sf.restful("composite", method="POST", json={"compositeRequest": [
        {"method": "GET", "referenceId": "q",
         "url": "/services/data/v59.0/query/?q=" + quote(soql, safe="")}]})
    assert result["compositeResponse"][0]["httpStatusCode"] == 200
