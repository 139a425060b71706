"""The tray's quick picker: a small always-on-top window; type, Enter starts, Esc hides."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.ui.picker.quick_picker import QuickPicker
from tests.gui.conftest import CALL_ID, CASE_ID


@pytest.fixture
def quick(qtbot, tasks, timer):
    picker = QuickPicker(tasks, timer)
    qtbot.addWidget(picker)
    picker.popup()
    qtbot.waitExposed(picker)
    return picker


def test_it_is_a_frameless_always_on_top_window(quick):
    flags = quick.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert quick.isVisible()
    assert quick.picker.results_model.rowCount() > 0  # recent/all tasks before typing


def test_typing_and_enter_start_the_timer_and_hide(qtbot, quick, timer):
    qtbot.keyClicks(quick.picker.search, "call back")
    with qtbot.waitSignal(quick.task_started):
        qtbot.keyClick(quick.picker.search, Qt.Key.Key_Return)
    assert timer.running().item_id == CALL_ID
    assert not quick.isVisible()


def test_escape_clears_then_hides_without_starting(qtbot, quick, timer):
    qtbot.keyClicks(quick.picker.search, "printer")
    qtbot.keyClick(quick.picker.search, Qt.Key.Key_Escape)
    assert quick.isVisible() and quick.picker.search.text() == ""
    qtbot.keyClick(quick.picker.search, Qt.Key.Key_Escape)
    assert not quick.isVisible()
    assert not timer.is_running()


def test_switches_a_running_timer(qtbot, quick, timer, clock):
    timer.start(CALL_ID)
    clock.advance(minutes=1)
    qtbot.keyClicks(quick.picker.search, "printer")
    qtbot.keyClick(quick.picker.search, Qt.Key.Key_Return)
    assert timer.running().item_id == CASE_ID


def test_opening_again_starts_with_an_empty_search(qtbot, quick):
    qtbot.keyClicks(quick.picker.search, "printer")
    quick.hide()
    quick.popup()
    assert quick.picker.search.text() == ""
