"""Browser sign-in: OAuth 2.0 authorization code + PKCE (S256) through the system browser, with
the redirect to Stint's registered loopback callback URL (loopback.py).

Salesforce Help, "OAuth 2.0 Web Server Flow for Web App Integration". The token endpoint's
answers are read in token_endpoint.py.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

import requests

from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.platform.browser import BrowserUnavailable, open_url
from desktop.salesforce.errors import AuthorizationFailed, InvalidConsumerKey
from desktop.salesforce.http import make_http_session
from desktop.salesforce.login_url import host_of, normalize_login_url
from desktop.salesforce.loopback import LoopbackListener
from desktop.salesforce.oauth_client import SCOPES, OAuthClient
from desktop.salesforce.pkce import new_pkce, new_state
from desktop.salesforce.session_info import SessionInfo
from desktop.salesforce.token_endpoint import fetch_username, session_from, token_answer

logger = logging.getLogger(__name__)

DEFAULT_SIGN_IN_TIMEOUT = 300.0
BrowserOpener = Callable[[str], Any]


def authorize_url(
    login_url: str,
    consumer_key: str,
    redirect_uri: str,
    challenge: str,
    state: str,
    scope: str = SCOPES,
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
    client: OAuthClient,
    callback_url: str,
    *,
    ca_file: str | None = None,
    open_browser: BrowserOpener | None = None,
    timeout: float = DEFAULT_SIGN_IN_TIMEOUT,
    cancel: threading.Event | None = None,
    scope: str = SCOPES,
    show_url: Callable[[str], None] | None = None,
) -> SessionInfo:
    """Run the whole authorization code + PKCE flow; return the session (with refresh token).

    The redirect comes to `callback_url` (http://localhost:PORT/PATH, registered on the
    connected app). `open_browser(url)` shows the authorize page (the system browser by
    default; tests pass a function that drives the page). When no browser can be started and
    `show_url` is given, the URL is handed to it (for the user to open by hand) and the wait
    goes on; otherwise BrowserUnavailable propagates. Raises a ConnectionProblem (among them
    CallbackPortBusy, SignInTimedOut), or Cancelled.
    """
    base = normalize_login_url(login_url)
    if not client.consumer_key or not client.consumer_key.strip():
        raise InvalidConsumerKey()
    pkce = new_pkce()
    state = new_state()
    opener = open_browser or open_url
    with LoopbackListener(callback_url, state) as listener:
        url = authorize_url(base, client.consumer_key, listener.redirect_uri, pkce.challenge,
                            state, scope)
        logger.info("opening the browser for sign-in at %s", host_of(base))
        try:
            opener(url)
        except BrowserUnavailable:
            if show_url is None:
                raise
            show_url(url)
        code = listener.wait_for_code(timeout, cancel)
    with make_http_session(ca_file) as http:
        session = exchange_code(base, client, code, listener.redirect_uri, pkce.verifier, http)
        return replace(session, username=fetch_username(base, session.access_token, http))


def exchange_code(
    login_url: str,
    client: OAuthClient,
    code: str,
    redirect_uri: str,
    verifier: str,
    http: requests.Session,
) -> SessionInfo:
    body = token_answer(
        login_url,
        http,
        client,
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": verifier,
        },
        invalid_grant=AuthorizationFailed(QT_TRANSLATE_NOOP(
            "ConnectionProblem",
            "Salesforce did not accept the browser sign-in (it expired or was already used); "
            "try again.")),
    )
    return session_from(body, login_url, refresh_token=None)
