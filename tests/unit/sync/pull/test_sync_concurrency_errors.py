"""Problems met by one of the full pass's page workers while others have requests in flight:
the run ends with the message the one-query-at-a-time sync gave, no worker is left to send a
request, every watermark stored belongs to a stream whose pages are all committed, and the
next sync completes the store. A session that expires under several requests at once is
renewed once."""

from __future__ import annotations

import threading
import time

import pytest

from desktop.domain.settings import Settings
from desktop.domain.synclog import RunOutcome
from desktop.salesforce.auth import password_login
from desktop.salesforce.client import SalesforceClient
from desktop.salesforce.errors import MalformedResponse, RateLimited
from desktop.salesforce.http import make_http_session
from desktop.salesforce.retry import RetryPolicy
from desktop.sandbox.latency import LatencyModel
from desktop.store import Store
from desktop.sync.pull import page_feed
from desktop.sync.pull.run import PullSync
from tests.unit.sync.pull.pull_support import SOBJECT_BY_PREFIX, stream_of, sync_store, tree

QUICK_RETRIES = RetryPolicy(max_retries=2, base_delay=0.02, max_delay=0.05)


@pytest.fixture
def org(slow_org):
    """Answers slow enough (0.1 s a request) that the other workers' requests are in flight
    when the first page is committed."""
    slow_org.latency = LatencyModel(per_request_ms=100, per_record_ms=0.02)
    return slow_org


class Attempt:
    """A first sync of a store whose client counts the answers' statuses and its session
    renewals; `arm` is called once, after the first committed page."""

    def __init__(self, org, path, retry: RetryPolicy = QUICK_RETRIES) -> None:
        self.org, self.path, self.retry = org, path, retry
        self.statuses: list[int] = []
        self.renewals = 0
        self.pages = 0  # committed
        self.armed_at: float | None = None

    def client(self) -> SalesforceClient:
        org = self.org

        def sign_in():
            return password_login(org.login_url, org.username, org.password, org.security_token,
                                  ca_file=org.ca_file)

        def renew():
            self.renewals += 1
            # A sign-in as slow as three page requests: the other workers' next requests go
            # out with the expired session meanwhile, however busy the machine (under load
            # they sometimes came after a quick renewal, and no second request was refused).
            time.sleep(0.3)
            return sign_in()

        http = make_http_session(org.ca_file)
        http.hooks["response"].append(lambda response, *_a, **_k: self.statuses.append(
            response.status_code))
        return SalesforceClient(sign_in(), renew=renew, ca_file=org.ca_file, http=http,
                                retry=self.retry)

    def run(self, arm):
        def progress(_objects, _done, _total):
            self.pages += 1
            if self.armed_at is None:
                self.armed_at = time.monotonic()
                arm(self.org)

        before = threading.active_count()
        with Store.open(self.path) as store, self.client() as client:
            self.host = client.host
            run = PullSync(store, client).run(Settings(), on_progress=progress)
            self.seconds_after_arming = time.monotonic() - self.armed_at
            self.threads_left = threading.active_count() - before
            self.tree, self.watermarks = tree(store), store.sync_state.watermarks()
        return run


@pytest.fixture
def reference(org, tmp_path):
    """(the run, the tree, the watermarks) of an undisturbed first sync."""
    return sync_store(org, tmp_path / "reference.db", Settings())


def check_left_consistent(attempt: Attempt, reference) -> None:
    """What was committed is what Salesforce has, a watermark only where the stream is
    complete, and the next sync completes the store."""
    _, expected_tree, expected_marks = reference
    assert attempt.threads_left == 0, "a page worker outlived the run"
    assert all(attempt.tree[i] == expected_tree[i] for i in attempt.tree)
    assert len(attempt.tree) < len(expected_tree), "the problem came too late to test anything"
    for stream, mark in attempt.watermarks.items():
        assert mark == expected_marks[stream]
        owned = {i for i in expected_tree
                 if i[:3] in SOBJECT_BY_PREFIX and stream_of(i, expected_tree) == stream}
        assert owned and owned <= set(attempt.tree), f"{stream} has a watermark but misses records"
    attempt.org.faults.clear()
    attempt.org.budget.configure(used=0)
    _, resumed, marks = sync_store(attempt.org, attempt.path, Settings())
    assert resumed == expected_tree and marks == expected_marks


def test_a_session_expiring_under_several_requests_is_renewed_once(org, tmp_path, reference):
    attempt = Attempt(org, tmp_path / "stint.db")

    run = attempt.run(lambda org: org.sessions.expire_all_sessions())

    assert run.outcome is RunOutcome.SUCCEEDED, run.error
    assert attempt.statuses.count(401) >= 2, "the test needs several requests refused at once"
    assert attempt.renewals == 1
    # one call for the describes, then one a page: the refused requests were not charged
    assert run.api_calls == 1 + attempt.pages
    assert attempt.tree == reference[1] and attempt.threads_left == 0


def test_the_daily_limit_reached_in_the_middle_of_a_full_pass(org, tmp_path, reference):
    attempt = Attempt(org, tmp_path / "stint.db")
    calls = reference[0].api_calls

    run = attempt.run(lambda org: org.budget.configure(used=org.budget.maximum - calls // 2))

    assert run.outcome is RunOutcome.RATE_LIMITED
    assert run.error == RateLimited().message
    check_left_consistent(attempt, reference)


def test_the_network_going_down_in_the_middle_of_a_full_pass(org, tmp_path, reference,
                                                              monkeypatch):
    messages = {}
    for in_flight in (1, 4):  # the message of the sync that fetched one page at a time
        monkeypatch.setattr(page_feed, "IN_FLIGHT", in_flight)
        org.faults.clear()
        attempt = Attempt(org, tmp_path / f"stint-{in_flight}.db")
        run = attempt.run(lambda org: org.faults.drop_next(100_000))  # every request from now
        assert run.outcome is RunOutcome.FAILED
        messages[in_flight] = run.error
    assert messages[4] == messages[1]
    assert "Check the login URL and your network connection" in messages[4]
    check_left_consistent(attempt, reference)


def test_a_malformed_page_in_the_middle_of_a_full_pass(org, tmp_path, reference):
    attempt = Attempt(org, tmp_path / "stint.db")

    # sent whole-length but cut in half: a page that cannot be read
    run = attempt.run(lambda org: org.faults.truncate_next(1, path_prefix="query"))

    assert run.outcome is RunOutcome.FAILED
    assert run.error == MalformedResponse(attempt.host).message
    check_left_consistent(attempt, reference)


def test_a_worker_waiting_to_retry_stops_when_another_meets_the_limit(org, tmp_path, reference):
    # One request answers 503 (retried after 4-8 s), the next REQUEST_LIMIT_EXCEEDED (never
    # retried): the run ends at once, and the waiting worker sends nothing more.
    attempt = Attempt(org, tmp_path / "stint.db",
                      retry=RetryPolicy(max_retries=1, base_delay=8, max_delay=8))

    def arm(org):
        org.faults.fail_next(1, status=503, path_prefix="query")
        org.faults.limit_exceeded_next(1, path_prefix="query")

    run = attempt.run(arm)

    assert run.outcome is RunOutcome.RATE_LIMITED
    assert 503 in attempt.statuses
    assert attempt.seconds_after_arming < 3.0
    requests_at_end = len(attempt.statuses)
    time.sleep(0.5)
    assert len(attempt.statuses) == requests_at_end
    check_left_consistent(attempt, reference)
