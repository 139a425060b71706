"""The device flow: Salesforce Help, "OAuth 2.0 Device Flow for IoT Integration"; where that
page names no error, RFC 8628 section 3.5 (slow_down, access_denied, expired_token)."""

from __future__ import annotations

import time

import pytest
from simple_salesforce import Salesforce

TOKEN_PATH = "/services/oauth2/token"


@pytest.fixture
def fast_polling(sandbox):
    """Device codes issued from now ask for a short polling interval (tests do not wait 5 s)."""
    sandbox.devices.interval_seconds = 0.2


def start(sandbox, http, scope="api id refresh_token", client_id=None):
    return http.post(f"{sandbox.login_url}{TOKEN_PATH}", data={
        "response_type": "device_code", "client_id": client_id or sandbox.client_id,
        "scope": scope})


def poll(sandbox, http, device_code):
    return http.post(f"{sandbox.login_url}{TOKEN_PATH}", data={
        "grant_type": "device", "client_id": sandbox.client_id, "code": device_code})


def test_the_device_gets_a_code_a_verification_url_and_an_interval(sandbox, http):
    answer = start(sandbox, http)
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"device_code", "user_code", "verification_uri", "interval"}
    assert body["verification_uri"] == f"{sandbox.login_url}/setup/connect"
    assert body["interval"] == 5  # Salesforce's documented minimum polling interval
    assert len(body["user_code"]) == 8 and body["user_code"].isalnum()


def test_polling_before_approval_is_pending_then_the_user_allows(sandbox, http, fast_polling):
    body = start(sandbox, http).json()
    pending = poll(sandbox, http, body["device_code"])
    assert pending.status_code == 400 and pending.json()["error"] == "authorization_pending"

    message = sandbox.browser().enter_device_code(body["verification_uri"], body["user_code"])
    assert "connected" in message
    time.sleep(0.25)  # the interval this test's codes ask for
    tokens = poll(sandbox, http, body["device_code"])
    assert tokens.status_code == 200, tokens.text
    granted = tokens.json()
    assert granted["refresh_token"] and granted["instance_url"] == sandbox.instance_url
    sf = Salesforce(session_id=granted["access_token"], instance_url=granted["instance_url"],
                    session=sandbox.http_session())
    assert sf.query("SELECT COUNT() FROM Opportunity")["totalSize"] > 0
    # the device code is spent
    assert poll(sandbox, http, body["device_code"]).json()["error"] == "invalid_grant"


def test_polling_faster_than_the_interval_is_told_to_slow_down(sandbox, http, fast_polling):
    """RFC 8628 3.5: slow_down, and the interval grows by 5 seconds."""
    body = start(sandbox, http).json()
    assert poll(sandbox, http, body["device_code"]).json()["error"] == "authorization_pending"
    too_soon = poll(sandbox, http, body["device_code"])
    assert too_soon.status_code == 400 and too_soon.json()["error"] == "slow_down"
    [entry] = [e for e in sandbox.devices.pending() if e.device_code == body["device_code"]]
    assert entry.interval == pytest.approx(5.2)


def test_denying_on_the_verification_page(sandbox, http, fast_polling):
    body = start(sandbox, http).json()
    browser = sandbox.browser()
    browser.allow = False
    assert "denied" in browser.enter_device_code(body["verification_uri"], body["user_code"])
    assert poll(sandbox, http, body["device_code"]).json()["error"] == "access_denied"


def test_codes_expire_after_ten_minutes_on_the_org_clock(sandbox, http):
    body = start(sandbox, http).json()
    sandbox.clock.advance(10 * 60 + 1)
    assert "not valid" in sandbox.browser().enter_device_code(body["verification_uri"],
                                                               body["user_code"])
    assert poll(sandbox, http, body["device_code"]).json()["error"] == "expired_token"


def test_a_wrong_code_or_password_shows_the_page_again(sandbox, http):
    body = start(sandbox, http).json()
    assert "not valid" in sandbox.browser().enter_device_code(body["verification_uri"], "WRONG123")
    wrong_password = sandbox.browser(password="nope")
    assert "check your username and password" in wrong_password.enter_device_code(
        body["verification_uri"], body["user_code"])
    assert [e.user_code for e in sandbox.devices.pending()] == [body["user_code"]]


def test_an_app_without_the_device_flow_is_refused(sandbox, http):
    """An app whose admin left "Enable Device Flow" off (RFC 6749 5.2 unauthorized_client)."""
    sandbox.apps.configure(device_flow=False)
    refused = start(sandbox, http)
    assert refused.status_code == 400 and refused.json()["error"] == "unauthorized_client"


def test_an_unknown_consumer_key_or_a_scope_the_app_lacks(sandbox, http):
    assert start(sandbox, http, client_id="nope").json()["error"] == "invalid_client_id"
    assert start(sandbox, http, scope="api full").json()["error"] == "invalid_scope"


def test_the_admin_endpoint_lists_pending_codes_and_sets_the_interval(sandbox, http):
    configured = http.post(f"{sandbox.admin_url}/device-flow", json={"interval_seconds": 1})
    assert configured.json()["interval_seconds"] == 1
    body = start(sandbox, http).json()
    assert body["interval"] == 1
    listed = http.get(f"{sandbox.admin_url}/device-flow").json()
    assert listed["pending"] == [{"user_code": body["user_code"],
                                  "verification_uri": body["verification_uri"]}]
