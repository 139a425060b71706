"""Every library failure becomes one distinct, plain-language ConnectionProblem."""

import json
import socket
from xml.parsers.expat import ExpatError

import pytest
import requests
import urllib3.exceptions
from simple_salesforce.exceptions import (
    SalesforceAuthenticationFailed,
    SalesforceExpiredSession,
    SalesforceGeneralError,
    SalesforceMalformedRequest,
    SalesforceRefusedRequest,
    SalesforceResourceNotFound,
)

from desktop.salesforce import errors
from desktop.salesforce.error_mapping import is_retryable, login_failure, translate
from desktop.salesforce.http import make_http_session

HOST = "acme.my.salesforce.com"
URL = f"https://{HOST}/services/data/v62.0/query/?q=SELECT+Id+FROM+Opportunity"


def sf_error(cls, status, code, message="msg"):
    return cls(URL, status, "query", [{"errorCode": code, "message": message}])


def connection_error(reason: Exception) -> requests.exceptions.ConnectionError:
    return requests.exceptions.ConnectionError(
        urllib3.exceptions.MaxRetryError(None, URL, reason=reason)
    )


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (
            SalesforceAuthenticationFailed("INVALID_LOGIN", "Invalid username"),
            errors.WrongCredentials,
        ),
        (SalesforceAuthenticationFailed("API_DISABLED_FOR_ORG", "no"), errors.ApiDisabled),
        (SalesforceAuthenticationFailed("API_CURRENTLY_DISABLED", "no"), errors.ApiDisabled),
        (SalesforceAuthenticationFailed(503, "<html>"), errors.ServerError),
        (SalesforceAuthenticationFailed(404, "<html>"), errors.MalformedResponse),
        (SalesforceAuthenticationFailed("UNKNOWN_EXCEPTION_CODE", "x"), errors.MalformedResponse),
        (sf_error(SalesforceExpiredSession, 401, "INVALID_SESSION_ID"), errors.SessionExpired),
        (sf_error(SalesforceRefusedRequest, 403, "REQUEST_LIMIT_EXCEEDED"), errors.RateLimited),
        (sf_error(SalesforceRefusedRequest, 403, "API_DISABLED_FOR_ORG"), errors.ApiDisabled),
        (sf_error(SalesforceRefusedRequest, 403, "INSUFFICIENT_ACCESS"), errors.RequestRejected),
        (sf_error(SalesforceMalformedRequest, 400, "MALFORMED_QUERY"), errors.RequestRejected),
        (sf_error(SalesforceResourceNotFound, 404, "NOT_FOUND"), errors.RequestRejected),
        (sf_error(SalesforceGeneralError, 503, "SERVER_UNAVAILABLE"), errors.ServerError),
        (SalesforceGeneralError(URL, 500, "query", "<html>oops</html>"), errors.ServerError),
        (SalesforceMalformedRequest(URL, 400, "query", "not json"), errors.MalformedResponse),
        # retired API version (REST API Developer Guide, "API End-of-Life")
        (sf_error(SalesforceGeneralError, 410, "GONE"), errors.ApiVersionRetired),
        # too large for Salesforce's edge: an HTML page (help article 000386264)
        (SalesforceGeneralError(URL, 414, "query", "<html>URI Too Long</html>"),
         errors.RequestTooLarge),
        (SalesforceGeneralError(URL, 431, "query", "<html>Too Large</html>"),
         errors.RequestTooLarge),
        (requests.exceptions.SSLError("certificate verify failed"), errors.TlsProblem),
        (requests.exceptions.ConnectTimeout("slow"), errors.HostUnreachable),
        (requests.exceptions.ReadTimeout("slow"), errors.HostUnreachable),
        (requests.exceptions.ChunkedEncodingError("IncompleteRead"), errors.MalformedResponse),
        (json.JSONDecodeError("Expecting value", "{", 1), errors.MalformedResponse),
        (requests.exceptions.JSONDecodeError("Expecting value", "{", 1), errors.MalformedResponse),
        (ExpatError("no element found"), errors.MalformedResponse),
        (KeyError("records"), errors.MalformedResponse),
    ],
)
def test_each_failure_maps_to_its_own_problem(exc, expected):
    problem = translate(exc, HOST)
    assert type(problem) is expected
    assert problem.message and str(problem) == problem.message


