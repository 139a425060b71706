"""Write-back through the Engine: pushed at the end of each sync run and on push_now() (after a
timer stop); off by default; the admin policy can set it."""

from datetime import UTC, datetime

import pytest

from desktop.domain.entries import EntrySyncState
from desktop.domain.synclog import RunOutcome
from desktop.engine import Engine
from desktop.platform.clock import FakeClock
from desktop.platform.secrets import MemorySecretStore


def _connect(engine, sandbox):
    engine.connect_password(sandbox.username, sandbox.password, sandbox.security_token,
                            login_url=sandbox.login_url, ca_file=sandbox.ca_file)


def _stint_events(sf):
    return [e for e in sf.query_all("SELECT Id, WhatId, Description FROM Event")["records"]
            if "[stint:" in (e["Description"] or "")]


def _opportunity(engine):
    return next(i for i in engine.store.items.all() if i.sobject == "Opportunity")


@pytest.fixture
def clock():
    return FakeClock(start=datetime.now(UTC))


@pytest.fixture
def engine(profile_dir, clock):
    with Engine.open(profile_dir, secret_store=MemorySecretStore(), policy={}, clock=clock,
                     log_to_file=False) as opened:
        yield opened


def test_off_by_default(engine, clock, sandbox, sf):
    _connect(engine, sandbox)
    engine.sync()
    engine.start_timer(_opportunity(engine).id)
    clock.advance(minutes=10)
    stopped = engine.stop_timer()
    assert engine.settings.current().writeback == "off"
    assert engine.push_now() is None
    engine.sync()
    assert _stint_events(sf) == []
    assert engine.store.entries.get(stopped.id).sync_state is EntrySyncState.LOCAL


def test_a_stopped_timer_is_pushed_now_and_edits_go_with_the_next_sync(engine, clock, sandbox,
                                                                       sf):
    _connect(engine, sandbox)
    engine.sync()
    engine.settings.update(writeback="event")
    opportunity = _opportunity(engine)
    engine.start_timer(opportunity.id)
    clock.advance(minutes=25)
    stopped = engine.stop_timer()
    report = engine.push_now()
    assert (report.created, report.error) == (1, None)
    [event] = _stint_events(sf)
    assert event["WhatId"] == opportunity.id
    assert engine.store.entries.get(stopped.id).sync_state is EntrySyncState.SYNCED

    engine.store.entries.update(engine.store.entries.get(stopped.id).with_changes(note="later"))
    run = engine.sync()
    assert run.outcome is RunOutcome.SUCCEEDED
    assert run.counts["Event"].pushed == 1
    assert "later" in _stint_events(sf)[0]["Description"]


def test_a_push_that_cannot_run_marks_the_sync_run(engine, sandbox):
    _connect(engine, sandbox)
    engine.settings.update(writeback="custom_object", writeback_object="Account")
    run = engine.sync()
    assert run.outcome is RunOutcome.FAILED
    assert "Account cannot receive time entries" in run.error


def test_the_admin_policy_sets_write_back(profile_dir, clock, sandbox, sf):
    policy = {"writeback": {"target": "event"}, "locked": ["writeback.target"]}
    with Engine.open(profile_dir, secret_store=MemorySecretStore(), policy=policy, clock=clock,
                     log_to_file=False) as engine:
        _connect(engine, sandbox)
        engine.sync()
        assert "writeback" in engine.settings.locked()
        engine.start_timer(_opportunity(engine).id)
        clock.advance(minutes=10)
        engine.stop_timer()
        engine.sync()
        assert len(_stint_events(sf)) == 1
