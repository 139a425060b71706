"""One tick source for every running clock on screen: the TimerService's `ticked` signal.
The task widget, the timesheet's running row and the open tray menu show the same second, and
nothing ticks while nothing that shows the time is visible."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QWidget

from desktop.domain.durations import format_hms
from desktop.services.entries_service import EntriesService
from desktop.services.timer_service import TimerService
from desktop.ui.picker.task_widget import TaskWidget
from desktop.ui.timesheet.day_model import DayColumn
from desktop.ui.timesheet.view import TimesheetView
from desktop.ui.tray.controller import TrayController
from tests.gui.conftest import CASE_ID, NOW


class CreepingClock:
    """Time that moves 0.35 s on every reading (wall and monotonic alike): two views that
    each read the clock for themselves would often land in different seconds."""

    def __init__(self, start: datetime) -> None:
        self._now = start
        self._monotonic = 1000.0
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            self._now += timedelta(milliseconds=350)
            self._monotonic += 0.35
            return self._now

    def monotonic(self) -> float:
        with self._lock:
            return self._monotonic


def _duration_cell(view: TimesheetView, entry_id: int) -> str:
    model = view.day_model
    return model.data(model.index(model.row_of(entry_id), DayColumn.DURATION))


@pytest.fixture
def creeping(qtbot, gui_store, tasks):
    clock = CreepingClock(NOW)
    timer = TimerService(gui_store, clock)
    entries = EntriesService(gui_store, timer, clock=clock, tz=UTC)
    widget = TaskWidget(timer, tasks)
    view = TimesheetView(entries, tasks, timer)
    for shown in (widget, view):
        qtbot.addWidget(shown)
        shown.show()
        qtbot.waitExposed(shown)
    return timer, widget, view


def test_the_task_widget_and_the_timesheet_row_show_the_same_second(qtbot, creeping):
    timer, widget, view = creeping
    running = timer.start(CASE_ID)
    seen: list[tuple[str, str, str]] = []

    def compare(elapsed: timedelta) -> None:  # connected last: runs after both views
        seen.append((format_hms(elapsed), widget.elapsed_text(),
                     _duration_cell(view, running.id)))

    timer.ticked.connect(compare)
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=10_000)
    assert all(tick == shown == row for tick, shown, row in seen), seen
    assert len({tick for tick, _, _ in seen}) == len(seen)  # each tick a new second


def test_ticks_run_only_while_something_visible_shows_a_running_timer(qtbot, timer, tasks,
                                                                       clock):
    widget = TaskWidget(timer, tasks)
    qtbot.addWidget(widget)
    timer.start(CASE_ID)
    assert not timer.is_ticking()  # nothing on screen yet
    widget.show()
    qtbot.waitExposed(widget)
    assert timer.is_ticking() and widget.is_ticking()
    widget.hide()
    assert not timer.is_ticking()
    widget.show()
    assert timer.is_ticking()
    timer.stop()
    assert not timer.is_ticking()  # subscribed, but nothing runs
    timer.start(CASE_ID)
    assert timer.is_ticking()


def test_a_destroyed_subscriber_stops_needing_ticks(qtbot, timer, clock):
    holder = QWidget()
    timer.subscribe_ticks(holder)
    timer.start(CASE_ID)
    assert timer.is_ticking()
    holder.deleteLater()
    qtbot.waitUntil(lambda: not timer.is_ticking(), timeout=2000)


def test_a_hidden_timesheet_stops_asking_for_ticks(qtbot, timer, gui_store, tasks, clock):
    entries = EntriesService(gui_store, timer, clock=clock, tz=UTC)
    view = TimesheetView(entries, tasks, timer)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    timer.start(CASE_ID)
    qtbot.waitUntil(view.is_ticking)
    assert timer.is_ticking()
    view.hide()
    assert not view.is_ticking() and not timer.is_ticking()


def test_the_timesheet_row_follows_the_tick_value(qtbot, timer, gui_store, tasks, clock):
    entries = EntriesService(gui_store, timer, clock=clock, tz=UTC)
    view = TimesheetView(entries, tasks, timer)
    qtbot.addWidget(view)
    view.show()
    running = timer.start(CASE_ID)
    clock.advance(minutes=3, seconds=7)
    with qtbot.waitSignal(timer.ticked, timeout=3000) as ticked:
        pass
    assert ticked.args[0] == timedelta(minutes=3, seconds=7)
    assert _duration_cell(view, running.id) == "0:03:07"


def test_the_open_tray_menu_ticks_with_the_timer(qtbot, timer, tasks, sync, clock):
    tray = TrayController(timer, tasks, sync, toggle_window=lambda: None,
                          open_window=lambda: None, pick_task=lambda: None,
                          quit_app=lambda: None, tray_available=False)
    try:
        timer.start(CASE_ID)
        assert not timer.is_ticking()
        tray.menu.aboutToShow.emit()
        assert timer.is_ticking()
        tray.menu.aboutToHide.emit()
        assert not timer.is_ticking()
    finally:
        tray.dispose()
