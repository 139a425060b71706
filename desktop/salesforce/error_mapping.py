"""The one place where library exceptions become Stint's plain-language ConnectionProblems.

Inputs are exceptions raised by requests, urllib3, simple-salesforce and our own response
checks; outputs never quote request bodies, headers or URLs (where secrets could live).
"""

from __future__ import annotations

import json
import logging
from xml.parsers.expat import ExpatError

import requests
import urllib3.exceptions
from simple_salesforce.exceptions import (
    SalesforceAuthenticationFailed,
    SalesforceError,
    SalesforceExpiredSession,
    SalesforceGeneralError,
)

from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.salesforce.error_body import first_error
from desktop.salesforce.errors import (
    ApiDisabled,
    ApiVersionRetired,
    ConnectionProblem,
    HostUnreachable,
    InvalidLoginUrl,
    MalformedResponse,
    PasswordSignInRetired,
    RateLimited,
    RequestRejected,
    RequestTooLarge,
    ServerError,
    SessionExpired,
    TlsProblem,
    WrongCredentials,
)

logger = logging.getLogger(__name__)

API_DISABLED_CODES = frozenset({"API_DISABLED_FOR_ORG", "API_CURRENTLY_DISABLED"})
RATE_LIMIT_CODES = frozenset({"REQUEST_LIMIT_EXCEEDED"})
RETRYABLE_STATUSES = frozenset({502, 503, 504})

_NEW_PASSWORD_NEEDED = (
    "Salesforce wants a new password for this user. Sign in to Salesforce in a browser to "
    "set one, then connect Stint again."
)

# SOAP login fault codes -> the problem to show. Unknown codes fall back to WrongCredentials
# only for the INVALID_* family; anything else is reported as a server-side problem.
_LOGIN_FAULTS: dict[str, tuple[type[ConnectionProblem], str | None]] = {
    "INVALID_LOGIN": (WrongCredentials, None),
    "LOGIN_MUST_USE_SECURITY_TOKEN": (
        WrongCredentials,
        "Salesforce needs your security token as well as your password from this network. "
        "Enter the security token from your Salesforce settings (Reset My Security Token).",
    ),
    "PASSWORD_LOCKOUT": (
        WrongCredentials,
        "Salesforce locked this user after too many failed sign-ins. Wait or ask your "
        "Salesforce administrator to unlock it.",
    ),
    "INVALID_PASSWORD": (
        WrongCredentials,
        _NEW_PASSWORD_NEEDED,
    ),
    "LOGIN_DURING_RESTRICTED_DOMAIN": (
        WrongCredentials,
        "This org only allows sign-in through its My Domain URL; use that as the login URL.",
    ),
    "INVALID_OPERATION_WITH_EXPIRED_PASSWORD": (
        WrongCredentials,
        _NEW_PASSWORD_NEEDED,
    ),
    # login() not available in this API version, turned off in the org, or retired.
    "INVALID_OPERATION": (PasswordSignInRetired, None),
}


def login_failure(code: object, host: str) -> ConnectionProblem:
    """Map a SOAP login fault code (or an HTTP status when the answer was not SOAP)."""
    text = str(code or "")
    if text == "UNKNOWN_EXCEPTION_CODE":  # simple-salesforce: a 200 without a session id
        return MalformedResponse(host)
    if text in API_DISABLED_CODES:
        return ApiDisabled()
    known = _LOGIN_FAULTS.get(text)
    if known is not None:
        problem_class, message = known
        return problem_class(message)
    if text.startswith("INVALID_"):
        return WrongCredentials()
    if text.isdigit():
        status = int(text)
        return ServerError(host, status) if status >= 500 else MalformedResponse(host)
    return ServerError(host, 500)


