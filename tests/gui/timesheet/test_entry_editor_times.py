"""The entry editor's times (issue 13, point 8): an entry that crosses midnight can be
entered, and a new entry for today ends now at the latest, never in the future."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QTime

from desktop.domain.entries import TimeEntry
from desktop.ui.timesheet.entry_editor import EntryEditorDialog
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)
from tests.gui.conftest_ui2 import OPPORTUNITY_ID, local


@pytest.fixture
def editor(qtbot, entries_service, tasks_service):
    def make(entry=None, day=None) -> EntryEditorDialog:
        dialog = EntryEditorDialog(entries_service, tasks_service, entry, day=day)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def test_an_end_shortly_before_the_start_ends_the_next_day(editor, store):
    dialog = editor(day=date(2026, 11, 16))
    dialog.start_edit.setTime(QTime(22, 30))
    dialog.end_edit.setTime(QTime(1, 15))
    assert dialog.next_day_box.isChecked() and not dialog.end_error.isVisible()
    assert dialog.duration_edit.text() == "2:45"
    dialog.save()
    [entry] = store.entries.all()
    assert (entry.start, entry.end) == (local(16, 22, 30), local(17, 1, 15))


def test_next_day_can_be_chosen_and_a_far_earlier_end_is_a_slip(editor, store):
    dialog = editor(day=date(2026, 11, 16))
    dialog.start_edit.setTime(QTime(15, 0))
    dialog.end_edit.setTime(QTime(14, 0))  # 23 hours later? more likely a typo
    assert not dialog.next_day_box.isChecked() and dialog.end_error.isVisible()
    dialog.next_day_box.setChecked(True)  # but the user says it is so
    assert not dialog.end_error.isVisible() and dialog.duration_edit.text() == "23:00"
    dialog.save()
    [entry] = store.entries.all()
    assert (entry.start, entry.end) == (local(16, 15), local(17, 14))


def test_an_end_back_after_the_start_is_the_same_day_again(editor):
    dialog = editor(day=date(2026, 11, 16))
    dialog.start_edit.setTime(QTime(22, 0))
    dialog.end_edit.setTime(QTime(0, 30))
    assert dialog.next_day_box.isChecked()
    dialog.end_edit.setTime(QTime(23, 0))
    assert not dialog.next_day_box.isChecked() and dialog.duration_edit.text() == "1:00"


def test_an_entry_across_midnight_opens_with_next_day_checked(editor, store):
    entry = store.entries.add(TimeEntry(start=local(16, 23), end=local(17, 0, 30),
                                        item_id=OPPORTUNITY_ID))
    dialog = editor(entry)
    assert dialog.date_edit.date() == QDate(2026, 11, 16)
    assert dialog.next_day_box.isChecked() and dialog.duration_edit.text() == "1:30"


def test_a_new_entry_for_today_ends_now(editor, store):
    # Now is 11:00 in Berlin; the day's last entry ended at 10:40.
    store.entries.add(TimeEntry(start=local(18, 10), end=local(18, 10, 40)))
    dialog = editor(day=date(2026, 11, 18))
    assert (dialog.start_edit.time(), dialog.end_edit.time()) == (QTime(10, 40), QTime(11, 0))


def test_a_new_entry_for_today_never_starts_in_the_future(editor, store):
    store.entries.add(TimeEntry(start=local(18, 10), end=local(18, 10, 59)))
    store.entries.add(TimeEntry(start=local(18, 11), end=local(18, 11, 30)))  # planned ahead
    dialog = editor(day=date(2026, 11, 18))
    assert dialog.end_edit.time() == QTime(11, 0)
    assert dialog.start_edit.time() == QTime(10, 0)  # an hour before now, not after the end


def test_another_day_keeps_its_usual_hour(editor):
    dialog = editor(day=date(2026, 11, 17))
    assert (dialog.start_edit.time(), dialog.end_edit.time()) == (QTime(9, 0), QTime(10, 0))
