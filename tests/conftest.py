"""Fixtures shared by every test: a temporary profile and a fresh sandbox org."""

from __future__ import annotations

import pytest


@pytest.fixture
def profile_dir(tmp_path, monkeypatch):
    """A fresh, empty Stint profile directory; STINT_HOME points at it (and XDG_CONFIG_HOME at
    a private directory)."""
    profile = tmp_path / "profile"
    profile.mkdir()
    monkeypatch.setenv("STINT_HOME", str(profile))
    monkeypatch.delenv("STINT_POLICY", raising=False)
    # "Start at log-in" writes to $XDG_CONFIG_HOME/autostart: never the developer's own.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return profile


@pytest.fixture
def sandbox():
    """A running sandbox org ('small' size, seed 1) on 127.0.0.1, stopped after the test.

    Yields a desktop.sandbox.harness.RunningSandbox (login_url, instance_url, username,
    password, security_token, client_id, ca_file, admin_url, org, clock, faults).
    """
    from desktop.sandbox.harness import start_sandbox

    running = start_sandbox(size="small", seed=1)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def demo_sandbox():
    """Like `sandbox`, with the 'demo' org (a few dozen believable records per object)."""
    from desktop.sandbox.harness import start_sandbox

    running = start_sandbox(size="demo", seed=1)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def callback_url(sandbox):
    """A browser sign-in callback URL on a free port, registered on `sandbox`'s connected app
    (tests never use Stint's fixed default port, which parallel runs would share)."""
    from tests.support.callback import registered_callback_url

    return registered_callback_url(sandbox)
