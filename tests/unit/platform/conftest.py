"""Fixtures for the platform adapters' tests."""

from __future__ import annotations

import logging

import keyring
import pytest

from desktop.platform import logs


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
