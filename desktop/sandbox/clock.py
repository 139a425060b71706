"""The sandbox's clock: real UTC time plus an adjustable offset, or a frozen instant."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


def to_millis(when: datetime) -> datetime:
    """Truncate to millisecond precision (Salesforce stores datetimes to the millisecond)."""
    return when.replace(microsecond=when.microsecond // 1000 * 1000)


class Clock:
    """Time as the sandbox org sees it.

    By default it follows the real clock; `advance` shifts it (tests simulate days passing);
    `set` jumps to an instant and, if `frozen`, stays there until advanced or set again.
    """

    def __init__(self, start: datetime | None = None, *, frozen: bool = False) -> None:
        self._lock = threading.Lock()
        self._offset = timedelta(0)
        self._frozen_at: datetime | None = None
        if start is not None:
            self.set(start, frozen=frozen)
        elif frozen:
            self._frozen_at = to_millis(datetime.now(UTC))

    def now(self) -> datetime:
        """Aware UTC datetime with millisecond precision."""
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return to_millis(datetime.now(UTC) + self._offset)

    def advance(self, seconds: float) -> None:
        with self._lock:
            step = timedelta(seconds=seconds)
            if self._frozen_at is not None:
                self._frozen_at = to_millis(self._frozen_at + step)
            else:
                self._offset += step

    def set(self, when: datetime, *, frozen: bool | None = None) -> None:
        """Make now() return `when` (aware). Keeps frozen/running mode unless `frozen` is given."""
        if when.tzinfo is None:
            raise ValueError("Clock.set needs a timezone-aware datetime")
        when = when.astimezone(UTC)
        with self._lock:
            keep_frozen = self._frozen_at is not None if frozen is None else frozen
            if keep_frozen:
                self._frozen_at = to_millis(when)
            else:
                self._frozen_at = None
                self._offset = when - datetime.now(UTC)

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None
