"""Timesheet: day/week navigation, add/edit/delete/undo/continue, inline validation, totals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTime, QTimer
from PySide6.QtWidgets import QApplication

from desktop.domain.entries import EntrySyncState, TimeEntry
from desktop.ui.timesheet.day_model import DayColumn, TimesheetDayModel
from desktop.ui.timesheet.view import DAY, WEEK, TimesheetView
from desktop.ui.timesheet.week_model import TimesheetWeekModel
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)
from tests.gui.conftest_ui2 import (
    ARCHIVED_ID,
    CALL_ID,
    CASE_ID,
    NOW,
    OPPORTUNITY_ID,
    TZ,
    local,
)

WEDNESDAY = date(2026, 11, 18)


@pytest.fixture
def view(qtbot, entries_service, tasks_service, timer_service):
    widget = TimesheetView(entries_service, tasks_service, timer_service)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def add(store, item_id, start, end, note=""):
    return store.entries.add(TimeEntry(start=start, end=end, item_id=item_id, note=note))


def cell(model, row, column):
    return model.data(model.index(row, column))


# -- models ------------------------------------------------------------------------------
def test_day_model_passes_the_model_tester(qtmodeltester, store, tasks_service):
    add(store, OPPORTUNITY_ID, local(18, 9), local(18, 10, 30), "kick-off")
    add(store, None, local(18, 11), local(18, 11, 15))
    model = TimesheetDayModel(TZ)
    model.set_tree(tasks_service.tree())
    model.set_entries(WEDNESDAY, store.entries.between(local(18, 0), local(19, 0)), NOW)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert cell(model, 0, DayColumn.TASK) == "Acme - 500 Widgets"
    assert cell(model, 0, DayColumn.START) == "09:00"
    assert cell(model, 0, DayColumn.END) == "10:30"
    assert cell(model, 0, DayColumn.DURATION) == "1:30"
    assert cell(model, 0, DayColumn.NOTE) == "kick-off"
    assert cell(model, 1, DayColumn.TASK) == "No task"


def test_week_model_passes_the_model_tester(qtmodeltester, store, tasks_service):
    add(store, OPPORTUNITY_ID, local(16, 9), local(16, 10))
    add(store, CASE_ID, local(18, 9), local(18, 11))
    model = TimesheetWeekModel(TZ)
    model.set_tree(tasks_service.tree())
    model.set_week(date(2026, 11, 16), store.entries.all(), NOW)
    qtmodeltester.check(model)


# -- navigation and totals ---------------------------------------------------------------
def test_day_navigation_prev_next_today(qtbot, view, store):
    add(store, OPPORTUNITY_ID, local(17, 14), local(17, 15, 45))
    assert view.current_day() == WEDNESDAY
    assert "Wednesday, 18 November 2026" in view.title_label.text()
    assert not view.today_button.isEnabled()
    assert view.empty_label.isVisible()

    qtbot.mouseClick(view.prev_button, Qt.MouseButton.LeftButton)
    assert view.current_day() == date(2026, 11, 17)
    assert view.title_label.text() == "Tuesday, 17 November 2026"
    assert view.day_model.rowCount() == 1
    assert view.total_label.text() == "Total 1:45 · billable 0:00"
    assert not view.empty_label.isVisible()
    assert view.today_button.isEnabled()

    view.next_button.click()
    view.next_button.click()
    assert view.current_day() == date(2026, 11, 19)
    view.today_button.click()
    assert view.current_day() == WEDNESDAY


def test_week_view_totals_per_day_including_midnight_crossings(qtbot, view, store):
    add(store, OPPORTUNITY_ID, local(16, 9), local(16, 10, 30))  # Monday 1:30
    add(store, CASE_ID, local(17, 23), local(18, 1))  # Tuesday 1:00 + Wednesday 1:00
    add(store, OPPORTUNITY_ID, local(18, 9), local(18, 9, 45))  # Wednesday 0:45
    add(store, OPPORTUNITY_ID, local(23, 9), local(23, 10))  # next week: not counted

    view.week_button.click()
    assert view.mode() == WEEK
    assert view.title_label.text() == "16 – 22 November 2026"
    model = view.week_model
    assert model.day_total(date(2026, 11, 16)) == timedelta(hours=1, minutes=30)
    assert model.day_total(date(2026, 11, 17)) == timedelta(hours=1)
    assert model.day_total(date(2026, 11, 18)) == timedelta(hours=1, minutes=45)
    assert view.total_label.text() == "Week total 4:15 · billable 0:00"
    last = model.rowCount() - 1
    assert cell(model, last, 0) == "Total"
    assert [cell(model, last, c) for c in range(1, 9)] == [
        "1:30", "1:00", "1:45", "", "", "", "", "4:15",
    ]
    rows = {cell(model, r, 0): r for r in range(last)}
    assert cell(model, rows["Acme - 500 Widgets"], 8) == "2:15"

    view.next_button.click()
    assert view.current_day() == date(2026, 11, 25)
    view.prev_button.click()
    # double-clicking Tuesday opens that day
    view._open_day_of(model.index(0, 2))
    assert view.mode() == DAY
    assert view.current_day() == date(2026, 11, 17)
    assert view.total_label.text() == "Total 1:00 · billable 0:00"


# -- adding and editing ------------------------------------------------------------------
def test_add_a_manual_entry_with_a_typed_duration(qtbot, view, store):
    dialog = view.entry_editor()
    dialog.show()
    assert dialog.task_field.choose_first_match("acme widg")
    assert dialog.task_field.item_id() == OPPORTUNITY_ID
    dialog.start_edit.setTime(QTime(13, 0))
    qtbot.keyClicks(dialog.duration_edit, "1h30")
    assert dialog.end_edit.time() == QTime(14, 30)
    dialog.note_edit.setPlainText("Proposal")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == dialog.DialogCode.Accepted
    [entry] = store.entries.all()
    assert (entry.start, entry.end) == (local(18, 13), local(18, 14, 30))
    assert (entry.item_id, entry.note) == (OPPORTUNITY_ID, "Proposal")
    assert view.day_model.rowCount() == 1
    assert view.total_label.text() == "Total 1:30 · billable 0:00"


def test_overlap_is_shown_next_to_the_times_and_the_edit_is_kept(qtbot, view, store):
    add(store, OPPORTUNITY_ID, local(18, 9), local(18, 10))
    dialog = view.entry_editor()
    dialog.show()
    dialog.start_edit.setTime(QTime(9, 30))
    dialog.end_edit.setTime(QTime(10, 15))
    dialog.note_edit.setPlainText("my careful note")
    dialog.save_button.click()

    assert dialog.isVisible()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.times_error.isVisible()
    assert "overlaps" in dialog.times_error.text()
    assert "09:00–10:00" in dialog.times_error.text()
    assert dialog.note_edit.toPlainText() == "my careful note"
    assert dialog.start_edit.time() == QTime(9, 30)
    assert len(store.entries.all()) == 1

    dialog.start_edit.setTime(QTime(10, 0))  # fixing it clears the message and saves
    assert not dialog.times_error.isVisible()
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(store.entries.all()) == 2


def test_negative_span_and_bad_duration_are_shown_inline(qtbot, view, store):
    dialog = view.entry_editor()
    dialog.show()
    dialog.start_edit.setTime(QTime(15, 0))
    dialog.end_edit.setTime(QTime(14, 0))
    assert dialog.end_error.isVisible()
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.end_error.isVisible()
    assert "end after it starts" in dialog.end_error.text()

    dialog.duration_edit.setFocus()
    dialog.duration_edit.clear()
    qtbot.keyClicks(dialog.duration_edit, "soon")
    dialog.save_button.click()
    assert dialog.duration_error.isVisible()
    assert "soon" in dialog.duration_error.text()
    assert dialog.duration_edit.text() == "soon"
    assert store.entries.all() == []


def test_edit_an_entry_keeps_its_seconds_and_can_be_undone(qtbot, view, store, entries_service):
    original = add(store, CALL_ID, local(18, 8, 0) + timedelta(seconds=20), local(18, 9), "call")
    view.reload()
    assert view.select_entry(original.id)
    dialog = view.entry_editor(view.selected_entry())
    dialog.show()
    assert dialog.task_field.line_edit().text() == "Acme - 500 Widgets > Call back"
    dialog.note_edit.setPlainText("call with Ann")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    edited = store.entries.get(original.id)
    assert edited.note == "call with Ann"
    assert edited.start == original.start  # the seconds the editor does not show survive
    assert cell(view.day_model, 0, DayColumn.NOTE) == "call with Ann"

    view.undo_action.trigger()
    assert store.entries.get(original.id).note == "call"


# -- delete, undo, continue --------------------------------------------------------------
def test_delete_shows_undo_banner_and_ctrl_z_restores(qtbot, view, store):
    entry = add(store, OPPORTUNITY_ID, local(18, 9), local(18, 10))
    view.reload()
    view.activateWindow()
    view.day_table.setFocus()
    view.select_entry(entry.id)
    qtbot.keyClick(view.day_table, Qt.Key.Key_Delete)
    assert store.entries.all() == []
    assert view.undo_banner.isVisible()
    assert "Entry deleted" in view.undo_banner.message()
    assert view.day_model.rowCount() == 0

    qtbot.keyClick(view.day_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [e.id for e in store.entries.all()] == [entry.id]
    assert view.day_model.rowCount() == 1
    assert view.selected_entry().id == entry.id
    assert not view.undo_banner.isVisible()


def test_undo_button_in_the_banner_restores(qtbot, view, store):
    entry = add(store, OPPORTUNITY_ID, local(18, 9), local(18, 10))
    view.reload()
    view.select_entry(entry.id)
    view.delete_action.trigger()
    qtbot.mouseClick(view.undo_banner.undo_button(), Qt.MouseButton.LeftButton)
    assert [e.id for e in store.entries.all()] == [entry.id]


def test_undo_that_would_overlap_explains_why(qtbot, view, store):
    entry = add(store, OPPORTUNITY_ID, local(18, 9), local(18, 10))
    view.reload()
    view.select_entry(entry.id)
    view.delete_action.trigger()
    add(store, CASE_ID, local(18, 9, 30), local(18, 9, 45))
    view.undo_action.trigger()
    assert view.undo_banner.isVisible()
    assert view.undo_banner.message().startswith("Cannot undo:")
    assert not view.undo_banner.undo_button().isVisible()


def test_continue_starts_the_timer_and_shows_it_running(
    qtbot, view, store, clock, timer_service
):
    entry = add(store, CASE_ID, local(18, 8), local(18, 9), "first look")
    view.reload()
    view.select_entry(entry.id)
    view.continue_action.trigger()

    running = timer_service.running()
    assert running is not None and running.item_id == CASE_ID
    row = view.day_model.row_of(running.id)
    assert cell(view.day_model, row, DayColumn.END) == "running"
    assert cell(view.day_model, row, DayColumn.DURATION) == "0:00:00"
    clock.advance(minutes=12, seconds=5)
    view._on_tick()
    assert cell(view.day_model, row, DayColumn.DURATION) == "0:12:05"
    assert view.total_label.text() == "Total 1:12 · billable 0:00"


def test_deleting_the_running_entry_stops_the_timer(qtbot, view, clock, timer_service, store):
    timer_service.start(OPPORTUNITY_ID)
    clock.advance(minutes=30)
    view.reload()
    view.select_entry(timer_service.running().id)
    view.delete_action.trigger()
    assert timer_service.running() is None
    assert store.entries.all() == []
    view.undo_action.trigger()
    [restored] = store.entries.all()
    assert restored.end == NOW + timedelta(minutes=30)


def test_archived_tasks_and_markup_names_show_as_plain_text(qtbot, view, store):
    add(store, ARCHIVED_ID, local(18, 7), local(18, 8))
    add(store, CASE_ID, local(18, 8), local(18, 9))
    view.reload()
    model = view.day_model
    assert cell(model, 0, DayColumn.TASK) == "Globex - Closed deal"
    assert "Archived" in model.data(model.index(0, DayColumn.TASK), Qt.ItemDataRole.ToolTipRole)
    assert cell(model, 1, DayColumn.TASK) == "<b>Printer</b> on fire"


def test_add_dialog_suggests_a_start_after_the_last_entry(qtbot, view, store):
    add(store, OPPORTUNITY_ID, local(18, 9), local(18, 10, 15))
    view.reload()
    dialog = view.entry_editor()
    assert dialog.date_edit.date() == QDate(2026, 11, 18)
    assert dialog.start_edit.time() == QTime(10, 15)
    assert dialog.end_edit.time() == QTime(11, 0)  # today: it ends now (11:00), not later
    dialog.close()
    QApplication.processEvents()


def test_keyboard_navigation_and_shortcuts(qtbot, view, store):
    add(store, OPPORTUNITY_ID, local(17, 9), local(17, 10))
    view.activateWindow()
    view.day_table.setFocus()
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(view.day_table, Qt.Key.Key_Left, alt)
    assert view.current_day() == date(2026, 11, 17)
    qtbot.keyClick(view.day_table, Qt.Key.Key_Right, alt)
    qtbot.keyClick(view.day_table, Qt.Key.Key_Right, alt)
    assert view.current_day() == date(2026, 11, 19)
    qtbot.keyClick(view.day_table, Qt.Key.Key_Home, alt)
    assert view.current_day() == WEDNESDAY
    qtbot.keyClick(view.day_table, Qt.Key.Key_W, alt)  # the buttons' mnemonics (animated)
    qtbot.waitUntil(lambda: view.mode() == WEEK)
    qtbot.keyClick(view.week_table, Qt.Key.Key_D, alt)
    qtbot.waitUntil(lambda: view.mode() == DAY)

    titles = []

    def close_editor() -> None:
        dialog = QApplication.activeModalWidget()
        titles.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(0, close_editor)
    qtbot.keyClick(view.day_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert titles == ["Add entry"]
    view.go_previous()
    view.day_table.setFocus()
    view.day_table.setCurrentIndex(view.day_model.index(0, 0))
    QTimer.singleShot(0, close_editor)
    qtbot.keyClick(view.day_table, Qt.Key.Key_Return)
    assert titles == ["Add entry", "Edit entry"]
    assert store.entries.all() != [] and len(store.entries.all()) == 1


def test_editing_the_running_entry_updates_the_timer(qtbot, view, store, clock, timer_service):
    timer_service.start(OPPORTUNITY_ID)
    clock.advance(minutes=20)
    view.reload()
    dialog = view.entry_editor(timer_service.running())
    dialog.show()
    assert not dialog.end_edit.isEnabled() and dialog.duration_edit.text() == "running"
    assert dialog.task_field.choose_first_match("printer")
    dialog.start_edit.setTime(QTime(10, 45))  # "I started a quarter of an hour earlier"
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    running = timer_service.running()
    assert running.item_id == CASE_ID
    assert running.start == local(18, 10, 45)
    assert timer_service.elapsed() == timedelta(minutes=35)


def test_day_totals_are_right_on_a_daylight_saving_day(entries_service, store):
    # 25 October 2026 has 25 hours in Berlin; 00:30 to 05:00 on the clock is 5.5 hours.
    start = datetime(2026, 10, 25, 0, 30, tzinfo=TZ).astimezone(UTC)
    end = datetime(2026, 10, 25, 5, 0, tzinfo=TZ).astimezone(UTC)
    assert end - start == timedelta(hours=5, minutes=30)
    add(store, CASE_ID, start, end)
    assert entries_service.day_total(date(2026, 10, 25)) == timedelta(hours=5, minutes=30)
    assert entries_service.day_total(date(2026, 10, 24)) == timedelta(0)
    # an entry covering the whole of that day counts its 25 hours
    store.entries.delete(store.entries.all()[0].id)
    add(store, CASE_ID, datetime(2026, 10, 24, 22, 0, tzinfo=TZ).astimezone(UTC),
        datetime(2026, 10, 26, 2, 0, tzinfo=TZ).astimezone(UTC))
    assert entries_service.day_total(date(2026, 10, 25)) == timedelta(hours=25)
    assert entries_service.day_total(date(2026, 10, 24)) == timedelta(hours=2)


def test_write_back_state_shows_only_once_it_is_in_use(qtbot, view, store):
    first = add(store, OPPORTUNITY_ID, local(18, 8), local(18, 9))
    second = add(store, CASE_ID, local(18, 9), local(18, 10))
    view.reload()
    assert view.day_table.isColumnHidden(DayColumn.SALESFORCE)

    store.entries.set_sync_state(first.id, EntrySyncState.SYNCED, remote_id="00U000000000001AAA")
    store.entries.set_sync_state(
        second.id, EntrySyncState.ERROR, error="FIELD_CUSTOM_VALIDATION_EXCEPTION: Note required"
    )
    view.reload()
    model = view.day_model
    assert not view.day_table.isColumnHidden(DayColumn.SALESFORCE)
    assert [cell(model, r, DayColumn.SALESFORCE) for r in range(2)] == ["Synced", "Error"]
    tooltip = model.data(model.index(1, DayColumn.SALESFORCE), Qt.ItemDataRole.ToolTipRole)
    assert "Note required" in tooltip
    # editing the refused entry queues it again
    dialog = view.entry_editor(store.entries.get(second.id))
    dialog.note_edit.setPlainText("Customer call")
    dialog.save()
    assert cell(model, 1, DayColumn.SALESFORCE) == "Pending"


def test_editor_times_are_wall_clock_times_on_a_daylight_saving_day(qtbot, view, store):
    view.set_day(date(2026, 10, 25))  # clocks go back at 03:00 in Berlin
    dialog = view.entry_editor()
    dialog.start_edit.setTime(QTime(1, 0))
    dialog.duration_edit.setText("")
    qtbot.keyClicks(dialog.duration_edit, "4h")
    assert dialog.end_edit.time() == QTime(4, 0)  # 4 hours later the clock shows 04:00 ...
    dialog.save()
    [entry] = store.entries.all()
    assert entry.start == datetime(2026, 10, 24, 23, 0, tzinfo=UTC)  # ... 01:00 CEST
    assert entry.end == datetime(2026, 10, 25, 3, 0, tzinfo=UTC)  # ... 04:00 CET
    dialog.close()


def test_same_named_tasks_read_apart_in_the_day_and_the_week():
    """Issue 13, point 8: two "Renewal 2027 > Call back" tasks of different accounts."""
    from desktop.domain.items import ROOT_ID, Item, ItemKind, root_item
    from desktop.domain.tree import TaskTree

    acme, globex = "006000000000011AAA", "006000000000012AAA"
    acme_call, globex_call = "00T000000000011AAA", "00T000000000012AAA"
    tree = TaskTree([
        root_item(),
        Item(acme, ItemKind.OPPORTUNITY, "Renewal 2027", ROOT_ID, "Opportunity",
             (("Account", "Acme"),)),
        Item(globex, ItemKind.OPPORTUNITY, "Renewal 2027", ROOT_ID, "Opportunity",
             (("Account", "Globex"),)),
        Item(acme_call, ItemKind.ACTIVITY, "Call back", acme, "Task"),
        Item(globex_call, ItemKind.ACTIVITY, "Call back", globex, "Task"),
    ])
    entries = [TimeEntry(start=local(18, 9), end=local(18, 10), item_id=acme_call, id=1),
               TimeEntry(start=local(18, 10), end=local(18, 11), item_id=globex_call, id=2)]
    day = TimesheetDayModel(TZ)
    day.set_tree(tree)
    day.set_entries(WEDNESDAY, entries, NOW)
    assert [cell(day, row, DayColumn.TASK) for row in range(2)] == [
        "Renewal 2027 > Call back (Acme)", "Renewal 2027 > Call back (Globex)"]
    week = TimesheetWeekModel(TZ)
    week.set_tree(tree)
    week.set_week(date(2026, 11, 16), entries, NOW)
    assert [cell(week, row, 0) for row in range(2)] == [
        "Renewal 2027 > Call back (Acme)", "Renewal 2027 > Call back (Globex)"]


def test_the_task_column_takes_the_spare_width(qtbot, view):
    heading = view.day_table.horizontalHeader()
    view.resize(900, 500)
    qtbot.waitUntil(lambda: view.width() == 900)
    narrow = heading.sectionSize(DayColumn.TASK)
    view.resize(1300, 500)
    qtbot.waitUntil(lambda: view.width() == 1300)
    assert heading.sectionSize(DayColumn.TASK) - narrow == 400  # all the new width...
    assert heading.sectionSize(DayColumn.TASK) > heading.sectionSize(DayColumn.NOTE)
