"""An entry's details in the timesheet (issue 11): a note longer than Salesforce keeps is
marked, an entry under a minute shows its seconds (not 0:00), Continue keeps the note and the
billable flag."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from desktop.domain.entries import TimeEntry
from desktop.store.push_queue_repo import PushQueueRepository
from desktop.ui.timesheet.day_model import DayColumn
from desktop.ui.timesheet.view import TimesheetView
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)
from tests.gui.conftest_ui2 import OPPORTUNITY_ID, local


@pytest.fixture
def view(qtbot, entries_service, tasks_service, timer_service):
    widget = TimesheetView(entries_service, tasks_service, timer_service)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _shown(view, store):
    view.set_day(local(18, 12).date())
    view.reload()
    return view.day_model


def _data(model, row, column, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def test_a_note_longer_than_salesforce_keeps_is_marked(qtbot, view, store):
    long_note = "minutes of the workshop " * 2000  # 48,000 characters
    entries = [store.entries.add(TimeEntry(start=local(18, h), end=local(18, h, 30),
                                           item_id=OPPORTUNITY_ID, note=note))
               for h, note in ((8, long_note), (9, "short"))]
    queue = PushQueueRepository(store)
    for entry, remote_id in zip(entries, ("00U000000000001AAA", "00U000000000002AAA"),
                                strict=True):
        queue.mark_pushed(entry, remote_id, note_limit=31954)
    model = _shown(view, store)

    tooltip = _data(model, 0, DayColumn.NOTE, Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("This note is longer than Salesforce keeps: Salesforce shows "
                              "its first 31,954 of 47,999 characters. The whole note stays here.")
    assert tooltip.endswith("\n\n" + long_note[:1000] + "…")  # a tooltip fits the screen
    assert isinstance(_data(model, 0, DayColumn.NOTE, Qt.ItemDataRole.DecorationRole), QIcon)
    assert _data(model, 0, DayColumn.NOTE, Qt.ItemDataRole.AccessibleTextRole).endswith(
        "(longer than Salesforce keeps)")
    assert _data(model, 1, DayColumn.NOTE, Qt.ItemDataRole.DecorationRole) is None
    assert _data(model, 1, DayColumn.NOTE, Qt.ItemDataRole.ToolTipRole) == "short"


def test_entries_under_a_minute_show_their_seconds(qtbot, view, store):
    for minute, seconds in ((0, 45), (5, 20), (10, 90)):
        start = local(18, 9, minute)
        store.entries.add(TimeEntry(start=start, end=start + timedelta(seconds=seconds),
                                    item_id=OPPORTUNITY_ID))
    model = _shown(view, store)
    assert [_data(model, r, DayColumn.DURATION) for r in range(3)] == ["45 s", "20 s", "0:02"]


def test_continue_copies_the_note_and_the_billable_flag(qtbot, view, store, timer_service):
    entry = store.entries.add(TimeEntry(start=local(18, 8), end=local(18, 9),
                                        item_id=OPPORTUNITY_ID, note="Q3 forecast",
                                        billable=True))
    _shown(view, store)
    view.select_entry(entry.id)
    with qtbot.waitSignal(timer_service.timer_started):
        view.continue_action.trigger()
    running = timer_service.running()
    assert (running.item_id, running.note, running.billable) == (OPPORTUNITY_ID, "Q3 forecast",
                                                                 True)
    assert store.entries.running() == running
