"""Salesforce's own time: the Date header of its latest answer, carried on with the monotonic
clock.

Write-back looks for records by when Salesforce created them, and the computer's clock can be
hours off (a wrong clock, a dual-boot machine whose hardware clock is in local time). So that
search is anchored here, never on the local wall clock. The estimate never runs ahead of
Salesforce's clock: the header is truncated to the second and made before the answer arrives,
and the monotonic clock stops during a suspend, which only makes the estimate earlier.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime


def parse_http_date(value: str | None) -> datetime | None:
    """An HTTP Date header (RFC 9110 section 5.6.7) as an aware UTC datetime, or None."""
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:  # "-0000": UTC by the RFC's rules
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


class ServerClock:
    """The latest Date seen from Salesforce, and how long ago (monotonic) it was seen."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._seen: tuple[datetime, float] | None = None

    def observe(self, date_header: str | None) -> None:
        moment = parse_http_date(date_header)
        if moment is None:
            return
        with self._lock:
            self._seen = (moment, self._monotonic())

    def now(self, max_age: timedelta) -> datetime | None:
        """Salesforce's time now, or None without a Date seen within `max_age`."""
        with self._lock:
            seen = self._seen
        if seen is None:
            return None
        moment, at = seen
        elapsed = self._monotonic() - at
        if elapsed > max_age.total_seconds():
            return None
        return moment + timedelta(seconds=max(elapsed, 0.0))
