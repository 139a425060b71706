"""domain.totals: the counting rule the timesheet, the Reports page and `stint report` share."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from desktop.domain.entries import TimeEntry
from desktop.domain.totals import (
    Totals,
    day_span,
    duration_within,
    local_midnight,
    seconds_within,
    totals_within,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)


def at(hour: int, minute: int = 0, second: int = 0, ms: int = 0, day: int = 18) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, ms * 1000, tzinfo=UTC)


def entry(start, end, billable=False) -> TimeEntry:
    return TimeEntry(start=start, end=end, billable=billable)


def test_an_entry_counts_its_part_inside_the_span():
    span = (at(9), at(10))
    assert seconds_within(entry(at(8, 30), at(9, 15)), *span, NOW) == 15 * 60
    assert seconds_within(entry(at(9, 50), at(11)), *span, NOW) == 10 * 60
    assert seconds_within(entry(at(7), at(8)), *span, NOW) == 0
    assert seconds_within(entry(at(8), at(12)), *span, NOW) == 3600


def test_a_running_entry_counts_up_to_now():
    running = entry(at(11), None)
    assert seconds_within(running, at(0), at(0, day=19), NOW) == 3600
    assert seconds_within(running, at(0), at(11, 30), NOW) == 1800


def test_fractions_of_seconds_are_counted_on_the_clock_so_parts_add_up():
    # 09:00:00.600 - 09:00:05.400 counts 5 s: the seconds 0..5 on the clock it covers.
    odd = entry(at(9, 0, 0, 600), at(9, 0, 5, 400))
    assert seconds_within(odd, at(0), at(23), NOW) == 5
    # split anywhere on a whole second, the parts add up to the whole
    whole = seconds_within(odd, at(0), at(23), NOW)
    parts = seconds_within(odd, at(0), at(9, 0, 3), NOW) + seconds_within(odd, at(9, 0, 3), at(23), NOW)
    assert parts == whole
    # entries that follow each other neither lose nor gain a second between them
    first = entry(at(9, 0, 0, 250), at(9, 0, 10, 700))
    second = entry(at(9, 0, 10, 700), at(9, 0, 20, 100))
    both = totals_within([first, second], at(0), at(23), NOW)
    assert both.seconds == 20  # 09:00:00 -> 09:00:20 on the clock


def test_days_of_a_week_add_up_to_the_week_across_midnight_and_daylight_saving():
    # Sunday 25 October 2026: Berlin leaves summer time, the day has 25 hours.
    entries = [
        entry(datetime(2026, 10, 24, 21, 59, 59, 500000, tzinfo=UTC),
              datetime(2026, 10, 25, 2, 0, 0, 250000, tzinfo=UTC), billable=True),
        entry(datetime(2026, 10, 25, 22, 30, 0, 900000, tzinfo=UTC),
              datetime(2026, 10, 26, 1, 0, 0, 100000, tzinfo=UTC)),
    ]
    first, last = date(2026, 10, 19), date(2026, 10, 25 + 1)
    week = totals_within(entries, *day_span(first, last, BERLIN), NOW)
    days = [totals_within(entries, *day_span(first + timedelta(n), first + timedelta(n), BERLIN), NOW)
            for n in range(8)]
    assert sum(day.seconds for day in days) == week.seconds
    assert sum(day.billable_seconds for day in days) == week.billable_seconds
    start, end = day_span(date(2026, 10, 25), date(2026, 10, 25), BERLIN)
    assert end - start == timedelta(hours=24)  # wall clock; in UTC it is 25 hours
    assert (end.astimezone(UTC) - start.astimezone(UTC)) == timedelta(hours=25)


def test_totals_split_billable_time_and_count_entries_with_time():
    totals = totals_within(
        [entry(at(9), at(10), billable=True), entry(at(10), at(10, 30)), entry(at(7), at(8))],
        at(9), at(12), NOW,
    )
    assert totals == Totals(seconds=5400, billable_seconds=3600, entries=2)
    assert totals.non_billable == timedelta(minutes=30)
    assert totals.duration == timedelta(hours=1, minutes=30)


def test_duration_within_stays_exact():
    assert duration_within(entry(at(9, 0, 0, 600), at(9, 0, 5, 400)), at(0), at(23), NOW) == (
        timedelta(seconds=4, milliseconds=800)
    )


def test_local_midnight_in_a_zone():
    assert local_midnight(date(2026, 11, 18), BERLIN) == datetime(2026, 11, 17, 23, tzinfo=UTC)
