"""Error shapes and statuses, session expiry, the daily API budget, Sforce-Limit-Info."""

from __future__ import annotations

import pytest
from simple_salesforce import Salesforce
from simple_salesforce.exceptions import (
    SalesforceExpiredSession,
    SalesforceGeneralError,
    SalesforceRefusedRequest,
    SalesforceResourceNotFound,
)

INVALID_SESSION = [{"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}]


def test_unknown_token_is_401_invalid_session_id(sandbox):
    sf = Salesforce(session_id="00Dbogus!token", instance_url=sandbox.instance_url,
                    session=sandbox.http_session())
    with pytest.raises(SalesforceExpiredSession) as failure:
        sf.query("SELECT Id FROM Account")
    assert failure.value.status == 401
    assert failure.value.content == INVALID_SESSION


def test_missing_authorization_header_is_401(sandbox, http):
    response = http.get(f"{sandbox.instance_url}/services/data/v59.0/sobjects/")
    assert response.status_code == 401
    assert response.json() == INVALID_SESSION


def test_session_expires_when_the_clock_passes_its_lifetime(sandbox, sf):
    sf.query("SELECT COUNT() FROM Account")
    sandbox.clock.advance(2 * 3600 + 1)
    with pytest.raises(SalesforceExpiredSession):
        sf.query("SELECT COUNT() FROM Account")
    # a new login works again
    assert sandbox.salesforce().query("SELECT COUNT() FROM Account")["totalSize"] > 0


def test_session_lifetime_is_settable_and_activity_extends_it(sandbox):
    sandbox.sessions.set_lifetime(600)
    sf = sandbox.salesforce()
    sandbox.clock.advance(500)
    sf.query("SELECT COUNT() FROM Account")
    sandbox.clock.advance(500)
    sf.query("SELECT COUNT() FROM Account")
    sandbox.clock.advance(601)
    with pytest.raises(SalesforceExpiredSession):
        sf.query("SELECT COUNT() FROM Account")


def test_every_response_carries_sforce_limit_info(sandbox, http, sf):
    sf.query("SELECT COUNT() FROM Account")
    assert sf.api_usage["api-usage"].total == 15000
    for response in (http.get(f"{sandbox.instance_url}/services/data/"),
                     http.get(f"{sandbox.instance_url}/services/data/v59.0/limits/"),
                     http.get(f"{sandbox.instance_url}/nothing/here"),
                     http.post(f"{sandbox.login_url}/services/Soap/u/59.0", data="<x/>")):
        assert response.headers["Sforce-Limit-Info"].startswith("api-usage=")


def test_budget_runs_out_with_403_request_limit_exceeded(sandbox, sf):
    sandbox.budget.configure(maximum=3, used=0)
    for _ in range(3):
        sf.query("SELECT COUNT() FROM Account")
    assert sf.api_usage["api-usage"] == (3, 3)
    with pytest.raises(SalesforceRefusedRequest) as failure:
        sf.query("SELECT COUNT() FROM Account")
    assert failure.value.status == 403
    assert failure.value.content == [{"message": "TotalRequests Limit exceeded.",
                                      "errorCode": "REQUEST_LIMIT_EXCEEDED"}]
    # the day passes on the org clock: the budget is back
    sandbox.clock.advance(24 * 3600)
    sandbox.sessions.set_lifetime(48 * 3600)
    assert sandbox.salesforce().query("SELECT COUNT() FROM Account")["totalSize"] > 0


def test_limits_resource_reports_the_budget(sandbox, sf):
    sandbox.budget.configure(maximum=100, used=40)
    assert sf.limits()["DailyApiRequests"] == {"Max": 100, "Remaining": 59}


def test_unknown_resources_and_versions_are_404(sandbox, http, bearer):
    for path in ("/services/data/v59.0/nope", "/services/data/v99.0/query/?q=SELECT+Id+FROM+Account",
                 "/services/data/v59.0/sobjects/Account/001000000000000AAA/extra/deep", "/random",
                 "/services/data/v59.0/sobjects/Account/describe/layouts"):
        response = http.get(f"{sandbox.instance_url}{path}", headers=bearer)
        assert response.status_code == 404, path
        assert response.json()[0]["errorCode"] == "NOT_FOUND"


@pytest.mark.parametrize("version", ["7.0", "20.0", "21.0", "30.0"])
def test_retired_api_versions_answer_410_gone(sandbox, http, bearer, version):
    """REST API Developer Guide, "API End-of-Life": versions 7.0-20.0 (retired Summer '22)
    and 21.0-30.0 (retired Summer '25, help article 000354473) answer 410 GONE; 31.0 works."""
    base = f"{sandbox.instance_url}/services/data"
    response = http.get(f"{base}/v{version}/query/?q=SELECT+Id+FROM+Account", headers=bearer)
    assert response.status_code == 410
    [error] = response.json()
    assert error["errorCode"] == "GONE" and version in error["message"]
    assert http.get(f"{base}/v{version}/limits/").status_code == 410  # whoever asks
    assert http.get(f"{base}/v31.0/limits/", headers=bearer).status_code == 200
    assert "30.0" not in {v["version"] for v in http.get(f"{base}/").json()}


def test_missing_record_is_404(sf):
    with pytest.raises(SalesforceResourceNotFound) as failure:
        sf.Account.get("001000000000000AAA")
    assert failure.value.content[0]["errorCode"] in ("NOT_FOUND", "MALFORMED_ID")


def test_wrong_method_is_405(sandbox, http, bearer):
    response = http.put(f"{sandbox.instance_url}/services/data/v59.0/sobjects/Account/", headers=bearer, json={})
    assert response.status_code == 405
    [error] = response.json()
    assert error["errorCode"] == "METHOD_NOT_ALLOWED" and "GET,POST" in error["message"]


def test_user_losing_api_access_gets_403_on_rest(sandbox, sf):
    sandbox.org.set_api_enabled(sandbox.username, False)
    with pytest.raises(SalesforceRefusedRequest) as failure:
        sf.query("SELECT COUNT() FROM Account")
    assert failure.value.content[0]["errorCode"] == "API_DISABLED_FOR_ORG"


def test_hidden_records_are_invisible(sandbox, sf):
    record_id = sf.query("SELECT Id FROM Opportunity LIMIT 1")["records"][0]["Id"]
    sandbox.org.set_hidden(record_id, True)
    assert sf.query(f"SELECT COUNT() FROM Opportunity WHERE Id = '{record_id}'")["totalSize"] == 0
    with pytest.raises(SalesforceResourceNotFound):
        sf.Opportunity.get(record_id)


def test_a_sandbox_bug_is_a_json_unknown_exception_not_an_html_page(sandbox, sf, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("bug in the sandbox")

    monkeypatch.setattr(sandbox.org, "describe_global", broken)
    with pytest.raises(SalesforceGeneralError) as failure:
        sf.describe()
    assert failure.value.status == 500
    assert failure.value.content[0]["errorCode"] == "UNKNOWN_EXCEPTION"
    assert "bug in the sandbox" not in failure.value.content[0]["message"]
