"""OAuth 2.0 endpoints: authorization code with PKCE (approve page), token, revoke, userinfo."""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import logging
import re
import string
from importlib import resources
from urllib.parse import urlencode, urlsplit

from werkzeug.wrappers import Request, Response

from desktop.sandbox.context import CONSUMER_KEY, ServerContext
from desktop.sandbox.responses import ApiError, json_response
from desktop.sandbox.sessions import AccessSession

logger = logging.getLogger(__name__)

DEFAULT_SCOPE = "api refresh_token"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_VERIFIER_SHAPE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")
_PAGE = string.Template(resources.files("desktop.sandbox").joinpath("approve_page.html").read_text("utf-8"))


class OAuthError(Exception):
    """A token-endpoint error: 400 {"error": ..., "error_description": ...}."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description
        self.status = status

    def to_response(self) -> Response:
        return json_response({"error": self.error, "error_description": self.description}, self.status)


def s256_challenge(verifier: str) -> str:
    """PKCE S256: BASE64URL(SHA256(ASCII(code_verifier))) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def is_loopback_redirect(uri: str) -> bool:
    """Only loopback http redirect URIs are registered for the desktop app (RFC 8252 7.3)."""
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        return False
    return (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS and not parts.fragment
            and port is not None)


def _redirect(redirect_uri: str, params: dict[str, str]) -> Response:
    separator = "&" if urlsplit(redirect_uri).query else "?"
    location = redirect_uri + separator + urlencode(params)
    return Response(status=302, headers={"Location": location})


def _error_redirect(redirect_uri: str, error: str, description: str, state: str | None) -> Response:
    params = {"error": error, "error_description": description}
    if state is not None:
        params["state"] = state
    return _redirect(redirect_uri, params)


def _error_page(status: int, error: str, description: str) -> Response:
    body = (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error</title></head>"
            f"<body><h1>error={html.escape(error)}</h1><p>{html.escape(description)}</p></body></html>")
    return Response(body, status=status, content_type="text/html; charset=utf-8")


def _approve_page(params: dict[str, str], username: str, error: str) -> Response:
    values = {key: html.escape(params.get(key, ""), quote=True) for key in (
        "response_type", "client_id", "redirect_uri", "code_challenge", "code_challenge_method",
        "state", "scope")}
    values["username"] = html.escape(username, quote=True)
    values["error"] = html.escape(error)
    page = _PAGE.substitute(values)
    return Response(page, status=200, content_type="text/html; charset=utf-8",
                    headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY",
                             "Referrer-Policy": "no-referrer"})


def handle_authorize(ctx: ServerContext, request: Request) -> Response:
    """GET renders the approve page; POST (the page's form) checks credentials and redirects."""
    params = {key: request.values.get(key, "") for key in (
        "response_type", "client_id", "redirect_uri", "code_challenge", "code_challenge_method",
        "scope")}
    state = request.values.get("state") or None
    params["state"] = state or ""
    params["scope"] = params["scope"] or DEFAULT_SCOPE
    # Errors about the client or where to send the user cannot be redirected: show them.
    if params["client_id"] != CONSUMER_KEY:
        return _error_page(400, "invalid_client_id", "client identifier invalid")
    redirect_uri = params["redirect_uri"]
    if not is_loopback_redirect(redirect_uri):
        return _error_page(400, "redirect_uri_mismatch", "redirect_uri must match configuration")
    if params["response_type"] != "code":
        return _error_redirect(redirect_uri, "unsupported_response_type", "response type not supported", state)
    if not params["code_challenge"]:
        return _error_redirect(redirect_uri, "invalid_request", "missing required code challenge", state)
    if params["code_challenge_method"] != "S256":
        return _error_redirect(redirect_uri, "invalid_request", "invalid code challenge method", state)
    if request.method == "GET":
        return _approve_page(params, "", "")

    if request.form.get("decision") != "allow":
        return _error_redirect(redirect_uri, "access_denied", "end-user denied authorization", state)
    username = request.form.get("username", "").strip()
    user = ctx.org.user_by_username(username) if username else None
    # The interactive login takes the password alone; the security token is for API logins.
    if user is None or not ctx.check_password(user, request.form.get("password", ""), with_token=False):
        return _approve_page(params, username, "Please check your username and password. "
                             "If you still can't log in, contact your Salesforce administrator.")
    code = ctx.sessions.issue_code(user.id, params["client_id"], redirect_uri,
                                   params["code_challenge"], params["scope"])
    result = {"code": code}
    if state is not None:
        result["state"] = state
    return _redirect(redirect_uri, result)


