"""A full disk or a busy database while working (issue 11 point 8): the timesheet and the
timer say so in plain words with the fix, keep what the user typed, and work again after.

The full disk is SQLite's own SQLITE_FULL, reached with PRAGMA max_page_count (the store may
not grow by a page) - the error a full disk gives, through the real store; the busy database
is another connection holding the write lock (tests/unit/commands covers both on a real
full file system and from another process)."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QTime

from desktop.ui.timesheet.view import TimesheetView
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)
from tests.gui.conftest_ui2 import OPPORTUNITY_ID

LONG_NOTE = "minutes of the workshop " * 2000  # needs new pages (overflow pages)


@pytest.fixture
def view(qtbot, entries_service, tasks_service, timer_service):
    widget = TimesheetView(entries_service, tasks_service, timer_service)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def disk_full(store, full: bool) -> None:
    conn = store._db.connect()  # this (the GUI) thread's connection, as the timesheet's
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages if full else 1073741823}")


def test_a_full_disk_keeps_the_editor_open_with_what_was_typed(qtbot, view, store):
    disk_full(store, True)
    dialog = view.entry_editor()
    dialog.show()
    assert dialog.task_field.choose_first_match("acme widg")
    dialog.start_edit.setTime(QTime(13, 0))
    dialog.end_edit.setTime(QTime(14, 0))
    dialog.note_edit.setPlainText(LONG_NOTE)
    dialog.save_button.click()

    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.general_error.isVisible()
    message = dialog.general_error.text()
    assert "is full, so Stint could not save this change. Free some space" in message
    assert "Traceback" not in message
    assert dialog.note_edit.toPlainText() == LONG_NOTE
    assert store.entries.all() == []

    disk_full(store, False)  # space freed: the same dialog saves
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    [entry] = store.entries.all()
    assert (entry.item_id, entry.note) == (OPPORTUNITY_ID, LONG_NOTE.strip())


def test_a_full_disk_when_the_timer_starts_is_said_and_nothing_runs(qtbot, store, timer_service):
    disk_full(store, True)
    with qtbot.waitSignal(timer_service.timer_failed) as failed:
        timer_service.start(OPPORTUNITY_ID, note=LONG_NOTE)
    assert "is full" in failed.args[0] and "Free some space" in failed.args[0]
    assert not timer_service.is_running()
    disk_full(store, False)
    timer_service.start(OPPORTUNITY_ID)
    assert timer_service.is_running()


def test_a_busy_database_is_said_and_the_next_try_works(qtbot, store, timer_service, monkeypatch):
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    store._db.connect().execute("PRAGMA busy_timeout = 50")
    try:
        with qtbot.waitSignal(timer_service.timer_failed) as failed:
            timer_service.start(OPPORTUNITY_ID)
        assert "is busy: another program" in failed.args[0]
        assert "Try again in a moment" in failed.args[0]
    finally:
        other.execute("ROLLBACK")
        other.close()
    timer_service.start(OPPORTUNITY_ID)
    assert timer_service.is_running()
