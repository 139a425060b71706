"""API economy and resilience: call counts, retries, session renewal, rate limits, cancel."""

from __future__ import annotations

import math
import threading
from datetime import timedelta

import pytest

from desktop.domain.synclog import RunOutcome
from desktop.engine.status import build_status
from desktop.sandbox.harness import start_sandbox


def ok(engine, full=False, **options):
    run = engine.sync(full, **options)
    assert run.outcome is RunOutcome.SUCCEEDED, run.error
    return run


def test_a_sync_that_finds_nothing_costs_exactly_one_call(connected, sandbox):
    ok(connected)
    used_before = sandbox.budget.used
    run = ok(connected)
    assert run.kind == "incremental" and run.counts == {}
    assert run.api_calls == 1
    assert sandbox.budget.used - used_before == 1


@pytest.fixture
def big_sandbox():
    """Enough opportunities for several query pages."""
    with start_sandbox("small", seed=3, opportunities=4500, tasks=2600) as running:
        yield running


@pytest.fixture
def big(engine, big_sandbox):
    engine.connect_password(
        big_sandbox.username, big_sandbox.password, big_sandbox.security_token,
        login_url=big_sandbox.login_url, ca_file=big_sandbox.ca_file,
    )
    return engine


def pages(sf, soql):
    total = sf.query_all(soql.replace("SELECT Id", "SELECT Id", 1), include_deleted=True)["totalSize"]
    return max(1, math.ceil(total / 2000))


def test_a_first_sync_costs_one_call_per_2000_records_per_object(big, big_sandbox):
    sf = big_sandbox.salesforce()
    per_stream = [
        pages(sf, "SELECT Id FROM Opportunity"),
        pages(sf, "SELECT Id FROM Case WHERE ParentId = null"),
        pages(sf, "SELECT Id FROM Case WHERE ParentId != null"),
        pages(sf, "SELECT Id FROM Task WHERE WhatId IN (SELECT Id FROM Opportunity)"),
        pages(sf, "SELECT Id FROM Task WHERE WhatId IN (SELECT Id FROM Case)"),
    ]
    assert per_stream[0] == 3 and per_stream[3] >= 1
    used_before = big_sandbox.budget.used
    run = ok(big)
    # one call per 2,000 records of each query, plus one for the describes (cached a day)
    expected = 1 + sum(per_stream)
    assert run.api_calls == expected
    assert big_sandbox.budget.used - used_before == expected
    assert ok(big).api_calls == 1


def test_an_expired_session_is_renewed_in_the_middle_of_a_sync(big, big_sandbox):
    big_sandbox.faults.invalidate_sessions_next(1, path_prefix="query")  # the 2nd page
    token = big.connection.client().session_info.access_token
    run = ok(big)
    assert big.connection.client().session_info.access_token != token
    assert big.store.items.count() > 1000 and run.kind == "full"


def test_a_burst_of_server_errors_is_retried(connected, sandbox, sf):
    sandbox.faults.fail_next(2, status=503, path_prefix="query")
    first = ok(connected)
    assert first.api_calls == 6  # describes + 5 queries; refused 503s are not charged
    opp = next(i for i in connected.store.items.all() if i.sobject == "Opportunity")
    sf.Opportunity.update(opp.id, {"Amount": 1234.0})
    sandbox.faults.fail_next(3, status=502, path_prefix="composite")
    run = ok(connected)
    assert run.api_calls == 1 and run.counts["Opportunity"].modified == 1


def test_the_daily_limit_ends_the_run_cleanly(connected, sandbox):
    ok(connected)
    watermarks = connected.store.sync_state.watermarks()
    sandbox.budget.configure(used=sandbox.budget.maximum)
    run = connected.sync()
    assert run.outcome is RunOutcome.RATE_LIMITED
    assert "daily API request limit" in run.error
    assert connected.store.sync_state.watermarks() == watermarks
    status = build_status(connected)
    assert status["last_sync"]["outcome"] == "rate_limited"
    assert "limit" in status["next_sync_note"]
    interval = timedelta(minutes=connected.settings.current().sync_interval_minutes)
    assert status["next_sync_at"] >= (run.finished_at + 4 * interval).strftime("%Y-%m-%dT%H:%M")


def test_near_the_limit_the_interval_is_stretched_and_status_says_why(connected, sandbox):
    sandbox.budget.configure(used=sandbox.budget.maximum - 150)
    run = ok(connected)
    status = build_status(connected)
    assert status["api_usage"]["remaining"] < 200
    assert "near the org's daily limit" in status["next_sync_note"]
    assert "every 4 hours instead of every 1 hour" in status["next_sync_note"]
    due = run.finished_at + timedelta(hours=4)
    assert status["next_sync_at"] == due.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_sync_can_be_cancelled_and_the_next_one_completes(big):
    cancel = threading.Event()
    seen = []

    def progress(sobject, done, total):
        seen.append((sobject, done, total))
        cancel.set()  # after the first committed page

    run = big.sync(cancel=cancel, on_progress=progress)
    assert run.outcome is RunOutcome.CANCELLED
    # One page committed (an Opportunity or a Case page: the Tasks wait for their parents),
    # then the cancel. Progress counts the records of every query together, their pages
    # being fetched side by side.
    assert len(seen) == 1
    label, done, total = seen[0]
    assert label == "Opportunity, Case, Task" and 0 < done <= 2000 and done <= total <= 7300
    assert big.store.items.count() <= done + 1
    run = ok(big)
    assert run.kind == "full" and big.store.items.count() > 2001


def test_two_syncs_never_run_at_once(connected, sandbox):
    from desktop.engine import SyncAlreadyRunning

    sandbox.faults.set_latency(300, path_prefix="composite")
    results, errors = [], []

    def one():
        try:
            results.append(connected.sync())
        except SyncAlreadyRunning as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(results) == 1 and len(errors) == 1
    assert "already running" in errors[0].message
