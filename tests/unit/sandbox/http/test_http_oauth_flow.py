"""OAuth 2.0 authorization code + PKCE through the approve page, refresh and revoke."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from simple_salesforce import Salesforce
from simple_salesforce.exceptions import SalesforceExpiredSession

from tests.unit.sandbox.http.oauth_helpers import (
    FormReader,
    authorize,
    authorize_params,
    exchange,
    open_approve_page,
    pkce_pair,
    refresh,
    registered_callback,  # noqa: F401 (an autouse fixture)
    submit,
)


def test_code_flow_with_pkce_then_refresh_then_revoke(sandbox, http):
    verifier, challenge = pkce_pair()
    redirect = authorize(sandbox, http, challenge, state="state with spaces & symbols")
    assert redirect["state"] == "state with spaces & symbols"

    tokens = exchange(sandbox, http, redirect["code"], verifier)
    assert tokens.status_code == 200, tokens.text
    body = tokens.json()
    assert body["token_type"] == "Bearer"
    assert body["instance_url"] == sandbox.instance_url
    assert body["id"] == f"{sandbox.instance_url}/id/{sandbox.org.org_id}/{sandbox.org.api_user.id}"
    assert set(body) >= {"access_token", "refresh_token", "signature", "scope", "issued_at"}

    sf = Salesforce(session_id=body["access_token"], instance_url=body["instance_url"],
                    session=sandbox.http_session())
    assert sf.query("SELECT COUNT() FROM Opportunity")["totalSize"] > 0
    assert sf.oauth2("userinfo")["preferred_username"] == sandbox.username

    renewed = refresh(sandbox, http, body["refresh_token"])
    assert renewed.status_code == 200
    assert "refresh_token" not in renewed.json()
    fresh = Salesforce(session_id=renewed.json()["access_token"], instance_url=sandbox.instance_url,
                       session=sandbox.http_session())
    assert fresh.query("SELECT COUNT() FROM Case")["totalSize"] > 0

    revoked = http.post(f"{sandbox.login_url}/services/oauth2/revoke", data={"token": body["refresh_token"]})
    assert revoked.status_code == 200
    with pytest.raises(SalesforceExpiredSession):
        fresh.query("SELECT COUNT() FROM Case")
    with pytest.raises(SalesforceExpiredSession):
        sf.query("SELECT COUNT() FROM Case")
    again = refresh(sandbox, http, body["refresh_token"])
    assert again.status_code == 400
    assert again.json() == {"error": "invalid_grant", "error_description": "expired access/refresh token"}


def test_revoking_an_access_token_keeps_the_refresh_token(sandbox, http):
    verifier, challenge = pkce_pair()
    body = exchange(sandbox, http, authorize(sandbox, http, challenge)["code"], verifier).json()
    assert http.post(f"{sandbox.login_url}/services/oauth2/revoke",
                     data={"token": body["access_token"]}).status_code == 200
    assert refresh(sandbox, http, body["refresh_token"]).status_code == 200


def test_codes_are_single_use_and_need_the_right_verifier_and_redirect(sandbox, http):
    verifier, challenge = pkce_pair()
    code = authorize(sandbox, http, challenge)["code"]
    wrong = exchange(sandbox, http, code, pkce_pair()[0])
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    # the failed attempt used the code up
    assert exchange(sandbox, http, code, verifier).json()["error"] == "invalid_grant"

    code = authorize(sandbox, http, challenge)["code"]
    mismatch = exchange(sandbox, http, code, verifier, redirect_uri="http://localhost:1/other")
    assert mismatch.json()["error"] == "redirect_uri_mismatch"

    code = authorize(sandbox, http, challenge)["code"]
    assert exchange(sandbox, http, code, verifier).status_code == 200
    assert exchange(sandbox, http, code, verifier).json()["error"] == "invalid_grant"


def test_codes_expire_on_the_org_clock(sandbox, http):
    verifier, challenge = pkce_pair()
    code = authorize(sandbox, http, challenge)["code"]
    sandbox.clock.advance(16 * 60)
    assert exchange(sandbox, http, code, verifier).json()["error"] == "invalid_grant"


def test_denying_redirects_with_access_denied_and_state(sandbox, http):
    _, challenge = pkce_pair()
    form = open_approve_page(sandbox, http, authorize_params(sandbox, challenge, "s-1"))
    response = submit(sandbox, http, form, sandbox.password, decision="deny")
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["error"] == ["access_denied"] and query["state"] == ["s-1"]
    assert "code" not in query


def test_wrong_password_shows_the_page_again_with_an_error(sandbox, http):
    _, challenge = pkce_pair()
    form = open_approve_page(sandbox, http, authorize_params(sandbox, challenge))
    response = submit(sandbox, http, form, "not-the-password")
    assert response.status_code == 200
    again = FormReader()
    again.feed(response.text)
    assert "check your username and password" in again.error_text
    assert again.fields["code_challenge"] == challenge


def test_everything_echoed_into_the_page_is_escaped(sandbox, http):
    _, challenge = pkce_pair()
    hostile = '"><script>alert(1)</script>'
    page = http.get(f"{sandbox.login_url}/services/oauth2/authorize",
                    params=authorize_params(sandbox, challenge, state=hostile))
    assert "<script>alert(1)" not in page.text
    form = FormReader()
    form.feed(page.text)
    assert form.fields["state"] == hostile


@pytest.mark.parametrize("overrides, error", [
    ({"code_challenge": None}, "invalid_request"),
    ({"code_challenge_method": "plain"}, "invalid_request"),
    ({"response_type": "token"}, "unsupported_response_type"),
])
def test_bad_authorize_requests_redirect_with_an_error(sandbox, http, overrides, error):
    _, challenge = pkce_pair()
    response = http.get(f"{sandbox.login_url}/services/oauth2/authorize",
                        params=authorize_params(sandbox, challenge, "s-2", **overrides),
                        allow_redirects=False)
    assert response.status_code == 302
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    assert query["error"] == [error] and query["state"] == ["s-2"]


@pytest.mark.parametrize("overrides", [
    {"client_id": "someone-else"},
    {"redirect_uri": "https://evil.example.com/cb"},
])
def test_unknown_client_or_foreign_redirect_is_not_redirected(sandbox, http, overrides):
    _, challenge = pkce_pair()
    response = http.get(f"{sandbox.login_url}/services/oauth2/authorize",
                        params=authorize_params(sandbox, challenge, **overrides), allow_redirects=False)
    assert response.status_code == 400
    assert "Location" not in response.headers


def test_password_grant_is_blocked_by_default_as_in_orgs_since_summer_23(sandbox, http):
    """Release note "Username-Password Flow Blocked by Default in New Orgs" (Summer '23) and
    "OAuth 2.0 Username-Password Flow for Special Scenarios": with "Allow OAuth
    Username-Password Flows" off, even the right password and token get invalid_grant."""
    url = f"{sandbox.login_url}/services/oauth2/token"
    refused = http.post(url, data={"grant_type": "password", "client_id": sandbox.client_id,
                                   "username": sandbox.username,
                                   "password": sandbox.password + sandbox.security_token})
    assert refused.status_code == 400
    assert refused.json() == {"error": "invalid_grant", "error_description": "authentication failure"}
    switch = http.post(f"{sandbox.admin_url}/oauth-settings",
                       json={"allow_username_password_flows": True})
    assert switch.status_code == 200
    allowed = http.post(url, data={"grant_type": "password", "client_id": sandbox.client_id,
                                   "username": sandbox.username,
                                   "password": sandbox.password + sandbox.security_token})
    assert allowed.status_code == 200 and "access_token" in allowed.json()


def test_password_grant_and_its_failure(sandbox, http):
    sandbox.allow_oauth_password_flow()  # the admin switch (see the test above)
    url = f"{sandbox.login_url}/services/oauth2/token"
    good = http.post(url, data={"grant_type": "password", "client_id": sandbox.client_id,
                                "username": sandbox.username,
                                "password": sandbox.password + sandbox.security_token})
    assert good.status_code == 200 and "refresh_token" not in good.json()
    bad = http.post(url, data={"grant_type": "password", "client_id": sandbox.client_id,
                               "username": sandbox.username, "password": sandbox.password})
    assert bad.status_code == 400
    assert bad.json() == {"error": "invalid_grant", "error_description": "authentication failure"}


def test_unsupported_grant_and_unknown_client(sandbox, http):
    url = f"{sandbox.login_url}/services/oauth2/token"
    assert http.post(url, data={"grant_type": "magic", "client_id": sandbox.client_id}
                     ).json()["error"] == "unsupported_grant_type"
    assert http.post(url, data={"grant_type": "password", "client_id": "nope"}
                     ).json()["error"] == "invalid_client_id"


def test_revoking_an_unknown_token_is_an_error(sandbox, http):
    response = http.post(f"{sandbox.login_url}/services/oauth2/revoke", data={"token": "nope"})
    assert response.status_code == 400


def test_codes_and_tokens_never_reach_the_log(sandbox, http, caplog):
    caplog.set_level("DEBUG")
    verifier, challenge = pkce_pair()
    code = authorize(sandbox, http, challenge)["code"]
    body = exchange(sandbox, http, code, verifier).json()
    http.get(f"{sandbox.login_url}/services/oauth2/revoke", params={"token": body["refresh_token"]})
    # the server's own log (the client's urllib3 logs its URLs, which is not our business)
    server_log = "\n".join(record.getMessage() for record in caplog.records
                           if record.name.startswith(("desktop.sandbox", "werkzeug")))
    assert "/services/oauth2/revoke" in server_log  # requests are logged...
    for secret in (code, verifier, body["access_token"], body["refresh_token"], sandbox.password):
        assert secret not in server_log  # ...without what they carry
