"""The device flow's polling rhythm (RFC 8628 section 3.5), against scripted token answers:
the sandbox cannot make a well-behaved client poll too early, so slow_down is scripted here."""

from __future__ import annotations

import pytest

from desktop.salesforce.device_flow import DeviceCode, wait_for_approval
from desktop.salesforce.errors import (
    AuthorizationDenied,
    AuthorizationFailed,
    Cancelled,
    DeviceCodeExpired,
    DeviceFlowDisabled,
    ServerError,
)
from desktop.salesforce.oauth_client import OAuthClient

LOGIN = "https://login.example.com"
TOKENS = {"access_token": "00D!tok", "instance_url": "https://acme.my.example.com",
          "id": "https://login.example.com/id/00Dx/005x000000000001", "refresh_token": "5Aep"}


class _Answer:
    def __init__(self, status, body):
        self.status_code, self._body = status, body

    def json(self):
        return self._body


class ScriptedTokenEndpoint:
    """Stands in for the requests session: answers each POST with the next scripted answer."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.forms = []

    def post(self, url, data, headers):
        assert url == f"{LOGIN}/services/oauth2/token"
        self.forms.append(data)
        return _Answer(*self.answers.pop(0))


class RecordingWait:
    """Stands in for the cancel event: records each wait instead of sleeping."""

    def __init__(self, cancel_after=None):
        self.waits = []
        self.cancel_after = cancel_after

    def wait(self, seconds):
        self.waits.append(seconds)
        return self.cancel_after is not None and len(self.waits) > self.cancel_after


def pending(error="authorization_pending"):
    return 400, {"error": error, "error_description": error.replace("_", " ")}


CODE = DeviceCode("ABCD2345", "https://login.example.com/setup/connect", 5.0, None, "M0dev")
CLIENT = OAuthClient("3MVGkey")


def test_polls_at_the_interval_and_slows_down_by_five_seconds_for_good():
    endpoint = ScriptedTokenEndpoint(pending(), pending("slow_down"), pending(), (200, TOKENS))
    clock = RecordingWait()
    session = wait_for_approval(LOGIN, CLIENT, CODE, endpoint, cancel=clock)
    assert session.user_id == "005x000000000001" and session.refresh_token == "5Aep"
    assert clock.waits == [5.0, 5.0, 10.0, 10.0]
    assert endpoint.forms[0] == {"client_id": "3MVGkey", "grant_type": "device", "code": "M0dev"}


@pytest.mark.parametrize("answer, problem", [
    (pending("access_denied"), AuthorizationDenied),
    (pending("expired_token"), DeviceCodeExpired),
    (pending("invalid_grant"), DeviceCodeExpired),
    (pending("unauthorized_client"), DeviceFlowDisabled),
    (pending("unsupported_grant_type"), DeviceFlowDisabled),
    (pending("server_confused"), AuthorizationFailed),
    ((503, None), ServerError),
])
def test_answers_that_end_the_wait(answer, problem):
    with pytest.raises(problem):
        wait_for_approval(LOGIN, CLIENT, CODE, ScriptedTokenEndpoint(pending(), answer),
                          cancel=RecordingWait())


def test_gives_up_when_the_code_lifetime_is_over():
    short_lived = DeviceCode("ABCD2345", CODE.verification_uri, 5.0, 12.0, "M0dev")
    endpoint = ScriptedTokenEndpoint(pending(), pending(), pending())
    with pytest.raises(DeviceCodeExpired):
        wait_for_approval(LOGIN, CLIENT, short_lived, endpoint, cancel=RecordingWait())
    assert len(endpoint.forms) == 3  # at 5, 10 and 12 seconds: within the 12 s it lives


def test_cancelling_stops_the_wait():
    clock = RecordingWait(cancel_after=1)
    with pytest.raises(Cancelled):
        wait_for_approval(LOGIN, CLIENT, CODE, ScriptedTokenEndpoint(pending()), cancel=clock)


def test_an_unknown_refusal_speaks_of_the_code_not_the_browser():
    with pytest.raises(AuthorizationFailed) as caught:
        wait_for_approval(LOGIN, CLIENT, CODE, ScriptedTokenEndpoint(pending("server_confused")),
                          cancel=RecordingWait())
    assert "with a code" in caught.value.message
