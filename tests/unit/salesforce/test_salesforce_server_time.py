"""Salesforce's time from its Date header (issue 11, point 1): what write-back anchors its
search for lost creates on, whatever the computer's clock says."""

from datetime import UTC, datetime, timedelta

import pytest

from desktop.salesforce.client import SalesforceClient
from desktop.salesforce.connection import connect_with_password
from desktop.salesforce.retry import RetryPolicy
from desktop.salesforce.server_time import ServerClock, parse_http_date

FAST_RETRY = RetryPolicy(max_retries=2, base_delay=0.01, max_delay=0.02)


class FakeMonotonic:
    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


@pytest.mark.parametrize(("header", "expected"), [
    ("Sun, 15 Nov 2026 10:00:07 GMT", datetime(2026, 11, 15, 10, 0, 7, tzinfo=UTC)),
    ("Sun, 15 Nov 2026 10:00:07 -0000", datetime(2026, 11, 15, 10, 0, 7, tzinfo=UTC)),
    ("Sun, 15 Nov 2026 12:00:07 +0200", datetime(2026, 11, 15, 10, 0, 7, tzinfo=UTC)),
    ("", None), (None, None), ("yesterday", None), ("Sun, 99 Nov 2026 10:00:07 GMT", None),
])
def test_http_dates_are_read_or_ignored(header, expected):
    assert parse_http_date(header) == expected


def test_the_clock_moves_on_monotonically_from_the_last_date_seen():
    monotonic = FakeMonotonic()
    clock = ServerClock(monotonic)
    assert clock.now(timedelta(hours=1)) is None
    clock.observe("Sun, 15 Nov 2026 10:00:07 GMT")
    clock.observe("not a date")  # ignored: the last good reading stays
    monotonic.value += 90.5
    assert clock.now(timedelta(hours=1)) == datetime(2026, 11, 15, 10, 1, 37, 500000, tzinfo=UTC)
    monotonic.value += 3600
    assert clock.now(timedelta(hours=1)) is None  # too old to rely on


@pytest.mark.parametrize("offset_hours", [-3, 3])
def test_salesforce_now_follows_the_orgs_clock_not_the_computers(sandbox, offset_hours):
    sandbox.clock.advance(offset_hours * 3600)
    with connect_with_password(sandbox.login_url, sandbox.username, sandbox.password,
                               sandbox.security_token, ca_file=sandbox.ca_file,
                               retry=FAST_RETRY) as signed_in:
        session = signed_in.session_info
    # A new process resuming a stored session: no answer from Salesforce seen yet.
    with SalesforceClient(session, ca_file=sandbox.ca_file, retry=FAST_RETRY) as client:
        used_before = sandbox.budget.used
        now = client.salesforce_now()
        assert now is not None
        assert abs((now - sandbox.clock.now()).total_seconds()) < 3
        # never ahead of Salesforce (whose clock, like its stamps, counts whole seconds)
        assert now.replace(microsecond=0) <= sandbox.clock.now()
        # The version list it read needs no session and costs no API call.
        assert (client.api_calls, sandbox.budget.used) == (0, used_before)