def test_distinct_problems_have_distinct_messages():
    samples = [
        errors.WrongCredentials(),
        errors.ApiDisabled(),
        errors.RefreshTokenRevoked(),
        errors.HostUnreachable(HOST),
        errors.TlsProblem(HOST),
        errors.RateLimited(),
        errors.SessionExpired(),
        errors.MalformedResponse(HOST),
        errors.InsecureLoginUrl(),
        errors.ServerError(HOST, 503),
        errors.ApiVersionRetired(),
        errors.RequestTooLarge(),
    ]
    assert len({p.message for p in samples}) == len(samples)
    assert "make sure API access is enabled for your profile" in errors.ApiDisabled().message
    assert errors.RefreshTokenRevoked().message == "Stint's access was revoked; sign in again."


def test_connection_failures_name_the_host_and_the_reason():
    dns = translate(
        connection_error(urllib3.exceptions.NameResolutionError(HOST, None, socket.gaierror())),
        HOST,
    )
    refused = translate(
        connection_error(urllib3.exceptions.NewConnectionError(None, "refused")), HOST
    )
    dropped = translate(
        requests.exceptions.ConnectionError(urllib3.exceptions.ProtocolError("aborted")), HOST
    )
    for problem in (dns, refused, dropped):
        assert isinstance(problem, errors.HostUnreachable)
        assert problem.host == HOST and HOST in problem.message
    assert len({dns.message, refused.message, dropped.message}) == 3


def test_rejected_request_keeps_salesforce_code_and_text():
    problem = translate(
        sf_error(SalesforceMalformedRequest, 400, "INVALID_FIELD", "No such column 'Foo'"), HOST
    )
    assert (problem.status, problem.error_code, problem.sf_message) == (
        400,
        "INVALID_FIELD",
        "No such column 'Foo'",
    )
    assert "No such column 'Foo'" in problem.message


def test_login_faults_for_tokens_and_lockouts_are_wrong_credentials_with_their_own_words():
    token = login_failure("LOGIN_MUST_USE_SECURITY_TOKEN", HOST)
    locked = login_failure("PASSWORD_LOCKOUT", HOST)
    assert isinstance(token, errors.WrongCredentials) and "security token" in token.message
    assert isinstance(locked, errors.WrongCredentials) and "locked" in locked.message


def test_unknown_exceptions_are_not_swallowed():
    with pytest.raises(TypeError):
        translate(RuntimeError("bug"), HOST)


@pytest.mark.parametrize(
    ("exc", "for_reads", "for_writes"),
    [
        (connection_error(urllib3.exceptions.NewConnectionError(None, "refused")), True, True),
        (requests.exceptions.ConnectTimeout("slow"), True, True),
        (requests.exceptions.ReadTimeout("slow"), True, False),
        (
            requests.exceptions.ConnectionError(urllib3.exceptions.ProtocolError("aborted")),
            True,
            False,
        ),
        (sf_error(SalesforceGeneralError, 503, "SERVER_UNAVAILABLE"), True, True),
        (sf_error(SalesforceGeneralError, 502, "BAD_GATEWAY"), True, False),
        (sf_error(SalesforceGeneralError, 504, "GATEWAY_TIMEOUT"), True, False),
        (sf_error(SalesforceGeneralError, 500, "UNKNOWN_EXCEPTION"), False, False),
        (sf_error(SalesforceRefusedRequest, 403, "REQUEST_LIMIT_EXCEEDED"), False, False),
        (sf_error(SalesforceExpiredSession, 401, "INVALID_SESSION_ID"), False, False),
        (requests.exceptions.SSLError("certificate verify failed"), False, False),
        (json.JSONDecodeError("Expecting value", "{", 1), False, False),
    ],
)
def test_what_is_retried(exc, for_reads, for_writes):
    assert is_retryable(exc, idempotent=True) is for_reads
    assert is_retryable(exc, idempotent=False) is for_writes


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_real_refused_connection_is_host_unreachable_and_retryable():
    port = _closed_port()
    with (
        make_http_session(timeout=(2, 2)) as http,
        pytest.raises(requests.RequestException) as caught,
    ):
        http.get(f"https://127.0.0.1:{port}/services/data/")
    problem = translate(caught.value, f"127.0.0.1:{port}")
    assert isinstance(problem, errors.HostUnreachable)
    assert f"127.0.0.1:{port}" in problem.message and "refused" in problem.message
    assert is_retryable(caught.value, idempotent=False)


def test_a_real_dns_failure_is_host_unreachable():
    host = "stint-no-such-host.invalid"
    with (
        make_http_session(timeout=(3, 3)) as http,
        pytest.raises(requests.RequestException) as caught,
    ):
        http.get(f"https://{host}/")
    problem = translate(caught.value, host)
    assert isinstance(problem, errors.HostUnreachable)
    assert host in problem.message
    assert "does not resolve" in problem.message
