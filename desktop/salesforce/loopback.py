"""The loopback listener of the browser sign-in: Stint's registered callback URL on localhost.

Salesforce sends the browser only to a callback URL the connected app lists, compared exactly,
and takes plain http only for `localhost`. So Stint listens on a fixed, documented address
(setting `oauth_callback_url`, default http://localhost:7846/oauth/callback) instead of RFC
8252's ephemeral 127.0.0.1 port: an admin can register it once for everyone. `localhost` may
resolve to 127.0.0.1 or ::1, so both are served.

Only the redirect carrying this sign-in's `state` ends the wait. Anything else on the port (a
forged or stale redirect, a favicon request, a connection that never sends a request) is
answered or timed out on its own thread and changes nothing, and no request prints a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import hmac
import html
import logging
import os
import re
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.platform.logs import register_secret
from desktop.salesforce.errors import (
    AuthorizationDenied,
    AuthorizationFailed,
    CallbackPortBusy,
    Cancelled,
    ConnectionProblem,
    ScopeNotAllowed,
    SignInTimedOut,
    StateMismatch,
)

logger = logging.getLogger(__name__)

_WAIT_SLICE_SECONDS = 0.1
# A connection that sends no complete request within this time is closed (it must not pin a
# thread, and it never blocks the sign-in: each connection has its own thread).
REQUEST_TIMEOUT_SECONDS = 10.0
_ERROR_CODE = re.compile(r"^[a-z_]{1,64}$")
_ADDRESS_NOT_AVAILABLE = {errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT}
# Another program has the port (Windows answers an exclusive bind with WSAEACCES).
_PORT_BUSY = {errno.EADDRINUSE, getattr(errno, "WSAEACCES", errno.EADDRINUSE)}

_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Stint</title></head>
<body style="font-family: sans-serif; margin: 3em"><h1>{title}</h1><p>{text}</p></body></html>"""


class _CallbackServer(ThreadingHTTPServer):
    daemon_threads = True
    # SO_REUSEADDR lets a new sign-in bind while the last one's connections sit in TIME_WAIT;
    # on POSIX it does not let two programs listen on one port. Windows needs the exclusive
    # flag for that.
    allow_reuse_address = os.name != "nt"

    def server_bind(self) -> None:
        if os.name == "nt":
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)  # type: ignore[attr-defined]
        if self.address_family == socket.AF_INET6:
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        super().server_bind()

    def handle_error(self, request: object, client_address: object) -> None:
        # The default prints a traceback on stderr (a reset or half-sent request from anyone).
        logger.debug("a loopback connection ended with an error", exc_info=True)


class _CallbackServer6(_CallbackServer):
    address_family = socket.AF_INET6


