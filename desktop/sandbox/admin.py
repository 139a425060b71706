"""The sandbox's control endpoint under /__sandbox__/<admin token>/: faults, clock, budget, users.

Everything a test can do through the Python API of RunningSandbox, a demo or an out-of-process
test can do here with JSON. The random admin token in the URL keeps other local processes out.

    GET    {admin_url}                      state: clock, budget, session lifetime, faults
    POST   {admin_url}/faults               {"kind": "fail"|"drop"|"truncate"|"invalid_session"|
                                             "limit_exceeded"|"apply_then_drop", "count": 1,
                                             "status": 503|500, "path_prefix": "query"}
                                            or {"kind": "latency", "ms": 200, "path_prefix": ...}
    DELETE {admin_url}/faults               disarm everything
    POST   {admin_url}/latency              {"model": "salesforce"|"off"} or {"per_request_ms": 150,
                                            "per_record_ms": 0.25}: how long answers take
                                            (latency.py); not a fault, so DELETE faults keeps it
    POST   {admin_url}/clock                {"advance_seconds": 3600} or {"set": "2026-05-20T12:00:00+00:00"}
    POST   {admin_url}/budget               {"max": 15000, "used": 0}
    POST   {admin_url}/session-lifetime     {"seconds": 7200} (sessions opened from now on)
    POST   {admin_url}/sessions/expire      invalidate every access token
    POST   {admin_url}/users/api-enabled    {"username": ..., "enabled": false}
    POST   {admin_url}/records/hidden       {"id": ..., "hidden": true}
    POST   {admin_url}/short-pages          {"seed": 7, "share": 0.5} (that share of query
                                            pages hold fewer records than the batch size) or
                                            {"seed": null} (off)
    GET    {admin_url}/connected-app        the connected app's settings (key, secret, callbacks...)
    POST   {admin_url}/connected-app        {"callback_urls": [...], "scopes": [...],
                                             "require_secret_for_web_server": true,
                                             "require_secret_for_refresh": true,
                                             "device_flow": false, "consumer_key": ...}
    POST   {admin_url}/soap-login           {"disabled": true}: login() refused for every version
    POST   {admin_url}/oauth-settings       {"allow_username_password_flows": true}: the OAuth
                                            password grant, blocked by default as in new orgs
    GET    {admin_url}/device-flow          {"interval_seconds", "pending": [{"user_code", ...}]}
    POST   {admin_url}/device-flow          {"interval_seconds": 1} (device codes issued from now)
"""

from __future__ import annotations

import hmac
from datetime import datetime
from typing import Any

from werkzeug.wrappers import Request, Response

from desktop.sandbox.connected_app import CONSUMER_KEY, ConnectedAppError
from desktop.sandbox.context import ServerContext
from desktop.sandbox.device_flow import device_code_answer
from desktop.sandbox.faults import FaultKind
from desktop.sandbox.latency import NAMED, LatencyModel
from desktop.sandbox.responses import ApiError, json_response, not_found, parse_json_body

ADMIN_ROOT = "/__sandbox__/"


def _number(body: dict, key: str, kind: type = int) -> Any:
    value = body.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ApiError(400, "INVALID_INPUT", f"'{key}' must be a number")
    return kind(value)


def _state(ctx: ServerContext) -> dict:
    return {
        "clock": ctx.org.clock.now().isoformat(),
        "budget": {"max": ctx.budget.maximum, "used": ctx.budget.used},
        "session_lifetime_seconds": ctx.sessions.lifetime.total_seconds(),
        "faults": ctx.faults.describe(),
        "latency": ctx.latency.describe(),
        "short_pages_seed": ctx.page_sizes.seed,
    }


