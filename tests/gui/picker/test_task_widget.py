"""The task widget: current task and path, Start/Stop, switching, elapsed from timestamps."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel

from desktop.ui.picker.task_widget import TaskWidget, clock_font
from tests.gui.conftest import (
    ACME_ID,
    CALL_ID,
    CASE_ID,
    HOSTILE_ID,
    HOSTILE_NAME,
    NOW,
    reload_and_wait,
)


@pytest.fixture
def widget(qtbot, timer, tasks):
    shown = TaskWidget(timer, tasks)
    qtbot.addWidget(shown)
    shown.resize(700, 160)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_no_task_at_first(widget):
    assert widget.name_label.text() == "No task"
    assert widget.start_stop.text() == "Start"
    assert widget.elapsed_text() == "0:00:00"
    assert not widget.is_ticking()


def test_start_stop_button_runs_the_timer_on_the_shown_task(qtbot, widget, timer, gui_store, clock):
    timer.start(CALL_ID)
    assert widget.name_label.text() == "Call back"
    assert widget.path_label.text() == "Salesforce > Acme Corp - 500 Widgets"
    assert widget.start_stop.text() == "Stop"
    clock.advance(minutes=2)
    qtbot.mouseClick(widget.start_stop, Qt.MouseButton.LeftButton)
    assert not timer.is_running()
    assert gui_store.entries.all()[-1].end == NOW + timedelta(minutes=2)
    assert widget.start_stop.text() == "Start"
    assert widget.name_label.text() == "Call back"  # Start resumes it
    qtbot.mouseClick(widget.start_stop, Qt.MouseButton.LeftButton)
    assert timer.running().item_id == CALL_ID


def test_key_fields_are_shown(widget, timer):
    timer.start(ACME_ID)
    assert widget.fields_label.text() == "Account: Acme Corp · Stage: Prospecting"


def test_the_clock_digits_have_one_width_so_the_time_does_not_shift(widget):
    metrics = QFontMetrics(widget.elapsed_label.font())
    assert len({metrics.horizontalAdvance(digit) for digit in "0123456789"}) == 1


@pytest.mark.skipif(not hasattr(QFont, "Tag"), reason="font features need Qt 6.7")
def test_the_clock_is_the_ui_font_with_tabular_figures(widget):
    font = clock_font(widget.font())
    assert font.family() == widget.font().family()
    assert [tag.toString() for tag in font.featureTags()] == ["tnum"]
    assert font.featureValue(QFont.Tag("tnum")) == 1


def test_elapsed_time_comes_from_the_stored_start_and_ticks(qtbot, widget, timer, clock):
    timer.start(CASE_ID)
    clock.advance(hours=1, minutes=2, seconds=3)
    assert widget.is_ticking()
    qtbot.waitUntil(lambda: widget.elapsed_text() == "1:02:03", timeout=3000)
    clock.advance(seconds=1)
    qtbot.waitUntil(lambda: widget.elapsed_text() == "1:02:04", timeout=3000)


def test_no_ticking_while_hidden(qtbot, widget, timer, clock):
    timer.start(CASE_ID)
    assert widget.is_ticking()
    widget.hide()
    assert not widget.is_ticking()
    clock.advance(minutes=5)
    widget.show()
    assert widget.elapsed_text() == "0:05:00"  # shown at once, from the timestamps
    assert widget.is_ticking()


def test_switching_from_the_picker_stops_the_old_entry(qtbot, widget, timer, gui_store, clock):
    timer.start(CALL_ID)
    clock.advance(minutes=7)
    widget.picker.task_chosen.emit(CASE_ID)
    assert timer.running().item_id == CASE_ID
    first = gui_store.entries.all()[0]
    assert (first.item_id, first.end) == (CALL_ID, NOW + timedelta(minutes=7))
    assert widget.name_label.text() == "Printer on fire"


def test_hostile_names_show_literally(qtbot, widget, timer):
    widget.resize(1400, 160)
    timer.start(HOSTILE_ID)
    qtbot.waitUntil(lambda: not widget.name_label.is_elided())
    assert widget.name_label.text() == HOSTILE_NAME
    assert widget.name_label.displayed_text() == HOSTILE_NAME  # painted as these characters
    widget.name_label.resize(60, widget.name_label.height())  # now elided: tooltip escaped
    tooltip = widget.name_label.toolTip()
    assert "<img" not in tooltip and "&lt;img src=" in tooltip
    # Every QLabel in the widget shows plain text, whatever Qt would guess from the content.
    for label in widget.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def test_long_names_elide_with_a_tooltip(qtbot, widget, timer, gui_store, tasks):
    from desktop.domain.items import Item, ItemKind

    long_name = "Quarterly business review " * 12
    gui_store.items.upsert_many([Item("00T000000000009AAA", ItemKind.ACTIVITY, long_name.strip(),
                                      ACME_ID, "Task")])
    reload_and_wait(qtbot, tasks)
    timer.start("00T000000000009AAA")
    assert widget.name_label.is_elided()
    assert widget.name_label.displayed_text().endswith("…")
    assert long_name.strip()[:40] in widget.name_label.toolTip()


def test_picking_a_task_while_no_task_runs_assigns_the_running_entry(
        qtbot, widget, timer, gui_store, clock):
    qtbot.mouseClick(widget.start_stop, Qt.MouseButton.LeftButton)  # Start, on no task
    assert timer.running().item_id is None
    assert widget.fields_label.text() == "Time runs without a task; pick one below to assign it."
    clock.advance(minutes=7)
    qtbot.keyClicks(widget.picker.search, "printer")
    with qtbot.waitSignal(timer.timer_started):
        qtbot.keyClick(widget.picker.search, Qt.Key.Key_Return)

    [entry] = gui_store.entries.all()  # the same entry, now on the task, still running
    assert (entry.item_id, entry.start, entry.end) == (CASE_ID, NOW, None)
    assert timer.running() == entry
    assert widget.name_label.text() == "Printer on fire"
    assert widget.start_stop.text() == "Stop"
    qtbot.waitUntil(lambda: widget.elapsed_text() == "0:07:00", timeout=3000)
    clock.advance(minutes=1)
    widget.picker.task_chosen.emit(CALL_ID)  # from a task, picking another still switches
    assert [(e.item_id, e.end) for e in gui_store.entries.all()] == [
        (CASE_ID, NOW + timedelta(minutes=8)), (CALL_ID, None)]


# -- the running entry's note and billable flag, and Open in Salesforce ------------------
def test_note_and_billable_are_edited_while_the_timer_runs(qtbot, widget, timer, gui_store, clock):
    assert not widget.note_edit.isEnabled() and not widget.billable_box.isEnabled()
    running = timer.start(CALL_ID)
    assert widget.note_edit.isEnabled() and widget.note_edit.text() == ""
    widget.note_edit.setFocus()
    qtbot.keyClicks(widget.note_edit, "quote for 500 units")
    assert gui_store.entries.get(running.id).note == ""  # not one write per keystroke
    qtbot.waitUntil(lambda: gui_store.entries.get(running.id).note == "quote for 500 units",
                    timeout=5000)
    qtbot.mouseClick(widget.billable_box, Qt.MouseButton.LeftButton)
    assert gui_store.entries.get(running.id).billable  # a click is stored at once
    assert timer.is_running() and timer.running().id == running.id
    assert gui_store.entries.get(running.id).end is None


def test_a_note_typed_just_before_the_stop_is_kept(qtbot, widget, timer, gui_store, clock):
    running = timer.start(CALL_ID)
    clock.advance(minutes=4)
    qtbot.keyClicks(widget.note_edit, "wrap-up")
    qtbot.mouseClick(widget.start_stop, Qt.MouseButton.LeftButton)  # Stop, within the pause
    stopped = gui_store.entries.get(running.id)
    assert (stopped.note, stopped.end) == ("wrap-up", NOW + timedelta(minutes=4))
    assert widget.note_edit.text() == "" and not widget.note_edit.isEnabled()


def test_a_note_changed_elsewhere_shows_up(qtbot, widget, timer, gui_store):
    running = timer.start(CALL_ID)
    gui_store.entries.update(gui_store.entries.get(running.id).with_changes(note="from the CLI",
                                                                          billable=True))
    timer.refresh()  # what the window does when it is activated
    assert widget.note_edit.text() == "from the CLI" and widget.billable_box.isChecked()


def test_open_in_salesforce_button(qtbot, widget, timer, tasks, gui_store):
    from desktop.platform.browser import RecordingBrowser
    from desktop.services.record_links import RecordLinks
    from desktop.store.sync_state_repo import INSTANCE_URL_KEY

    browser = RecordingBrowser()
    links = RecordLinks(gui_store, tasks.item, opener=browser)
    assert not widget.open_button.isVisible()  # until the app hands the links over
    widget.set_record_links(links)
    timer.start(CASE_ID)
    assert widget.open_button.isVisible() and not widget.open_button.isEnabled()
    assert widget.open_button.toolTip() == "Connect to Salesforce to open its records."
    gui_store.sync_state.set_value(INSTANCE_URL_KEY, "https://acme.my.salesforce.com")
    widget.refresh()
    url = f"https://acme.my.salesforce.com/lightning/r/Case/{CASE_ID}/view"
    assert widget.open_button.isEnabled() and widget.open_button.toolTip() == url
    with qtbot.waitSignal(links.opened, timeout=5000):
        qtbot.mouseClick(widget.open_button, Qt.MouseButton.LeftButton)
    assert browser.urls == [url]
