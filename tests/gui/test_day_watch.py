"""A new day while the app runs (desktop/services/day_watch.py): the status bar's "Last sync
23:39" becomes "Last sync Fri 23:39", and a timesheet on the day that was today moves on to the
new one (seen in the running app left open past midnight)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.platform.clock import FakeClock
from desktop.services.day_watch import AFTER_MIDNIGHT_MS, CHECK_MS, DayWatch, ms_until_check
from desktop.ui.timesheet.view import WEEK, TimesheetView
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, second, tzinfo=BERLIN)


@pytest.mark.parametrize(("now", "expected_ms"), [
    (berlin(4, 23, 59, 30), 30_000 + AFTER_MIDNIGHT_MS),  # just past midnight
    (berlin(4, 23, 59, 59, ), 1_000 + AFTER_MIDNIGHT_MS),
    (berlin(4, 14, 0), CHECK_MS),  # hours away: checked every CHECK_MS all the same
])
def test_the_next_check_is_just_past_midnight_or_sooner(now, expected_ms):
    assert ms_until_check(now.astimezone(UTC), BERLIN) == expected_ms


def test_a_new_day_is_said_once_with_the_day_that_was_today(qtbot):
    clock = FakeClock(berlin(4, 23, 50).astimezone(UTC))
    watch = DayWatch(clock.now, BERLIN)
    seen = []
    watch.day_changed.connect(lambda previous, today: seen.append((previous, today)))

    watch.check()
    assert seen == []
    clock.advance(minutes=11)  # 00:01 in Berlin (23:01 UTC: still the 4th there)
    watch.check()
    watch.check()
    assert seen == [(date(2026, 12, 4), date(2026, 12, 5))]


@pytest.fixture
def view(qtbot, entries_service, tasks_service, timer_service):
    widget = TimesheetView(entries_service, tasks_service, timer_service)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_timesheet_on_the_day_that_was_today_moves_on(view, clock):
    yesterday = view.current_day()
    assert view.title_label.text().endswith("(today)")
    clock.advance(days=1)

    view.follow_day(yesterday, yesterday + timedelta(days=1))
    assert view.current_day() == yesterday + timedelta(days=1)
    assert view.title_label.text().endswith("(today)")
    assert not view.today_button.isEnabled()


def test_a_timesheet_on_another_day_stays_there_and_says_it_is_not_today(view, clock):
    today = view.current_day()
    view.set_day(today - timedelta(days=3))
    clock.advance(days=1)

    view.follow_day(today, today + timedelta(days=1))
    assert view.current_day() == today - timedelta(days=3)
    assert view.today_button.isEnabled()


def test_a_week_view_on_the_week_that_was_today_follows_it(view, clock):
    view.set_mode(WEEK)
    today = view.current_day()
    clock.advance(days=7)

    view.follow_day(today, today + timedelta(days=7))
    assert view.current_day() == today + timedelta(days=7)
    assert not view.today_button.isEnabled()
