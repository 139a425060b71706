"""POST /services/oauth2/token: the grants, each checked against the org's connected app.

Salesforce Help, "OAuth 2.0 Web Server Flow for Web App Integration": the code exchange sends
`client_secret` unless the app's "Require Secret for Web Server Flow" is off; "OAuth 2.0
Refresh Token Flow": likewise with "Require Secret for Refresh Token Flow". An unknown consumer
key is `invalid_client_id` ("client identifier invalid"); a missing or wrong secret is
`invalid_client` ("invalid client credentials"). "OAuth Tokens and Scopes": a refresh token is
returned only when the grant's scope has `refresh_token` (or `offline_access`).

"OAuth 2.0 Username-Password Flow for Special Scenarios" and the Summer '23 release note
"Username-Password Flow Blocked by Default in New Orgs": the org setting "Allow OAuth
Username-Password Flows" (metadata OauthOidcSettings.blockOAuthUnPwFlow) is off in orgs created
since then, as in this sandbox; a blocked request gets the same answer as a wrong password,
`invalid_grant` "authentication failure" (the reason shows only in the user's login history).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re

from werkzeug.wrappers import Request, Response

from desktop.sandbox.connected_app import ConnectedApp, scope_names
from desktop.sandbox.device_flow import device_code_answer
from desktop.sandbox.oauth_errors import OAuthError
from desktop.sandbox.responses import json_response
from desktop.sandbox.sessions import AccessSession

logger = logging.getLogger(__name__)

_VERIFIER_SHAPE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")
_REFRESH_SCOPES = frozenset({"refresh_token", "offline_access"})


def s256_challenge(verifier: str) -> str:
    """PKCE S256: BASE64URL(SHA256(ASCII(code_verifier))) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def connected_app(ctx, client_id: str) -> ConnectedApp:
    app = ctx.apps.get(client_id) if client_id else None
    if app is None:
        raise OAuthError("invalid_client_id", "client identifier invalid")
    return app


def check_client_secret(app: ConnectedApp, form, *, required: bool) -> None:
    """A secret that is sent must be the app's; a required one must be sent."""
    supplied = form.get("client_secret") or ""
    if (required and not supplied) or (supplied and not app.secret_matches(supplied)):
        raise OAuthError("invalid_client", "invalid client credentials")


def _wants_refresh_token(scope: str) -> bool:
    return bool(_REFRESH_SCOPES & set(scope_names(scope)))


def _token_body(ctx, session: AccessSession, refresh_token: str | None) -> dict:
    issued_at = str(int(session.issued_at.timestamp() * 1000))
    identity = ctx.identity_url(session.user_id)
    signature = base64.b64encode(
        hmac.new(ctx.signing_key, (identity + issued_at).encode(), hashlib.sha256).digest()).decode()
    body = {"access_token": session.token}
    if refresh_token is not None:
        body["refresh_token"] = refresh_token
    body.update({"signature": signature, "scope": session.scope, "instance_url": ctx.base_url,
                 "id": identity, "token_type": "Bearer", "issued_at": issued_at})
    return body


def _grant_for_user(ctx, user_id: str, client_id: str, scope: str) -> dict:
    """A new session (and a refresh token when the scope asks for one)."""
    refresh = None
    if _wants_refresh_token(scope):
        refresh = ctx.sessions.issue_refresh_token(user_id, client_id, scope).token
    session = ctx.sessions.open_session(user_id, refresh_token=refresh, scope=scope)
    return _token_body(ctx, session, refresh)


def _grant_authorization_code(ctx, app: ConnectedApp, form) -> dict:
    check_client_secret(app, form, required=app.require_secret_for_web_server)
    entry = ctx.sessions.redeem_code(form.get("code", ""))
    if entry is None:
        raise OAuthError("invalid_grant", "invalid authorization code")
    if app.consumer_key != entry.client_id:
        raise OAuthError("invalid_client_id", "client identifier invalid")
    if form.get("redirect_uri") != entry.redirect_uri:
        raise OAuthError("redirect_uri_mismatch", "redirect_uri must match configuration")
    verifier = form.get("code_verifier", "")
    if not _VERIFIER_SHAPE.match(verifier) or not hmac.compare_digest(
            s256_challenge(verifier), entry.code_challenge):
        raise OAuthError("invalid_grant", "invalid code verifier")
    return _grant_for_user(ctx, entry.user_id, entry.client_id, entry.scope)


def _grant_refresh_token(ctx, app: ConnectedApp, form) -> dict:
    check_client_secret(app, form, required=app.require_secret_for_refresh)
    grant = ctx.sessions.refresh_grant(form.get("refresh_token", ""), app.consumer_key)
    if grant is None:
        raise OAuthError("invalid_grant", "expired access/refresh token")
    if ctx.org.user_by_id(grant.user_id) is None:
        raise OAuthError("invalid_grant", "inactive user")
    session = ctx.sessions.open_session(grant.user_id, refresh_token=grant.token, scope=grant.scope)
    return _token_body(ctx, session, None)


def _grant_password(ctx, app: ConnectedApp, form) -> dict:
    check_client_secret(app, form, required=False)
    user = ctx.org.user_by_username(form.get("username", "").strip())
    if user is None or not ctx.check_password(user, form.get("password", ""), with_token=True):
        raise OAuthError("invalid_grant", "authentication failure")
    if not ctx.oauth_password_flow_allowed:
        logger.info("username-password flow refused: blocked in this org's OAuth settings")
        raise OAuthError("invalid_grant", "authentication failure")
    session = ctx.sessions.open_session(user.id, scope=form.get("scope") or "api")
    return _token_body(ctx, session, None)


def _grant_device(ctx, app: ConnectedApp, form) -> dict:
    if not app.device_flow:
        raise OAuthError("unauthorized_client", "device flow is not enabled for this client")
    entry = ctx.devices.poll(form.get("code", ""), app.consumer_key)
    return _grant_for_user(ctx, entry.user_id, entry.client_id, entry.scope)


def _start_device_flow(ctx, app: ConnectedApp, form) -> dict:
    if not app.device_flow:
        raise OAuthError("unauthorized_client", "device flow is not enabled for this client")
    scope = form.get("scope") or "api"
    refused = app.disallowed_scopes(scope)
    if refused:
        raise OAuthError("invalid_scope", "the requested scope is not allowed")
    return device_code_answer(ctx.devices.start(app.consumer_key, scope), ctx.base_url)


_GRANTS = {
    "authorization_code": _grant_authorization_code,
    "refresh_token": _grant_refresh_token,
    "password": _grant_password,
    "device": _grant_device,
}


def handle_token(ctx, request: Request) -> Response:
    form = request.form
    try:
        app = connected_app(ctx, form.get("client_id", ""))
        if form.get("response_type") == "device_code" and not form.get("grant_type"):
            answer = _start_device_flow(ctx, app, form)
        else:
            grant = _GRANTS.get(form.get("grant_type", ""))
            if grant is None:
                raise OAuthError("unsupported_grant_type", "grant type not supported")
            answer = grant(ctx, app, form)
        return json_response(answer, headers={"Cache-Control": "no-cache,no-store"})
    except OAuthError as exc:
        if exc.error not in ("authorization_pending", "slow_down"):  # polling is routine
            logger.info("token request refused: %s", exc.error)
        return exc.to_response()
