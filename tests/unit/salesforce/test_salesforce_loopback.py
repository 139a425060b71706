"""The browser sign-in's loopback listener on Stint's registered localhost callback URL."""

import socket
import threading
import time

import pytest
import requests

from desktop.salesforce.errors import (
    AuthorizationDenied,
    AuthorizationFailed,
    CallbackPortBusy,
    Cancelled,
    ScopeNotAllowed,
    SignInTimedOut,
)
from desktop.salesforce.loopback import LoopbackListener
from tests.support.callback import free_port


@pytest.fixture
def callback_url() -> str:
    return f"http://localhost:{free_port()}/oauth/callback"


def _plain_session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxy for localhost
    return session


def _v4(url: str) -> str:
    """The same address by IPv4 (what a browser reaches when localhost is 127.0.0.1)."""
    return url.replace("localhost", "127.0.0.1")


def test_listens_exactly_on_the_callback_url(callback_url):
    with LoopbackListener(callback_url, "s") as listener:
        assert listener.redirect_uri == callback_url
        assert listener.port == int(callback_url.split(":")[2].split("/")[0])


def test_localhost_is_served_on_ipv4_and_ipv6_where_there_is_one(callback_url):
    with LoopbackListener(callback_url, "st") as listener, _plain_session() as http:
        assert http.get(_v4(callback_url) + "x").status_code == 404
        try:
            answer = http.get(callback_url.replace("localhost", "[::1]") + "x", timeout=5)
        except requests.ConnectionError:
            pytest.skip("no IPv6 loopback on this machine")
        assert answer.status_code == 404
        assert listener.port


def test_redirect_with_matching_state_delivers_the_code(callback_url):
    with LoopbackListener(callback_url, "expected-state") as listener, _plain_session() as http:
        response = http.get(callback_url, params={"code": "aPrx123", "state": "expected-state"})
        assert response.status_code == 200
        assert "close this tab" in response.text
        assert response.headers["Cache-Control"] == "no-store"
        assert listener.wait_for_code(timeout=1) == "aPrx123"


def test_a_wrong_state_is_refused_and_does_not_end_the_sign_in(callback_url):
    """Issue 11, point 13: a forged or stale redirect gets a refusal page; the real one still
    completes the sign-in."""
    with LoopbackListener(callback_url, "expected-state") as listener, _plain_session() as http:
        forged = http.get(callback_url, params={"code": "forged-code", "state": "forged"})
        assert forged.status_code == 400 and "forged-code" not in forged.text
        missing = http.get(callback_url, params={"error": "access_denied"})
        assert missing.status_code == 400
        with pytest.raises(SignInTimedOut):
            listener.wait_for_code(timeout=0.2)  # still waiting
        http.get(callback_url, params={"code": "real-code", "state": "expected-state"})
        assert listener.wait_for_code(timeout=1) == "real-code"


def test_an_idle_connection_neither_ends_nor_blocks_the_sign_in(callback_url, capfd):
    """Issue 11, point 13: a client that connects and sends nothing (or half a request) does
    not hold up the redirect, and nothing prints a traceback."""
    with LoopbackListener(callback_url, "st") as listener, _plain_session() as http:
        idle = socket.create_connection(("127.0.0.1", listener.port))
        half = socket.create_connection(("127.0.0.1", listener.port))
        half.sendall(b"GET /oauth/callback?code=x HTTP/1.1\r\nHost: local")
        try:
            started = time.monotonic()
            answer = http.get(callback_url, params={"code": "c0de", "state": "st"}, timeout=5)
            assert answer.status_code == 200 and time.monotonic() - started < 2
            assert listener.wait_for_code(timeout=1) == "c0de"
        finally:
            idle.close()
            half.close()
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err and "Traceback" not in captured.out


