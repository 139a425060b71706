"""The live check runs only against a real org that STINT_LIVE_* variables name, never in CI.

    STINT_LIVE_LOGIN_URL          https://yourdomain.my.salesforce.com (or login/test.salesforce.com)
    and either (password sign-in, while Salesforce still allows it)
    STINT_LIVE_USERNAME, STINT_LIVE_PASSWORD, STINT_LIVE_SECURITY_TOKEN (may be empty)
    or (sign-in with a code: the test prints it; run pytest with -s and enter it in a browser)
    STINT_LIVE_CONSUMER_KEY, STINT_LIVE_CONSUMER_SECRET (only if the app requires one)
    STINT_LIVE_CA_FILE            optional: a private CA (a network that inspects HTTPS)

See docs/testing.md ("A live check against a real org").
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

PREFIX = "STINT_LIVE_"


@dataclass(frozen=True)
class LiveOrg:
    login_url: str
    username: str | None
    password: str | None
    security_token: str
    consumer_key: str | None
    consumer_secret: str | None
    ca_file: str | None


def live_org_or_reason(environ: dict[str, str]) -> LiveOrg | str:
    """The org the variables name, or why the live check does not run."""
    if environ.get("CI", "").lower() not in ("", "0", "false"):
        return "the live check never runs in CI (CI is set)"
    value = lambda name: environ.get(PREFIX + name) or None  # noqa: E731
    login_url = value("LOGIN_URL")
    if not login_url:
        return "no real org named: set STINT_LIVE_LOGIN_URL and a sign-in (docs/testing.md)"
    org = LiveOrg(login_url, value("USERNAME"), value("PASSWORD"),
                  environ.get(PREFIX + "SECURITY_TOKEN", ""), value("CONSUMER_KEY"),
                  value("CONSUMER_SECRET"), value("CA_FILE"))
    if not (org.username and org.password) and not org.consumer_key:
        return ("STINT_LIVE_LOGIN_URL is set but no sign-in: set STINT_LIVE_USERNAME and "
                "STINT_LIVE_PASSWORD, or STINT_LIVE_CONSUMER_KEY")
    return org


@pytest.fixture
def live_org() -> LiveOrg:
    found = live_org_or_reason(dict(os.environ))
    if isinstance(found, str):
        pytest.skip(found)
    return found
