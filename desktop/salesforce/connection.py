"""The façade the rest of Stint uses to get a SalesforceClient.

- connect_with_password / connect_with_oauth / connect_with_device: interactive "Connect"
  (stores the secrets when a Credentials object is given, else keeps them in memory for this
  run only);
- resume: start-up, from the secrets already stored (no user interaction);
- disconnect: "Unlink" (revoke a refresh token if any, delete every stored secret).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Literal

from desktop.salesforce.auth import API_VERSION, password_login
from desktop.salesforce.client import SalesforceClient
from desktop.salesforce.credentials import (
    Credentials,
    keeping_sessions,
    password_renewer,
    refresh_token_renewer,
    unlink,
)
from desktop.salesforce.device_flow import DEFAULT_DEVICE_TIMEOUT, DeviceCode, sign_in_with_device
from desktop.salesforce.login_url import normalize_login_url
from desktop.salesforce.oauth import DEFAULT_SIGN_IN_TIMEOUT, BrowserOpener, sign_in_with_browser
from desktop.salesforce.oauth_client import OAuthClient
from desktop.salesforce.retry import RetryPolicy
from desktop.salesforce.session_info import SessionInfo

AuthMethod = Literal["password", "oauth", "device"]


class _RunOnlySecrets:
    """Secrets held in memory for this run when the caller gives no Credentials to keep."""

    def __init__(self) -> None:
        self._values: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self._values.get(key)

    def set(self, key: str, value: str) -> None:
        self._values[key] = value

    def delete(self, key: str) -> None:
        self._values.pop(key, None)


def connect_with_password(
    login_url: str,
    username: str,
    password: str,
    security_token: str,
    *,
    ca_file: str | None = None,
    credentials: Credentials | None = None,
    retry: RetryPolicy | None = None,
    cancel: threading.Event | None = None,
    api_version: str = API_VERSION,
) -> SalesforceClient:
    """Sign in (SOAP), then remember the password and token for renewals."""
    login_url = normalize_login_url(login_url)
    session = password_login(login_url, username, password, security_token, ca_file=ca_file)
    kept = credentials or Credentials(_RunOnlySecrets())
    kept.save_password(password, security_token)
    return SalesforceClient(
        session,
        renew=password_renewer(kept, login_url, username, ca_file),
        ca_file=ca_file,
        retry=retry,
        cancel=cancel,
        api_version=api_version,
    )


def connect_with_oauth(
    login_url: str,
    client: OAuthClient,
    callback_url: str,
    *,
    ca_file: str | None = None,
    credentials: Credentials | None = None,
    open_browser: BrowserOpener | None = None,
    timeout: float = DEFAULT_SIGN_IN_TIMEOUT,
    cancel: threading.Event | None = None,
    retry: RetryPolicy | None = None,
    api_version: str = API_VERSION,
    show_url: Callable[[str], None] | None = None,
) -> SalesforceClient:
    """Browser sign-in (authorization code + PKCE), then remember the refresh token.

    See oauth.sign_in_with_browser for `callback_url`, `open_browser`, `show_url`, `timeout`
    and `cancel`."""
    login_url = normalize_login_url(login_url)
    session = sign_in_with_browser(
        login_url,
        client,
        callback_url,
        ca_file=ca_file,
        open_browser=open_browser,
        timeout=timeout,
        cancel=cancel,
        show_url=show_url,
    )
    return _oauth_client(session, login_url, client, ca_file, credentials, retry, cancel,
                         api_version)


def connect_with_device(
    login_url: str,
    client: OAuthClient,
    show_code: Callable[[DeviceCode], None],
    *,
    ca_file: str | None = None,
    credentials: Credentials | None = None,
    timeout: float = DEFAULT_DEVICE_TIMEOUT,
    cancel: threading.Event | None = None,
    retry: RetryPolicy | None = None,
    api_version: str = API_VERSION,
) -> SalesforceClient:
    """Sign-in with a code entered on any device (device flow); remember the refresh token."""
    login_url = normalize_login_url(login_url)
    session = sign_in_with_device(login_url, client, show_code, ca_file=ca_file,
                                  timeout=timeout, cancel=cancel)
    return _oauth_client(session, login_url, client, ca_file, credentials, retry, cancel,
                         api_version)


def _oauth_client(session: SessionInfo, login_url: str, client: OAuthClient,
                  ca_file: str | None, credentials: Credentials | None,
                  retry: RetryPolicy | None, cancel: threading.Event | None,
                  api_version: str) -> SalesforceClient:
    renew = None
    if session.refresh_token:
        kept = credentials or Credentials(_RunOnlySecrets())
        kept.save_refresh_token(session.refresh_token)
        renew = refresh_token_renewer(kept, login_url, client, ca_file)
    return SalesforceClient(
        session, renew=renew, ca_file=ca_file, retry=retry, cancel=cancel, api_version=api_version
    )


def resume(
    login_url: str,
    auth_method: AuthMethod,
    credentials: Credentials,
    *,
    username: str | None = None,
    client: OAuthClient | None = None,
    ca_file: str | None = None,
    retry: RetryPolicy | None = None,
    cancel: threading.Event | None = None,
    api_version: str = API_VERSION,
    keep_session: bool = False,
) -> SalesforceClient:
    """Connect from stored secrets (re-login or refresh grant) without asking the user.

    With `keep_session` (the app's sync processes), start from the session the last one kept,
    when there is one, and keep each new one: the sign-in then happens when Salesforce says
    that session expired, at the first call. Raises CredentialsMissing when nothing is stored,
    RefreshTokenRevoked / WrongCredentials when the stored secrets no longer work, or any
    other ConnectionProblem.
    """
    login_url = normalize_login_url(login_url)
    if auth_method == "password":
        if not username:
            raise ValueError("password sign-in needs the username")
        renew = password_renewer(credentials, login_url, username, ca_file)
    elif auth_method in ("oauth", "device"):
        if client is None or not client.consumer_key:
            raise ValueError("browser or device sign-in needs the consumer key")
        renew = refresh_token_renewer(credentials, login_url, client, ca_file)
    else:
        raise ValueError(f"unknown sign-in method {auth_method!r}")
    session = None
    if keep_session:
        renew = keeping_sessions(credentials, renew)
        session = credentials.session()
    return SalesforceClient(
        session or renew(), renew=renew, ca_file=ca_file, retry=retry, cancel=cancel,
        api_version=api_version,
    )


def disconnect(
    credentials: Credentials, login_url: str | None = None, ca_file: str | None = None
) -> None:
    """ "Unlink": revoke the refresh token when there is one and delete every stored secret."""
    unlink(credentials, login_url, ca_file)
