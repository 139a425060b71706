"""OAuth 2.0 endpoints: authorization code with PKCE (approve page), revoke, userinfo.

The token endpoint's grants are in oauth_grants.py, the device flow in device_flow.py; the
connected app they check against in connected_app.py.

Salesforce Help, "OAuth 2.0 Web Server Flow for Web App Integration": the authorize request's
`redirect_uri` must match a callback URL of the app exactly; Salesforce shows
`error=redirect_uri_mismatch&error_description=redirect_uri must match configuration` and
does not redirect (help article 001122778). "Identity URLs" / "UserInfo Endpoint": the identity
service answers only tokens granted the `id` (or `openid`, or `full`) scope.
"""

from __future__ import annotations

import html
import logging
import string
from importlib import resources
from urllib.parse import urlencode, urlsplit

from werkzeug.wrappers import Request, Response

from desktop.sandbox.connected_app import scope_names
from desktop.sandbox.context import ServerContext
from desktop.sandbox.oauth_errors import OAuthError, error_page
from desktop.sandbox.responses import ApiError, json_response

logger = logging.getLogger(__name__)

DEFAULT_SCOPE = "api refresh_token"
IDENTITY_SCOPES = frozenset({"id", "openid", "full", "profile", "email", "address", "phone"})
_PAGE = string.Template(resources.files("desktop.sandbox").joinpath("approve_page.html").read_text("utf-8"))


def _redirect(redirect_uri: str, params: dict[str, str]) -> Response:
    separator = "&" if urlsplit(redirect_uri).query else "?"
    location = redirect_uri + separator + urlencode(params)
    return Response(status=302, headers={"Location": location})


def _error_redirect(redirect_uri: str, error: str, description: str, state: str | None) -> Response:
    params = {"error": error, "error_description": description}
    if state is not None:
        params["state"] = state
    return _redirect(redirect_uri, params)


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
    app = ctx.apps.get(params["client_id"]) if params["client_id"] else None
    if app is None:
        return error_page(400, "invalid_client_id", "client identifier invalid")
    redirect_uri = params["redirect_uri"]
    if not app.allows_callback(redirect_uri):
        logger.info("authorize refused: redirect_uri is not a registered callback URL")
        return error_page(400, "redirect_uri_mismatch", "redirect_uri must match configuration")
    if params["response_type"] != "code":
        return _error_redirect(redirect_uri, "unsupported_response_type", "response type not supported", state)
    if not params["code_challenge"]:
        return _error_redirect(redirect_uri, "invalid_request", "missing required code challenge", state)
    if params["code_challenge_method"] != "S256":
        return _error_redirect(redirect_uri, "invalid_request", "invalid code challenge method", state)
    if app.disallowed_scopes(params["scope"]):
        return _error_redirect(redirect_uri, "invalid_scope", "the requested scope is not allowed", state)
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
    if not IDENTITY_SCOPES & set(scope_names(session.scope)):
        # "Identity URLs" lists 403 Forbidden answers in plain text; none names a missing
        # scope, so the sandbox uses the one for a token the service does not take.
        logger.info("identity service refused a token without the id or openid scope")
        return Response("Bad_OAuth_Token", status=403, content_type="text/plain;charset=UTF-8")
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
