"""The org's connected app (External Client App) for Stint, as an admin sets it up in Setup.

What the OAuth endpoints check against it (Salesforce Help, "Create an External Client App" /
"Configure the External Client App OAuth Settings", and "OAuth 2.0 Web Server Flow"):

- the consumer key (`client_id`); an unknown one is `invalid_client_id`;
- the callback URLs: an authorize request's `redirect_uri` must equal one of them exactly
  (`redirect_uri_mismatch` otherwise); plain http is registered only for `localhost`
  (reports of real orgs say `127.0.0.1` is refused), anything else must be https;
- the selected OAuth scopes: a request may ask only for those (`refresh_token` and
  `offline_access` are one scope in Setup: "Perform requests at any time");
- "Require Secret for Web Server Flow" and "Require Secret for Refresh Token Flow": the token
  request must then carry the consumer secret (`invalid_client` otherwise); a secret that is
  sent is always checked;
- "Enable Device Flow".
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

# Stint's connected app (the contract documents it), with the callback Stint uses by default
# (docs/salesforce-setup.md in the app): an admin following that guide registers exactly this.
CONSUMER_KEY = "stint-desktop"
DEFAULT_CALLBACK_URL = "http://localhost:7846/oauth/callback"
DEFAULT_SCOPES = frozenset({"api", "id", "openid", "refresh_token"})
KNOWN_SCOPES = frozenset({
    "api", "id", "profile", "email", "address", "phone", "openid", "refresh_token",
    "offline_access", "full", "web", "chatter_api", "visualforce", "custom_permissions",
})
# Setup offers these as one checkbox each; asking for either name needs the box ticked.
_SCOPE_SYNONYMS = {"offline_access": "refresh_token", "profile": "id", "email": "id",
                   "address": "id", "phone": "id"}


class ConnectedAppError(ValueError):
    """A setting Setup would not save; the text says why."""


def callback_url_problem(url: str) -> str | None:
    """Why Setup would not register `url` as a callback URL, or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return f"{url!r} is not a valid URL"
    if not parts.hostname or parts.fragment:
        return f"{url!r} is not a valid callback URL"
    if parts.scheme == "https":
        return None
    if parts.scheme == "http":
        if parts.hostname == "localhost":
            return None
        return f"{url!r}: plain http callback URLs are allowed only for localhost"
    return f"{url!r}: a callback URL must use https (or http for localhost)"


def scope_names(scope: str) -> list[str]:
    return [name for name in scope.split() if name]


@dataclass(frozen=True)
class ConnectedApp:
    consumer_key: str
    consumer_secret: str = field(repr=False)
    callback_urls: tuple[str, ...]
    scopes: frozenset[str] = DEFAULT_SCOPES
    require_secret_for_web_server: bool = False
    require_secret_for_refresh: bool = False
    device_flow: bool = True

    def allows_callback(self, redirect_uri: str) -> bool:
        return redirect_uri in self.callback_urls  # exact, as Salesforce compares them

    def disallowed_scopes(self, scope: str) -> list[str]:
        """The requested scopes the app's selected OAuth scopes do not cover."""
        refused = []
        for name in scope_names(scope):
            wanted = _SCOPE_SYNONYMS.get(name, name)
            if name in self.scopes or wanted in self.scopes:
                continue
            if "full" in self.scopes and wanted != "refresh_token":  # full is all but that
                continue
            refused.append(name)
        return refused

    def secret_matches(self, supplied: str) -> bool:
        return secrets.compare_digest(supplied.encode("utf-8"), self.consumer_secret.encode("utf-8"))

    def describe(self) -> dict:
        """The settings as JSON (the admin endpoint's answer); the secret itself is included
        because Setup shows it to the admin too."""
        return {"consumer_key": self.consumer_key, "consumer_secret": self.consumer_secret,
                "callback_urls": list(self.callback_urls), "scopes": sorted(self.scopes),
                "require_secret_for_web_server": self.require_secret_for_web_server,
                "require_secret_for_refresh": self.require_secret_for_refresh,
                "device_flow": self.device_flow}


def new_app(consumer_key: str = CONSUMER_KEY,
            callback_urls: Iterable[str] = (DEFAULT_CALLBACK_URL,)) -> ConnectedApp:
    return checked(ConnectedApp(consumer_key, "S" + secrets.token_hex(32), tuple(callback_urls)))


def checked(app: ConnectedApp) -> ConnectedApp:
    """The app unchanged, or ConnectedAppError naming the first setting Setup would refuse."""
    if not app.consumer_key:
        raise ConnectedAppError("the consumer key must not be empty")
    if not app.callback_urls:
        raise ConnectedAppError("enter at least one callback URL")
    for url in app.callback_urls:
        problem = callback_url_problem(url)
        if problem:
            raise ConnectedAppError(problem)
    unknown = sorted(app.scopes - KNOWN_SCOPES)
    if unknown:
        raise ConnectedAppError(f"unknown OAuth scopes: {', '.join(unknown)}")
    if not app.scopes:
        raise ConnectedAppError("select at least one OAuth scope")
    return app


class ConnectedApps:
    """The org's connected apps by consumer key (thread-safe; settings replaced, never edited)."""

    def __init__(self, apps: Iterable[ConnectedApp] = ()) -> None:
        self._lock = threading.Lock()
        self._apps = {app.consumer_key: app for app in apps}

    def get(self, consumer_key: str) -> ConnectedApp | None:
        with self._lock:
            return self._apps.get(consumer_key)

    def configure(self, consumer_key: str = CONSUMER_KEY, **changes: object) -> ConnectedApp:
        """Change settings of an app (created with defaults when new). Unknown setting names
        raise TypeError; values Setup would refuse raise ConnectedAppError."""
        if "callback_urls" in changes:
            changes["callback_urls"] = tuple(changes["callback_urls"])  # type: ignore[arg-type]
        if "scopes" in changes:
            changes["scopes"] = frozenset(changes["scopes"])  # type: ignore[arg-type]
        return self._update(consumer_key, lambda app: replace(app, **changes))  # type: ignore[arg-type]

    def add_callback_url(self, url: str, consumer_key: str = CONSUMER_KEY) -> ConnectedApp:
        """Register one more callback URL (what an admin does for a second port)."""
        return self._update(consumer_key, lambda app: app if url in app.callback_urls
                            else replace(app, callback_urls=(*app.callback_urls, url)))

    def _update(self, consumer_key: str,
                change: Callable[[ConnectedApp], ConnectedApp]) -> ConnectedApp:
        with self._lock:
            current = self._apps.get(consumer_key) or new_app(consumer_key)
            updated = checked(change(current))
            self._apps[consumer_key] = updated
            return updated
