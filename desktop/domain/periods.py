"""Spans of local days a report covers: a day, a week, a month, or a range the user chose."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    RANGE = "range"  # from and to chosen by the user


def week_first_day(day: date, first_weekday: int = 0) -> date:
    """The first day of `day`'s week; weeks start on `first_weekday` (0 Monday ... 6 Sunday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def month_last_day(day: date) -> date:
    following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def period_days(period: Period, day: date, first_weekday: int = 0) -> tuple[date, date]:
    """(first, last) day of the period containing `day` (a range: that day alone)."""
    if period is Period.WEEK:
        first = week_first_day(day, first_weekday)
        return first, first + timedelta(days=6)
    if period is Period.MONTH:
        return day.replace(day=1), month_last_day(day)
    return day, day


def shift_period(
    period: Period, first: date, last: date, steps: int, first_weekday: int = 0
) -> tuple[date, date]:
    """The period `steps` periods before (negative) or after (positive) [first, last]; a
    range moves by its own length."""
    if period is Period.MONTH:
        months = first.year * 12 + first.month - 1 + steps
        moved = date(months // 12, months % 12 + 1, 1)
        return moved, month_last_day(moved)
    if period is Period.RANGE:
        length = (last - first).days + 1
        return first + timedelta(days=length * steps), last + timedelta(days=length * steps)
    unit = 7 if period is Period.WEEK else 1
    return period_days(period, first + timedelta(days=unit * steps), first_weekday)
