"""Fixtures for the platform adapters' tests."""

from __future__ import annotations

import logging

import keyring
import pytest

from desktop.platform import logs


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "real_keyring: uses a real gnome-keyring on a private D-Bus session (skipped if absent)",
    )


@pytest.fixture(autouse=True)
def _isolated_log_state():
    """Each test starts with no registered secrets and leaves the root logger as it found it."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    logs.forget_registered_secrets()
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    logs.forget_registered_secrets()


@pytest.fixture
def restore_keyring():
    """Put back keyring's global backend after a test that calls keyring.set_keyring."""
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def gnome_keyring(tmp_path, monkeypatch):
    """A private, unlocked gnome-keyring; this process's D-Bus calls go to it."""
    from tests.support.keyring_session import KeyringSession, unavailable_reason

    reason = unavailable_reason()
    if reason:
        pytest.skip(f"no gnome-keyring session possible: {reason}")
    with KeyringSession(tmp_path / "keyring-session") as session:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session.bus_address)
        yield session
