"""OAuth 2.0 device flow (Salesforce Help, "OAuth 2.0 Device Flow for IoT Integration").

    POST /services/oauth2/token  response_type=device_code, client_id, scope
        -> {"device_code", "user_code", "verification_uri": ".../setup/connect", "interval"}
    POST /services/oauth2/token  grant_type=device, client_id, code=<device_code>
        -> 400 authorization_pending until the user approved at the verification URL, then the
           token answer (a refresh token when the scope asks for one)
    GET|POST /setup/connect      the verification page: user code, username, password, Allow

Salesforce documents the requests, the answer's fields and the polling; where it does not name
an error the sandbox uses RFC 8628 section 3.5's: `slow_down` for a poll sooner than `interval`
after the previous one (which also adds 5 seconds to the interval), `access_denied`,
`expired_token` (codes live 10 minutes on the org clock). An app without "Enable Device Flow"
gets RFC 6749's `unauthorized_client`.
"""

from __future__ import annotations

import html
import logging
import secrets
import string
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import resources

from werkzeug.wrappers import Request, Response

from desktop.sandbox.oauth_errors import OAuthError

logger = logging.getLogger(__name__)

VERIFICATION_PATH = "/setup/connect"
DEVICE_CODE_LIFETIME = timedelta(minutes=10)
DEFAULT_INTERVAL_SECONDS = 5
SLOW_DOWN_STEP_SECONDS = 5
# Upper case letters and digits a person cannot confuse (no 0/O, 1/I/L, 5/S, 8/B).
_USER_CODE_ALPHABET = "".join(c for c in string.ascii_uppercase + string.digits
                              if c not in "0O1IL5S8B")
_PAGE = string.Template(resources.files("desktop.sandbox").joinpath("device_page.html").read_text("utf-8"))


@dataclass
class DeviceAuthorization:
    device_code: str
    user_code: str
    client_id: str
    scope: str
    expires_at: datetime
    interval: float
    last_poll: float | None = None   # time.monotonic() of the previous poll
    user_id: str | None = None       # set when the user allowed access
    denied: bool = False


class DeviceAuthorizations:
    """Pending device sign-ins, by device code and by user code (thread-safe)."""

    def __init__(self, now: Callable[[], datetime]) -> None:
        self._now = now
        self._lock = threading.Lock()
        self._by_device: dict[str, DeviceAuthorization] = {}
        self.interval_seconds: float = DEFAULT_INTERVAL_SECONDS

    def start(self, client_id: str, scope: str) -> DeviceAuthorization:
        user_code = "".join(secrets.choice(_USER_CODE_ALPHABET) for _ in range(8))
        entry = DeviceAuthorization("M0" + secrets.token_urlsafe(60), user_code, client_id, scope,
                                    self._now() + DEVICE_CODE_LIFETIME, self.interval_seconds)
        with self._lock:
            self._by_device[entry.device_code] = entry
        return entry

    def pending(self) -> list[DeviceAuthorization]:
        """Codes waiting for the user (the admin endpoint lists them for tests)."""
        now = self._now()
        with self._lock:
            return [e for e in self._by_device.values()
                    if e.user_id is None and not e.denied and now < e.expires_at]

    def by_user_code(self, user_code: str) -> DeviceAuthorization | None:
        wanted = user_code.strip().upper().replace("-", "").replace(" ", "")
        now = self._now()
        with self._lock:
            for entry in self._by_device.values():
                if secrets.compare_digest(entry.user_code, wanted) and now < entry.expires_at:
                    return entry
        return None

    def decide(self, entry: DeviceAuthorization, user_id: str | None) -> None:
        """The user allowed access (`user_id`) or denied it (None)."""
        with self._lock:
            entry.user_id = user_id
            entry.denied = user_id is None

    def poll(self, device_code: str, client_id: str) -> DeviceAuthorization:
        """The approved authorization (then spent), or the OAuthError the poll gets."""
        now = self._now()
        tick = time.monotonic()
        with self._lock:
            entry = self._by_device.get(device_code)
            if entry is None or not secrets.compare_digest(entry.client_id, client_id):
                raise OAuthError("invalid_grant", "invalid device code")
            if now >= entry.expires_at:
                del self._by_device[device_code]
                raise OAuthError("expired_token", "device code expired")
            too_soon = entry.last_poll is not None and tick - entry.last_poll < entry.interval
            entry.last_poll = tick
            if too_soon:
                entry.interval += SLOW_DOWN_STEP_SECONDS
                raise OAuthError("slow_down", "polling too frequently")
            if entry.denied:
                del self._by_device[device_code]
                raise OAuthError("access_denied", "end-user denied authorization")
            if entry.user_id is None:
                raise OAuthError("authorization_pending", "authorization pending")
            del self._by_device[device_code]
            return entry


def device_code_answer(entry: DeviceAuthorization, base_url: str) -> dict:
    return {"device_code": entry.device_code, "user_code": entry.user_code,
            "verification_uri": f"{base_url}{VERIFICATION_PATH}", "interval": int(entry.interval)}


def verification_page(user_code: str = "", username: str = "", message: str = "",
                      error: str = "", done: bool = False, status: int = 200) -> Response:
    values = {"user_code": html.escape(user_code, quote=True),
              "username": html.escape(username, quote=True),
              "message": html.escape(message), "error": html.escape(error),
              "form_hidden": "hidden" if done else ""}
    return Response(_PAGE.substitute(values), status=status, content_type="text/html; charset=utf-8",
                    headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY",
                             "Referrer-Policy": "no-referrer"})


def handle_verification(ctx, request: Request) -> Response:
    """GET: the code form; POST: check the code and the user's password, then allow or deny."""
    if request.method == "GET":
        return verification_page(user_code=request.args.get("user_code", ""))
    form = request.form
    user_code = form.get("user_code", "")
    username = form.get("username", "").strip()
    entry = ctx.devices.by_user_code(user_code)
    if entry is None:
        return verification_page(user_code, username, error="The code is not valid or has "
                                 "expired. Check it and try again.")
    user = ctx.org.user_by_username(username) if username else None
    if user is None or not ctx.check_password(user, form.get("password", ""), with_token=False):
        return verification_page(user_code, username, error="Please check your username and "
                                 "password. If you still can't log in, contact your Salesforce "
                                 "administrator.")
    if form.get("decision") != "allow":
        ctx.devices.decide(entry, None)
        return verification_page(message="Access denied. You can close this page.", done=True)
    ctx.devices.decide(entry, user.id)
    logger.info("device sign-in approved for user %s", user.id)
    return verification_page(message="You're connected. Return to your device; you can close "
                             "this page.", done=True)
