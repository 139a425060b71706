"""Where IntegrationService signs in: in a child process when one can keep the sign-in in the
system keyring (the real child: tests/unit/commands/test_cli_sign_in_process.py; the real app:
tests/e2e/test_app_connect.py), else in the app's own process, as when the child finds no
system keyring or cannot be started."""

from __future__ import annotations

import logging

import pytest

from desktop.engine import Engine
from desktop.engine.sign_in_process import SignInInApp
from desktop.platform.secrets import MemorySecretStore
from desktop.services import integration_service as integration_module
from desktop.services.integration_service import IntegrationService

CONNECT_TIMEOUT_MS = 20_000


@pytest.fixture
def engine(profile_dir):
    opened = Engine.open(profile_dir, secret_store=MemorySecretStore(), log_to_file=False)
    yield opened
    opened.close()


def sign_in(qtbot, engine, sandbox) -> str:
    service = IntegrationService(engine)
    with qtbot.waitSignal(service.connected, timeout=CONNECT_TIMEOUT_MS) as connected:
        service.connect_password(sandbox.login_url, sandbox.username, sandbox.password,
                                 sandbox.security_token, sandbox.ca_file)
    return connected.args[0]


@pytest.mark.parametrize("child_answer", [SignInInApp(), OSError("no stint to start")],
                         ids=["no system keyring", "no child process"])
def test_the_app_signs_in_itself_when_no_child_can(qtbot, engine, sandbox, monkeypatch, caplog,
                                                   child_answer):
    asked = []

    def child(paths, request, cancel, show_url=None, show_code=None):
        asked.append(request)
        raise child_answer

    monkeypatch.setattr(engine, "can_sign_in_in_child", lambda: True)
    monkeypatch.setattr(integration_module, "sign_in_in_child", child)
    with caplog.at_level(logging.INFO, "desktop.services.integration_service"):
        assert sign_in(qtbot, engine, sandbox) == sandbox.username
    assert [request["method"] for request in asked] == ["password"]
    assert asked[0]["password"] == sandbox.password  # to the child's stdin, in the real one
    assert "signing in here" in caplog.text
    assert engine.connection_info().connected


def test_a_child_sign_in_is_adopted_without_signing_in_here(qtbot, engine, sandbox, monkeypatch):
    adopted = []

    def child(paths, request, cancel, show_url=None, show_code=None):
        adopted.append(request["method"])  # a stand-in: the real one keeps it in the keyring

    def in_app(*args, **kwargs):
        raise AssertionError("signed in in the app's process")

    monkeypatch.setattr(engine, "can_sign_in_in_child", lambda: True)
    monkeypatch.setattr(engine, "connect_password", in_app)
    monkeypatch.setattr(integration_module, "sign_in_in_child", child)
    sign_in(qtbot, engine, sandbox)
    assert adopted == ["password"]
