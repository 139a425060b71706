"""Clock changes and sleep never lose tracked time (issue 4, Robustness): the TimerService
measures on the monotonic clock once the wall clock is set back, keeps the entry at a stop,
and counts a sleep as part of the work period. FakeClock.set_wall_clock moves only the wall
clock; FakeClock.advance moves both."""

from __future__ import annotations

from datetime import timedelta

from desktop.services.timer_service import TimerService
from desktop.ui.picker.task_widget import TaskWidget
from tests.gui.conftest import ACME_ID, CASE_ID, NOW


def test_wall_clock_set_back_before_the_start_keeps_the_time_worked(timer, clock, gui_store):
    timer.start(ACME_ID)
    clock.advance(minutes=10)
    clock.set_wall_clock(NOW - timedelta(hours=1))  # the user sets the clock back an hour
    assert timer.elapsed() == timedelta(minutes=10)  # not negative, not frozen
    assert timer.clock_went_back()
    clock.advance(minutes=5)
    assert timer.elapsed() == timedelta(minutes=15)

    stopped = timer.stop()
    assert stopped is not None and stopped.start == NOW
    assert stopped.end == NOW + timedelta(minutes=15)
    assert gui_store.entries.get(stopped.id).end == NOW + timedelta(minutes=15)
    assert not timer.clock_went_back()


def test_wall_clock_set_back_but_after_the_start(timer, clock):
    timer.start(ACME_ID)
    clock.advance(minutes=60)
    assert timer.elapsed() == timedelta(minutes=60)  # a sane reading: the new reference
    clock.set_wall_clock(NOW + timedelta(minutes=30))
    clock.advance(minutes=1)
    assert timer.elapsed() == timedelta(minutes=61)  # no jump back by half an hour
    assert timer.stop().end == NOW + timedelta(minutes=61)


def test_setting_the_clock_right_again_goes_back_to_the_wall_clock(timer, clock):
    timer.start(ACME_ID)
    clock.advance(minutes=10)
    clock.set_wall_clock(NOW - timedelta(hours=1))
    assert timer.elapsed() == timedelta(minutes=10)
    clock.set_wall_clock(NOW + timedelta(minutes=20))  # NTP puts it right
    assert timer.elapsed() == timedelta(minutes=20) and not timer.clock_went_back()


def test_a_timer_found_running_after_the_clock_went_back(qtbot, gui_store, clock):
    """Restarted (or the CLI started the timer) with the wall clock already behind the
    entry's start: the elapsed time counts from 0 on the monotonic clock, never negative."""
    gui_store.entries.start_timer(ACME_ID, NOW)
    clock.set_wall_clock(NOW - timedelta(hours=2))
    timer = TimerService(gui_store, clock)
    assert timer.elapsed() == timedelta(0)
    clock.advance(minutes=5)
    assert timer.elapsed() == timedelta(minutes=5)
    assert timer.stop().end == NOW + timedelta(minutes=5)


def test_a_stop_just_after_the_clock_went_back_keeps_at_least_a_second(timer, clock):
    timer.start(ACME_ID)
    clock.set_wall_clock(NOW - timedelta(minutes=30))
    stopped = timer.stop()
    assert stopped is not None and stopped.end == NOW + timedelta(seconds=1)


def test_switching_tasks_after_the_clock_went_back_keeps_the_first_entry(timer, clock,
                                                                         gui_store):
    first = timer.start(ACME_ID)
    clock.advance(minutes=20)
    clock.set_wall_clock(NOW - timedelta(hours=3))
    second = timer.start(CASE_ID)
    assert second is not None and second.start == NOW - timedelta(hours=3)
    kept = gui_store.entries.get(first.id)
    assert kept.end == NOW + timedelta(minutes=20)


def test_start_and_stop_in_the_same_instant_hold_no_time(timer, gui_store):
    timer.start(ACME_ID)
    assert timer.stop() is None
    assert gui_store.entries.all() == []


def test_sleep_counts_as_part_of_the_work_period(timer, clock):
    """A suspend moves the wall clock but not the (Linux) monotonic clock: the elapsed time
    after the resume is wall-clock based and includes the sleep, as intended."""
    timer.start(ACME_ID)
    clock.advance(minutes=10)
    clock.set_wall_clock(NOW + timedelta(hours=2, minutes=10))  # 2 hours asleep
    assert timer.elapsed() == timedelta(hours=2, minutes=10)
    assert not timer.clock_went_back()
    assert timer.stop().end == NOW + timedelta(hours=2, minutes=10)


def test_the_task_widget_never_shows_a_negative_time(qtbot, timer, tasks, clock):
    widget = TaskWidget(timer, tasks)
    qtbot.addWidget(widget)
    timer.start(ACME_ID)
    clock.advance(seconds=75)
    clock.set_wall_clock(NOW - timedelta(days=1))
    widget.refresh()
    assert widget.elapsed_text() == "0:01:15"
    assert "clock was set back" in widget.elapsed_label.toolTip()
    clock.set_wall_clock(NOW + timedelta(seconds=80))  # put right again
    widget.refresh()
    assert widget.elapsed_text() == "0:01:20" and widget.elapsed_label.toolTip() == ""


def test_the_timesheet_row_never_goes_negative_either(qtbot, timer, tasks, gui_store, clock):
    from datetime import UTC

    from desktop.services.entries_service import EntriesService
    from desktop.ui.timesheet.day_model import DayColumn
    from desktop.ui.timesheet.view import TimesheetView

    view = TimesheetView(EntriesService(gui_store, timer, clock=clock, tz=UTC), tasks, timer)
    qtbot.addWidget(view)
    running = timer.start(ACME_ID)
    clock.advance(minutes=7)
    clock.set_wall_clock(NOW - timedelta(minutes=30))  # still the same local day
    view.set_day(NOW.date())
    model = view.day_model
    cell = model.data(model.index(model.row_of(running.id), DayColumn.DURATION))
    assert cell == "0:07:00"
