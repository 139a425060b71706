"""Fixtures for driving the sandbox over HTTPS with unmodified simple-salesforce and requests."""

from __future__ import annotations

import pytest


@pytest.fixture
def sf(sandbox):
    """A logged-in simple_salesforce.Salesforce (direct mode) on the per-test sandbox."""
    return sandbox.salesforce()


@pytest.fixture
def http(sandbox):
    """A plain requests session that trusts the sandbox CA."""
    session = sandbox.http_session()
    yield session
    session.close()


@pytest.fixture
def bearer(sf):
    """Authorization headers with the session id of `sf`."""
    return {"Authorization": f"Bearer {sf.session_id}"}
