"""Issue 13, point 8: Ctrl+N and Ctrl+Z work anywhere in the window, not only while the
timesheet has the focus; the keyboard-shortcut sheet lists every shortcut as a table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QTableWidget, QWidget

from desktop.domain.entries import TimeEntry
from desktop.services.sync_service import SyncService
from desktop.ui.main_window import MainWindow
from desktop.ui.picker.task_widget import TaskWidget
from desktop.ui.shortcut_sheet import ShortcutSheet, listed_shortcuts
from desktop.ui.timesheet.entry_editor import EntryEditorDialog
from desktop.ui.timesheet.view import TimesheetView
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)
from tests.gui.conftest_ui2 import OPPORTUNITY_ID, local


@pytest.fixture
def window(qtbot, store, entries_service, tasks_service, timer_service):
    timesheet = TimesheetView(entries_service, tasks_service, timer_service)
    shown = MainWindow(TaskWidget(timer_service, tasks_service), timer_service,
                       SyncService(store), pages=[("Timesheet", timesheet),
                                                  ("Reports", QWidget())])
    shown.adopt_page_actions("Timesheet", timesheet.window_actions(), timesheet.page_wanted)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    shown.timesheet = timesheet
    return shown


def test_ctrl_n_on_another_page_opens_the_editor_on_the_timesheet(qtbot, window):
    window.show_page("Reports")
    opened = []

    def close_the_editor() -> None:
        editor = QApplication.activeModalWidget()
        opened.append((type(editor), window.page_key()))
        editor.reject()

    QTimer.singleShot(0, close_the_editor)
    qtbot.keyClick(window.pages.currentWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(opened) == 1)
    assert opened == [(EntryEditorDialog, "Timesheet")]


def test_ctrl_z_on_another_page_undoes_the_last_change(qtbot, window, store, entries_service):
    entry = store.entries.add(TimeEntry(start=local(18, 8), end=local(18, 9),
                                        item_id=OPPORTUNITY_ID))
    entries_service.delete(entry.id)
    assert store.entries.get(entry.id) is None
    window.show_page("Reports")
    qtbot.keyClick(window.pages.currentWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.entries.get(entry.id) is not None
    assert window.page_key() == "Timesheet"  # shows what came back


def test_ctrl_z_in_a_text_field_undoes_the_typing_not_an_entry(qtbot, window, store,
                                                              entries_service):
    entry = store.entries.add(TimeEntry(start=local(18, 8), end=local(18, 9)))
    entries_service.delete(entry.id)
    search = window.task_widget.picker.search
    search.setFocus()
    qtbot.keyClicks(search, "acme")
    qtbot.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert search.text() == "" and store.entries.get(entry.id) is None



def test_the_sheet_lists_every_shortcut_of_the_window_as_a_table(qtbot, window):
    found = {QKeySequence(key).toString()
             for action in window.findChildren(QAction) for key in action.shortcuts()}
    found |= {QKeySequence(key).toString()
              for action in window.timesheet.actions() for key in action.shortcuts()}
    assert found and found <= listed_shortcuts(), found - listed_shortcuts()

    window._show_shortcuts()
    sheet = window.shortcut_sheet
    assert isinstance(sheet, ShortcutSheet) and sheet.isVisible()
    assert isinstance(sheet.table, QTableWidget) and sheet.table.columnCount() == 2
    rows = sheet.texts()
    assert ("Ctrl+N", "Add an entry (from any page)") in rows
    assert ("Ctrl+R, F5", "Force synchronization") in rows
    assert all("\t" not in keys + text for keys, text in rows)
    keys_column = sheet.table.columnWidth(0)
    assert all(sheet.table.fontMetrics().horizontalAdvance(keys) <= keys_column
               for keys, _text in rows if _text)  # every key text fits its column
    sheet.close()


def test_an_entry_is_added_from_any_page(qtbot, window, store):
    """The editor Ctrl+N opens adds to the timesheet's day (today, 9:00 to 10:00 Berlin)."""
    window.show_page("Reports")
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().save())
    qtbot.keyClick(window.pages.currentWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    [added] = store.entries.all()
    assert (added.start, added.end) == (local(18, 9), local(18, 10))
