"""Sessions of the sandbox org: access tokens, refresh tokens and OAuth authorization codes.

All times are on the org clock, so a test can let a session expire by advancing the clock.
Like Salesforce's session timeout, an access token expires after `lifetime` of inactivity;
every authenticated request extends it.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

DEFAULT_SESSION_LIFETIME = timedelta(hours=2)
AUTHORIZATION_CODE_LIFETIME = timedelta(minutes=15)


@dataclass
class AccessSession:
    token: str
    user_id: str
    issued_at: datetime
    last_used: datetime
    lifetime: timedelta
    refresh_token: str | None = None   # the refresh token that minted it, if any
    scope: str = "api"

    def expired(self, now: datetime) -> bool:
        return now - self.last_used >= self.lifetime


@dataclass
class RefreshGrant:
    token: str
    user_id: str
    client_id: str
    scope: str
    issued_at: datetime


@dataclass
class AuthorizationCode:
    code: str
    user_id: str
    client_id: str
    redirect_uri: str
    code_challenge: str
    scope: str
    expires_at: datetime


@dataclass
class _State:
    access: dict[str, AccessSession] = field(default_factory=dict)
    refresh: dict[str, RefreshGrant] = field(default_factory=dict)
    codes: dict[str, AuthorizationCode] = field(default_factory=dict)


class SessionStore:
    """Thread-safe store of everything that authenticates a client."""

    def __init__(self, now: Callable[[], datetime], org_id: str) -> None:
        self._now = now
        self._org_id = org_id
        self._lock = threading.Lock()
        self._state = _State()
        self._lifetime = DEFAULT_SESSION_LIFETIME

    # -- settings --------------------------------------------------------------
    @property
    def lifetime(self) -> timedelta:
        return self._lifetime

    def set_lifetime(self, seconds: float) -> None:
        """Lifetime of sessions created from now on (Salesforce: per-profile session timeout)."""
        if seconds <= 0:
            raise ValueError("session lifetime must be positive")
        with self._lock:
            self._lifetime = timedelta(seconds=seconds)

    # -- access tokens ---------------------------------------------------------
    def open_session(self, user_id: str, *, refresh_token: str | None = None,
                     scope: str = "api") -> AccessSession:
        # Salesforce session ids start with the 15-character org id and a "!".
        token = f"{self._org_id[:15]}!{secrets.token_urlsafe(72)}"
        now = self._now()
        session = AccessSession(token, user_id, now, now, self._lifetime, refresh_token, scope)
        with self._lock:
            self._state.access[token] = session
        return session

    def authenticate(self, token: str) -> AccessSession | None:
        """The live session for this token (touching it), or None if unknown, expired or revoked."""
        now = self._now()
        with self._lock:
            session = self._state.access.get(token)
            if session is None:
                return None
            if session.expired(now):
                del self._state.access[token]
                return None
            session.last_used = max(session.last_used, now)
            return session

    def expire_all_sessions(self) -> None:
        """Invalidate every access token (refresh tokens stay valid)."""
        with self._lock:
            self._state.access.clear()

    # -- refresh tokens --------------------------------------------------------
    def issue_refresh_token(self, user_id: str, client_id: str, scope: str) -> RefreshGrant:
        grant = RefreshGrant("5Aep" + secrets.token_urlsafe(64), user_id, client_id, scope, self._now())
        with self._lock:
            self._state.refresh[grant.token] = grant
        return grant

    def refresh_grant(self, token: str, client_id: str) -> RefreshGrant | None:
        with self._lock:
            grant = self._state.refresh.get(token)
        if grant is None or not secrets.compare_digest(grant.client_id, client_id):
            return None
        return grant

    def revoke(self, token: str) -> bool:
        """Revoke an access or refresh token; a refresh token takes its access tokens with it."""
        with self._lock:
            if token in self._state.access:
                del self._state.access[token]
                return True
            if token in self._state.refresh:
                del self._state.refresh[token]
                for key in [k for k, s in self._state.access.items() if s.refresh_token == token]:
                    del self._state.access[key]
                return True
            return False

    # -- authorization codes -----------------------------------------------------
    def issue_code(self, user_id: str, client_id: str, redirect_uri: str, code_challenge: str,
                   scope: str) -> str:
        code = "aPrx" + secrets.token_urlsafe(48)
        entry = AuthorizationCode(code, user_id, client_id, redirect_uri, code_challenge, scope,
                                  self._now() + AUTHORIZATION_CODE_LIFETIME)
        with self._lock:
            self._state.codes[code] = entry
        return code

    def redeem_code(self, code: str) -> AuthorizationCode | None:
        """Take a code out of the store (codes are single-use, even when redemption fails later)."""
        with self._lock:
            entry = self._state.codes.pop(code, None)
        if entry is None or self._now() >= entry.expires_at:
            return None
        return entry
