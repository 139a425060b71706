"""The sandbox's HTTPS server: a threaded werkzeug server in front of the org.

Routing, fault injection, API accounting and the guarantee that every answer is shaped like
Salesforce's (a sandbox bug becomes a JSON UNKNOWN_EXCEPTION, never an HTML page; only a
request over the 16,384-byte URI + headers limit gets the HTML page Salesforce's edge sends).

    POST /services/Soap/u/{v}                 SOAP partner login         soap_login.py
    GET|POST /services/oauth2/authorize       approve page, code + PKCE  oauth.py
    POST /services/oauth2/token | revoke      token grants, revocation   oauth_grants.py, oauth.py
    GET /services/oauth2/userinfo, /id/...    identity                   oauth.py
    GET|POST /setup/connect                   device flow verification   device_flow.py
    GET /services/data/                       API versions (no auth)     rest.py
    /services/data/v{v}/...                   REST (Bearer auth, counted against the budget):
        limits/, sobjects/..., records, upsert, updated/, deleted/   rest.py, rest_records.py
        query/, queryAll/ (+ cursors)                               rest_query.py
        composite/, composite/sobjects                              composite.py
    /__sandbox__/{admin token}/...            faults, clock, budget, users   admin.py
"""

from __future__ import annotations

import logging
import secrets
import socket
import ssl
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from werkzeug.exceptions import HTTPException
from werkzeug.serving import ThreadedWSGIServer, WSGIRequestHandler
from werkzeug.wrappers import Request, Response

from desktop.sandbox import device_flow, oauth, oauth_grants
from desktop.sandbox.admin import ADMIN_ROOT, handle_admin
from desktop.sandbox.context import API_VERSIONS, ServerContext
from desktop.sandbox.faults import Fault, FaultKind
from desktop.sandbox.latency import records_in
from desktop.sandbox.responses import (
    ApiError,
    encode_json,
    invalid_session,
    json_response,
    method_not_allowed,
    not_found,
    request_limit_exceeded,
    unknown_exception,
)
from desktop.sandbox.rest import dispatch, versions_body
from desktop.sandbox.rest_call import RestCall, as_api_error, parse_rest_path
from desktop.sandbox.soap_login import client_fault, handle_soap_login
from desktop.sandbox.tls import TlsMaterial, create_tls_material

logger = logging.getLogger(__name__)

LIMIT_INFO_HEADER = "Sforce-Limit-Info"
_SOAP_LOGIN_PREFIX = "/services/Soap/u/"


_OAUTH_ENDPOINTS = {
    "/services/oauth2/authorize": (("GET", "POST"), oauth.handle_authorize),
    "/services/oauth2/token": (("POST",), oauth_grants.handle_token),
    "/services/oauth2/revoke": (("GET", "POST"), oauth.handle_revoke),
    "/services/oauth2/userinfo": (("GET", "POST"), oauth.handle_userinfo),
    device_flow.VERIFICATION_PATH: (("GET", "POST"), device_flow.handle_verification),
}


# errorCode for the errors the HTTP protocol layer answers before the app sees the request
_PROTOCOL_ERROR_CODES = {501: "METHOD_NOT_ALLOWED", 505: "INVALID_REQUEST"}
# URI plus headers of any request: at most 16,384 bytes. Over it Salesforce answers 431, or
# 414 when the URI alone is over it, with an HTML page (help article 000386264, "Maximum
# number of rows returned by SOQL queries over the REST API").
MAX_REQUEST_BYTES = 16_384
_TOO_LARGE = {414: "URI Too Long", 431: "Request Header Fields Too Large"}


class DroppedByFault(ConnectionAbortedError):
    """Raised out of the WSGI app so werkzeug closes the connection without writing a response."""


