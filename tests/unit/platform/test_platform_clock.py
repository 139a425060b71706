from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from desktop.platform.clock import SYSTEM_CLOCK, Clock, FakeClock, Stopwatch, utc_now


def test_utc_now_is_aware_utc_and_current():
    now = utc_now()
    assert now.tzinfo is UTC
    assert abs(now.timestamp() - time.time()) < 5


def test_system_clock_is_a_clock():
    assert isinstance(SYSTEM_CLOCK, Clock)
    assert SYSTEM_CLOCK.now().tzinfo is UTC
    first = SYSTEM_CLOCK.monotonic()
    assert SYSTEM_CLOCK.monotonic() >= first


def test_fake_clock_advances_both_clocks():
    clock = FakeClock(datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    assert isinstance(clock, Clock)
    start_mono = clock.monotonic()
    clock.advance(90)
    clock.advance(minutes=2)
    assert clock.now() == datetime(2026, 3, 1, 12, 3, 30, tzinfo=UTC)
    assert clock.monotonic() - start_mono == 210


def test_fake_clock_normalises_to_utc_and_rejects_naive_times():
    plus_two = timezone(timedelta(hours=2))
    clock = FakeClock(datetime(2026, 3, 1, 14, 0, tzinfo=plus_two))
    assert clock.now() == datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert clock.now().tzinfo is UTC
    with pytest.raises(ValueError):
        FakeClock(datetime(2026, 3, 1, 12, 0))
    with pytest.raises(ValueError):
        clock.set_wall_clock(datetime(2026, 3, 1, 12, 0))


def test_fake_clock_never_goes_back_by_advance():
    with pytest.raises(ValueError):
        FakeClock().advance(-1)


def test_stopwatch_ignores_wall_clock_jumps():
    clock = FakeClock()
    watch = Stopwatch(clock)
    clock.advance(30)
    clock.set_wall_clock(clock.now() - timedelta(hours=5))  # the user moved the clock back
    clock.advance(10)
    assert watch.elapsed() == 40
    assert watch.restart() == 40
    clock.advance(5)
    assert watch.elapsed() == 5


def test_stopwatch_on_the_system_clock():
    watch = Stopwatch()
    assert 0 <= watch.elapsed() < 5
