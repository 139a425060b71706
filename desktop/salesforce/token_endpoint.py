"""Salesforce's OAuth token, revoke and UserInfo endpoints, and what their answers mean.

The calls are made with requests (simple-salesforce has no refresh grant). Codes, verifiers,
secrets and tokens travel only in POST bodies or headers, never in URLs we build or in logs.

Salesforce's refusals at the token endpoint (Help, "OAuth 2.0 Authorization Errors"):
`invalid_client_id` ("client identifier invalid") for a consumer key the org does not know,
`invalid_client` ("invalid client credentials") for a missing or wrong consumer secret,
`invalid_grant` for a used, expired or revoked code or token.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import requests

from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.salesforce.error_mapping import translate
from desktop.salesforce.errors import (
    AuthorizationFailed,
    ConnectionProblem,
    ConsumerSecretRequired,
    ConsumerSecretWrong,
    InvalidConsumerKey,
    InvalidLoginUrl,
    MalformedResponse,
    RefreshTokenRevoked,
    ScopeNotAllowed,
    ServerError,
    WrongCredentials,
)
from desktop.salesforce.login_url import host_of, normalize_login_url
from desktop.salesforce.oauth_client import OAuthClient
from desktop.salesforce.session_info import SessionInfo

logger = logging.getLogger(__name__)


def post_token(login_url: str, http: requests.Session, form: Mapping[str, str]
               ) -> tuple[int, dict[str, Any] | None]:
    """POST the form to the token endpoint: (status, JSON object or None)."""
    base = normalize_login_url(login_url)
    try:
        response = http.post(f"{base}/services/oauth2/token", data=dict(form),
                             headers={"Accept": "application/json"})
    except Exception as exc:
        raise translate(exc, host_of(base)) from None
    body = json_or_none(response)
    return response.status_code, body if isinstance(body, dict) else None


def token_answer(
    login_url: str,
    http: requests.Session,
    client: OAuthClient,
    form: Mapping[str, str],
    *,
    invalid_grant: ConnectionProblem,
    refusals: Mapping[str, ConnectionProblem] | None = None,
) -> dict[str, Any]:
    """The token endpoint's answer to `client`'s `form`, or the problem its refusal means
    (`refusals`: what particular error codes mean for this request; "*" for any other)."""
    status, body = post_token(login_url, http, client.form(**form))
    if status == 200 and body is not None:
        return body
    raise refusal_problem(login_url, client, status, body, invalid_grant, refusals)


def refusal_problem(
    login_url: str,
    client: OAuthClient,
    status: int,
    body: dict[str, Any] | None,
    invalid_grant: ConnectionProblem,
    refusals: Mapping[str, ConnectionProblem] | None = None,
) -> ConnectionProblem:
    host = host_of(normalize_login_url(login_url))
    if status >= 500:
        return ServerError(host, status)
    if body is None or "error" not in body:
        return MalformedResponse(host)
    error = str(body["error"])
    logger.info("token request to %s refused: %s", host, error)
    if refusals and error in refusals:
        return refusals[error]
    if error == "invalid_grant":
        return invalid_grant
    if error == "invalid_client_id":
        return InvalidConsumerKey()
    if error == "invalid_client":
        # Salesforce says the same for a missing and a wrong secret; we know which we sent.
        return ConsumerSecretWrong() if client.consumer_secret else ConsumerSecretRequired()
    if error == "invalid_scope":
        return ScopeNotAllowed()
    if error in {"inactive_user", "inactive_org"}:
        return WrongCredentials(QT_TRANSLATE_NOOP(
            "ConnectionProblem",
            "This Salesforce user or org is inactive; ask your administrator."))
    return (refusals or {}).get("*") or AuthorizationFailed()


def refresh_session(
    login_url: str, client: OAuthClient, refresh_token: str, http: requests.Session
) -> SessionInfo:
    """A new access token from the refresh token; invalid_grant -> RefreshTokenRevoked."""
    body = token_answer(
        login_url, http, client,
        {"grant_type": "refresh_token", "refresh_token": refresh_token},
        invalid_grant=RefreshTokenRevoked(),
    )
    # Salesforce keeps the refresh token unless rotation is on; then it sends a new one.
    return session_from(body, login_url, refresh_token=refresh_token)


def session_from(body: dict[str, Any], login_url: str, refresh_token: str | None) -> SessionInfo:
    host = host_of(normalize_login_url(login_url))
    access_token = body.get("access_token")
    identity = body.get("id")
    try:
        instance_url = normalize_login_url(str(body.get("instance_url") or ""))
    except InvalidLoginUrl:
        # Never send the token to a non-https instance, whatever the server says.
        raise MalformedResponse(host) from None
    if not isinstance(access_token, str) or not access_token or not isinstance(identity, str):
        raise MalformedResponse(host)
    # "id" is the identity URL https://login.salesforce.com/id/<org id>/<user id>.
    user_id = urlsplit(identity).path.rstrip("/").rsplit("/", 1)[-1]
    if not user_id.startswith("005"):
        raise MalformedResponse(host)
    new_refresh = body.get("refresh_token")
    return SessionInfo(
        access_token=access_token,
        instance_url=instance_url,
        user_id=user_id,
        refresh_token=new_refresh
        if isinstance(new_refresh, str) and new_refresh
        else refresh_token,
    )


def fetch_username(login_url: str, access_token: str, http: requests.Session) -> str | None:
    """The signed-in user's username (`preferred_username`) from the OpenID Connect UserInfo
    endpoint of the login host, or None when it cannot be read.

    The token response only names the user by id; the username is what Stint shows ("Connected
    as ...") and keeps as a setting. Not knowing it does not undo a good sign-in: a token
    without the `id` scope (an app whose admin did not select it) still connects, shown by
    user id.
    """
    base = normalize_login_url(login_url)
    host = host_of(base)
    try:
        response = http.get(
            f"{base}/services/oauth2/userinfo",
            headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"},
        )
    except Exception as exc:
        logger.warning("could not ask %s who signed in: %s", host, translate(exc, host))
        return None
    body = json_or_none(response)
    username = body.get("preferred_username") if isinstance(body, dict) else None
    if response.status_code != 200 or not isinstance(username, str) or not username.strip():
        logger.warning(
            "%s did not say who signed in (UserInfo answered %s)", host, response.status_code
        )
        return None
    return username.strip()


def revoke_token(login_url: str, token: str, http: requests.Session) -> None:
    """Revoke a refresh (or access) token. A token that is already invalid counts as done."""
    base = normalize_login_url(login_url)
    host = host_of(base)
    try:
        response = http.post(f"{base}/services/oauth2/revoke", data={"token": token})
    except Exception as exc:
        raise translate(exc, host) from None
    if response.status_code == 200:
        logger.info("revoked Stint's token at %s", host)
        return
    error = json_or_none(response)
    already_invalid = {"invalid_token", "unsupported_token_type"}
    if (
        response.status_code == 400
        and isinstance(error, dict)
        and error.get("error") in already_invalid
    ):
        logger.info("token at %s was already invalid", host)
        return
    if response.status_code >= 500:
        raise ServerError(host, response.status_code)
    raise MalformedResponse(host)


def json_or_none(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
