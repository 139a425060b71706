"""SalesforceClient against the sandbox: renewal, retries, limits, malformed answers,
paging and composite call accounting."""

import math
import random
import socket
import threading

import pytest

from desktop.salesforce.auth import password_login
from desktop.salesforce.client import SalesforceClient
from desktop.salesforce.connection import connect_with_password
from desktop.salesforce.credentials import password_renewer
from desktop.salesforce.errors import (
    ApiDisabled,
    ApiVersionRetired,
    Cancelled,
    HostUnreachable,
    MalformedResponse,
    RateLimited,
    RequestRejected,
    RequestTooLarge,
    ServerError,
    SessionExpired,
    TlsProblem,
)
from desktop.salesforce.http import make_http_session
from desktop.salesforce.retry import RetryPolicy
from desktop.salesforce.session_info import SessionInfo
from tests.unit.salesforce.conftest import FAST_RETRY

SOQL = "SELECT Id, Subject FROM Task ORDER BY Id"


@pytest.fixture
def client(sandbox, credentials):
    with connect_with_password(
        sandbox.login_url,
        sandbox.username,
        sandbox.password,
        sandbox.security_token,
        ca_file=sandbox.ca_file,
        credentials=credentials,
        retry=FAST_RETRY,
    ) as connected:
        yield connected


class CountingRenewer:
    def __init__(self, renew):
        self.renew = renew
        self.calls = 0

    def __call__(self) -> SessionInfo:
        self.calls += 1
        return self.renew()


def _client_with_counting_renewer(sandbox, credentials, **options):
    credentials.save_password(sandbox.password, sandbox.security_token)
    renewer = CountingRenewer(
        password_renewer(credentials, sandbox.login_url, sandbox.username, sandbox.ca_file)
    )
    client = SalesforceClient(
        renewer.renew(), renew=renewer, ca_file=sandbox.ca_file, retry=FAST_RETRY, **options
    )
    return client, renewer


def test_expired_session_is_renewed_transparently_and_retried_once(sandbox, credentials):
    client, renewer = _client_with_counting_renewer(sandbox, credentials)
    with client:
        old_token = client.session_info.access_token
        sandbox.clock.advance(sandbox.sessions.lifetime.total_seconds() + 60)
        page = next(client.query_pages("SELECT Id FROM Opportunity LIMIT 2"))
        assert len(page["records"]) == 2
        assert renewer.calls == 1
        assert client.session_info.access_token != old_token
        assert client.api_calls == 1  # the refused 401 is not charged


def test_session_still_invalid_after_renewal_gives_up(
    sandbox, credentials, sandbox_secrets, assert_no_secrets
):
    client, renewer = _client_with_counting_renewer(sandbox, credentials)
    with client:
        sandbox.faults.invalidate_sessions_next(2)
        with pytest.raises(SessionExpired) as caught:
            client.limits()
        assert renewer.calls == 1
        assert_no_secrets(caught.value, [*sandbox_secrets, client.session_info.access_token])


def test_without_a_renewer_an_expired_session_is_reported(sandbox):
    session = password_login(
        sandbox.login_url,
        sandbox.username,
        sandbox.password,
        sandbox.security_token,
        ca_file=sandbox.ca_file,
    )
    with SalesforceClient(session, ca_file=sandbox.ca_file) as client:
        sandbox.sessions.expire_all_sessions()
        with pytest.raises(SessionExpired):
            client.limits()


def test_a_503_burst_is_retried_with_backoff_then_succeeds(sandbox, client):
    sandbox.faults.fail_next(3, status=503)
    before = sandbox.budget.used
    page = next(client.query_pages("SELECT Id FROM Opportunity LIMIT 1"))
    assert len(page["records"]) == 1
    assert sandbox.faults.describe()["armed"] == []  # all three 503s were consumed
    assert sandbox.budget.used - before == client.api_calls == 1


def test_backoff_waits_between_attempts(sandbox, client):
    waits = []

    class RecordingEvent(threading.Event):
        def wait(self, timeout=None):
            waits.append(timeout)
            return False

    policy = RetryPolicy(max_retries=3, base_delay=1.0, max_delay=8.0)
    with SalesforceClient(
        client.session_info,
        ca_file=sandbox.ca_file,
        retry=policy,
        cancel=RecordingEvent(),
        rng=random.Random(3),
    ) as recorded:
        sandbox.faults.fail_next(2, status=502, path_prefix="limits")
        recorded.limits()
    assert len(waits) == 2
    assert 0.5 <= waits[0] <= 1.0 and 1.0 <= waits[1] <= 2.0


