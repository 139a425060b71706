"""The HTTP session every Salesforce call goes through: verified TLS, no environment surprises."""

from __future__ import annotations

import certifi
import requests

import desktop

# (connect, read) seconds. Salesforce answers queries of 2,000 rows well within a minute.
DEFAULT_TIMEOUT: tuple[float, float] = (10.0, 120.0)


class _DefaultTimeoutSession(requests.Session):
    """A Session that applies a timeout to every request that does not set its own.

    simple-salesforce's login helpers call `session.post` without a timeout; without this a
    silent server would hang a sync forever.
    """

    def __init__(self, timeout: tuple[float, float]) -> None:
        super().__init__()
        self.default_timeout = timeout

    def request(self, method, url, *args, **kwargs):  # type: ignore[override]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.default_timeout
        return super().request(method, url, *args, **kwargs)


def make_http_session(
    ca_file: str | None = None, timeout: tuple[float, float] = DEFAULT_TIMEOUT
) -> requests.Session:
    """A requests.Session that verifies certificates against `ca_file` (or certifi's bundle).

    trust_env is off so REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE cannot silently replace `verify`
    and no .netrc credentials are attached. Verification is never disabled.
    """
    session = _DefaultTimeoutSession(timeout)
    session.trust_env = False
    session.verify = ca_file or certifi.where()
    session.headers["User-Agent"] = f"Stint/{desktop.__version__}"
    return session
