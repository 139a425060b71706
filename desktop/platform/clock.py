"""Time sources: aware UTC wall-clock time and a monotonic clock, injectable for tests.

Stored times are wall-clock UTC (`utc_now`). Durations that must not jump when the user or
NTP changes the clock, or across sleep (timeouts, backoff, "sync took 3.2 s"), use the
monotonic clock (`Clock.monotonic`, `Stopwatch`). Code that needs time takes a `Clock`, so
services, sync and tests can pass a `FakeClock`.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


@runtime_checkable
class Clock(Protocol):
    def now(self) -> datetime:
        """Aware UTC wall-clock time."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back (arbitrary origin)."""
        ...


class SystemClock:
    """The real clocks."""

    def now(self) -> datetime:
        return utc_now()

    def monotonic(self) -> float:
        return time.monotonic()


SYSTEM_CLOCK = SystemClock()


class FakeClock:
    """A clock tests move by hand. `advance` moves both clocks; `set_wall_clock` jumps only
    the wall clock, like a user or NTP changing the time."""

    def __init__(self, start: datetime | None = None, monotonic_start: float = 1000.0) -> None:
        start = start or datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        _require_aware(start)
        self._now = start.astimezone(UTC)
        self._monotonic = monotonic_start
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def monotonic(self) -> float:
        with self._lock:
            return self._monotonic

    def advance(self, seconds: float = 0.0, **delta: float) -> None:
        """Move time forward: advance(90) or advance(minutes=5)."""
        step = timedelta(seconds=seconds, **delta)
        if step < timedelta(0):
            raise ValueError("time only moves forward; use set_wall_clock for clock changes")
        with self._lock:
            self._now += step
            self._monotonic += step.total_seconds()

    def set_wall_clock(self, when: datetime) -> None:
        """Jump the wall clock (either way) without moving the monotonic clock."""
        _require_aware(when)
        with self._lock:
            self._now = when.astimezone(UTC)


class Stopwatch:
    """Elapsed seconds on the monotonic clock, immune to wall-clock changes."""

    def __init__(self, clock: Clock = SYSTEM_CLOCK) -> None:
        self._clock = clock
        self._start = clock.monotonic()

    def elapsed(self) -> float:
        return self._clock.monotonic() - self._start

    def restart(self) -> float:
        """Start again from now; returns the seconds elapsed until now."""
        now = self._clock.monotonic()
        elapsed, self._start = now - self._start, now
        return elapsed


def _require_aware(when: datetime) -> None:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("a timezone-aware datetime is required")