class _RequestHandler(WSGIRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "sfdcedge"
    # An idle or stalled client must not pin a worker thread forever.
    timeout = 30

    def setup(self) -> None:
        # The TLS handshake runs here, on the connection's own thread, not in the accept loop.
        self.request.settimeout(self.timeout)
        self.request.do_handshake()
        super().setup()

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        uri = len(self.path.encode("latin-1", "replace"))
        headers = sum(len(name) + len(value) + 4 for name, value in self.headers.items())
        if uri > MAX_REQUEST_BYTES:
            self.send_error(414)
            return False
        if uri + headers > MAX_REQUEST_BYTES:
            self.send_error(431)
            return False
        return True

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors http.server raises itself (400 bad request line, ...) as JSON; a request
        too large (414, 431) as the HTML page Salesforce's edge sends."""
        if code in _TOO_LARGE:
            message = _TOO_LARGE[code]
            content_type = "text/html;charset=UTF-8"
            body = (f"<html><head><title>{code} {message}</title></head><body>"
                    f"<h1>{message}</h1></body></html>").encode()
        else:
            message = message or self.responses.get(code, ("Error",))[0]
            content_type = "application/json;charset=UTF-8"
            body = encode_json([{"message": message,
                                 "errorCode": _PROTOCOL_ERROR_CODES.get(code, "INVALID_REQUEST")}])
        self.log_error("code %d, message %s", code, message)
        self.send_response(code, message)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header(LIMIT_INFO_HEADER, self.server.app.ctx.budget.header_value())
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and code >= 200 and code not in (204, 304):
            self.wfile.write(body)

    def date_time_string(self, timestamp: float | None = None) -> str:
        # The Date header is the org's time (RFC 9110 section 6.6.1: the moment the message was
        # made), the clock its CreatedDate and SystemModstamp come from, not the host's.
        if timestamp is None:
            timestamp = self.server.app.ctx.org.clock.now().timestamp()
        return super().date_time_string(timestamp)

    def connection_dropped(self, error: BaseException, environ: dict | None = None) -> None:
        # Injected drops (and real client hang-ups) end the connection at once; without this
        # the keep-alive loop would wait for another request and the client would hang.
        self.close_connection = True

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # the path only: query strings can carry tokens (revoke?token=) and codes
        path = urlsplit(getattr(self, "path", "")).path
        logger.debug("%s %s -> %s", getattr(self, "command", "-"), path, code)

    def log(self, type: str, message: str, *args: Any) -> None:  # noqa: A002 - werkzeug's signature
        logger.debug("%s " + message, type, *args)


class _TlsServer(ThreadedWSGIServer):
    """Accepts plain TCP and wraps each connection without handshaking in the accept loop."""

    daemon_threads = True

    def __init__(self, host: str, port: int, app: Any, tls_context: ssl.SSLContext) -> None:
        super().__init__(host, port, app, handler=_RequestHandler)
        self.tls_context = tls_context
        self.ssl_context = tls_context  # werkzeug reports wsgi.url_scheme "https" from this

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = self.socket.accept()
        wrapped = self.tls_context.wrap_socket(connection, server_side=True,
                                               do_handshake_on_connect=False)
        return wrapped, address

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.debug("connection from %s ended with an error", client_address, exc_info=True)


class SandboxApp:
    """The WSGI application: faults and accounting around the Salesforce endpoints."""

    def __init__(self, ctx: ServerContext) -> None:
        self.ctx = ctx

    def __call__(self, environ: dict, start_response: Any) -> Any:
        request = Request(environ)
        path = request.path
        if path.startswith(ADMIN_ROOT):
            response = self._guarded(lambda: handle_admin(self.ctx, request))
            return self._finish(response)(environ, start_response)

        delay = self.ctx.faults.latency_seconds(path) + self.ctx.latency.request_seconds()
        if delay:
            time.sleep(delay)
        fault = self.ctx.faults.take(path, is_rest=path.startswith("/services/data/v"))
        if fault is not None:
            logger.info("injecting fault %s on %s %s", fault.kind.value, request.method, path)
            early = self._early_fault_response(fault)
            if early is not None:
                return self._finish(early)(environ, start_response)
        response = self._finish(self._guarded(lambda: self._route(request)))
        if fault is not None and fault.kind is FaultKind.APPLY_THEN_DROP:
            raise DroppedByFault("fault injection: request applied, response dropped")
        if fault is not None and fault.kind is FaultKind.TRUNCATE:
            if not response.get_data():
                # nothing to cut (e.g. 204): close the connection instead, so the fault shows
                raise DroppedByFault("fault injection: empty response truncated to nothing")
            return _truncated(response)(environ, start_response)
        return response(environ, start_response)

    # -- faults -----------------------------------------------------------------------------
    def _early_fault_response(self, fault: Fault) -> Response | None:
        if fault.kind is FaultKind.DROP:
            raise DroppedByFault("fault injection: connection dropped")
        if fault.kind is FaultKind.FAIL:
            if fault.status == 500:
                error = unknown_exception(_error_reference())
            else:
                error = ApiError(fault.status, "SERVER_UNAVAILABLE", "Server temporarily unavailable")
            return error.to_response()
        if fault.kind is FaultKind.INVALID_SESSION:
            return invalid_session().to_response()
        if fault.kind is FaultKind.LIMIT_EXCEEDED:
            return request_limit_exceeded().to_response()
        return None

    # -- plumbing -----------------------------------------------------------------------------
    def _guarded(self, produce: Any) -> Response:
        """Run a handler; Salesforce-shaped errors for everything that can go wrong."""
        try:
            return produce()
        except HTTPException as exc:
            code = exc.code or 400
            return ApiError(code, "INVALID_REQUEST" if code < 500 else "UNKNOWN_EXCEPTION",
                            exc.description or exc.name).to_response()
        except Exception as exc:
            error = as_api_error(exc)
            if error is not None:
                return error.to_response()
            reference = _error_reference()
            logger.exception("sandbox bug while handling a request (ErrorId %s)", reference)
            return unknown_exception(reference).to_response()

    def _finish(self, response: Response) -> Response:
        response.headers[LIMIT_INFO_HEADER] = self.ctx.budget.header_value()
        return response

    def _route(self, request: Request) -> Response:
        path = request.path
        method = request.method
        if path.startswith("/services/data"):
            return self._rest(request)
        if path.startswith(_SOAP_LOGIN_PREFIX):
            version = path[len(_SOAP_LOGIN_PREFIX):].strip("/")
            if method != "POST":
                raise method_not_allowed(method, ["POST"])
            if version not in API_VERSIONS:
                return client_fault(f"UNSUPPORTED_API_VERSION: Invalid Api version specified on URL: {version}")
            return handle_soap_login(self.ctx, request, version)
        if path.startswith("/id/"):
            entry = (("GET",), oauth.handle_userinfo)
        else:
            entry = _OAUTH_ENDPOINTS.get(path.rstrip("/"))
        if entry is None:
            raise not_found()
        methods, handler = entry
        if method not in methods:
            raise method_not_allowed(method, list(methods))
        return handler(self.ctx, request)

    def _rest(self, request: Request) -> Response:
        if request.path.rstrip("/") == "/services/data":
            if request.method != "GET":
                raise method_not_allowed(request.method, ["GET"])
            return json_response(versions_body())
        parsed = parse_rest_path(request.path)
        if parsed is None:
            raise not_found()
        token = oauth.bearer_token(request)
        session = self.ctx.sessions.authenticate(token) if token else None
        user = self.ctx.org.user_by_id(session.user_id) if session else None
        if user is None:
            raise invalid_session()
        if not user.api_enabled:
            raise ApiError(403, "API_DISABLED_FOR_ORG", "The REST API is not enabled for this Organization.")
        if not self.ctx.budget.try_consume():
            raise request_limit_exceeded()
        version, segments = parsed
        call = RestCall(request.method, version, segments, request.args, request.headers,
                        request.get_data(), user)
        latency, started = self.ctx.latency, time.monotonic()
        result = dispatch(self.ctx, call)
        if result.body is None:
            return Response(b"", status=result.status, headers=result.headers)
        body = encode_json(result.body)
        latency.hold_answer(records_in(result.body), started)
        return Response(body, status=result.status, headers=result.headers,
                        content_type="application/json;charset=UTF-8")


def _error_reference() -> str:
    return f"{secrets.randbelow(10**10):010d}-{secrets.randbelow(10**5):05d} ({secrets.randbelow(10**9)})"


def _truncated(response: Response) -> Any:
    """A WSGI app sending the response's headers (full Content-Length) but only half its body."""
    body = response.get_data()
    status = response.status
    headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]
    headers.append(("Content-Length", str(len(body))))

    def app(environ: dict, start_response: Any) -> list[bytes]:
        start_response(status, headers)
        return [body[: len(body) // 2]]

    return app


class SandboxServer:
    """The org behind HTTPS on 127.0.0.1; serve in the foreground or on a background thread."""

    def __init__(self, org: Any, port: int = 0, host: str = "127.0.0.1") -> None:
        self.ctx = ServerContext.for_org(org)
        self.tls: TlsMaterial = create_tls_material()
        try:
            self._server = _TlsServer(host, port, SandboxApp(self.ctx), self.tls.ssl_context)
        except SystemExit:  # werkzeug exits when the port is taken; callers want an exception
            self.tls.cleanup()
            raise OSError(f"cannot listen on {host}:{port} (port in use?)") from None
        self.host = host
        self.port: int = self._server.server_address[1]
        self.ctx.base_url = f"https://{host}:{self.port}"
        self._thread: threading.Thread | None = None
        self._stopped = False

    @property
    def base_url(self) -> str:
        return self.ctx.base_url

    @property
    def admin_url(self) -> str:
        return f"{self.base_url}{ADMIN_ROOT}{self.ctx.admin_token}"

    def start_background(self) -> None:
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"sandbox-https-{self.port}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop accepting, free the port and remove the CA file (idempotent)."""
        if self._stopped:
            return
        self._stopped = True
        if self._thread is not None:
            self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.tls.cleanup()

