"""OAuth 2.0 authorization code + PKCE (S256) through the system browser, refresh and revoke.

The token endpoint calls are made with requests (simple-salesforce has no refresh grant).
Codes, verifiers and tokens travel only in POST bodies, never in URLs we build or in logs.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests

from desktop.platform.browser import BrowserUnavailable, open_url
from desktop.salesforce.error_mapping import translate
from desktop.salesforce.errors import (
    AuthorizationFailed,
    ConnectionProblem,
    InvalidConsumerKey,
    InvalidLoginUrl,
    MalformedResponse,
    RefreshTokenRevoked,
    ServerError,
    WrongCredentials,
)
from desktop.salesforce.http import make_http_session
from desktop.salesforce.login_url import host_of, normalize_login_url
from desktop.salesforce.loopback import LoopbackListener
from desktop.salesforce.session_info import SessionInfo

logger = logging.getLogger(__name__)

DEFAULT_SCOPE = "api refresh_token"
DEFAULT_SIGN_IN_TIMEOUT = 300.0
BrowserOpener = Callable[[str], Any]


@dataclass(frozen=True)
class Pkce:
    """A PKCE verifier (kept secret, sent at code exchange) and its S256 challenge."""

    verifier: str = field(repr=False)
    challenge: str


def pkce_challenge(verifier: str) -> str:
    """BASE64URL(SHA256(ASCII(verifier))) without padding (RFC 7636, section 4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def new_pkce() -> Pkce:
    # 64 random bytes -> 86 characters from the unreserved set, within RFC 7636's 43..128.
    verifier = secrets.token_urlsafe(64)
    return Pkce(verifier=verifier, challenge=pkce_challenge(verifier))


def new_state() -> str:
    return secrets.token_urlsafe(32)


def authorize_url(
    login_url: str,
    consumer_key: str,
    redirect_uri: str,
    challenge: str,
    state: str,
    scope: str = DEFAULT_SCOPE,
) -> str:
    """The URL the browser opens; it carries no secret (only the challenge and state)."""
    base = normalize_login_url(login_url)
    query = urlencode(
        {
            "response_type": "code",
            "client_id": consumer_key,
            "redirect_uri": redirect_uri,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            "state": state,
            "scope": scope,
        }
    )
    return f"{base}/services/oauth2/authorize?{query}"


def sign_in_with_browser(
    login_url: str,
    consumer_key: str,
    *,
    ca_file: str | None = None,
    open_browser: BrowserOpener | None = None,
    timeout: float = DEFAULT_SIGN_IN_TIMEOUT,
    cancel: threading.Event | None = None,
    scope: str = DEFAULT_SCOPE,
    show_url: Callable[[str], None] | None = None,
) -> SessionInfo:
    """Run the whole authorization code + PKCE flow; return the session (with refresh token).

    `open_browser(url)` shows the authorize page (the system browser by default; tests pass
    a function that drives the page). When no browser can be started and `show_url` is
    given, the URL is handed to it (for the user to open by hand) and the wait goes on;
    otherwise BrowserUnavailable propagates. Raises a ConnectionProblem, or Cancelled.
    """
    base = normalize_login_url(login_url)
    if not consumer_key or not consumer_key.strip():
        raise InvalidConsumerKey()
    pkce = new_pkce()
    state = new_state()
    opener = open_browser or open_url
    with LoopbackListener(state) as listener:
        url = authorize_url(base, consumer_key, listener.redirect_uri, pkce.challenge, state, scope)
        logger.info("opening the browser for sign-in at %s", host_of(base))
        try:
            opener(url)
        except BrowserUnavailable:
            if show_url is None:
                raise
            show_url(url)
        code = listener.wait_for_code(timeout, cancel)
    with make_http_session(ca_file) as http:
        session = exchange_code(
            base, consumer_key, code, listener.redirect_uri, pkce.verifier, http
        )
        return replace(session, username=fetch_username(base, session.access_token, http))


def exchange_code(
    login_url: str,
    consumer_key: str,
    code: str,
    redirect_uri: str,
    verifier: str,
    http: requests.Session,
) -> SessionInfo:
    body = _token_request(
        login_url,
        http,
        {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": consumer_key,
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
        },
        invalid_grant=AuthorizationFailed(
            "Salesforce did not accept the browser sign-in (it expired or was already used); "
            "try again."
        ),
    )
    return _session_from(body, login_url, refresh_token=None)


def fetch_username(login_url: str, access_token: str, http: requests.Session) -> str | None:
    """The signed-in user's username (`preferred_username`) from the OpenID Connect UserInfo
    endpoint of the login host, or None when it cannot be read.

    The token response only names the user by id; the username is what Stint shows ("Connected
    as ...") and keeps as a setting. Not knowing it does not undo a good sign-in: an org whose
    connected app refuses the identity service still connects, and is shown by user id.
    """
    base = normalize_login_url(login_url)
    host = host_of(base)
    try:
        response = http.get(
            f"{base}/services/oauth2/userinfo",
            headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"},
        )
    except Exception as exc:
        logger.warning("could not ask %s who signed in: %s", host, translate(exc, host))
        return None
    body = _json_or_none(response)
    username = body.get("preferred_username") if isinstance(body, dict) else None
    if response.status_code != 200 or not isinstance(username, str) or not username.strip():
        logger.warning(
            "%s did not say who signed in (UserInfo answered %s)", host, response.status_code
        )
        return None
    return username.strip()


def refresh_session(
    login_url: str, consumer_key: str, refresh_token: str, http: requests.Session
) -> SessionInfo:
    """A new access token from the refresh token; invalid_grant -> RefreshTokenRevoked."""
    body = _token_request(
        login_url,
        http,
        {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": consumer_key},
        invalid_grant=RefreshTokenRevoked(),
    )
    # Salesforce keeps the refresh token unless rotation is on; then it sends a new one.
    return _session_from(body, login_url, refresh_token=refresh_token)


def revoke_token(login_url: str, token: str, http: requests.Session) -> None:
    """Revoke a refresh (or access) token. A token that is already invalid counts as done."""
    base = normalize_login_url(login_url)
    host = host_of(base)
    try:
        response = http.post(f"{base}/services/oauth2/revoke", data={"token": token})
    except Exception as exc:
        raise translate(exc, host) from None
    if response.status_code == 200:
        logger.info("revoked Stint's token at %s", host)
        return
    error = _json_or_none(response)
    already_invalid = {"invalid_token", "unsupported_token_type"}
    if (
        response.status_code == 400
        and isinstance(error, dict)
        and error.get("error") in already_invalid
    ):
        logger.info("token at %s was already invalid", host)
        return
    if response.status_code >= 500:
        raise ServerError(host, response.status_code)
    raise MalformedResponse(host)


def _token_request(
    login_url: str,
    http: requests.Session,
    form: dict[str, str],
    *,
    invalid_grant: ConnectionProblem,
) -> dict[str, Any]:
    base = normalize_login_url(login_url)
    host = host_of(base)
    try:
        response = http.post(
            f"{base}/services/oauth2/token", data=form, headers={"Accept": "application/json"}
        )
    except Exception as exc:
        raise translate(exc, host) from None
    body = _json_or_none(response)
    if response.status_code == 200 and isinstance(body, dict):
        return body
    if response.status_code >= 500:
        raise ServerError(host, response.status_code)
    if not isinstance(body, dict) or "error" not in body:
        raise MalformedResponse(host)
    error = str(body["error"])
    logger.info("token request to %s refused: %s", host, error)
    if error == "invalid_grant":
        raise invalid_grant
    if error in {"invalid_client_id", "invalid_client"}:
        raise InvalidConsumerKey()
    if error in {"inactive_user", "inactive_org"}:
        raise WrongCredentials("This Salesforce user or org is inactive; ask your administrator.")
    raise AuthorizationFailed()


def _session_from(body: dict[str, Any], login_url: str, refresh_token: str | None) -> SessionInfo:
    host = host_of(normalize_login_url(login_url))
    access_token = body.get("access_token")
    identity = body.get("id")
    try:
        instance_url = normalize_login_url(str(body.get("instance_url") or ""))
    except InvalidLoginUrl:
        # Never send the token to a non-https instance, whatever the server says.
        raise MalformedResponse(host) from None
    if not isinstance(access_token, str) or not access_token or not isinstance(identity, str):
        raise MalformedResponse(host)
    # "id" is the identity URL https://login.salesforce.com/id/<org id>/<user id>.
    user_id = urlsplit(identity).path.rstrip("/").rsplit("/", 1)[-1]
    if not user_id.startswith("005"):
        raise MalformedResponse(host)
    new_refresh = body.get("refresh_token")
    return SessionInfo(
        access_token=access_token,
        instance_url=instance_url,
        user_id=user_id,
        refresh_token=new_refresh
        if isinstance(new_refresh, str) and new_refresh
        else refresh_token,
    )


def _json_or_none(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
