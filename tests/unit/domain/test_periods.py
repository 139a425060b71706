"""domain.periods: the day, week, month or range a report covers, and moving between them."""

from __future__ import annotations

from datetime import date

from desktop.domain.periods import Period, month_last_day, period_days, shift_period, week_first_day

WEDNESDAY = date(2026, 11, 18)


def test_weeks_start_on_the_chosen_weekday():
    assert week_first_day(WEDNESDAY) == date(2026, 11, 16)  # Monday
    assert week_first_day(WEDNESDAY, first_weekday=6) == date(2026, 11, 15)  # Sunday
    assert week_first_day(date(2026, 11, 15), first_weekday=6) == date(2026, 11, 15)


def test_the_period_around_a_day():
    assert period_days(Period.DAY, WEDNESDAY) == (WEDNESDAY, WEDNESDAY)
    assert period_days(Period.WEEK, WEDNESDAY) == (date(2026, 11, 16), date(2026, 11, 22))
    assert period_days(Period.MONTH, WEDNESDAY) == (date(2026, 11, 1), date(2026, 11, 30))
    assert period_days(Period.MONTH, date(2028, 2, 10)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert month_last_day(date(2026, 12, 5)) == date(2026, 12, 31)


def test_moving_by_whole_periods():
    assert shift_period(Period.DAY, WEDNESDAY, WEDNESDAY, -1) == (date(2026, 11, 17),) * 2
    assert shift_period(Period.WEEK, date(2026, 11, 16), date(2026, 11, 22), 1) == (
        date(2026, 11, 23), date(2026, 11, 29))
    assert shift_period(Period.MONTH, date(2026, 12, 1), date(2026, 12, 31), 1) == (
        date(2027, 1, 1), date(2027, 1, 31))
    assert shift_period(Period.MONTH, date(2026, 1, 1), date(2026, 1, 31), -1) == (
        date(2025, 12, 1), date(2025, 12, 31))
    # a chosen range moves by its own length
    assert shift_period(Period.RANGE, date(2026, 11, 1), date(2026, 11, 10), 1) == (
        date(2026, 11, 11), date(2026, 11, 20))
