"""The HTTP session every Salesforce call goes through: verified TLS, no environment surprises."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import certifi
import requests

import desktop
from desktop.salesforce.errors import CaFileMissing, RequestTooLarge, TlsProblem
from desktop.salesforce.request_limits import MAX_REQUEST_BYTES

# (connect, read) seconds. Salesforce answers queries of 2,000 rows well within a minute.
DEFAULT_TIMEOUT: tuple[float, float] = (10.0, 120.0)


class _DefaultTimeoutSession(requests.Session):
    """A Session that applies a timeout to every request that does not set its own, and
    refuses to send a request over Salesforce's size limit.

    simple-salesforce's login helpers call `session.post` without a timeout; without this a
    silent server would hang a sync forever.
    """

    def __init__(self, timeout: tuple[float, float], ca_file: str | None = None) -> None:
        super().__init__()
        self.default_timeout = timeout
        self.ca_file = ca_file  # a CA file of the settings (None: certifi's bundle)

    def request(self, method, url, *args, **kwargs):  # type: ignore[override]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.default_timeout
        return super().request(method, url, *args, **kwargs)

    def send(self, request: requests.PreparedRequest, **kwargs):  # type: ignore[override]
        """Never send what Salesforce must refuse as too large: the callers chunk their
        queries, so this is a last line that turns a bug into a clear message."""
        if request_bytes(request) > MAX_REQUEST_BYTES:
            raise RequestTooLarge()
        ca_file = self.ca_file
        if ca_file and not os.path.isfile(ca_file):
            raise CaFileMissing(ca_file)  # requests would raise a bare OSError
        try:
            return super().send(request, **kwargs)
        except requests.exceptions.SSLError:
            if not ca_file:
                raise  # error_mapping makes it a TlsProblem of the host
            raise TlsProblem(urlsplit(request.url or "").netloc, ca_file) from None


def request_bytes(request: requests.PreparedRequest) -> int:
    """URI plus header lines as Salesforce counts them (the Host line included)."""
    parts = urlsplit(request.url or "")
    uri = len(parts.path or "/") + (len(parts.query) + 1 if parts.query else 0)
    headers = {"Host": parts.netloc, **request.headers}
    return uri + sum(len(str(k)) + len(str(v)) + 4 for k, v in headers.items())


def make_http_session(
    ca_file: str | None = None, timeout: tuple[float, float] = DEFAULT_TIMEOUT
) -> requests.Session:
    """A requests.Session that verifies certificates against `ca_file` (or certifi's bundle).

    trust_env is off so REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE cannot silently replace `verify`
    and no .netrc credentials are attached. Verification is never disabled.
    """
    session = _DefaultTimeoutSession(timeout, ca_file)
    session.trust_env = False
    session.verify = ca_file or certifi.where()
    session.headers["User-Agent"] = f"Stint/{desktop.__version__}"
    return session