def test_persistent_server_errors_end_as_server_error(sandbox, client):
    sandbox.faults.fail_next(10, status=503)
    with pytest.raises(ServerError) as caught:
        client.limits()
    assert caught.value.status == 503
    assert len(sandbox.faults.describe()["armed"]) == 1
    assert sandbox.faults.describe()["armed"][0]["remaining"] == 10 - (1 + FAST_RETRY.max_retries)


def test_500_is_not_retried(sandbox, client):
    sandbox.faults.fail_next(2, status=500)
    with pytest.raises(ServerError):
        client.limits()
    assert sandbox.faults.describe()["armed"][0]["remaining"] == 1


def test_a_slow_answer_on_a_read_is_retried(sandbox, client):
    # A read that times out may be repeated safely; the next attempt is answered in time.
    http = make_http_session(sandbox.ca_file, timeout=(5, 0.3))
    patient_enough = RetryPolicy(max_retries=6, base_delay=0.05, max_delay=0.2)
    with SalesforceClient(client.session_info, http=http, retry=patient_enough) as impatient:
        sandbox.faults.set_latency(600, path_prefix="limits")
        threading.Timer(0.4, sandbox.faults.set_latency, args=(0,)).start()
        assert impatient.limits()["DailyApiRequests"]


def test_a_server_that_never_answers_is_unreachable_after_bounded_retries(sandbox, client):
    http = make_http_session(sandbox.ca_file, timeout=(5, 0.2))
    with SalesforceClient(client.session_info, http=http, retry=FAST_RETRY) as impatient:
        sandbox.faults.set_latency(400, path_prefix="limits")
        with pytest.raises(HostUnreachable) as caught:
            impatient.limits()
    assert "did not answer in time" in caught.value.message


def test_rate_limit_is_raised_at_once_and_never_retried(
    sandbox, client, sandbox_secrets, assert_no_secrets
):
    sandbox.faults.limit_exceeded_next(2)
    with pytest.raises(RateLimited) as caught:
        client.limits()
    assert sandbox.faults.describe()["armed"][0]["remaining"] == 1
    assert_no_secrets(caught.value, [*sandbox_secrets, client.session_info.access_token])


def test_a_spent_daily_budget_is_rate_limited_and_reported_in_usage(sandbox, client):
    client.limits()
    assert client.api_usage.limit == sandbox.budget.maximum
    assert client.api_usage.used == sandbox.budget.used
    sandbox.budget.configure(maximum=100, used=100)
    with pytest.raises(RateLimited):
        next(client.query_pages("SELECT Id FROM Opportunity"))
    assert (client.api_usage.used, client.api_usage.limit) == (100, 100)


def test_api_disabled_after_sign_in(sandbox, client):
    sandbox.org.set_api_enabled(sandbox.username, False)
    with pytest.raises(ApiDisabled):
        client.limits()


def test_a_truncated_body_is_a_malformed_response(
    sandbox, client, sandbox_secrets, assert_no_secrets
):
    sandbox.faults.truncate_next(1, path_prefix="query")
    with pytest.raises(MalformedResponse) as caught:
        next(client.query_pages(SOQL))
    assert f"127.0.0.1:{sandbox.port}" in caught.value.message
    assert_no_secrets(caught.value, [*sandbox_secrets, client.session_info.access_token])


def test_a_rejected_query_keeps_salesforce_words(sandbox, client):
    with pytest.raises(RequestRejected) as caught:
        next(client.query_pages("SELECT NoSuchField__c FROM Opportunity"))
    assert caught.value.status == 400 and caught.value.error_code == "INVALID_FIELD"


def test_unreachable_instance_is_host_unreachable_after_bounded_retries(sandbox, client):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    gone = SessionInfo(
        client.session_info.access_token, f"https://127.0.0.1:{port}", client.user_id
    )
    with SalesforceClient(gone, ca_file=sandbox.ca_file, retry=FAST_RETRY) as lost:
        with pytest.raises(HostUnreachable) as caught:
            lost.limits()
        assert caught.value.host == f"127.0.0.1:{port}"
        assert lost.api_calls == 0


