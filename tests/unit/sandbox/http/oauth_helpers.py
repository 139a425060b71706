"""Helpers for driving the sandbox's OAuth endpoints as a browser and a client app would."""

from __future__ import annotations

import base64
import hashlib
import secrets
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

REDIRECT_URI = "http://localhost:53682/oauth/callback"


@pytest.fixture(autouse=True)
def registered_callback(sandbox):
    """The connected app lists this test's callback URL (as an admin would in Setup)."""
    sandbox.apps.add_callback_url(REDIRECT_URI)


class FormReader(HTMLParser):
    """Collects the approve page's form action and input values, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.fields: dict[str, str] = {}
        self.error_text = ""
        self._in_error = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.action = attributes.get("action")
        elif tag == "input" and attributes.get("name"):
            self.fields[attributes["name"]] = attributes.get("value") or ""
        elif attributes.get("class") == "error":
            self._in_error = True

    def handle_endtag(self, tag):
        self._in_error = False

    def handle_data(self, data):
        if self._in_error:
            self.error_text += data


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorize_params(sandbox, challenge, state="st-123", **overrides):
    params = {"response_type": "code", "client_id": sandbox.client_id, "redirect_uri": REDIRECT_URI,
              "code_challenge": challenge, "code_challenge_method": "S256", "state": state,
              "scope": "api id refresh_token"}
    params.update(overrides)
    return {k: v for k, v in params.items() if v is not None}


def open_approve_page(sandbox, http, params) -> FormReader:
    page = http.get(f"{sandbox.login_url}/services/oauth2/authorize", params=params)
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    form = FormReader()
    form.feed(page.text)
    return form


def submit(sandbox, http, form: FormReader, password: str, decision="allow"):
    data = {**form.fields, "username": sandbox.username, "password": password, "decision": decision}
    return http.post(f"{sandbox.login_url}{form.action}", data=data, allow_redirects=False)


def authorize(sandbox, http, challenge, state="st-123", **overrides) -> dict:
    form = open_approve_page(sandbox, http, authorize_params(sandbox, challenge, state, **overrides))
    response = submit(sandbox, http, form, sandbox.password)
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == overrides.get(
        "redirect_uri", REDIRECT_URI)
    return {k: v[0] for k, v in parse_qs(location.query).items()}


def exchange(sandbox, http, code, verifier, redirect_uri=REDIRECT_URI, **extra):
    return http.post(f"{sandbox.login_url}/services/oauth2/token", data={
        "grant_type": "authorization_code", "code": code, "client_id": sandbox.client_id,
        "redirect_uri": redirect_uri, "code_verifier": verifier, **extra})


def refresh(sandbox, http, refresh_token, **extra):
    return http.post(f"{sandbox.login_url}/services/oauth2/token", data={
        "grant_type": "refresh_token", "refresh_token": refresh_token,
        "client_id": sandbox.client_id, **extra})