def test_a_connection_reset_mid_request_prints_no_traceback(callback_url, capfd):
    with LoopbackListener(callback_url, "st") as listener, _plain_session() as http:
        rude = socket.create_connection(("127.0.0.1", listener.port))
        rude.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        rude.sendall(b"GET /oauth/callback?state=st&code=")
        rude.close()  # RST
        http.get(callback_url, params={"code": "ok", "state": "st"})
        assert listener.wait_for_code(timeout=1) == "ok"
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out


def test_denied_access_is_reported_as_denied(callback_url):
    with LoopbackListener(callback_url, "st") as listener, _plain_session() as http:
        http.get(callback_url, params={"error": "access_denied",
                                       "error_description": "end-user denied", "state": "st"})
        with pytest.raises(AuthorizationDenied):
            listener.wait_for_code(timeout=1)


def test_a_scope_the_app_does_not_allow_is_a_set_up_problem(callback_url):
    with LoopbackListener(callback_url, "st") as listener, _plain_session() as http:
        http.get(callback_url, params={"error": "invalid_scope", "state": "st"})
        with pytest.raises(ScopeNotAllowed) as caught:
            listener.wait_for_code(timeout=1)
    assert caught.value.setup_topic == "scopes"


def test_other_oauth_errors_fail_the_sign_in_naming_only_a_plain_code(callback_url):
    with LoopbackListener(callback_url, "st") as listener, _plain_session() as http:
        http.get(callback_url, params={"error": "<script>x</script>", "state": "st"})
        with pytest.raises(AuthorizationFailed) as caught:
            listener.wait_for_code(timeout=1)
    assert not isinstance(caught.value, AuthorizationDenied)
    assert "<script>" not in caught.value.message and '"unknown"' in caught.value.message


def test_other_paths_are_ignored_and_only_the_first_redirect_counts(callback_url):
    with LoopbackListener(callback_url, "st") as listener, _plain_session() as http:
        assert http.get(_v4(callback_url).rsplit("/", 2)[0] + "/favicon.ico").status_code == 404
        http.get(callback_url, params={"code": "first", "state": "st"})
        late = http.get(callback_url, params={"code": "second", "state": "st"})
        assert late.status_code == 410
        assert listener.wait_for_code(timeout=1) == "first"


def test_a_busy_port_is_named_in_plain_words(callback_url):
    port = int(callback_url.split(":")[2].split("/")[0])
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", port))
        other_program.listen()
        with pytest.raises(CallbackPortBusy) as caught:
            LoopbackListener(callback_url, "st")
    assert f"port {port}" in caught.value.message
    assert caught.value.setup_topic == "callback-url"


def test_the_port_is_free_again_at_once_for_the_next_attempt(callback_url):
    for attempt in range(2):
        with LoopbackListener(callback_url, f"s{attempt}") as listener, _plain_session() as http:
            http.get(callback_url, params={"code": "c", "state": f"s{attempt}"})
            assert listener.wait_for_code(timeout=1) == "c"


def test_waiting_times_out_naming_the_callback_url(callback_url):
    with LoopbackListener(callback_url, "st") as listener, pytest.raises(SignInTimedOut) as caught:
        listener.wait_for_code(timeout=0.2)
    assert callback_url in caught.value.message and "redirect_uri_mismatch" in caught.value.message


def test_waiting_can_be_cancelled(callback_url):
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    with LoopbackListener(callback_url, "st") as listener, pytest.raises(Cancelled):
        listener.wait_for_code(timeout=10, cancel=cancel)


def test_closed_listener_frees_its_port(callback_url):
    listener = LoopbackListener(callback_url, "st")
    with listener:
        pass
    with _plain_session() as http, pytest.raises(requests.ConnectionError):
        http.get(_v4(callback_url), timeout=2)


@pytest.mark.parametrize("url", ["http://127.0.0.1:7846/cb", "https://localhost:7846/cb",
                                 "http://localhost/cb"])
def test_only_a_localhost_callback_with_a_port_is_listened_on(url):
    with pytest.raises(ValueError):
        LoopbackListener(url, "st")