def test_an_unverifiable_certificate_is_a_tls_problem(sandbox, client, assert_no_secrets):
    with (
        SalesforceClient(client.session_info, retry=FAST_RETRY) as untrusting,
        pytest.raises(TlsProblem) as caught,
    ):
        untrusting.limits()
    assert_no_secrets(caught.value, [client.session_info.access_token])


def test_cancel_stops_the_backoff(sandbox, client):
    slow = RetryPolicy(max_retries=3, base_delay=30.0, max_delay=30.0)
    cancel = threading.Event()
    with SalesforceClient(
        client.session_info, ca_file=sandbox.ca_file, retry=slow, cancel=cancel
    ) as patient:
        sandbox.faults.fail_next(5, status=503)
        threading.Timer(0.2, cancel.set).start()
        with pytest.raises(Cancelled):
            patient.limits()
        with pytest.raises(Cancelled):  # a cancelled client does not start new calls
            patient.limits()


def test_a_stop_event_ends_a_query_waiting_to_retry_and_leaves_the_client_usable(sandbox, client):
    # One of several threads fetching pages for a sync that has already stopped: its wait
    # before retrying ends, and no further request is sent; other calls are not affected.
    slow = RetryPolicy(max_retries=3, base_delay=30.0, max_delay=30.0)
    stop = threading.Event()
    with SalesforceClient(client.session_info, ca_file=sandbox.ca_file, retry=slow) as patient:
        sandbox.faults.fail_next(1, status=503)
        threading.Timer(0.2, stop.set).start()
        with pytest.raises(Cancelled):
            next(patient.query_pages("SELECT Id FROM Opportunity", stop=stop))
        with pytest.raises(Cancelled):  # a stopped query does not start a new request
            next(patient.query_pages("SELECT Id FROM Opportunity", stop=stop))
        assert patient.api_calls == 0
        assert len(next(patient.query_pages("SELECT Id FROM Opportunity LIMIT 2"))["records"]) == 2


def test_query_pages_follow_next_records_url_one_call_per_page(sandbox, client):
    total = sandbox.org.query(
        "SELECT COUNT() FROM Task",
        include_deleted=False,
        user=sandbox.org.api_user,
        api_version="62.0",
    )[0]
    before = sandbox.budget.used
    pages = list(client.query_pages(SOQL, batch_size=200))
    ids = [r["Id"] for page in pages for r in page["records"]]
    assert len(pages) == math.ceil(total / 200) >= 2
    assert len(ids) == len(set(ids)) == total == pages[0]["totalSize"]
    assert pages[-1]["done"] and not any(p["done"] for p in pages[:-1])
    assert client.api_calls == len(pages) == sandbox.budget.used - before


def test_query_all_includes_deleted_rows(sandbox, client):
    victim = next(client.query_pages("SELECT Id FROM Opportunity LIMIT 1"))["records"][0]["Id"]
    sandbox.org.delete("Opportunity", victim, sandbox.org.api_user)
    where = f"SELECT Id, IsDeleted FROM Opportunity WHERE Id = '{victim}'"
    assert next(client.query_pages(where))["records"] == []
    rows = next(client.query_pages(where, include_deleted=True))["records"]
    assert rows == [{"attributes": rows[0]["attributes"], "Id": victim, "IsDeleted": True}]


def test_composite_is_one_call_and_returns_each_subrequest(sandbox, client):
    subrequests = [
        client.query_subrequest("opps", "SELECT Id FROM Opportunity LIMIT 2"),
        client.query_subrequest("cases", "SELECT Id FROM Case LIMIT 3", include_deleted=True),
        client.query_subrequest("bad", "SELECT Nope FROM Case"),
    ]
    before = sandbox.budget.used
    results = client.composite(subrequests)
    assert [status for status, _ in results] == [200, 200, 400]
    assert len(results[0][1]["records"]) == 2 and len(results[1][1]["records"]) == 3
    assert results[2][1][0]["errorCode"] == "INVALID_FIELD"
    assert client.api_calls == 1 == sandbox.budget.used - before


def test_pages_after_a_composite_query_are_followed(sandbox, client):
    sub = client.query_subrequest("opps", SOQL)
    sub["httpHeaders"] = {"Sforce-Query-Options": "batchSize=200"}
    [(status, first)] = client.composite([sub])
    assert status == 200 and not first["done"]
    rest = list(client.follow_pages(first, batch_size=200))
    ids = [r["Id"] for page in [first, *rest] for r in page["records"]]
    assert len(ids) == len(set(ids)) == first["totalSize"]
    assert client.api_calls == 1 + len(rest)


