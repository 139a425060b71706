"""TimerService.edit_running / save_details: the running entry's note and billable flag change
while it runs, stored once typing pauses (not per keystroke) and before any stop or switch."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.services.timer_service import DETAILS_DELAY_MS
from tests.gui.conftest import ACME_ID, CALL_ID, NOW


@pytest.fixture
def writes(gui_store, monkeypatch):
    """Every entry update the store is asked for."""
    seen = []
    update = gui_store.entries.update

    def counting(entry, now=None):
        seen.append(entry)
        return update(entry, now)

    monkeypatch.setattr(gui_store.entries, "update", counting)
    return seen


def test_typing_a_note_writes_once_after_a_pause(qtbot, timer, gui_store, writes):
    running = timer.start(ACME_ID)
    for length in range(1, 12):
        timer.edit_running(note="call Bob re"[:length])
    assert writes == [] and timer.has_unsaved_details()
    with qtbot.waitSignal(timer.details_saved, timeout=DETAILS_DELAY_MS * 5) as saved:
        pass
    assert len(writes) == 1
    assert saved.args[0].note == "call Bob re" and saved.args[0].end is None
    stored = gui_store.entries.get(running.id)
    assert (stored.note, stored.end, stored.start) == ("call Bob re", None, running.start)
    assert timer.running().note == "call Bob re" and timer.is_running()


def test_stopping_stores_the_pending_note_on_the_stopped_entry(qtbot, timer, gui_store, clock, writes):
    running = timer.start(ACME_ID)
    clock.advance(minutes=3)
    timer.edit_running(note="last words", billable=True)
    stopped = timer.stop()
    assert len(writes) == 1 and not timer.has_unsaved_details()
    stored = gui_store.entries.get(running.id)
    assert (stored.note, stored.billable) == ("last words", True)
    assert stored.end == NOW + timedelta(minutes=3) == stopped.end
    assert stopped.note == "last words"


def test_switching_tasks_keeps_each_note_with_its_entry(qtbot, timer, gui_store, clock):
    first = timer.start(ACME_ID)
    timer.edit_running(note="for the first")
    clock.advance(minutes=1)
    second = timer.start(CALL_ID)
    timer.edit_running(note="for the second")
    timer.save_details()
    assert gui_store.entries.get(first.id).note == "for the first"
    assert gui_store.entries.get(second.id).note == "for the second"


def test_nothing_to_edit_when_no_timer_runs(timer, writes):
    timer.edit_running(note="lost?")
    assert not timer.has_unsaved_details()
    assert timer.save_details() is None and writes == []


def test_an_entry_deleted_meanwhile_drops_the_edit_quietly(qtbot, timer, gui_store):
    running = timer.start(ACME_ID)
    timer.edit_running(note="gone")
    gui_store.entries.delete(running.id)
    assert timer.save_details() is None
