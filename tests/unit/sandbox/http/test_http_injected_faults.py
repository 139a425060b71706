"""Each injected fault, observed from a client; the admin endpoint that arms them."""

from __future__ import annotations

import time

import pytest
import requests
from simple_salesforce.exceptions import (
    SalesforceExpiredSession,
    SalesforceGeneralError,
    SalesforceRefusedRequest,
)


def test_next_requests_fail_with_503_then_recover(sandbox, sf):
    sandbox.faults.fail_next(2)
    for _ in range(2):
        with pytest.raises(SalesforceGeneralError) as failure:
            sf.query("SELECT COUNT() FROM Account")
        assert failure.value.status == 503
        assert failure.value.content[0]["errorCode"] == "SERVER_UNAVAILABLE"
    assert sf.query("SELECT COUNT() FROM Account")["totalSize"] > 0


def test_injected_500_is_unknown_exception(sandbox, sf):
    sandbox.faults.fail_next(status=500)
    with pytest.raises(SalesforceGeneralError) as failure:
        sf.query("SELECT COUNT() FROM Account")
    assert failure.value.status == 500
    assert failure.value.content[0]["errorCode"] == "UNKNOWN_EXCEPTION"


def test_dropped_connection(sandbox, sf):
    sandbox.faults.drop_next()
    with pytest.raises(requests.exceptions.ConnectionError):
        sf.query("SELECT COUNT() FROM Account")
    assert sf.query("SELECT COUNT() FROM Account")["totalSize"] > 0


def test_truncated_body(sandbox, sf):
    sandbox.faults.truncate_next()
    with pytest.raises((requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError)):
        sf.query("SELECT Id, Name FROM Account")


def test_forced_invalid_session_keeps_the_real_session(sandbox, sf):
    sandbox.faults.invalidate_sessions_next()
    with pytest.raises(SalesforceExpiredSession):
        sf.query("SELECT COUNT() FROM Account")
    assert sf.query("SELECT COUNT() FROM Account")["totalSize"] > 0


def test_forced_request_limit_exceeded(sandbox, sf):
    sandbox.faults.limit_exceeded_next()
    with pytest.raises(SalesforceRefusedRequest) as failure:
        sf.query("SELECT COUNT() FROM Account")
    assert failure.value.content[0]["errorCode"] == "REQUEST_LIMIT_EXCEEDED"


def test_apply_then_drop_performs_the_write(sandbox, sf):
    sandbox.faults.apply_then_drop_next(path_prefix="sobjects/Account")
    with pytest.raises(requests.exceptions.ConnectionError):
        sf.Account.create({"Name": "Written but unanswered"})
    assert sf.query("SELECT COUNT() FROM Account WHERE Name = 'Written but unanswered'")["totalSize"] == 1


def test_latency(sandbox, sf):
    sandbox.faults.set_latency(300, path_prefix="query")
    started = time.monotonic()
    sf.query("SELECT COUNT() FROM Account")
    assert time.monotonic() - started >= 0.3


def test_faults_target_a_path_prefix(sandbox, sf):
    sandbox.faults.fail_next(path_prefix="sobjects/Case")
    assert sf.query("SELECT COUNT() FROM Case")["totalSize"] > 0
    with pytest.raises(SalesforceGeneralError):
        sf.Case.describe()


def test_faults_on_login_and_token_endpoints(sandbox, http):
    sandbox.faults.fail_next(path_prefix="/services/oauth2/token")
    response = http.post(f"{sandbox.login_url}/services/oauth2/token", data={"grant_type": "password"})
    assert response.status_code == 503


# -- admin endpoint ------------------------------------------------------------------------------

def test_admin_endpoint_arms_faults_and_controls_the_org(sandbox, sf, http):
    admin = sandbox.admin_url
    assert http.post(f"{admin}/faults", json={"kind": "fail", "count": 1, "status": 500}).status_code == 200
    with pytest.raises(SalesforceGeneralError):
        sf.query("SELECT COUNT() FROM Account")

    state = http.post(f"{admin}/budget", json={"max": 10, "used": 10}).json()
    assert state["budget"] == {"max": 10, "used": 10}
    with pytest.raises(SalesforceRefusedRequest):
        sf.query("SELECT COUNT() FROM Account")
    http.post(f"{admin}/budget", json={"used": 0})

    before = sandbox.clock.now()
    http.post(f"{admin}/clock", json={"advance_seconds": 3 * 3600})
    assert (sandbox.clock.now() - before).total_seconds() >= 3 * 3600
    with pytest.raises(SalesforceExpiredSession):
        sf.query("SELECT COUNT() FROM Account")

    assert http.post(f"{admin}/session-lifetime", json={"seconds": 60}).json()["session_lifetime_seconds"] == 60
    assert http.post(f"{admin}/users/api-enabled",
                     json={"username": sandbox.username, "enabled": False}).status_code == 200
    with pytest.raises(Exception, match="API_DISABLED_FOR_ORG"):
        sandbox.login()
    http.post(f"{admin}/users/api-enabled", json={"username": sandbox.username, "enabled": True})

    fresh = sandbox.salesforce()
    record_id = fresh.query("SELECT Id FROM Case LIMIT 1")["records"][0]["Id"]
    assert http.post(f"{admin}/records/hidden", json={"id": record_id, "hidden": True}).status_code == 200
    assert fresh.query(f"SELECT COUNT() FROM Case WHERE Id = '{record_id}'")["totalSize"] == 0

    assert http.post(f"{admin}/sessions/expire").status_code == 200
    with pytest.raises(SalesforceExpiredSession):
        fresh.query("SELECT COUNT() FROM Case")

    http.post(f"{admin}/faults", json={"kind": "drop", "count": 1})
    assert http.delete(f"{admin}/faults").json()["faults"]["armed"] == []
    http.post(f"{admin}/faults", json={"kind": "latency", "ms": 50})
    assert http.get(admin).json()["faults"]["latency_ms"] == 50


def test_admin_endpoint_needs_the_token_and_valid_input(sandbox, http):
    wrong = sandbox.admin_url.rsplit("/", 1)[0] + "/not-the-token"
    assert http.get(wrong).status_code == 404
    assert http.post(f"{sandbox.admin_url}/faults", json={"kind": "explode"}).status_code == 400
    assert http.post(f"{sandbox.admin_url}/clock", json={}).status_code == 400
    assert http.post(f"{sandbox.admin_url}/clock", data="nope").json()[0]["errorCode"] == "JSON_PARSER_ERROR"


def test_truncating_an_empty_response_drops_it_after_applying(sandbox, sf):
    record_id = sf.Account.create({"Name": "Before"})["id"]
    sandbox.faults.truncate_next(path_prefix="sobjects/Account")
    with pytest.raises(requests.exceptions.ConnectionError):
        sf.Account.update(record_id, {"Name": "After"})
    assert sf.Account.get(record_id)["Name"] == "After"