def test_composite_refuses_more_than_25_subrequests(client):
    subrequests = [
        client.query_subrequest(f"q{i}", "SELECT Id FROM Case LIMIT 1") for i in range(26)
    ]
    with pytest.raises(ValueError):
        client.composite(subrequests)
    assert client.api_calls == 0


def test_composite_refuses_more_than_5_queries_before_sending(sandbox, client):
    """Salesforce allows 5 query/queryAll or collection subrequests per composite; the
    client never sends a sixth (the sandbox would refuse the whole request)."""
    queries = [client.query_subrequest(f"q{i}", "SELECT Id FROM Case LIMIT 1") for i in range(6)]
    describes = [{"method": "GET", "url": client.data_path("sobjects/Case/describe"),
                  "referenceId": f"d{i}"} for i in range(19)]
    with pytest.raises(ValueError, match="at most 5 query"):
        client.composite(queries)
    assert client.api_calls == 0
    results = client.composite(queries[:5] + describes)  # other kinds fill up to 25
    assert [status for status, _ in results] == [200] * 24
    with pytest.raises(ValueError):  # a next page is a query too
        client.composite([*queries[:5], {"method": "GET", "referenceId": "next",
                                         "url": client.data_path("query/01gXXXXXXXXXXXXAAA-2000")}])


def test_a_query_too_long_for_a_uri_travels_in_a_composite(sandbox, client):
    """Help article 000386264: URI plus headers at most 16,384 bytes (2,000 advised); a long
    query's first page comes through a composite body, still one call, later pages as
    usual."""
    ids = [r["Id"] for r in next(client.query_pages("SELECT Id FROM Task ORDER BY Id"))["records"]]
    padding = [f"00T{i:012d}AAA" for i in range(1000)]  # no such tasks: 20,000 more characters
    soql = (f"SELECT Id FROM Task WHERE Id IN ({', '.join(repr(i) for i in ids + padding)}) "
            "ORDER BY Id")
    before, calls_before = sandbox.budget.used, client.api_calls
    pages = list(client.query_pages(soql, batch_size=200))
    assert [r["Id"] for page in pages for r in page["records"]] == ids
    assert len(pages) == math.ceil(len(ids) / 200) >= 2
    assert client.api_calls - calls_before == len(pages) == sandbox.budget.used - before


def test_a_request_over_16384_bytes_is_never_sent(sandbox, client):
    before = sandbox.budget.used
    with pytest.raises(RequestTooLarge) as failure:
        client.composite_sobjects("DELETE", ids=["00T" + "x" * 100] * 200)
    assert "16,384 bytes" in failure.value.message
    assert sandbox.budget.used == before and client.api_calls == 0


def test_a_retired_api_version_is_explained(sandbox, credentials):
    """REST API Developer Guide, "API End-of-Life": a retired version answers 410 GONE."""
    with connect_with_password(
        sandbox.login_url, sandbox.username, sandbox.password, sandbox.security_token,
        ca_file=sandbox.ca_file, credentials=credentials, retry=FAST_RETRY,
    ) as connected:
        retired = SalesforceClient(connected.session_info, ca_file=sandbox.ca_file,
                                   api_version="30.0", retry=FAST_RETRY)
        with pytest.raises(ApiVersionRetired) as failure:
            next(retired.query_pages("SELECT Id FROM Case"))
        assert "retired" in failure.value.message


def test_composite_sobjects_create_update_delete(sandbox, client):
    tasks = [
        {"attributes": {"type": "Task"}, "Subject": f"Stint test {i}", "Status": "Not Started"}
        for i in range(2)
    ]
    created = client.composite_sobjects("POST", tasks)
    assert [r["success"] for r in created] == [True, True]
    ids = [r["id"] for r in created]
    updated = client.composite_sobjects(
        "PATCH", [{"attributes": {"type": "Task"}, "Id": i, "Subject": "renamed"} for i in ids]
    )
    assert all(r["success"] for r in updated)
    deleted = client.composite_sobjects("DELETE", ids=ids)
    assert all(r["success"] for r in deleted)
    assert client.api_calls == 3


def test_describe_is_fetched_once(sandbox, client):
    first = client.describe("Opportunity")
    assert any(f["name"] == "StageName" for f in first["fields"])
    assert client.describe("opportunity") is first
    assert client.api_calls == 1
    with pytest.raises(ValueError):
        client.describe("Opportunity/../x")
