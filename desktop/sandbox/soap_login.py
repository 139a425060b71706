"""SOAP partner API login: POST /services/Soap/u/{version}, as simple-salesforce's SalesforceLogin sends it.

login() is on a clock ("SOAP API End-of-Life Policy"; help article 005132110): it is not
available from API version 65.0, and it is retired in Summer '27 for every version; orgs
created recently have it turned off already. Both answer an INVALID_OPERATION fault, with the
texts real orgs send (forcedotcom/wsc issue 363 for 65.0+; OpenFn/adaptors issue 1715 for an
org where it is off). `ServerContext.soap_login_disabled` is the admin switch for the latter.
"""

from __future__ import annotations

import logging
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from werkzeug.wrappers import Request, Response

from desktop.sandbox.context import ServerContext

logger = logging.getLogger(__name__)

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
PARTNER_NS = "urn:partner.soap.sforce.com"
XML_CONTENT_TYPE = "text/xml;charset=UTF-8"

INVALID_LOGIN = ("INVALID_LOGIN", "Invalid username, password, security token; or user locked out.")
API_DISABLED = ("API_DISABLED_FOR_ORG", "API is not enabled for this Organization or Partner")
LAST_VERSION_WITH_LOGIN = 64.0
LOGIN_DISABLED = ("INVALID_OPERATION", "SOAP API login() is disabled by default in this org. "
                  "Contact the org administrator to enable SOAP API login().")


def login_unavailable_in_version(version: str) -> tuple[str, str]:
    return ("INVALID_OPERATION", "The SOAP Login operation is not available in the API version "
            f"specified ({version}). Refer to the documentation for supported versions.")


class SoapClientError(Exception):
    """The request is not a login envelope we can read (answered as a soapenv:Client fault)."""


def parse_login_envelope(body: bytes) -> tuple[str, str]:
    """(username, password) from a partner API login envelope."""
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
        raise SoapClientError("DOCTYPE is not allowed")
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        raise SoapClientError(f"Unable to parse the request: {exc}") from None
    if root.tag != f"{{{SOAP_ENV}}}Envelope":
        raise SoapClientError("Expected a SOAP 1.1 Envelope")
    login = root.find(f"{{{SOAP_ENV}}}Body/{{{PARTNER_NS}}}login")
    if login is None:
        raise SoapClientError("No operation available for request: expected {urn:partner.soap.sforce.com}login")
    username = login.findtext(f"{{{PARTNER_NS}}}username")
    password = login.findtext(f"{{{PARTNER_NS}}}password")
    if username is None or password is None:
        raise SoapClientError("Element {urn:partner.soap.sforce.com}username or password missing")
    return username.strip(), password


def login_fault(code: str, message: str, fault_type: str = "LoginFault") -> Response:
    """A LoginFault (or another ApiFault) exactly as the partner API sends it (HTTP 500)."""
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<soapenv:Envelope xmlns:soapenv="{SOAP_ENV}" xmlns:sf="urn:fault.partner.soap.sforce.com" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><soapenv:Fault>'
        f"<faultcode>sf:{code}</faultcode><faultstring>{escape(code)}: {escape(message)}</faultstring>"
        f'<detail><sf:{fault_type} xsi:type="sf:{fault_type}">'
        f"<sf:exceptionCode>{code}</sf:exceptionCode><sf:exceptionMessage>{escape(message)}</sf:exceptionMessage>"
        f"</sf:{fault_type}></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>"
    )
    return Response(text, status=500, content_type=XML_CONTENT_TYPE)


def client_fault(message: str) -> Response:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<soapenv:Envelope xmlns:soapenv="{SOAP_ENV}"><soapenv:Body><soapenv:Fault>'
        f"<faultcode>soapenv:Client</faultcode><faultstring>{escape(message)}</faultstring>"
        "</soapenv:Fault></soapenv:Body></soapenv:Envelope>"
    )
    return Response(text, status=500, content_type=XML_CONTENT_TYPE)


def _element(name: str, value: object) -> str:
    if value is None:
        return f'<{name} xsi:nil="true"/>'
    if isinstance(value, bool):
        value = "true" if value else "false"
    return f"<{name}>{escape(str(value))}</{name}>"


def login_response(ctx: ServerContext, version: str, user, session_id: str) -> Response:
    org = ctx.org
    seconds_valid = int(ctx.sessions.lifetime.total_seconds())
    user_info = "".join(_element(k, v) for k, v in (
        ("accessibilityMode", False), ("chatterExternal", False), ("currencySymbol", "$"),
        ("orgAttachmentFileSizeLimit", 5242880), ("orgDefaultCurrencyIsoCode", "USD"),
        ("orgDefaultCurrencyLocale", "en_US"), ("orgDisallowHtmlAttachments", False),
        ("orgHasPersonAccounts", False), ("organizationId", org.org_id),
        ("organizationMultiCurrency", False),
        ("organizationName", getattr(org, "name", "Stint Sandbox")),
        ("profileId", None), ("roleId", None), ("sessionSecondsValid", seconds_valid),
        ("userDefaultCurrencyIsoCode", None), ("userEmail", user.email),
        ("userFullName", user.name), ("userId", user.id), ("userLanguage", "en_US"),
        ("userLocale", "en_US"), ("userName", user.username), ("userTimeZone", "Etc/UTC"),
        ("userType", "Standard"), ("userUiSkin", "Theme3"),
    ))
    result = "".join((
        _element("metadataServerUrl", f"{ctx.base_url}/services/Soap/m/{version}/{org.org_id}"),
        _element("passwordExpired", False),
        _element("sandbox", True),
        _element("serverUrl", f"{ctx.base_url}/services/Soap/u/{version}/{org.org_id}"),
        _element("sessionId", session_id),
        _element("userId", user.id),
        f"<userInfo>{user_info}</userInfo>",
    ))
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<soapenv:Envelope xmlns:soapenv="{SOAP_ENV}" xmlns="{PARTNER_NS}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<soapenv:Body><loginResponse><result>{result}</result></loginResponse></soapenv:Body>"
        "</soapenv:Envelope>"
    )
    return Response(text, status=200, content_type=XML_CONTENT_TYPE)


def handle_soap_login(ctx: ServerContext, request: Request, version: str) -> Response:
    try:
        username, password = parse_login_envelope(request.get_data())
    except SoapClientError as exc:
        return client_fault(str(exc))
    if float(version) > LAST_VERSION_WITH_LOGIN:
        logger.info("SOAP login refused: not available in API version %s", version)
        return login_fault(*login_unavailable_in_version(version), fault_type="UnexpectedErrorFault")
    if ctx.soap_login_disabled:
        logger.info("SOAP login refused: login() is disabled in this org")
        return login_fault(*LOGIN_DISABLED, fault_type="UnexpectedErrorFault")
    user = ctx.org.user_by_username(username)
    if user is None or not ctx.check_password(user, password, with_token=True):
        logger.info("SOAP login refused: invalid credentials")
        return login_fault(*INVALID_LOGIN)
    if not user.api_enabled:
        return login_fault(*API_DISABLED)
    session = ctx.sessions.open_session(user.id, scope="full")
    return login_response(ctx, version, user, session.token)
