"""The display choices (desktop.services.display_format) and the views that follow them: the
timesheet, the task widget and the tray repaint as soon as the General page saves."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale

from desktop.domain.settings import Settings
from desktop.services.display_format import DisplayFormat
from desktop.ui.timesheet.week_model import week_start
from tests.gui.conftest import ACME_ID, NOW


@pytest.fixture
def us_then_french_locale():
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def test_locale_choices_follow_the_locale(qtbot, us_then_french_locale):
    shown = DisplayFormat()
    shown.apply(Settings())  # "locale" for both
    moment = datetime(2026, 11, 18, 14, 5, tzinfo=UTC)
    assert shown.clock_time(moment) == "2:05 PM" and shown.qt_time_format() == "h:mm AP"
    assert shown.first_weekday() == 6  # Sunday in the United States
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    assert shown.clock_time(moment) == "14:05" and shown.first_weekday() == 0


def test_explicit_choices_win_over_the_locale(qtbot, us_then_french_locale):
    shown = DisplayFormat()
    shown.apply(Settings(time_format="24h", week_start="saturday"))
    assert shown.clock_time(datetime(2026, 11, 18, 9, 5, tzinfo=UTC)) == "09:05"
    assert shown.first_weekday() == 5
    shown.apply(Settings(time_format="12h"))
    assert shown.clock_time(datetime(2026, 11, 18, 0, 30, tzinfo=UTC)) == "12:30 AM"


def test_changed_only_when_something_changed(qtbot):
    shown = DisplayFormat()
    with qtbot.assertNotEmitted(shown.changed):
        shown.apply(Settings())
    with qtbot.waitSignal(shown.changed):
        shown.apply(Settings(duration_format="decimal"))
    assert shown.duration(timedelta(minutes=90)) == "1.50 h"
    assert shown.duration(timedelta(minutes=90), live=True) == "1.50 h"


@pytest.mark.parametrize(("first", "expected"), [(0, date(2026, 11, 16)), (6, date(2026, 11, 15)),
                                                 (5, date(2026, 11, 14))])
def test_the_week_starts_on_the_chosen_day(first, expected):
    assert week_start(date(2026, 11, 18), first) == expected  # a Wednesday
    assert week_start(expected, first) == expected


def test_views_repaint_when_the_duration_format_changes(qtbot, timer, tasks, sync, clock,
                                                        fixed_display_format):
    from desktop.ui.picker.task_widget import TaskWidget
    from desktop.ui.tray.controller import TrayController

    widget = TaskWidget(timer, tasks)
    qtbot.addWidget(widget)
    tray = TrayController(timer, tasks, sync, toggle_window=lambda: None,
                          open_window=lambda: None, pick_task=lambda: None,
                          quit_app=lambda: None, tray_available=False)
    timer.start(ACME_ID)
    clock.advance(minutes=90, seconds=5)
    widget.refresh()
    assert widget.elapsed_text() == "1:30:05"
    fixed_display_format.apply(Settings(duration_format="decimal", time_format="12h"))
    assert widget.elapsed_text() == "1.50 h"
    started = fixed_display_format.clock_time(NOW.astimezone())  # the machine's zone
    assert started.endswith(("AM", "PM"))
    assert f"1.50 h (since {started})" in tray.tooltip()
    assert tray.header_action.text().endswith("1.50 h")
    tray.dispose()