def _token_body(ctx: ServerContext, session: AccessSession, refresh_token: str | None) -> dict:
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


def _grant_authorization_code(ctx: ServerContext, form) -> dict:
    entry = ctx.sessions.redeem_code(form.get("code", ""))
    if entry is None:
        raise OAuthError("invalid_grant", "invalid authorization code")
    if form.get("client_id") != entry.client_id:
        raise OAuthError("invalid_client_id", "client identifier invalid")
    if form.get("redirect_uri") != entry.redirect_uri:
        raise OAuthError("redirect_uri_mismatch", "redirect_uri must match configuration")
    verifier = form.get("code_verifier", "")
    if not _VERIFIER_SHAPE.match(verifier) or not hmac.compare_digest(
            s256_challenge(verifier), entry.code_challenge):
        raise OAuthError("invalid_grant", "invalid code verifier")
    grant = ctx.sessions.issue_refresh_token(entry.user_id, entry.client_id, entry.scope)
    session = ctx.sessions.open_session(entry.user_id, refresh_token=grant.token, scope=entry.scope)
    return _token_body(ctx, session, grant.token)


def _grant_refresh_token(ctx: ServerContext, form) -> dict:
    grant = ctx.sessions.refresh_grant(form.get("refresh_token", ""), form.get("client_id", ""))
    if grant is None:
        raise OAuthError("invalid_grant", "expired access/refresh token")
    user = ctx.org.user_by_id(grant.user_id)
    if user is None:
        raise OAuthError("invalid_grant", "inactive user")
    session = ctx.sessions.open_session(grant.user_id, refresh_token=grant.token, scope=grant.scope)
    return _token_body(ctx, session, None)


def _grant_password(ctx: ServerContext, form) -> dict:
    user = ctx.org.user_by_username(form.get("username", "").strip())
    if user is None or not ctx.check_password(user, form.get("password", ""), with_token=True):
        raise OAuthError("invalid_grant", "authentication failure")
    session = ctx.sessions.open_session(user.id, scope=form.get("scope") or "api")
    return _token_body(ctx, session, None)


_GRANTS = {
    "authorization_code": _grant_authorization_code,
    "refresh_token": _grant_refresh_token,
    "password": _grant_password,
}


def handle_token(ctx: ServerContext, request: Request) -> Response:
    form = request.form
    try:
        if form.get("client_id") != CONSUMER_KEY:
            raise OAuthError("invalid_client_id", "client identifier invalid")
        grant = _GRANTS.get(form.get("grant_type", ""))
        if grant is None:
            raise OAuthError("unsupported_grant_type", "grant type not supported")
        return json_response(grant(ctx, form), headers={"Cache-Control": "no-cache,no-store"})
    except OAuthError as exc:
        logger.info("token request refused: %s", exc.error)
        return exc.to_response()


def handle_revoke(ctx: ServerContext, request: Request) -> Response:
    token = request.values.get("token", "")
    if not token or not ctx.sessions.revoke(token):
        return OAuthError("unsupported_token_type", "this token type is not supported").to_response()
    return Response(b"", status=200)


def bearer_token(request: Request) -> str | None:
    """The token of an "Authorization: Bearer|OAuth <token>" header."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() in ("bearer", "oauth") and token.strip():
        return token.strip()
    return None


def handle_userinfo(ctx: ServerContext, request: Request) -> Response:
    token = bearer_token(request)
    session = ctx.sessions.authenticate(token) if token else None
    user = ctx.org.user_by_id(session.user_id) if session else None
    if user is None:
        return ApiError(401, "INVALID_SESSION_ID", "Session expired or invalid").to_response()
    first, _, last = user.name.partition(" ")
    return json_response({
        "sub": ctx.identity_url(user.id), "user_id": user.id,
        "organization_id": ctx.org.org_id, "preferred_username": user.username,
        "nickname": user.username.split("@")[0], "name": user.name, "email": user.email,
        "email_verified": True, "given_name": first, "family_name": last or first,
        "zoneinfo": "Etc/UTC", "locale": "en_US", "language": "en_US", "active": True,
        "user_type": "STANDARD", "is_app_installed": True,
        "urls": {"rest": f"{ctx.base_url}/services/data/v{{version}}/",
                 "sobjects": f"{ctx.base_url}/services/data/v{{version}}/sobjects/",
                 "query": f"{ctx.base_url}/services/data/v{{version}}/query/",
                 "profile": f"{ctx.base_url}/{user.id}"},
    })
