"""The connected app's rules at the authorize, token and identity endpoints.

Each test names the Salesforce document (or the report of a real org) its rule follows.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from desktop.sandbox.connected_app import callback_url_problem
from desktop.sandbox.oauth_grants import s256_challenge
from tests.unit.sandbox.http.oauth_helpers import (
    REDIRECT_URI,
    authorize,
    authorize_params,
    exchange,
    pkce_pair,
    refresh,
    registered_callback,  # noqa: F401 (an autouse fixture)
)


def test_s256_challenge_matches_rfc7636_appendix_b():
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert s256_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


@pytest.mark.parametrize("url, allowed", [
    ("http://localhost:7846/oauth/callback", True),
    ("http://localhost:1717/OauthRedirect", True),   # the Salesforce CLI's
    ("https://app.example.com/callback", True),
    ("https://127.0.0.1:8443/callback", True),
    ("http://127.0.0.1:7846/oauth/callback", False),  # plain http only for localhost
    ("http://[::1]:7846/oauth/callback", False),
    ("http://example.com/callback", False),
    ("http://localhost:7846/cb#fragment", False),
    ("http://localhost:99999/cb", False),
    ("javascript:alert(1)", False),
])
def test_which_callback_urls_setup_registers(url, allowed):
    """Help, "Create an External Client App" (Callback URL) and reports from other tools:
    plain-http callbacks are accepted for `localhost` only, not for `127.0.0.1`."""
    assert (callback_url_problem(url) is None) is allowed


def test_admin_endpoint_refuses_an_http_callback_on_127_0_0_1(sandbox, http):
    answer = http.post(f"{sandbox.admin_url}/connected-app",
                       json={"callback_urls": ["http://127.0.0.1:7846/oauth/callback"]})
    assert answer.status_code == 400 and "only for localhost" in answer.json()[0]["message"]
    assert sandbox.connected_app.callback_urls == ("http://localhost:7846/oauth/callback",
                                                   REDIRECT_URI)


@pytest.mark.parametrize("redirect_uri", [
    REDIRECT_URI + "/",                                    # a trailing slash
    REDIRECT_URI.replace("53682", "53683"),                # another port
    REDIRECT_URI.replace("localhost", "127.0.0.1"),        # the same listener by address
    REDIRECT_URI.replace("/oauth/callback", "/OAuth/callback"),
])
def test_authorize_needs_a_registered_callback_exactly(sandbox, http, redirect_uri):
    """Help, "OAuth 2.0 Web Server Flow": redirect_uri must match a callback URL of the app;
    Salesforce shows error=redirect_uri_mismatch ("redirect_uri must match configuration",
    help article 001122778) instead of redirecting anywhere."""
    _, challenge = pkce_pair()
    page = http.get(f"{sandbox.login_url}/services/oauth2/authorize",
                    params=authorize_params(sandbox, challenge, redirect_uri=redirect_uri),
                    allow_redirects=False)
    assert page.status_code == 400 and "Location" not in page.headers
    assert "error=redirect_uri_mismatch" in page.text
    assert "redirect_uri must match configuration" in page.text


def test_a_callback_registered_through_the_admin_endpoint_is_accepted(sandbox, http):
    other = "http://localhost:40111/oauth/callback"
    answer = http.post(f"{sandbox.admin_url}/connected-app",
                       json={"callback_urls": [REDIRECT_URI, other]})
    assert answer.status_code == 200 and answer.json()["callback_urls"] == [REDIRECT_URI, other]
    verifier, challenge = pkce_pair()
    code = authorize(sandbox, http, challenge, redirect_uri=other)["code"]
    assert exchange(sandbox, http, code, verifier, redirect_uri=other).status_code == 200


def test_a_scope_the_app_does_not_allow_is_refused(sandbox, http):
    """Help, "OAuth Tokens and Scopes": the app's selected OAuth scopes bound what it may ask
    for (the sandbox refuses the request rather than silently granting less)."""
    sandbox.apps.configure(scopes=["api", "refresh_token"])
    _, challenge = pkce_pair()
    answer = http.get(f"{sandbox.login_url}/services/oauth2/authorize",
                      params=authorize_params(sandbox, challenge, "s-7", scope="api id"),
                      allow_redirects=False)
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert query["error"] == ["invalid_scope"] and query["state"] == ["s-7"]


def test_a_refresh_token_only_for_the_refresh_token_scope(sandbox, http):
    """Help, "OAuth Tokens and Scopes": refresh_token (offline_access) "allows a refresh token
    to be returned"; without it there is none."""
    verifier, challenge = pkce_pair()
    code = authorize(sandbox, http, challenge, scope="api id")["code"]
    body = exchange(sandbox, http, code, verifier).json()
    assert "access_token" in body and "refresh_token" not in body