def _connection_error_reason(exc: requests.exceptions.ConnectionError) -> str:
    """Describe why a connection failed without quoting the exception (it holds the URL)."""
    reason = exc.args[0] if exc.args else None
    inner = getattr(reason, "reason", reason)
    if isinstance(inner, urllib3.exceptions.NameResolutionError):
        return QT_TRANSLATE_NOOP(
            "ConnectionProblem", "could not be found (the name does not resolve)")
    if isinstance(inner, urllib3.exceptions.NewConnectionError):
        return QT_TRANSLATE_NOOP(
            "ConnectionProblem", "refused the connection or could not be reached")
    if isinstance(inner, urllib3.exceptions.ProtocolError | ConnectionResetError):
        return QT_TRANSLATE_NOOP("ConnectionProblem", "closed the connection unexpectedly")
    return QT_TRANSLATE_NOOP("ConnectionProblem", "could not be reached")


def translate(exc: BaseException, host: str) -> ConnectionProblem:
    """Turn any exception raised while talking to `host` into a ConnectionProblem."""
    if isinstance(exc, ConnectionProblem):
        return exc
    if isinstance(exc, requests.exceptions.SSLError):
        return TlsProblem(host)
    if isinstance(exc, requests.exceptions.Timeout):
        return HostUnreachable(
            host, QT_TRANSLATE_NOOP("ConnectionProblem", "did not answer in time"))
    if isinstance(exc, requests.exceptions.ConnectionError):
        return HostUnreachable(host, _connection_error_reason(exc))
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return InvalidLoginUrl()
    if isinstance(
        exc,
        requests.exceptions.ChunkedEncodingError
        | requests.exceptions.ContentDecodingError
        | json.JSONDecodeError
        | ExpatError,
    ):
        return MalformedResponse(host)
    if isinstance(exc, SalesforceAuthenticationFailed):
        return login_failure(exc.code, host)
    if isinstance(exc, SalesforceExpiredSession):
        return SessionExpired()
    if isinstance(exc, SalesforceError):
        return _translate_status(exc, host)
    if isinstance(exc, requests.exceptions.RequestException):
        return HostUnreachable(host)
    if isinstance(exc, ValueError | KeyError | TypeError | IndexError):
        # simple-salesforce indexes into bodies it assumes are well-formed JSON objects.
        logger.debug("unexpected response shape from %s: %s", host, type(exc).__name__)
        return MalformedResponse(host)
    raise TypeError(f"not a connection problem: {type(exc).__name__}") from exc


def _translate_status(exc: SalesforceError, host: str) -> ConnectionProblem:
    code, message = first_error(exc.content)
    if code in RATE_LIMIT_CODES or exc.status == 429:
        return RateLimited()
    if code in API_DISABLED_CODES:
        return ApiDisabled()
    if exc.status == 410:  # GONE: a retired API version
        return ApiVersionRetired()
    if exc.status in (414, 431):  # an HTML page from Salesforce's edge, not an API error
        return RequestTooLarge()
    if isinstance(exc, SalesforceGeneralError) and exc.status >= 500:
        return ServerError(host, exc.status)
    if not code and not message:
        # An error status whose body is not Salesforce's JSON error list.
        return MalformedResponse(host) if exc.status < 500 else ServerError(host, exc.status)
    return RequestRejected(exc.status, code, message)


def is_retryable(exc: BaseException, *, idempotent: bool) -> bool:
    """Whether trying again later could succeed without side effects happening twice.

    Requests that may already have reached Salesforce (read timeouts, dropped connections,
    gateway errors) are retried only when repeating them is harmless (`idempotent`).
    """
    if isinstance(exc, requests.exceptions.SSLError):
        return False
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    if isinstance(exc, requests.exceptions.ConnectionError):
        reason = exc.args[0] if exc.args else None
        inner = getattr(reason, "reason", reason)
        never_sent = isinstance(inner, urllib3.exceptions.NewConnectionError)
        return never_sent or idempotent
    if isinstance(exc, requests.exceptions.Timeout):
        return idempotent
    if isinstance(exc, SalesforceGeneralError) and exc.status in RETRYABLE_STATUSES:
        return idempotent or exc.status == 503
    return False
