"""The sandbox's clock: real UTC time plus an adjustable offset, or a frozen instant."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


def to_seconds(when: datetime) -> datetime:
    """Truncate to whole seconds: Salesforce stores datetimes to the second (they come back
    as "...T20:49:32.000+0000", the milliseconds always zero)."""
    return when.replace(microsecond=0)


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
            self._frozen_at = to_seconds(datetime.now(UTC))

    def now(self) -> datetime:
        """Aware UTC datetime, whole seconds."""
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return to_seconds(datetime.now(UTC) + self._offset)

    def advance(self, seconds: float) -> None:
        with self._lock:
            step = timedelta(seconds=seconds)
            if self._frozen_at is not None:
                self._frozen_at = to_seconds(self._frozen_at + step)
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
                self._frozen_at = to_seconds(when)
            else:
                self._frozen_at = None
                self._offset = when - datetime.now(UTC)

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None