@pytest.mark.parametrize("secret", [None, "not-the-secret"])
def test_code_exchange_needs_the_secret_when_the_app_requires_it(sandbox, http, secret):
    """Help, "OAuth 2.0 Web Server Flow": client_secret is required in the token request
    unless "Require Secret for Web Server Flow" is off; Salesforce answers invalid_client
    ("invalid client credentials")."""
    sandbox.apps.configure(require_secret_for_web_server=True)
    verifier, challenge = pkce_pair()
    code = authorize(sandbox, http, challenge)["code"]
    extra = {} if secret is None else {"client_secret": secret}
    refused = exchange(sandbox, http, code, verifier, **extra)
    assert refused.status_code == 400
    assert refused.json() == {"error": "invalid_client", "error_description": "invalid client credentials"}


def test_code_exchange_with_the_required_secret(sandbox, http):
    sandbox.apps.configure(require_secret_for_web_server=True)
    verifier, challenge = pkce_pair()
    code = authorize(sandbox, http, challenge)["code"]
    answer = exchange(sandbox, http, code, verifier, client_secret=sandbox.client_secret)
    assert answer.status_code == 200 and answer.json()["refresh_token"]


def test_a_wrong_secret_is_refused_even_when_none_is_required(sandbox, http):
    verifier, challenge = pkce_pair()
    code = authorize(sandbox, http, challenge)["code"]
    refused = exchange(sandbox, http, code, verifier, client_secret="guess")
    assert refused.json()["error"] == "invalid_client"


def test_refresh_needs_the_secret_when_the_app_requires_it(sandbox, http):
    """Help, "OAuth 2.0 Refresh Token Flow": client_secret is required unless "Require Secret
    for Refresh Token Flow" is off."""
    verifier, challenge = pkce_pair()
    tokens = exchange(sandbox, http, authorize(sandbox, http, challenge)["code"], verifier).json()
    sandbox.apps.configure(require_secret_for_refresh=True)
    refused = refresh(sandbox, http, tokens["refresh_token"])
    assert refused.json() == {"error": "invalid_client", "error_description": "invalid client credentials"}
    renewed = refresh(sandbox, http, tokens["refresh_token"], client_secret=sandbox.client_secret)
    assert renewed.status_code == 200 and renewed.json()["access_token"]


def test_an_unknown_consumer_key_is_invalid_client_id(sandbox, http):
    """Help, "OAuth 2.0 Authorization Errors": invalid_client_id, "client identifier invalid"."""
    answer = http.post(f"{sandbox.login_url}/services/oauth2/token",
                       data={"grant_type": "refresh_token", "refresh_token": "x",
                             "client_id": "3MVG9-unknown"})
    assert answer.json() == {"error": "invalid_client_id", "error_description": "client identifier invalid"}


def _token(sandbox, http, scope: str) -> str:
    verifier, challenge = pkce_pair()
    code = authorize(sandbox, http, challenge, scope=scope)["code"]
    return exchange(sandbox, http, code, verifier).json()["access_token"]


@pytest.mark.parametrize("scope, status", [
    ("api refresh_token", 403),
    ("api id refresh_token", 200),
    ("api openid", 200),
])
def test_identity_needs_the_id_or_openid_scope(sandbox, http, scope, status):
    """Help, "Identity URLs" and "UserInfo Endpoint": the identity service is for tokens of an
    app authorized with the id (or openid) scope; others get 403 Forbidden."""
    token = _token(sandbox, http, scope)
    headers = {"Authorization": f"Bearer {token}"}
    userinfo = http.get(f"{sandbox.login_url}/services/oauth2/userinfo", headers=headers)
    assert userinfo.status_code == status
    identity = f"{sandbox.login_url}/id/{sandbox.org.org_id}/{sandbox.org.api_user.id}"
    assert http.get(identity, headers=headers).status_code == status
    if status == 200:
        assert userinfo.json()["preferred_username"] == sandbox.username