def _faults(ctx: ServerContext, request: Request) -> dict:
    if request.method == "DELETE":
        ctx.faults.clear()
        return _state(ctx)
    body = parse_json_body(request.get_data())
    kind = body.get("kind")
    prefix = body.get("path_prefix")
    if prefix is not None and not isinstance(prefix, str):
        raise ApiError(400, "INVALID_INPUT", "'path_prefix' must be a string")
    try:
        if kind == "latency":
            ctx.faults.set_latency(_number(body, "ms"), path_prefix=prefix)
        else:
            ctx.faults.arm(FaultKind(kind), int(body.get("count", 1)),
                           status=int(body.get("status", 503)), path_prefix=prefix)
    except (ValueError, TypeError) as exc:
        raise ApiError(400, "INVALID_INPUT", f"invalid fault: {exc}") from None
    return _state(ctx)


def _latency(ctx: ServerContext, request: Request) -> dict:
    body = parse_json_body(request.get_data())
    if "model" in body:
        model = NAMED.get(body["model"]) if isinstance(body["model"], str) else None
        if model is None:
            raise ApiError(400, "INVALID_INPUT", f"'model' must be one of {', '.join(NAMED)}")
    else:
        figures = ("per_request_ms", "per_record_ms")
        if not body or set(body) - set(figures):
            raise ApiError(400, "INVALID_INPUT", "give 'model', or 'per_request_ms' and/or "
                           "'per_record_ms'")
        try:
            model = LatencyModel(**{key: _number(body, key, float) for key in body})
        except ValueError as exc:
            raise ApiError(400, "INVALID_INPUT", str(exc)) from None
    ctx.latency = model
    return _state(ctx)


def _clock(ctx: ServerContext, request: Request) -> dict:
    body = parse_json_body(request.get_data())
    if "advance_seconds" in body:
        ctx.org.clock.advance(_number(body, "advance_seconds", float))
    elif isinstance(body.get("set"), str):
        try:
            when = datetime.fromisoformat(body["set"])
            ctx.org.clock.set(when)
        except ValueError as exc:
            raise ApiError(400, "INVALID_INPUT", f"invalid time: {exc}") from None
    else:
        raise ApiError(400, "INVALID_INPUT", "give 'advance_seconds' or 'set' (ISO 8601 with offset)")
    return _state(ctx)


def _budget(ctx: ServerContext, request: Request) -> dict:
    body = parse_json_body(request.get_data())
    try:
        ctx.budget.configure(maximum=_number(body, "max") if "max" in body else None,
                             used=_number(body, "used") if "used" in body else None)
    except ValueError as exc:
        raise ApiError(400, "INVALID_INPUT", str(exc)) from None
    return _state(ctx)


def _session_lifetime(ctx: ServerContext, request: Request) -> dict:
    body = parse_json_body(request.get_data())
    try:
        ctx.sessions.set_lifetime(_number(body, "seconds", float))
    except ValueError as exc:
        raise ApiError(400, "INVALID_INPUT", str(exc)) from None
    return _state(ctx)


def _expire_sessions(ctx: ServerContext, request: Request) -> dict:
    ctx.sessions.expire_all_sessions()
    return _state(ctx)


def _api_enabled(ctx: ServerContext, request: Request) -> dict:
    body = parse_json_body(request.get_data())
    if not isinstance(body.get("username"), str) or not isinstance(body.get("enabled"), bool):
        raise ApiError(400, "INVALID_INPUT", "give 'username' (string) and 'enabled' (boolean)")
    ctx.org.set_api_enabled(body["username"], body["enabled"])
    return {"username": body["username"], "api_enabled": body["enabled"]}


def _hidden(ctx: ServerContext, request: Request) -> dict:
    body = parse_json_body(request.get_data())
    if not isinstance(body.get("id"), str) or not isinstance(body.get("hidden"), bool):
        raise ApiError(400, "INVALID_INPUT", "give 'id' (string) and 'hidden' (boolean)")
    ctx.org.set_hidden(body["id"], body["hidden"])
    return {"id": body["id"], "hidden": body["hidden"]}


def _short_pages(ctx: ServerContext, request: Request) -> dict:
    body = parse_json_body(request.get_data())
    seed = body.get("seed", "missing")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise ApiError(400, "INVALID_INPUT", "give 'seed' (an integer, or null to switch off)")
    try:
        ctx.page_sizes.shorten(seed, _number(body, "share", float) if "share" in body else 0.5)
    except ValueError as exc:
        raise ApiError(400, "INVALID_INPUT", str(exc)) from None
    return _state(ctx)
