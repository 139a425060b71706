"""Starting the timer on an archived task asks first (issue 15): from the picker with "Show
archived tasks", for a task under an archived item, by the Start button resuming a task that
got archived, and from the timesheet's Continue; Cancel changes nothing. Active tasks start
without a question."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.domain.items import Item, ItemKind
from desktop.ui.archived_start import ArchivedStartGuard, archived_question
from desktop.ui.picker.task_widget import TaskWidget
from tests.gui.conftest import CALL_ID, CLOSED_CHILD_ID, CLOSED_ID, reload_and_wait


@pytest.fixture
def guard(tasks, timer):
    installed = ArchivedStartGuard(tasks)  # no parent window: over whatever is shown
    timer.set_start_guard(installed)
    return installed


@pytest.fixture
def widget(qtbot, timer, tasks, guard):
    host = QWidget()
    host.resize(800, 600)
    shown = TaskWidget(timer, tasks, host)
    shown.setGeometry(0, 0, 800, 160)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    yield shown
    del host  # closed by qtbot


def answer(guard: ArchivedStartGuard, start: bool, seen: list[str]) -> None:
    """Answer the question as soon as it is open; note its text."""

    def click(tries: int = 300) -> None:
        box = guard.dialog
        if box is None:
            if tries:
                QTimer.singleShot(10, lambda: click(tries - 1))
            return
        seen.append(box.text())
        for button in box.buttons():
            if (box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole) == start:
                button.click()
                return

    QTimer.singleShot(0, click)


def test_the_wording_names_the_item_and_why():
    assert archived_question("Globex deal", None, "closed") == (
        "“Globex deal” is archived: it was closed in Salesforce.")
    assert archived_question("Call", "Globex deal", "excluded") == (
        "“Call” is archived: “Globex deal” above it was excluded from synchronization.")


def test_picking_an_archived_task_asks_and_cancel_changes_nothing(qtbot, widget, timer, guard):
    picker = widget.picker
    picker.build_panel()
    picker.show_archived.setChecked(True)
    seen: list[str] = []
    answer(guard, start=False, seen=seen)
    with qtbot.waitSignal(timer.start_declined):
        picker.task_chosen.emit(CLOSED_ID)
    assert seen == ["“Initech - Closed deal” is archived: it was closed in Salesforce."]
    assert not timer.is_running()

    answer(guard, start=True, seen=seen)
    with qtbot.waitSignal(timer.timer_started):
        picker.task_chosen.emit(CLOSED_CHILD_ID)  # active itself, under a closed opportunity
    assert seen[-1] == ("“Initech follow-up” is archived: “Initech - Closed deal” above it "
                        "was closed in Salesforce.")
    assert timer.running().item_id == CLOSED_CHILD_ID


def test_active_tasks_start_without_a_question(qtbot, widget, timer, guard):
    widget.picker.task_chosen.emit(CALL_ID)
    assert timer.running().item_id == CALL_ID and guard.dialog is None


def test_start_button_on_a_task_archived_since_asks(qtbot, widget, timer, tasks, gui_store,
                                                    guard, clock):
    timer.start(CALL_ID)
    clock.advance(minutes=5)
    timer.stop()
    call = gui_store.items.by_id(CALL_ID)
    gui_store.items.upsert_many([Item(call.id, ItemKind.ACTIVITY, call.name, call.parent_id,
                                      "Task", archived=True, archive_reason="deleted")])
    reload_and_wait(qtbot, tasks)
    seen: list[str] = []
    answer(guard, start=False, seen=seen)
    widget.start_stop.click()
    assert seen == ["“Call back” is archived: it was deleted in Salesforce."]
    assert not timer.is_running()


def test_continue_in_the_timesheet_declined_is_no_error(qtbot, timer, gui_store, guard, clock):
    from desktop.services.entries_service import EntriesService

    timer.set_start_guard(None)  # the entry to continue, tracked before the task was archived
    timer.start(CLOSED_CHILD_ID)
    clock.advance(minutes=10)
    stopped = timer.stop()
    timer.set_start_guard(guard)
    entries = EntriesService(gui_store, timer, clock=clock)
    seen: list[str] = []
    answer(guard, start=False, seen=seen)
    assert entries.continue_entry(stopped.id) is None  # declined: no error, nothing started
    assert len(seen) == 1 and not timer.is_running()
