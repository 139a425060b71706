"""How much time entries hold within a span of local days: the one counting rule shared by the
timesheet's totals, the Reports page and `stint report`, so their figures agree to the second.

Time is counted in whole seconds on the clock: the part of an entry inside [start, end) is
clipped to the span, and both ends of that part are rounded down to a whole second (UTC).
Because a day's midnight is itself a whole second, the days of a week add up exactly to the
week, and entries that follow each other neither lose nor gain a second between them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from desktop.domain.entries import TimeEntry

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)


def local_midnight(day: date, tz: tzinfo | None = None) -> datetime:
    """The first instant of `day` in `tz` (the system's zone when None), as an aware datetime."""
    if tz is None:
        return datetime.combine(day, time()).astimezone()
    return datetime.combine(day, time(), tzinfo=tz)


def day_span(first_day: date, last_day: date, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """[first_day 00:00, the day after last_day 00:00) in `tz`: the instants of those days."""
    return local_midnight(first_day, tz), local_midnight(last_day + timedelta(days=1), tz)


def duration_within(entry: TimeEntry, start: datetime, end: datetime, now: datetime) -> timedelta:
    """How much of the entry falls inside [start, end) (a running entry counts up to `now`),
    exactly, without rounding."""
    # In UTC: Python subtracts aware datetimes sharing a tzinfo as wall clocks, which would
    # make a day with a DST change 24 hours long instead of 23 or 25.
    clipped_start = max(entry.start, start).astimezone(UTC)
    clipped_end = min(entry.effective_end(now), end).astimezone(UTC)
    length = clipped_end - clipped_start
    return length if length > timedelta(0) else timedelta(0)


def _whole_second(moment: datetime) -> int:
    """Seconds since the epoch, rounded down (integer maths: no float rounding at .999)."""
    return (moment - _EPOCH) // _SECOND


def seconds_within(entry: TimeEntry, start: datetime, end: datetime, now: datetime) -> int:
    """Whole seconds of the entry inside [start, end), counted as the module doc says."""
    clipped_start = max(entry.start, start)
    clipped_end = min(entry.effective_end(now), end)
    return max(0, _whole_second(clipped_end) - _whole_second(clipped_start))


@dataclass(frozen=True, slots=True)
class Totals:
    """Time of some entries within a span, split into billable and not."""

    seconds: int = 0
    billable_seconds: int = 0
    entries: int = 0  # entries with time in the span

    @property
    def non_billable_seconds(self) -> int:
        return self.seconds - self.billable_seconds

    @property
    def duration(self) -> timedelta:
        return timedelta(seconds=self.seconds)

    @property
    def billable(self) -> timedelta:
        return timedelta(seconds=self.billable_seconds)

    @property
    def non_billable(self) -> timedelta:
        return timedelta(seconds=self.non_billable_seconds)

    def plus(self, seconds: int, billable: bool) -> Totals:
        return Totals(
            self.seconds + seconds,
            self.billable_seconds + (seconds if billable else 0),
            self.entries + 1,
        )


def totals_within(
    entries: Iterable[TimeEntry], start: datetime, end: datetime, now: datetime
) -> Totals:
    """The time `entries` hold inside [start, end); entries with none there are not counted."""
    totals = Totals()
    for entry in entries:
        seconds = seconds_within(entry, start, end, now)
        if seconds:
            totals = totals.plus(seconds, entry.billable)
    return totals