_APP_SETTINGS = {"callback_urls": list, "scopes": list, "require_secret_for_web_server": bool,
                 "require_secret_for_refresh": bool, "device_flow": bool}


def _connected_app(ctx: ServerContext, request: Request) -> dict:
    if request.method == "GET":
        key = request.args.get("consumer_key", CONSUMER_KEY)
        app = ctx.apps.get(key)
        if app is None:
            raise not_found()
        return app.describe()
    body = parse_json_body(request.get_data())
    key = body.pop("consumer_key", CONSUMER_KEY)
    for name, value in body.items():
        kind = _APP_SETTINGS.get(name)
        if kind is None or not isinstance(value, kind):
            raise ApiError(400, "INVALID_INPUT", f"unknown or mistyped setting {name!r}; "
                           f"known: {', '.join(sorted(_APP_SETTINGS))}")
    try:
        return ctx.apps.configure(str(key), **body).describe()
    except ConnectedAppError as exc:
        raise ApiError(400, "INVALID_INPUT", str(exc)) from None


def _soap_login(ctx: ServerContext, request: Request) -> dict:
    body = parse_json_body(request.get_data())
    if not isinstance(body.get("disabled"), bool):
        raise ApiError(400, "INVALID_INPUT", "give 'disabled' (boolean)")
    ctx.soap_login_disabled = body["disabled"]
    return {"disabled": ctx.soap_login_disabled}


def _oauth_settings(ctx: ServerContext, request: Request) -> dict:
    body = parse_json_body(request.get_data())
    if not isinstance(body.get("allow_username_password_flows"), bool):
        raise ApiError(400, "INVALID_INPUT", "give 'allow_username_password_flows' (boolean)")
    ctx.oauth_password_flow_allowed = body["allow_username_password_flows"]
    return {"allow_username_password_flows": ctx.oauth_password_flow_allowed}


def _device_flow(ctx: ServerContext, request: Request) -> dict:
    if request.method == "POST":
        body = parse_json_body(request.get_data())
        interval = _number(body, "interval_seconds", float)
        if interval <= 0:
            raise ApiError(400, "INVALID_INPUT", "'interval_seconds' must be positive")
        ctx.devices.interval_seconds = interval
    pending = [{key: answer[key] for key in ("user_code", "verification_uri")}
               for answer in (device_code_answer(e, ctx.base_url) for e in ctx.devices.pending())]
    return {"interval_seconds": ctx.devices.interval_seconds, "pending": pending}


_ACTIONS = {
    ("GET", ""): lambda ctx, request: _state(ctx),
    ("POST", "faults"): _faults,
    ("DELETE", "faults"): _faults,
    ("POST", "latency"): _latency,
    ("POST", "clock"): _clock,
    ("POST", "budget"): _budget,
    ("POST", "session-lifetime"): _session_lifetime,
    ("POST", "sessions/expire"): _expire_sessions,
    ("POST", "users/api-enabled"): _api_enabled,
    ("POST", "records/hidden"): _hidden,
    ("POST", "short-pages"): _short_pages,
    ("GET", "connected-app"): _connected_app,
    ("POST", "connected-app"): _connected_app,
    ("POST", "soap-login"): _soap_login,
    ("POST", "oauth-settings"): _oauth_settings,
    ("GET", "device-flow"): _device_flow,
    ("POST", "device-flow"): _device_flow,
}


def handle_admin(ctx: ServerContext, request: Request) -> Response:
    token, _, action = request.path[len(ADMIN_ROOT):].partition("/")
    if not hmac.compare_digest(token.encode(), ctx.admin_token.encode()):
        raise not_found()
    handler = _ACTIONS.get((request.method, action.strip("/")))
    if handler is None:
        raise not_found()
    return json_response(handler(ctx, request))
