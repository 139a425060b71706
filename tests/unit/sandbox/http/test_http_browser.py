"""The scripted browser that stands in for the user on the approve page."""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest


@pytest.fixture
def loopback(sandbox):
    """A one-shot loopback listener like the desktop app's, its callback URL registered on the
    connected app; yields (redirect_uri, received)."""
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            received.append({k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()})
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    redirect_uri = f"http://localhost:{server.server_address[1]}/callback"
    sandbox.apps.add_callback_url(redirect_uri)
    try:
        yield redirect_uri, received
    finally:
        server.shutdown()
        server.server_close()


def authorize_url(sandbox, redirect_uri, challenge, state):
    query = urlencode({"response_type": "code", "client_id": sandbox.client_id,
                       "redirect_uri": redirect_uri, "code_challenge": challenge,
                       "code_challenge_method": "S256", "state": state})
    return f"{sandbox.login_url}/services/oauth2/authorize?{query}"


def test_browser_approves_and_the_listener_receives_a_working_code(sandbox, loopback, http):
    redirect_uri, received = loopback
    verifier = secrets.token_urlsafe(40)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert sandbox.browser()(authorize_url(sandbox, redirect_uri, challenge, "s-9")) is True
    [redirect] = received
    assert redirect["state"] == "s-9"
    token = http.post(f"{sandbox.login_url}/services/oauth2/token", data={
        "grant_type": "authorization_code", "code": redirect["code"], "client_id": sandbox.client_id,
        "redirect_uri": redirect_uri, "code_verifier": verifier})
    assert token.status_code == 200


def test_browser_can_deny(sandbox, loopback):
    redirect_uri, received = loopback
    browser = sandbox.browser()
    browser.allow = False
    browser(authorize_url(sandbox, redirect_uri, "c" * 43, "s-1"))
    assert received == [{"error": "access_denied", "error_description": "end-user denied authorization",
                         "state": "s-1"}]


def test_wrong_password_never_reaches_the_listener(sandbox, loopback):
    redirect_uri, received = loopback
    browser = sandbox.browser(password="wrong")
    browser(authorize_url(sandbox, redirect_uri, "c" * 43, "s-1"))
    assert browser.last_redirect is None and received == []


def test_errors_redirected_without_a_page_reach_the_listener(sandbox, loopback):
    redirect_uri, received = loopback
    url = authorize_url(sandbox, redirect_uri, "", "s-3")  # no code_challenge
    sandbox.browser()(url)
    assert received[0]["error"] == "invalid_request" and received[0]["state"] == "s-3"
