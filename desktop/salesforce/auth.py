"""Username + password + security token sign-in through Salesforce's SOAP login call."""

from __future__ import annotations

import logging

import requests
from simple_salesforce.login import SalesforceLogin
from simple_salesforce.util import getUniqueElementValueFromXmlString

from desktop.platform.logs import register_secret
from desktop.salesforce.error_mapping import translate
from desktop.salesforce.errors import MalformedResponse
from desktop.salesforce.http import make_http_session
from desktop.salesforce.login_url import host_of, normalize_login_url
from desktop.salesforce.session_info import SessionInfo

logger = logging.getLogger(__name__)

API_VERSION = "62.0"  # the REST API version the client uses
# SOAP login() is not available from API 65.0 and is retired for every version in Summer '27
# ("SOAP API End-of-Life Policy"); 62.0 to 64.0 keep it until then, whatever REST version the
# client moves to. After that Salesforce answers INVALID_OPERATION: PasswordSignInRetired.
SOAP_LOGIN_VERSION = "64.0"
CLIENT_NAME = "Stint"


def password_login(
    login_url: str,
    username: str,
    password: str,
    security_token: str,
    *,
    ca_file: str | None = None,
    api_version: str = SOAP_LOGIN_VERSION,
) -> SessionInfo:
    """Sign in with SOAP `login` against any https login URL; raise a ConnectionProblem
    (PasswordSignInRetired once Salesforce no longer offers login() to this org).

    The login runs on its own short-lived session (verified against `ca_file`, else certifi)
    so the response hook that reads the user id cannot see other threads' traffic.
    """
    base = normalize_login_url(login_url)
    host = host_of(base)
    register_secret(password)
    register_secret(security_token)
    login_session = make_http_session(ca_file)
    captured: list[requests.Response] = []
    # SalesforceLogin returns (session id, instance) only; the user id is in the same answer.
    login_session.hooks["response"].append(
        lambda response, *args, **kwargs: captured.append(response)
    )
    try:
        session_id, instance = SalesforceLogin(
            username=username,
            password=password,
            security_token=security_token or "",
            sf_version=api_version,
            session=login_session,
            client_id=CLIENT_NAME,
            scratch_url=base,  # any login host, not just {domain}.salesforce.com
        )
        user_id = (
            getUniqueElementValueFromXmlString(captured[-1].content, "userId") if captured else None
        )
    except Exception as exc:  # every failure becomes a plain-language problem
        # `from None`: the chained library exception may quote the server's raw answer.
        problem = translate(exc, host)
        logger.info("password sign-in to %s failed: %s", host, type(problem).__name__)
        raise problem from None
    finally:
        login_session.close()
    if not session_id or not instance or not user_id:
        raise MalformedResponse(host)
    logger.info("signed in to %s with a password", host)
    return SessionInfo(
        access_token=session_id,
        instance_url=f"https://{instance}",
        user_id=user_id,
        username=username,
    )
