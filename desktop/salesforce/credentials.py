"""Which secrets Stint keeps per profile, and how an expired session is renewed from them.

Kept in the profile's SecretStore (the OS keyring, or memory for this run when the keyring
is unusable): the password and security token for password sign-in, the refresh token for
browser or device sign-in, and the connected app's consumer secret when the user entered one.
The access token lives in memory, with one exception: the app runs each sync and push in a
process of its own (desktop.engine.sync_process), and those processes keep the session
(access token, instance URL) in the keyring for the next one, so that a day of syncs signs in
once instead of at every sync (resume(keep_session=True)). A new sign-in drops it; "Unlink"
deletes them all.
"""

from __future__ import annotations

import contextlib
import json
import logging

from desktop.platform.secrets import SecretStore, SecretStoreError
from desktop.salesforce.auth import password_login
from desktop.salesforce.errors import ConnectionProblem, CredentialsMissing
from desktop.salesforce.http import make_http_session
from desktop.salesforce.oauth_client import OAuthClient
from desktop.salesforce.secret_keys import (
    ALL_KEYS,
    CONSUMER_SECRET_KEY,
    PASSWORD_KEY,
    REFRESH_TOKEN_KEY,
    SECURITY_TOKEN_KEY,
    SESSION_KEY,
    sign_in_kept,
)
from desktop.salesforce.session_info import SessionInfo, SessionRenewer
from desktop.salesforce.token_endpoint import refresh_session, revoke_token

logger = logging.getLogger(__name__)

__all__ = ["ALL_KEYS", "CONSUMER_SECRET_KEY", "PASSWORD_KEY", "REFRESH_TOKEN_KEY",
           "SECURITY_TOKEN_KEY", "Credentials"]


class Credentials:
    """The Salesforce secrets of one profile, over its SecretStore."""

    def __init__(self, secrets: SecretStore) -> None:
        self._secrets = secrets

    def save_password(self, password: str, security_token: str) -> None:
        """Remember a password sign-in (replacing any refresh token of a browser sign-in)."""
        self._secrets.set(PASSWORD_KEY, password)
        self._secrets.set(SECURITY_TOKEN_KEY, security_token or "")
        self._delete(REFRESH_TOKEN_KEY)
        self._delete(SESSION_KEY)  # the last sign-in's

    def save_refresh_token(self, refresh_token: str) -> None:
        """Remember a browser sign-in (replacing any stored password and token)."""
        self._secrets.set(REFRESH_TOKEN_KEY, refresh_token)
        self._delete(PASSWORD_KEY)
        self._delete(SECURITY_TOKEN_KEY)
        self._delete(SESSION_KEY)  # the last sign-in's

    def save_consumer_secret(self, secret: str | None) -> None:
        """Remember the connected app's consumer secret (None or "": forget it)."""
        if secret:
            self._secrets.set(CONSUMER_SECRET_KEY, secret)
        else:
            self._delete(CONSUMER_SECRET_KEY)

    def save_session(self, session: SessionInfo) -> None:
        """Keep the current session for the next sync process (best effort: a keyring that
        fails here only costs that process a sign-in)."""
        text = json.dumps({"access_token": session.access_token, "instance_url":
                           session.instance_url, "user_id": session.user_id,
                           "username": session.username})
        try:
            self._secrets.set(SESSION_KEY, text)
        except SecretStoreError as exc:
            logger.warning("the session could not be kept for the next sync: %s", exc.message)

    def session(self) -> SessionInfo | None:
        """The session a sync process kept; None if none (or damaged)."""
        try:
            data = json.loads(self._secrets.get(SESSION_KEY) or "null")
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        token, instance, user = (data.get(key) for key in ("access_token", "instance_url", "user_id"))
        if not (isinstance(token, str) and isinstance(instance, str) and isinstance(user, str)
                and token and instance.startswith("https://") and user):
            return None
        username = data.get("username")
        return SessionInfo(token, instance, user,
                           username=username if isinstance(username, str) else None)

    def consumer_secret(self) -> str | None:
        return self._secrets.get(CONSUMER_SECRET_KEY) or None

    def password(self) -> tuple[str, str]:
        """(password, security token); CredentialsMissing when none is stored."""
        password = self._secrets.get(PASSWORD_KEY)
        if not password:
            raise CredentialsMissing()
        return password, self._secrets.get(SECURITY_TOKEN_KEY) or ""

    def refresh_token(self) -> str:
        token = self._secrets.get(REFRESH_TOKEN_KEY)
        if not token:
            raise CredentialsMissing()
        return token

    @property
    def persistent(self) -> bool:
        """False when the keyring is unusable and secrets last for this run only."""
        return self._secrets.persistent

    @property
    def problem(self) -> str | None:
        """Why the OS keyring is not used (plain language), or None."""
        return self._secrets.problem

    def has_any(self) -> bool:
        """Whether a sign-in is kept (a consumer secret alone is not one)."""
        return sign_in_kept(self._secrets)

    def forget_all(self) -> None:
        """ "Unlink": delete every stored Salesforce secret of this profile."""
        for key in ALL_KEYS:
            self._delete(key)
        logger.info("deleted the stored Salesforce credentials of this profile")

    def _delete(self, key: str) -> None:
        with contextlib.suppress(KeyError):  # stores may raise for a key that was never set
            self._secrets.delete(key)


def keeping_sessions(credentials: Credentials, renew: SessionRenewer) -> SessionRenewer:
    """`renew`, keeping each new session for the next sync process."""

    def renew_and_keep() -> SessionInfo:
        session = renew()
        credentials.save_session(session)
        return session

    return renew_and_keep


def password_renewer(
    credentials: Credentials, login_url: str, username: str, ca_file: str | None = None
) -> SessionRenewer:
    """Renew by signing in again with the stored password and token (read at each renewal)."""

    def renew() -> SessionInfo:
        password, token = credentials.password()
        return password_login(login_url, username, password, token, ca_file=ca_file)

    return renew


def refresh_token_renewer(
    credentials: Credentials, login_url: str, client: OAuthClient, ca_file: str | None = None
) -> SessionRenewer:
    """Renew with the stored refresh token; keeps a rotated refresh token if one comes back."""

    def renew() -> SessionInfo:
        stored = credentials.refresh_token()
        with make_http_session(ca_file) as http:
            session = refresh_session(login_url, client, stored, http)
        if session.refresh_token and session.refresh_token != stored:
            credentials.save_refresh_token(session.refresh_token)
        return session

    return renew


def unlink(
    credentials: Credentials, login_url: str | None = None, ca_file: str | None = None
) -> None:
    """Forget every stored secret; revoke a stored refresh token first when possible.

    Revocation is best effort (offline, already revoked): the secrets are deleted regardless,
    which is what "unlink" promises.
    """
    try:
        token = credentials.refresh_token()
    except CredentialsMissing:
        token = None
    if token and login_url:
        try:
            with make_http_session(ca_file) as http:
                revoke_token(login_url, token, http)
        except ConnectionProblem as exc:  # unlinking must not fail on the network
            logger.warning("could not revoke the refresh token: %s", exc.message)
    credentials.forget_all()
