"""SOAP partner login through simple-salesforce's own login functions."""

import pytest
from simple_salesforce import Salesforce, SalesforceLogin
from simple_salesforce.exceptions import SalesforceAuthenticationFailed
from simple_salesforce.login import soap_login


def test_salesforce_login_with_a_custom_login_url_returns_session_and_instance(sandbox):
    session_id, instance = SalesforceLogin(
        username=sandbox.username, password=sandbox.password,
        security_token=sandbox.security_token, scratch_url=sandbox.login_url,
        session=sandbox.http_session())
    assert instance == f"127.0.0.1:{sandbox.port}"
    assert session_id.startswith(sandbox.org.org_id[:15] + "!")
    sf = Salesforce(session_id=session_id, instance=instance, session=sandbox.http_session())
    me = sf.query(f"SELECT Id, Username FROM User WHERE Username = '{sandbox.username}'")
    assert me["records"][0]["Id"] == sandbox.org.api_user.id


def test_login_response_carries_the_partner_fields(sandbox, http):
    body = f"""<?xml version="1.0" encoding="utf-8" ?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com">
<soapenv:Body><urn:login><urn:username>{sandbox.username}</urn:username>
<urn:password>{sandbox.password}{sandbox.security_token}</urn:password></urn:login></soapenv:Body></soapenv:Envelope>"""
    response = http.post(f"{sandbox.login_url}/services/Soap/u/59.0", data=body,
                         headers={"content-type": "text/xml", "SOAPAction": "login"})
    assert response.status_code == 200
    text = response.text
    org_id = sandbox.org.org_id
    assert f"<serverUrl>{sandbox.instance_url}/services/Soap/u/59.0/{org_id}</serverUrl>" in text
    assert f"<userId>{sandbox.org.api_user.id}</userId>" in text
    assert "<passwordExpired>false</passwordExpired>" in text
    assert "<sandbox>true</sandbox>" in text
    assert "<sessionSecondsValid>7200</sessionSecondsValid>" in text
    # the instance simple-salesforce derives from serverUrl
    assert soap_login(f"{sandbox.login_url}/services/Soap/u/59.0", body, {"SOAPAction": "login"},
                      None, http)[1] == f"127.0.0.1:{sandbox.port}"


@pytest.mark.parametrize("password, token", [
    ("wrong-password", None),        # wrong password
    (None, "WRONGTOKEN"),            # right password, wrong token
    (None, ""),                      # password without the token
])
def test_bad_credentials_fault_with_invalid_login(sandbox, password, token):
    with pytest.raises(SalesforceAuthenticationFailed) as failure:
        SalesforceLogin(username=sandbox.username, password=password or sandbox.password,
                        security_token=sandbox.security_token if token is None else token,
                        scratch_url=sandbox.login_url, session=sandbox.http_session())
    assert failure.value.code == "INVALID_LOGIN"
    assert failure.value.auth_message == "Invalid username, password, security token; or user locked out."


def test_unknown_user_faults_with_invalid_login(sandbox):
    with pytest.raises(SalesforceAuthenticationFailed) as failure:
        SalesforceLogin(username="nobody@example.com", password="x", security_token="y",
                        scratch_url=sandbox.login_url, session=sandbox.http_session())
    assert failure.value.code == "INVALID_LOGIN"


def test_user_without_api_access_faults_with_api_disabled(sandbox):
    sandbox.org.set_api_enabled(sandbox.username, False)
    with pytest.raises(SalesforceAuthenticationFailed) as failure:
        sandbox.login()
    assert failure.value.code == "API_DISABLED_FOR_ORG"
    assert failure.value.auth_message == "API is not enabled for this Organization or Partner"


def test_garbage_envelope_is_a_soap_client_fault(sandbox, http):
    response = http.post(f"{sandbox.login_url}/services/Soap/u/59.0", data="<nope>",
                         headers={"content-type": "text/xml", "SOAPAction": "login"})
    assert response.status_code == 500
    assert "<faultcode>soapenv:Client</faultcode>" in response.text


def test_login_is_post_only(sandbox, http):
    response = http.get(f"{sandbox.login_url}/services/Soap/u/59.0")
    assert response.status_code == 405
    assert response.json()[0]["errorCode"] == "METHOD_NOT_ALLOWED"


def _login(sandbox, version):
    return SalesforceLogin(username=sandbox.username, password=sandbox.password,
                           security_token=sandbox.security_token, sf_version=version,
                           scratch_url=sandbox.login_url, session=sandbox.http_session())


@pytest.mark.parametrize("version", ["65.0", "66.0"])
def test_login_is_not_available_from_api_version_65(sandbox, version):
    """"SOAP API End-of-Life Policy": login() is not available in API version 65.0 onwards;
    the fault is INVALID_OPERATION with the text real orgs send (forcedotcom/wsc issue 363)."""
    with pytest.raises(SalesforceAuthenticationFailed) as failure:
        _login(sandbox, version)
    assert failure.value.code == "INVALID_OPERATION"
    assert failure.value.auth_message == (
        f"The SOAP Login operation is not available in the API version specified ({version}). "
        "Refer to the documentation for supported versions.")


def test_login_still_works_at_64(sandbox):
    session_id, _instance = _login(sandbox, "64.0")
    assert session_id


def test_the_admin_switch_turns_login_off_for_every_version(sandbox, http):
    """Help article 005132110: login() is retired in Summer '27 for all versions, and new orgs
    have it turned off; the fault text is a real org's (OpenFn/adaptors issue 1715)."""
    answer = http.post(f"{sandbox.admin_url}/soap-login", json={"disabled": True})
    assert answer.json() == {"disabled": True}
    for version in ("59.0", "62.0", "64.0"):
        with pytest.raises(SalesforceAuthenticationFailed) as failure:
            _login(sandbox, version)
        assert failure.value.code == "INVALID_OPERATION"
        assert "SOAP API login() is disabled" in failure.value.auth_message
    http.post(f"{sandbox.admin_url}/soap-login", json={"disabled": False})
    assert _login(sandbox, "62.0")[0]
