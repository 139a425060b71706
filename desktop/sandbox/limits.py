"""The org's daily API request budget (DailyApiRequests), counted on the org clock."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta

DEFAULT_DAILY_MAXIMUM = 15_000
WINDOW = timedelta(hours=24)


class ApiBudget:
    """Counts API calls in a 24-hour window that starts with the first call after a reset.

    Salesforce's window is rolling; a fixed window that restarts 24 h (org time) after it
    began is simpler and behaves the same for what clients can observe: a counter that
    climbs to the maximum, then 403 REQUEST_LIMIT_EXCEEDED until the day has passed.
    """

    def __init__(self, now: Callable[[], datetime], maximum: int = DEFAULT_DAILY_MAXIMUM) -> None:
        self._now = now
        self._lock = threading.Lock()
        self._maximum = maximum
        self._used = 0
        self._window_start: datetime | None = None

    def _roll_window(self) -> None:
        now = self._now()
        if self._window_start is None or now - self._window_start >= WINDOW or now < self._window_start:
            self._window_start = now
            self._used = 0

    def try_consume(self) -> bool:
        """Count one call; False (and nothing counted) when the budget is spent."""
        with self._lock:
            self._roll_window()
            if self._used >= self._maximum:
                return False
            self._used += 1
            return True

    @property
    def maximum(self) -> int:
        return self._maximum

    @property
    def used(self) -> int:
        with self._lock:
            self._roll_window()
            return self._used

    @property
    def remaining(self) -> int:
        with self._lock:
            self._roll_window()
            return max(0, self._maximum - self._used)

    def configure(self, *, maximum: int | None = None, used: int | None = None) -> None:
        """Change the daily maximum and/or the calls already counted today (tests, demos)."""
        if maximum is not None and maximum < 0 or used is not None and used < 0:
            raise ValueError("budget values must not be negative")
        with self._lock:
            self._roll_window()
            if maximum is not None:
                self._maximum = maximum
            if used is not None:
                self._used = used

    def header_value(self) -> str:
        """The Sforce-Limit-Info header value, e.g. "api-usage=18/15000"."""
        with self._lock:
            self._roll_window()
            return f"api-usage={self._used}/{self._maximum}"

    def limits_body(self) -> dict:
        """The DailyApiRequests entry of GET limits/."""
        with self._lock:
            self._roll_window()
            return {"Max": self._maximum, "Remaining": max(0, self._maximum - self._used)}
