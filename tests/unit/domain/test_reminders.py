"""When reminders are due (desktop.domain.reminders)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from desktop.domain.reminders import WorkingHours, long_timer_due, next_no_timer_reminder
from desktop.domain.settings import Settings

BERLIN = ZoneInfo("Europe/Berlin")
OFFICE = WorkingHours(frozenset({0, 1, 2, 3, 4}), time(9), time(17))
QUARTER = timedelta(minutes=15)


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)  # 16 Nov 2026 is a Monday


def test_working_hours_come_from_the_settings():
    hours = WorkingHours.from_settings(Settings(work_days=("mon", "sat"), work_start="08:30"))
    assert hours == WorkingHours(frozenset({0, 5}), time(8, 30), time(17))
    assert WorkingHours.from_settings(Settings(work_start="18:00")) is None


def test_a_day_starting_without_a_timer_reminds_after_the_first_quarter():
    quiet_since = berlin(15, 18)  # Sunday evening: the last timer stopped
    assert next_no_timer_reminder(quiet_since, OFFICE, QUARTER, BERLIN) == berlin(16, 9, 15)


def test_a_stop_during_working_hours_reminds_a_quarter_later_and_then_every_quarter():
    assert next_no_timer_reminder(berlin(16, 11, 2), OFFICE, QUARTER, BERLIN) == berlin(16, 11, 17)
    # the reminder went out at 11:17: the next one is due at 11:32
    assert next_no_timer_reminder(berlin(16, 11, 17), OFFICE, QUARTER, BERLIN) == berlin(16, 11, 32)


def test_no_reminder_in_the_last_quarter_or_at_the_weekend():
    assert next_no_timer_reminder(berlin(20, 16, 50), OFFICE, QUARTER, BERLIN) == berlin(23, 9, 15)
    assert next_no_timer_reminder(berlin(21, 10), OFFICE, QUARTER, BERLIN) == berlin(23, 9, 15)


def test_no_working_day_at_all_means_no_reminder():
    never = WorkingHours(frozenset(), time(9), time(17))
    assert next_no_timer_reminder(berlin(16, 10), never, QUARTER, BERLIN) is None


def test_working_hours_are_local_across_a_daylight_saving_change():
    # 29 March 2026: Berlin moves to summer time; Monday 30 March 09:15 is 07:15 UTC
    due = next_no_timer_reminder(datetime(2026, 3, 28, 20, tzinfo=BERLIN), OFFICE, QUARTER, BERLIN)
    assert due == datetime(2026, 3, 30, 9, 15, tzinfo=BERLIN)
    assert due.utcoffset() == timedelta(hours=2)


def test_contains_and_long_timer():
    assert OFFICE.contains(berlin(16, 9), BERLIN) and not OFFICE.contains(berlin(16, 17), BERLIN)
    assert long_timer_due(berlin(16, 8), 8) == berlin(16, 16)
