"""Fixtures for the sync and engine tests: an Engine on a temporary profile, connected to the
sandbox with an in-memory secret store, and a quick way to change data as a real user."""

from __future__ import annotations

import pytest

from desktop.engine import Engine
from desktop.platform.secrets import MemorySecretStore


@pytest.fixture
def secrets() -> MemorySecretStore:
    return MemorySecretStore()


@pytest.fixture
def engine(profile_dir, secrets):
    with Engine.open(profile_dir, secret_store=secrets, policy={}, log_to_file=False) as opened:
        yield opened


@pytest.fixture
def connected(engine, sandbox):
    """The engine signed in to the sandbox with a password (not synced yet)."""
    engine.connect_password(
        sandbox.username, sandbox.password, sandbox.security_token,
        login_url=sandbox.login_url, ca_file=sandbox.ca_file,
    )
    return engine


@pytest.fixture
def sf(sandbox):
    """simple-salesforce as a real user of the sandbox org, to change data."""
    return sandbox.salesforce()
