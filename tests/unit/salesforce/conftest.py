"""Helpers for the Salesforce connection tests: a scripted "browser" for the sandbox's
approve page, fast retry policies and a check that no secret leaks into an error."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests

from desktop.platform.secrets import MemorySecretStore
from desktop.salesforce.credentials import Credentials
from desktop.salesforce.retry import RetryPolicy

# Tiny delays keep retry tests fast while still exercising the backoff path.
FAST_RETRY = RetryPolicy(max_retries=3, base_delay=0.01, max_delay=0.05)


class _FormFields(HTMLParser):
    """The name/value pairs of every <input> on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.action: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form":
            self.action = values.get("action")
        if tag == "input" and values.get("name"):
            self.fields[values["name"]] = values.get("value") or ""


class ScriptedBrowser:
    """Plays the user in the system browser: opens the authorize URL on the sandbox, fills
    in the approve form, and follows the 302 to Stint's loopback listener.

    `tamper_state` rewrites the state in the redirect (a forged answer); `decision` "deny"
    clicks Deny.
    """

    def __init__(
        self,
        sandbox,
        *,
        password: str | None = None,
        decision: str = "allow",
        tamper_state: bool = False,
    ) -> None:
        self.sandbox = sandbox
        self.password = password if password is not None else sandbox.password
        self.decision = decision
        self.tamper_state = tamper_state
        self.opened: list[str] = []
        self.loopback_status: int | None = None

    def __call__(self, url: str) -> None:
        self.opened.append(url)
        with self.sandbox.http_session() as web:
            page = web.get(url)
            page.raise_for_status()
            form = _FormFields()
            form.feed(page.text)
            fields = dict(form.fields)
            fields.update(
                username=self.sandbox.username, password=self.password, decision=self.decision
            )
            answer = web.post(
                self.sandbox.login_url + form.action, data=fields, allow_redirects=False
            )
        assert answer.status_code == 302, answer.text
        location = answer.headers["Location"]
        if self.tamper_state:
            location = _with_query_value(location, "state", "forged-state")
        with requests.Session() as loopback:
            loopback.trust_env = False
            self.loopback_status = loopback.get(location).status_code


def _with_query_value(url: str, key: str, value: str) -> str:
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query[key] = value
    return urlunsplit(parts._replace(query=urlencode(query)))


def _exception_chain(error: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _assert_no_secrets(error: BaseException, secrets: Iterable[str | None]) -> None:
    """No secret in the message, str or repr of the error or of any exception chained to it
    (what a log line or a printed traceback would show, minus the test's own source lines)."""
    texts = [getattr(error, "message", "")]
    for link in _exception_chain(error):
        texts += [str(link), repr(link), "".join(traceback.format_exception_only(link))]
    for secret in secrets:
        if not secret:
            continue
        for text in texts:
            assert secret not in text, f"a secret leaked into {type(error).__name__}"


@pytest.fixture(name="assert_no_secrets")
def assert_no_secrets_fixture() -> Callable[[BaseException, Iterable[str | None]], None]:
    return _assert_no_secrets


@pytest.fixture
def browser(sandbox) -> Callable[..., ScriptedBrowser]:
    return lambda **options: ScriptedBrowser(sandbox, **options)


@pytest.fixture
def credentials() -> Credentials:
    return Credentials(MemorySecretStore())


@pytest.fixture
def sandbox_secrets(sandbox) -> list[str]:
    return [sandbox.password, sandbox.security_token, sandbox.password + sandbox.security_token]
