"""Fixtures for the CLI tests: in-process `main(argv)` with a shared in-memory secret store,
and `stint` subprocesses against a private gnome-keyring (a real Secret Service)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from dataclasses import dataclass

import pytest

from desktop.cli import main
from desktop.engine import Engine
from desktop.platform import logs
from desktop.platform.secrets import MemorySecretStore


@pytest.fixture(autouse=True)
def _isolated_logging():
    """Engine.open installs a file handler on the root logger; take it away afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    logs.forget_registered_secrets()


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


class SharedKeyring(MemorySecretStore):
    """An in-memory secret store that every Engine of this process shares, as the processes
    of a session share the system keyring: it keeps sign-ins from one command to the next."""

    persistent = True


@pytest.fixture
def memory_keyring(monkeypatch):
    """Every Engine opened in this process shares one in-memory secret store (like a keyring
    shared by the processes of a session)."""
    store = SharedKeyring()
    monkeypatch.setattr("desktop.engine.core.open_secret_store", lambda service: store)
    return store


def push_in_this_process(engine) -> None:
    """What the background `stint push` that start/stop/add hand write-back to does, done at
    once in this process (a child process could not see the in-memory keyring)."""
    from desktop.commands.writeback import push

    with Engine.open(engine.paths.root, policy=engine.settings.policy, log_to_file=False,
                     clock=engine.clock) as pusher:
        push(pusher)


class TickingClock:
    """Real time, one second later at every reading: a timer started and stopped by two
    quick commands still holds time (the store drops zero-length entries). `advance` lets
    a test's work take longer (write-back keeps entries under a minute local)."""

    def __init__(self) -> None:
        self._ticks = 0

    def advance(self, seconds: float) -> None:
        self._ticks += seconds

    def now(self):
        from datetime import UTC, datetime, timedelta

        self._ticks += 1
        return datetime.now(UTC) + timedelta(seconds=self._ticks)

    def monotonic(self) -> float:
        import time

        return time.monotonic()


@pytest.fixture
def stint(profile_dir, memory_keyring, capsys, monkeypatch):
    """Run `stint --profile <tmp> ARGS...` in this process; returns (code, stdout, stderr)."""

    clock = TickingClock()
    monkeypatch.setattr("desktop.engine.core.SYSTEM_CLOCK", clock)
    monkeypatch.setattr("desktop.commands.writeback.start_background_push", push_in_this_process)

    def run(*args: str, stdin: str | None = None) -> Outcome:
        if stdin is not None:
            import io

            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--profile", str(profile_dir), *args])
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    run.clock = clock
    return run


@pytest.fixture
def connected_cli(stint, sandbox):
    result = stint(
        "connect", "--login-url", sandbox.login_url, "--username", sandbox.username,
        "--password-stdin", "--ca-file", sandbox.ca_file,
        stdin=f"{sandbox.password}\n{sandbox.security_token}\n",
    )
    assert result.code == 0, result.err
    return stint


@pytest.fixture(scope="module")
def keyring_session(tmp_path_factory):
    from tests.support.keyring_session import KeyringSession, unavailable_reason

    reason = unavailable_reason()
    if reason:
        pytest.skip(f"no gnome-keyring session possible: {reason}")
    with KeyringSession(tmp_path_factory.mktemp("keyring")) as session:
        yield session


@pytest.fixture
def stint_process(profile_dir, keyring_session):
    """Run the real `stint` command in a subprocess using the private keyring."""
    env = keyring_session.env()
    env.pop("STINT_POLICY", None)
    env["STINT_HOME"] = str(profile_dir)

    def run(*args: str, stdin: str = "", timeout: float = 120, **options) -> Outcome:
        completed = subprocess.run(
            [sys.executable, "-m", "desktop", *args], input=stdin, capture_output=True,
            text=True, env={**env, **options.pop("env", {})}, timeout=timeout, **options,
        )
        return Outcome(completed.returncode, completed.stdout, completed.stderr)

    run.env = env
    return run


def issued_tokens(sandbox) -> list[str]:
    """Every access and refresh token the sandbox has handed out (to search files for)."""
    state = sandbox.sessions._state  # test-only peek at the fake org's session table
    return list(state.access) + list(state.refresh)


def all_profile_bytes(root) -> dict[str, bytes]:
    files = {}
    for directory, _, names in os.walk(root):
        for name in names:
            path = os.path.join(directory, name)
            with open(path, "rb") as handle:
                files[path] = handle.read()
    return files