class LoopbackListener:
    """Waits for the one redirect to `callback_url` that carries `expected_state`.

    Use as a context manager; `redirect_uri` is what the authorize request must name (the
    callback URL exactly as the connected app lists it). Raises CallbackPortBusy when another
    program holds the port.
    """

    def __init__(self, callback_url: str, expected_state: str) -> None:
        parts = urlsplit(callback_url)
        if parts.scheme != "http" or parts.hostname != "localhost" or not parts.port:
            raise ValueError("the callback URL must be http://localhost:PORT/PATH")
        self._callback_url = callback_url
        self._path = parts.path or "/"
        self._expected_state = expected_state
        self._done = threading.Event()
        self._code: str | None = None
        self._problem: ConnectionProblem | None = None
        self._lock = threading.Lock()
        self._servers = self._bind(parts.port)
        self._threads = [
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                             name="stint-oauth-loopback", daemon=True)
            for server in self._servers
        ]

    def _bind(self, port: int) -> list[_CallbackServer]:
        handler = self._handler_class()
        servers: list[_CallbackServer] = []
        try:
            for server_class, address, required in ((_CallbackServer, "127.0.0.1", True),
                                                    (_CallbackServer6, "::1", False)):
                try:
                    servers.append(server_class((address, port), handler))
                except OSError as exc:
                    if exc.errno in _PORT_BUSY:
                        raise CallbackPortBusy(port) from None
                    if required or exc.errno not in _ADDRESS_NOT_AVAILABLE:
                        raise
                    logger.debug("no IPv6 loopback here; listening on 127.0.0.1 only")
        except BaseException:
            for server in servers:
                server.server_close()
            raise
        return servers

    @property
    def port(self) -> int:
        return self._servers[0].server_address[1]

    @property
    def redirect_uri(self) -> str:
        return self._callback_url

    def __enter__(self) -> LoopbackListener:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        for server, thread in zip(self._servers, self._threads, strict=True):
            if thread.is_alive():
                server.shutdown()
                thread.join()
            server.server_close()

    def wait_for_code(self, timeout: float, cancel: threading.Event | None = None) -> str:
        """The authorization code, or raise the problem the redirect reported.

        Raises SignInTimedOut after `timeout` seconds, Cancelled when `cancel` is set.
        """
        remaining = timeout
        while not self._done.wait(min(_WAIT_SLICE_SECONDS, max(remaining, 0))):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            remaining -= _WAIT_SLICE_SECONDS
            if remaining <= 0:
                raise SignInTimedOut(self._callback_url)
        if self._problem is not None:
            raise self._problem
        assert self._code is not None
        return self._code

    def _accept(self, query: str) -> tuple[HTTPStatus, str, str]:
        """Judge one request to the callback path; (status, title, text) for the browser."""
        params = {key: values[0] for key, values in parse_qs(query).items()}
        state = params.get("state", "")
        if not hmac.compare_digest(state.encode(), self._expected_state.encode()):
            # Not this sign-in's answer (forged, or from an older attempt): refuse and go on.
            logger.info("ignored a sign-in redirect that did not carry this sign-in's state")
            return HTTPStatus.BAD_REQUEST, "Sign-in refused", StateMismatch.default_message
        with self._lock:
            if self._done.is_set():
                return HTTPStatus.GONE, "Already done", "Stint already finished this sign-in."
            if "error" in params:
                problem = _redirect_problem(params["error"])
                self._finish(problem=problem)
                return HTTPStatus.OK, "Not connected", problem.message
            code = params.get("code")
            if not code:
                self._finish(problem=AuthorizationFailed())
                return (HTTPStatus.BAD_REQUEST, "Sign-in failed",
                        AuthorizationFailed.default_message)
            register_secret(code)
            self._finish(code=code)
        return HTTPStatus.OK, "Signed in", "Stint is connected. You can close this tab."

    def _finish(self, *, code: str | None = None, problem: ConnectionProblem | None = None) -> None:
        self._code = code
        self._problem = problem
        self._done.set()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        listener = self

        class CallbackHandler(BaseHTTPRequestHandler):
            timeout = REQUEST_TIMEOUT_SECONDS

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                parts = urlsplit(self.path)
                if parts.path != listener._path:
                    self._reply(HTTPStatus.NOT_FOUND, "Not found", "Nothing here.")
                    return
                self._reply(*listener._accept(parts.query))

            def _reply(self, status: HTTPStatus, title: str, text: str) -> None:
                body = _PAGE.format(title=html.escape(title), text=html.escape(text)).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.send_header("Referrer-Policy", "no-referrer")
                self.send_header("Connection", "close")
                self.end_headers()
                with contextlib.suppress(OSError):  # the browser may have gone already
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                # The default writes the request line, with the authorization code, to stderr.
                logger.debug("loopback request handled")

        return CallbackHandler


def _redirect_problem(error: str) -> ConnectionProblem:
    """What an error redirect (with the right state) means; Salesforce's code is plain text."""
    if error == "access_denied":
        return AuthorizationDenied()
    if error == "invalid_scope":
        return ScopeNotAllowed()
    code = error if _ERROR_CODE.match(error) else "unknown"
    logger.info("browser sign-in ended with OAuth error %r", code)
    return AuthorizationFailed(QT_TRANSLATE_NOOP(
        "ConnectionProblem",
        "Salesforce ended the browser sign-in with the error \"%1\"; try again, or ask "
        "your Salesforce administrator."), code)
