"""Timesheet: the Billable column (toggled in place, undoable), billable totals, Export (CSV with
the CLI's columns, copy as a table) and "Open in Salesforce" in the day and week menus."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.csv_export import ENTRY_COLUMNS, entries_csv
from desktop.domain.entries import TimeEntry
from desktop.platform.browser import RecordingBrowser
from desktop.services.record_links import RecordLinks
from desktop.store.sync_state_repo import INSTANCE_URL_KEY
from desktop.ui.timesheet.day_model import DayColumn
from desktop.ui.timesheet.view import WEEK, TimesheetView
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)
from tests.gui.conftest_ui2 import CASE_ID, NOW, OPPORTUNITY_ID, TZ, local
from tests.gui.popup_menus import answer_next_menu

INSTANCE = "https://acme.my.salesforce.com"


@pytest.fixture
def browser():
    return RecordingBrowser()


@pytest.fixture
def view(qtbot, store, entries_service, tasks_service, timer_service, browser):
    links = RecordLinks(store, tasks_service.item, opener=browser)
    widget = TimesheetView(entries_service, tasks_service, timer_service, links=links)
    widget.links = links
    qtbot.addWidget(widget)
    widget.resize(1000, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def add(store, item_id, start, end, billable=False, note=""):
    return store.entries.add(TimeEntry(start=start, end=end, item_id=item_id, billable=billable,
                                       note=note))


def test_billable_column_toggles_in_place_and_undoes(qtbot, view, store):
    entry = add(store, OPPORTUNITY_ID, local(18, 9), local(18, 10, 30))
    add(store, CASE_ID, local(18, 11), local(18, 11, 45), billable=True)
    view.reload()
    model = view.day_model
    index = model.index(0, DayColumn.BILLABLE)
    assert model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.headerData(DayColumn.BILLABLE, Qt.Orientation.Horizontal) == "Billable"
    assert view.total_label.text() == "Total 2:15 · billable 0:45"

    # a click on the check box, as the user does it
    rect = view.day_table.visualRect(index)
    qtbot.mouseClick(view.day_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: store.entries.get(entry.id).billable)
    assert model.data(model.index(0, DayColumn.BILLABLE), Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked)
    assert view.total_label.text() == "Total 2:15 · billable 2:15"
    view.undo()
    assert not store.entries.get(entry.id).billable
    assert view.total_label.text() == "Total 2:15 · billable 0:45"


def test_week_total_shows_billable_time(qtbot, view, store):
    add(store, OPPORTUNITY_ID, local(16, 9), local(16, 10), billable=True)
    add(store, CASE_ID, local(18, 9), local(18, 9, 30))
    view.set_mode(WEEK)
    assert view.total_label.text() == "Week total 1:30 · billable 1:00"


def test_export_csv_of_the_shown_day_and_week(qtbot, view, store, tasks_service, tmp_path):
    add(store, OPPORTUNITY_ID, local(16, 9), local(16, 10), billable=True, note="@risk")
    add(store, CASE_ID, local(18, 9), local(18, 9, 30))
    day_file = tmp_path / "day.csv"
    assert view.export_csv(str(day_file)) == str(day_file)
    rows = list(csv.reader(io.StringIO(day_file.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == ENTRY_COLUMNS and len(rows) == 2 and rows[1][0] == "2026-11-18"
    assert view.undo_banner.message() == f"Saved 1 entry to {day_file}"
    view.set_mode(WEEK)
    week_file = tmp_path / "week.csv"
    view.export_csv(str(week_file))
    expected = entries_csv(store.entries.between(local(16, 0), local(23, 0)), tasks_service.tree(),
                           TZ, NOW)
    assert week_file.read_text(encoding="utf-8") == expected
    assert "'@risk" in expected  # the CLI's formula guard
    assert view.undo_banner.message() == f"Saved 2 entries to {week_file}"


def test_copy_as_table_from_the_day_and_the_week(qtbot, view, store):
    add(store, CASE_ID, local(18, 9), local(18, 9, 30), billable=True, note="fix <b>it</b>")
    view.reload()
    view.copy_table()
    data = QApplication.clipboard().mimeData()
    assert data.text().splitlines() == [
        "Task\tStart\tEnd\tDuration\tBillable\tNote",  # Salesforce is hidden: not in use
        "<b>Printer</b> on fire\t09:00\t09:30\t0:30\tyes\tfix <b>it</b>",
    ]
    assert "&lt;b&gt;Printer&lt;/b&gt; on fire" in data.html() and "<b>" not in data.html()
    view.set_mode(WEEK)
    view.copy_table()
    lines = QApplication.clipboard().mimeData().text().splitlines()
    assert lines[0].startswith("Task\tMon 16\t") and lines[-1].startswith("Total\t")


def test_open_in_salesforce_from_the_day_and_week_menus(qtbot, view, store, browser):
    add(store, CASE_ID, local(18, 9), local(18, 9, 30))
    add(store, None, local(18, 10), local(18, 10, 30))
    view.reload()
    table = view.day_table
    first = table.visualRect(view.day_model.index(0, 0)).center()
    second = table.visualRect(view.day_model.index(1, 0)).center()

    seen = answer_next_menu()
    table.customContextMenuRequested.emit(second)  # the entry without a task
    qtbot.waitUntil(lambda: bool(seen))
    assert ("Open in Salesforce", False, "This task is not a Salesforce record.") in seen

    store.sync_state.set_value(INSTANCE_URL_KEY, INSTANCE)
    answer_next_menu("Open in Salesforce")
    with qtbot.waitSignal(view.links.opened, timeout=5000):
        table.customContextMenuRequested.emit(first)
    assert browser.urls == [f"{INSTANCE}/lightning/r/Case/{CASE_ID}/view"]

    view.set_mode(WEEK)
    week = view.week_table
    row = next(r for r in range(view.week_model.rowCount()) if view.week_model.item_id_at(r))
    answer_next_menu("Open in Salesforce")
    with qtbot.waitSignal(view.links.opened, timeout=5000):
        week.customContextMenuRequested.emit(week.visualRect(view.week_model.index(row, 0)).center())
    assert browser.urls[-1] == f"{INSTANCE}/lightning/r/Case/{CASE_ID}/view"
    assert view.current_day() == date(2026, 11, 18)


def test_billable_from_the_context_menu(qtbot, view, store):
    entry = add(store, CASE_ID, local(18, 9), local(18, 9, 30))
    view.reload()
    answer_next_menu("Billable")
    view.day_table.customContextMenuRequested.emit(
        view.day_table.visualRect(view.day_model.index(0, 0)).center())
    qtbot.waitUntil(lambda: store.entries.get(entry.id).billable)
    assert view.total_label.text() == "Total 0:30 · billable 0:30"
