from datetime import UTC, datetime, timedelta, timezone

import pytest

from desktop.sandbox.clock import Clock


def test_follows_real_time_in_whole_seconds():
    """Salesforce's datetime fields keep no milliseconds (SALESFORCE_NOTES, "Datetimes are
    stored to the second"), so REST answers carry ".000" in the format of REST API Developer
    Guide, "Valid Date and DateTime Formats" (yyyy-MM-ddTHH:mm:ss.SSS+/-HH:mm)."""
    clock = Clock()
    now = clock.now()
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)
    assert now.microsecond == 0
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=2)


def test_advance_shifts_a_running_clock():
    clock = Clock()
    clock.advance(86400 * 3)
    assert abs(clock.now() - (datetime.now(UTC) + timedelta(days=3))) < timedelta(seconds=2)


def test_frozen_clock_stays_put_until_advanced():
    start = datetime(2026, 5, 20, 12, 0, 0, 123456, tzinfo=UTC)
    clock = Clock(start, frozen=True)
    assert clock.now() == datetime(2026, 5, 20, 12, 0, 0, tzinfo=UTC)
    assert clock.now() == clock.now()
    clock.advance(1.5)
    assert clock.now() == datetime(2026, 5, 20, 12, 0, 1, tzinfo=UTC)


def test_set_converts_to_utc_and_keeps_running_mode():
    clock = Clock()
    clock.set(datetime(2030, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=2))))
    assert not clock.frozen
    assert abs(clock.now() - datetime(2030, 1, 1, 10, 0, tzinfo=UTC)) < timedelta(seconds=2)


def test_set_rejects_naive_datetimes():
    with pytest.raises(ValueError):
        Clock().set(datetime(2030, 1, 1))
