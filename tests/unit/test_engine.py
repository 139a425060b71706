"""The Engine: profile, settings with policy, connection, sync, timer, unlink."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.domain.synclog import RunOutcome
from desktop.engine import Engine, EngineError, NotConnected, SettingLocked
from desktop.platform.clock import FakeClock
from desktop.platform.secrets import MemorySecretStore


@pytest.fixture
def secrets():
    return MemorySecretStore()


@pytest.fixture
def clock():
    return FakeClock(datetime.now(UTC))


@pytest.fixture
def engine(profile_dir, secrets, clock):
    with Engine.open(profile_dir, secret_store=secrets, policy={}, log_to_file=False,
                     clock=clock) as opened:
        yield opened


def connect(engine, sandbox):
    return engine.connect_password(
        sandbox.username, sandbox.password, sandbox.security_token,
        login_url=sandbox.login_url, ca_file=sandbox.ca_file,
    )


def test_a_new_profile_is_not_connected_and_cannot_sync(engine):
    assert not engine.connection_info().connected
    with pytest.raises(NotConnected):
        engine.sync()


def test_connect_sync_and_timer(engine, sandbox, clock):
    info = connect(engine, sandbox)
    assert info.connected and info.user_id == sandbox.org.api_user.id
    settings = engine.settings.current()
    assert settings.auth_method == "password" and settings.username == sandbox.username
    assert settings.ca_file == sandbox.ca_file
    run = engine.sync()
    assert run.outcome is RunOutcome.SUCCEEDED and run.kind == "full"
    assert engine.store.items.count() > 100
    task = next(i for i in engine.store.items.all() if not i.is_root)
    entry = engine.start_timer(task.id)
    assert engine.store.entries.running().id == entry.id
    clock.advance(minutes=25)
    stopped = engine.stop_timer()
    assert stopped.id == entry.id and stopped.end is not None


def test_the_stored_sign_in_is_resumed_by_a_new_engine(profile_dir, secrets, sandbox):
    with Engine.open(profile_dir, secret_store=secrets, policy={}, log_to_file=False) as first:
        connect(first, sandbox)
    with Engine.open(profile_dir, secret_store=secrets, policy={}, log_to_file=False) as second:
        assert second.connection_info().connected
        assert second.sync().outcome is RunOutcome.SUCCEEDED


def test_disconnect_keeps_entries_and_items_but_forgets_secrets(engine, sandbox, secrets, clock):
    connect(engine, sandbox)
    engine.sync()
    task = next(i for i in engine.store.items.all() if not i.is_root)
    engine.start_timer(task.id)
    clock.advance(minutes=5)
    engine.stop_timer()
    items_before = engine.store.items.count(include_archived=True)
    engine.disconnect()
    assert secrets.keys() == []
    assert not engine.connection_info().connected
    assert len(engine.store.entries.all()) == 1
    assert engine.store.items.count(include_archived=True) == items_before
    with pytest.raises(NotConnected):
        engine.sync()


def test_reenable_after_unlink_does_a_full_pass(engine, sandbox):
    connect(engine, sandbox)
    engine.sync()
    assert engine.sync().kind == "incremental"
    engine.disconnect()
    connect(engine, sandbox)
    assert engine.sync().kind == "full"


def test_policy_locks_settings(profile_dir, secrets):
    policy = {"sync": {"interval_minutes": 30}, "locked": ["sync.interval_minutes"]}
    with Engine.open(profile_dir, secret_store=secrets, policy=policy, log_to_file=False) as engine:
        assert engine.settings.current().sync_interval_minutes == 30
        assert "sync_interval_minutes" in engine.settings.locked()
        with pytest.raises(SettingLocked, match="locked by your administrator"):
            engine.settings.set_text("sync_interval_minutes", "15")
        engine.settings.set_text("only_mine", "true")
        assert engine.settings.current().only_mine is True


def test_invalid_setting_values_are_refused_with_a_message(engine):
    with pytest.raises(EngineError, match="5 to 1440"):
        engine.settings.set_text("sync_interval_minutes", "2")
    with pytest.raises(EngineError, match="whole number"):
        engine.settings.set_text("sync_interval_minutes", "often")
    with pytest.raises(EngineError, match="Unknown setting"):
        engine.settings.set_text("colour", "blue")


def test_a_locked_login_url_refuses_another_one_at_connect(profile_dir, secrets, sandbox):
    policy = {"connection": {"login_url": "https://login.salesforce.com"},
              "locked": ["connection.login_url"]}
    with Engine.open(profile_dir, secret_store=secrets, policy=policy, log_to_file=False) as engine:
        with pytest.raises(SettingLocked):
            connect(engine, sandbox)
        assert secrets.keys() == []


def test_without_a_keyring_the_next_process_explains_the_lost_sign_in(profile_dir, sandbox):
    problem = "No usable system keyring was found (no keyring service is installed)"
    with Engine.open(profile_dir, secret_store=MemorySecretStore(problem), policy={},
                     log_to_file=False) as first:
        info = connect(first, sandbox)
        assert info.keyring_problem == problem and info.connected
        assert first.sync().outcome is RunOutcome.SUCCEEDED  # this process still can
    with (
        Engine.open(profile_dir, secret_store=MemorySecretStore(problem), policy={},
                    log_to_file=False) as second,
        pytest.raises(NotConnected, match="without a usable system keyring"),
    ):
        second.sync()
