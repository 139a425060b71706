"""Sign-in with a code, for where no browser on this computer can be used (remote desktops,
locked-down browsers): the OAuth 2.0 device flow.

Salesforce Help, "OAuth 2.0 Device Flow for IoT Integration": POST the token endpoint with
response_type=device_code; show the user code and the verification URL; poll with
grant_type=device and the device code, no sooner than `interval` seconds apart, while the
answer is `authorization_pending`. RFC 8628 section 3.5 for the rest: `slow_down` adds 5
seconds to the interval for good; `access_denied` and `expired_token` end the sign-in.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

import requests

from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.platform.logs import register_secret
from desktop.salesforce.errors import (
    AuthorizationDenied,
    AuthorizationFailed,
    Cancelled,
    DeviceCodeExpired,
    DeviceFlowDisabled,
    InvalidConsumerKey,
    MalformedResponse,
)
from desktop.salesforce.http import make_http_session
from desktop.salesforce.login_url import host_of, normalize_login_url
from desktop.salesforce.oauth_client import SCOPES, OAuthClient
from desktop.salesforce.session_info import SessionInfo
from desktop.salesforce.token_endpoint import (
    fetch_username,
    post_token,
    refusal_problem,
    session_from,
    token_answer,
)

logger = logging.getLogger(__name__)

DEFAULT_DEVICE_TIMEOUT = 600.0  # when Salesforce does not say how long the code lives
DEFAULT_INTERVAL = 5.0  # RFC 8628 3.2, when the answer has no interval
SLOW_DOWN_STEP = 5.0
# Salesforce does not document its answer for an app without the device flow: RFC 6749's
# unauthorized_client, or the request's response or grant type refused.
_REFUSALS = {
    "unauthorized_client": DeviceFlowDisabled(),
    "unsupported_response_type": DeviceFlowDisabled(),
    "unsupported_grant_type": DeviceFlowDisabled(),
    "*": AuthorizationFailed(QT_TRANSLATE_NOOP(
        "ConnectionProblem", "Signing in with a code did not complete; try again.")),
}


@dataclass(frozen=True)
class DeviceCode:
    """What the user needs (the code and where to enter it) and what Stint polls with."""

    user_code: str
    verification_uri: str
    interval: float
    expires_in: float | None
    device_code: str = field(repr=False)


def request_device_code(login_url: str, client: OAuthClient, http: requests.Session,
                        scope: str = SCOPES) -> DeviceCode:
    body = token_answer(login_url, http, client, {"response_type": "device_code", "scope": scope},
                        invalid_grant=DeviceFlowDisabled(), refusals=_REFUSALS)
    host = host_of(normalize_login_url(login_url))
    device_code, user_code = body.get("device_code"), body.get("user_code")
    verification_uri = body.get("verification_uri")
    if not (isinstance(device_code, str) and device_code and isinstance(user_code, str)
            and user_code.strip() and isinstance(verification_uri, str)
            and urlsplit(verification_uri).scheme == "https"):
        # Never send the user to a page that is not https, whatever the server says.
        raise MalformedResponse(host)
    register_secret(device_code)
    return DeviceCode(user_code.strip(), verification_uri, _seconds(body.get("interval"),
                      DEFAULT_INTERVAL), _seconds(body.get("expires_in"), None), device_code)


def wait_for_approval(
    login_url: str,
    client: OAuthClient,
    code: DeviceCode,
    http: requests.Session,
    *,
    timeout: float = DEFAULT_DEVICE_TIMEOUT,
    cancel: threading.Event | None = None,
) -> SessionInfo:
    """Poll until the user allowed access; raise AuthorizationDenied, DeviceCodeExpired,
    Cancelled or another ConnectionProblem."""
    cancel = cancel or threading.Event()
    interval = code.interval
    remaining = min(timeout, code.expires_in) if code.expires_in else timeout
    form = client.form(grant_type="device", code=code.device_code)
    while True:
        if remaining <= 0:
            raise DeviceCodeExpired()
        if cancel.wait(min(interval, remaining)):
            raise Cancelled()
        remaining -= interval
        status, body = post_token(login_url, http, form)
        if status == 200 and body is not None:
            return session_from(body, login_url, refresh_token=None)
        error = body.get("error") if body else None
        if error == "authorization_pending":
            continue
        if error == "slow_down":
            interval += SLOW_DOWN_STEP
            logger.info("Salesforce asked Stint to poll more slowly (every %.0f s)", interval)
            continue
        if error == "access_denied":
            raise AuthorizationDenied()
        if error in ("expired_token", "invalid_grant"):
            raise DeviceCodeExpired()
        raise refusal_problem(login_url, client, status, body, DeviceCodeExpired(), _REFUSALS)


def sign_in_with_device(
    login_url: str,
    client: OAuthClient,
    show_code: Callable[[DeviceCode], None],
    *,
    ca_file: str | None = None,
    timeout: float = DEFAULT_DEVICE_TIMEOUT,
    cancel: threading.Event | None = None,
) -> SessionInfo:
    """The whole device flow: `show_code` tells the user the code and URL; then wait."""
    base = normalize_login_url(login_url)
    if not client.consumer_key or not client.consumer_key.strip():
        raise InvalidConsumerKey()
    with make_http_session(ca_file) as http:
        code = request_device_code(base, client, http)
        logger.info("waiting for the sign-in code to be entered at %s",
                    host_of(code.verification_uri))
        show_code(code)
        session = wait_for_approval(base, client, code, http, timeout=timeout, cancel=cancel)
        return replace(session, username=fetch_username(base, session.access_token, http))


def _seconds(value: object, default: float | None) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    return default
