"""The loopback redirect listener of the browser sign-in (RFC 8252, section 7.3).

A tiny HTTP server on 127.0.0.1 with an ephemeral port receives the one redirect that carries
the authorization code. It checks `state` itself, answers the browser with a short page and
hands the code (or the problem) to whoever waits.
"""

from __future__ import annotations

import hmac
import html
import logging
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

from desktop.platform.logs import register_secret
from desktop.salesforce.errors import (
    AuthorizationDenied,
    AuthorizationFailed,
    Cancelled,
    ConnectionProblem,
    StateMismatch,
)

logger = logging.getLogger(__name__)

CALLBACK_PATH = "/callback"
_WAIT_SLICE_SECONDS = 0.1

_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Stint</title></head>
<body style="font-family: sans-serif; margin: 3em"><h1>{title}</h1><p>{text}</p></body></html>"""


class LoopbackListener:
    """Waits for one redirect to http://127.0.0.1:{port}/callback.

    Use as a context manager; `redirect_uri` is what the authorize request must name.
    """

    def __init__(self, expected_state: str) -> None:
        self._expected_state = expected_state
        self._done = threading.Event()
        self._code: str | None = None
        self._problem: ConnectionProblem | None = None
        self._server = HTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="stint-oauth-loopback",
            daemon=True,
        )

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self.port}{CALLBACK_PATH}"

    def __enter__(self) -> LoopbackListener:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()

    def wait_for_code(self, timeout: float, cancel: threading.Event | None = None) -> str:
        """The authorization code, or raise the problem the redirect reported.

        Raises AuthorizationFailed after `timeout` seconds, Cancelled when `cancel` is set.
        """
        remaining = timeout
        while not self._done.wait(min(_WAIT_SLICE_SECONDS, max(remaining, 0))):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            remaining -= _WAIT_SLICE_SECONDS
            if remaining <= 0:
                raise AuthorizationFailed(
                    "Stint waited too long for the browser sign-in to finish; try again."
                )
        if self._problem is not None:
            raise self._problem
        assert self._code is not None
        return self._code

    def _accept(self, query: str) -> tuple[HTTPStatus, str, str]:
        """Judge one redirect; returns (status, title, text) for the browser page."""
        if self._done.is_set():
            return HTTPStatus.GONE, "Already done", "Stint already finished this sign-in."
        params = {key: values[0] for key, values in parse_qs(query).items()}
        state = params.get("state", "")
        if not hmac.compare_digest(state.encode(), self._expected_state.encode()):
            self._finish(problem=StateMismatch())
            return HTTPStatus.BAD_REQUEST, "Sign-in refused", StateMismatch.default_message
        if "error" in params:
            error = params["error"]
            problem: ConnectionProblem = (
                AuthorizationDenied() if error == "access_denied" else AuthorizationFailed()
            )
            logger.info("browser sign-in ended with OAuth error %r", error)
            self._finish(problem=problem)
            return HTTPStatus.OK, "Not connected", problem.message
        code = params.get("code")
        if not code:
            self._finish(problem=AuthorizationFailed())
            return HTTPStatus.BAD_REQUEST, "Sign-in failed", AuthorizationFailed.default_message
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
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                parts = urlsplit(self.path)
                if parts.path != CALLBACK_PATH:
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
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                # The default writes the request line, with the authorization code, to stderr.
                logger.debug("loopback request handled")

        return CallbackHandler
