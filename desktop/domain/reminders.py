"""When reminders are due: "no timer running" in working hours, "timer running too long".

- No timer: once no timer has run for `every` inside the working hours (the user's days and
  local hours), and again every `every` while that lasts. Time outside working hours does
  not count: with 09:00-17:00 and 15 minutes, a day starting without a timer reminds at
  09:15, not at 09:00.
- Long timer: once per entry, when it has run `hours`.

Pure functions of local wall time: `tz` is the zone to read the working hours in (None: the
system's local zone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from desktop.domain.preferences import parse_clock, weekday_numbers

LOOK_AHEAD_DAYS = 8  # a week of days off (and the one after) is as far as one must look


@dataclass(frozen=True, slots=True)
class WorkingHours:
    days: frozenset[int]  # datetime.weekday() numbers, Monday is 0
    start: time
    end: time

    @classmethod
    def from_settings(cls, settings) -> WorkingHours | None:  # noqa: ANN001 - Settings
        start, end = parse_clock(settings.work_start), parse_clock(settings.work_end)
        if start is None or end is None or end <= start:
            return None
        return cls(weekday_numbers(settings.work_days), start, end)

    def window(self, day: date, tz: tzinfo | None = None) -> tuple[datetime, datetime] | None:
        """The working hours of `day` as aware datetimes; None on a day off."""
        if day.weekday() not in self.days:
            return None
        return _local(day, self.start, tz), _local(day, self.end, tz)

    def contains(self, moment: datetime, tz: tzinfo | None = None) -> bool:
        window = self.window(moment.astimezone(tz).date(), tz)
        return window is not None and window[0] <= moment < window[1]


def next_no_timer_reminder(
    quiet_since: datetime, hours: WorkingHours, every: timedelta, tz: tzinfo | None = None
) -> datetime | None:
    """The first moment `every` of working time after `quiet_since` (when the last timer
    stopped, or the last reminder went out); None when no working day is near."""
    first_day = quiet_since.astimezone(tz).date()
    for offset in range(LOOK_AHEAD_DAYS):
        window = hours.window(first_day + timedelta(days=offset), tz)
        if window is None:
            continue
        start, end = window
        due = max(quiet_since, start) + every
        if due < end:
            return due
    return None


def long_timer_due(started: datetime, hours: int) -> datetime:
    return started + timedelta(hours=hours)


def _local(day: date, clock: time, tz: tzinfo | None) -> datetime:
    if tz is None:
        return datetime.combine(day, clock).astimezone()  # the system's zone, DST included
    return datetime.combine(day, clock, tzinfo=tz)
