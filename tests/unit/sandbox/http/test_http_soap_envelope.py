"""Parsing the partner API login envelope and shaping faults."""

import xml.dom.minidom

import pytest

from desktop.sandbox.soap_login import SoapClientError, login_fault, parse_login_envelope

ENVELOPE = """<?xml version="1.0" encoding="utf-8" ?>
<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com">
  <env:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com">
    <n1:username>a&amp;b@example.com</n1:username><n1:password>pw&lt;TOKEN</n1:password>
  </n1:login></env:Body></env:Envelope>"""


def test_parses_username_and_password_with_entities():
    assert parse_login_envelope(ENVELOPE.encode()) == ("a&b@example.com", "pw<TOKEN")


@pytest.mark.parametrize("body", [
    b"not xml",
    b"<Envelope/>",
    b'<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body/></env:Envelope>',
    b'<!DOCTYPE x [<!ENTITY a "b">]><x/>',
])
def test_rejects_what_is_not_a_login_envelope(body):
    with pytest.raises(SoapClientError):
        parse_login_envelope(body)


def test_fault_carries_prefixed_exception_code_and_message():
    response = login_fault("INVALID_LOGIN", "Invalid username, password, security token; or user locked out.")
    assert response.status_code == 500
    dom = xml.dom.minidom.parseString(response.get_data())
    assert dom.getElementsByTagName("faultcode")[0].firstChild.data == "sf:INVALID_LOGIN"
    assert dom.getElementsByTagName("sf:exceptionCode")[0].firstChild.data == "INVALID_LOGIN"
