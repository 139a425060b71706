"""The app's sign-ins in a child process for real: `stint _sign-in` started as the app starts it
(desktop.engine.sign_in_process), signing in against the sandbox and keeping the sign-in in a
real Secret Service (private gnome-keyring), so the app never loads the Salesforce client."""

from __future__ import annotations

import sys
import threading

import pytest

from desktop.engine import Engine
from desktop.engine.engine_link import IMPORTABLE_OBJECTS
from desktop.engine.link import SYSTEM_KEYRING, stored_keyring
from desktop.engine.sign_in_process import SignInInApp, sign_in_in_child
from desktop.salesforce.errors import Cancelled, WrongCredentials
from desktop.sync.metadata import MetadataCache

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the app signs in from a child on Linux only")


@pytest.fixture
def keyring_bus(keyring_session, monkeypatch):
    """The app's environment: its session bus reaches the Secret Service (the child's too)."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", keyring_session.bus_address)
    return keyring_session


def password_request(sandbox, password: str | None = None) -> dict:
    return {"method": "password", "username": sandbox.username,
            "password": sandbox.password if password is None else password,
            "security_token": sandbox.security_token, "login_url": sandbox.login_url,
            "ca_file": sandbox.ca_file}


def device_request(sandbox) -> dict:
    return {"method": "device", "login_url": sandbox.login_url, "consumer_key": sandbox.client_id,
            "consumer_secret": None, "ca_file": sandbox.ca_file}


def test_a_password_sign_in_in_a_child_is_kept_for_the_app(sandbox, profile_dir, keyring_bus):
    with Engine.open(profile_dir) as engine:
        sign_in_in_child(engine.paths, password_request(sandbox), threading.Event())
        info = engine.adopt_sign_in_from_child()

        assert info.connected and info.username == sandbox.username
        assert info.keyring_persistent is True
        assert stored_keyring(engine.store) == SYSTEM_KEYRING
        # The describes the Settings page shows came with it: the app need not sign in.
        assert MetadataCache(engine.store).all_cached(IMPORTABLE_OBJECTS, engine.clock.now())
        assert engine._secret_store is None and engine._connection is None


def test_a_wrong_password_comes_back_as_its_class(sandbox, profile_dir, keyring_bus):
    with Engine.open(profile_dir) as engine:
        with pytest.raises(WrongCredentials):
            sign_in_in_child(engine.paths, password_request(sandbox, "wrong"), threading.Event())
        assert not engine.link_info().connected  # nothing linked (asked without the keyring)


def test_a_code_sign_in_shows_the_code_and_connects_once_it_is_entered(
        sandbox, profile_dir, keyring_bus):
    sandbox.devices.interval_seconds = 0.2
    shown = []

    def enter_code(user_code: str, verification_uri: str) -> None:
        shown.append((user_code, verification_uri))
        sandbox.browser().enter_device_code(verification_uri, user_code)

    with Engine.open(profile_dir) as engine:
        sign_in_in_child(engine.paths, device_request(sandbox), threading.Event(),
                         show_code=enter_code)
        info = engine.adopt_sign_in_from_child()

    assert len(shown) == 1 and shown[0][1] == f"{sandbox.login_url}/setup/connect"
    assert info.connected and info.auth_method == "device"


def test_a_cancel_stops_the_child_and_says_so(sandbox, profile_dir, keyring_bus):
    sandbox.devices.interval_seconds = 0.2
    cancel = threading.Event()
    with Engine.open(profile_dir) as engine:
        with pytest.raises(Cancelled):
            sign_in_in_child(engine.paths, device_request(sandbox), cancel,
                             show_code=lambda *_code: cancel.set())
        assert not engine.link_info().connected  # nothing linked (asked without the keyring)


def test_without_a_system_keyring_the_app_is_told_to_sign_in_itself(
        sandbox, profile_dir, monkeypatch):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # no Secret Service at all
    with Engine.open(profile_dir) as engine:
        with pytest.raises(SignInInApp):
            sign_in_in_child(engine.paths, password_request(sandbox), threading.Event())
        assert not engine.link_info().connected  # nothing linked (asked without the keyring)
    assert not sandbox.sessions._state.access  # the child asked Salesforce nothing
