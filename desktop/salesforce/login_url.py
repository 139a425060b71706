"""Validation of the login URL a user or an admin policy gives (https only)."""

from __future__ import annotations

from urllib.parse import urlsplit

from desktop.salesforce.errors import InsecureLoginUrl, InvalidLoginUrl


def normalize_login_url(url: str) -> str:
    """Return "https://host[:port]" for any https login URL, or raise.

    Accepts https://login.salesforce.com, https://test.salesforce.com, a My Domain URL
    (https://acme.my.salesforce.com) or a local sandbox (https://127.0.0.1:PORT); a trailing
    slash or path is dropped. http:// raises InsecureLoginUrl; anything else unusable
    raises InvalidLoginUrl.
    """
    text = (url or "").strip()
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError for a non-numeric or out-of-range port
    except ValueError as exc:
        raise InvalidLoginUrl() from exc
    scheme = parts.scheme.lower()
    if scheme == "http":
        raise InsecureLoginUrl()
    if scheme != "https" or not parts.hostname or parts.username or parts.password:
        raise InvalidLoginUrl()
    if parts.query or parts.fragment:
        raise InvalidLoginUrl()
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    return f"https://{host}" + (f":{port}" if port not in (None, 443) else "")


def host_of(url: str) -> str:
    """host[:port] of a URL, for messages (never includes paths or query strings)."""
    parts = urlsplit(url)
    host = parts.hostname or url
    try:
        port = parts.port
    except ValueError:
        port = None
    return host + (f":{port}" if port not in (None, 443) else "")
