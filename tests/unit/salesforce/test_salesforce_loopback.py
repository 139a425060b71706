import threading
from urllib.parse import urlsplit

import pytest
import requests

from desktop.salesforce.errors import (
    AuthorizationDenied,
    AuthorizationFailed,
    Cancelled,
    StateMismatch,
)
from desktop.salesforce.loopback import LoopbackListener


def _plain_session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxy for 127.0.0.1
    return session


def test_listener_binds_an_ephemeral_loopback_port():
    with LoopbackListener("s") as first, LoopbackListener("s") as second:
        for listener in (first, second):
            parts = urlsplit(listener.redirect_uri)
            assert (parts.scheme, parts.hostname, parts.path) == ("http", "127.0.0.1", "/callback")
            assert parts.port == listener.port and listener.port > 0
        assert first.port != second.port


def test_redirect_with_matching_state_delivers_the_code():
    with LoopbackListener("expected-state") as listener, _plain_session() as http:
        response = http.get(
            listener.redirect_uri, params={"code": "aPrx123", "state": "expected-state"}
        )
        assert response.status_code == 200
        assert "close this tab" in response.text
        assert response.headers["Cache-Control"] == "no-store"
        assert listener.wait_for_code(timeout=1) == "aPrx123"


def test_mismatched_state_is_rejected():
    with LoopbackListener("expected-state") as listener, _plain_session() as http:
        response = http.get(listener.redirect_uri, params={"code": "aPrx123", "state": "forged"})
        assert response.status_code == 400
        assert "aPrx123" not in response.text
        with pytest.raises(StateMismatch):
            listener.wait_for_code(timeout=1)


def test_missing_state_is_rejected():
    with LoopbackListener("expected-state") as listener, _plain_session() as http:
        http.get(listener.redirect_uri, params={"code": "aPrx123"})
        with pytest.raises(StateMismatch):
            listener.wait_for_code(timeout=1)


def test_denied_access_is_reported_as_denied():
    with LoopbackListener("st") as listener, _plain_session() as http:
        http.get(
            listener.redirect_uri,
            params={
                "error": "access_denied",
                "error_description": "end-user denied",
                "state": "st",
            },
        )
        with pytest.raises(AuthorizationDenied):
            listener.wait_for_code(timeout=1)


def test_other_oauth_errors_fail_the_sign_in():
    with LoopbackListener("st") as listener, _plain_session() as http:
        http.get(listener.redirect_uri, params={"error": "invalid_request", "state": "st"})
        with pytest.raises(AuthorizationFailed) as caught:
            listener.wait_for_code(timeout=1)
        assert not isinstance(caught.value, AuthorizationDenied)


def test_other_paths_are_ignored_and_only_the_first_redirect_counts():
    with LoopbackListener("st") as listener, _plain_session() as http:
        assert http.get(f"http://127.0.0.1:{listener.port}/favicon.ico").status_code == 404
        http.get(listener.redirect_uri, params={"code": "first", "state": "st"})
        late = http.get(listener.redirect_uri, params={"code": "second", "state": "st"})
        assert late.status_code == 410
        assert listener.wait_for_code(timeout=1) == "first"


def test_waiting_times_out():
    with LoopbackListener("st") as listener, pytest.raises(AuthorizationFailed):
        listener.wait_for_code(timeout=0.2)


def test_waiting_can_be_cancelled():
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    with LoopbackListener("st") as listener, pytest.raises(Cancelled):
        listener.wait_for_code(timeout=10, cancel=cancel)


def test_closed_listener_frees_its_port():
    listener = LoopbackListener("st")
    with listener:
        port = listener.port
    with _plain_session() as http, pytest.raises(requests.ConnectionError):
        http.get(f"http://127.0.0.1:{port}/callback", timeout=2)
