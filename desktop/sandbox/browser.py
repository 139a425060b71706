"""A scripted stand-in for the user's browser on the sandbox's OAuth pages.

Tests of a desktop OAuth flow hand `RunningSandbox.browser` to the code that would open the
system browser: it loads the authorize URL, fills in the form as a person would, presses
Allow (or Deny) and follows the redirect to the app's loopback listener. For the device flow,
`enter_device_code` plays the user typing the code shown by the app on the verification page.
"""

from __future__ import annotations

import logging
from html.parser import HTMLParser
from urllib.parse import urljoin

import requests

logger = logging.getLogger(__name__)


class _ApproveForm(HTMLParser):
    """A page's form (action and input values) and the text of its #message and #error."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.fields: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form" and self.action is None:
            self.action = attributes.get("action")
        elif tag == "input" and attributes.get("name"):
            self.fields[attributes["name"] or ""] = attributes.get("value") or ""
        elif attributes.get("id") in ("message", "error"):
            self._in = attributes["id"]

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self.texts[self._in] = self.texts.get(self._in, "") + data


class ScriptedBrowser:
    """Callable like `webbrowser.open`: `browser(url)` approves (or denies) and follows the redirect."""

    def __init__(self, session: requests.Session, username: str, password: str) -> None:
        self._session = session
        self.username = username
        self.password = password
        self.allow = True
        self.follow_redirect = True
        self.last_redirect: str | None = None

    def __call__(self, url: str) -> bool:
        self.last_redirect = self.approve(url)
        if self.follow_redirect and self.last_redirect:
            # the redirect goes to the app's plain-http loopback listener, outside the sandbox
            plain = requests.Session()
            plain.trust_env = False
            try:
                plain.get(self.last_redirect, timeout=10)
            finally:
                plain.close()
        return True

    def approve(self, url: str) -> str | None:
        """Load the approve page, submit it; the Location the sandbox redirects to (None if the
        page came back instead, e.g. after a wrong password or for an invalid client)."""
        page = self._session.get(url, allow_redirects=False, timeout=10)
        if page.is_redirect:  # an error Salesforce redirects straight back (no page shown)
            return page.headers.get("Location")
        if page.status_code != 200:
            logger.info("authorize page answered %s", page.status_code)
            return None
        form = _ApproveForm()
        form.feed(page.text)
        data = {**form.fields, "username": self.username, "password": self.password,
                "decision": "allow" if self.allow else "deny"}
        answer = self._session.post(urljoin(page.url, form.action or ""), data=data,
                                    allow_redirects=False, timeout=10)
        return answer.headers.get("Location") if answer.is_redirect else None

    def enter_device_code(self, verification_uri: str, user_code: str) -> str:
        """Open the verification page, type the code, sign in and press Allow (or Deny).

        Returns what the page says afterwards (its message, else its error)."""
        page = self._session.get(verification_uri, timeout=10)
        page.raise_for_status()
        form = _ApproveForm()
        form.feed(page.text)
        data = {**form.fields, "user_code": user_code, "username": self.username,
                "password": self.password, "decision": "allow" if self.allow else "deny"}
        answer = self._session.post(urljoin(page.url, form.action or ""), data=data, timeout=10)
        result = _ApproveForm()
        result.feed(answer.text)
        return (result.texts.get("message") or result.texts.get("error") or "").strip()
