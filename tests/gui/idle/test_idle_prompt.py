"""Idle detection end to end inside the process: IdleWatcher polling a fake idle counter on a
fake clock (short real poll intervals, so nothing waits minutes), the controller, the
non-modal prompt, and the entries each answer leaves in the store."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.domain.timer import IdleChoice
from desktop.services.idle_watcher import IdleWatcher
from desktop.ui.idle.controller import IdlePromptController
from desktop.ui.idle.prompt import IdlePrompt
from desktop.ui.picker.task_picker import TaskPicker
from tests.gui.conftest import ACME_ID, CASE_ID, HOSTILE_NAME, NOW
from tests.gui.idle.idle_fakes import FakeIdleSource, FakeSessionEvents

THRESHOLD = timedelta(minutes=5)


@pytest.fixture
def source(clock):
    return FakeIdleSource(clock)


@pytest.fixture
def events(qtbot):
    return FakeSessionEvents()


@pytest.fixture
def watcher(qtbot, source, events, clock):
    watcher = IdleWatcher(source, events, clock, THRESHOLD, poll_while_away=0.01,
                          longest_poll=0.02)
    yield watcher
    watcher.close()


@pytest.fixture
def prompt(qtbot, tasks):
    prompt = IdlePrompt(lambda parent: TaskPicker(tasks, parent, inline=True))
    qtbot.addWidget(prompt)
    return prompt


@pytest.fixture
def controller(qtbot, watcher, timer, tasks, prompt):
    def name(item_id):
        item = tasks.item(item_id)
        return item.name if item is not None else "No task"

    return IdlePromptController(watcher, timer, name, lambda: prompt)


def away(qtbot, watcher, source, clock, minutes: float) -> None:
    """The user leaves now and stays away `minutes`; the watcher notices."""
    source.touch()
    with qtbot.waitSignal(watcher.went_away, timeout=5000):
        clock.advance(minutes=minutes)


def come_back(qtbot, watcher, source, clock):
    clock.advance(seconds=2)
    source.touch()
    with qtbot.waitSignal(watcher.came_back, timeout=5000) as back:
        clock.advance(seconds=1)
    return back.args[0]


def spans(gui_store):
    return [(e.item_id, e.start, e.end) for e in gui_store.entries.all()]


def test_no_polling_without_a_running_timer(qtbot, controller, watcher, source, timer):
    qtbot.wait(50)
    assert not watcher.is_polling() and source.queries == 0
    timer.start(ACME_ID)
    qtbot.waitUntil(lambda: source.queries > 0)
    timer.stop()
    assert not watcher.is_polling()


def test_coming_back_asks_about_the_time_away(qtbot, controller, watcher, source, clock, timer,
                                              prompt):
    timer.start(ACME_ID)
    clock.advance(minutes=20)
    source.touch()
    away(qtbot, watcher, source, clock, minutes=42)
    assert not prompt.isVisible()  # not while away: nobody is there to answer
    period = come_back(qtbot, watcher, source, clock)
    assert period.start == NOW + timedelta(minutes=20)
    qtbot.waitUntil(prompt.isVisible)
    assert prompt.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert not prompt.isModal()
    assert "You were away for 0:42" in prompt.heading.text()
    assert "Acme Corp - 500 Widgets" in prompt.details.text()
    assert prompt.heading.textFormat() == Qt.TextFormat.PlainText
    assert prompt.details.textFormat() == Qt.TextFormat.PlainText


def test_the_prompt_is_made_when_first_needed(qtbot, watcher, source, clock, timer, prompt):
    made = []
    controller = IdlePromptController(watcher, timer, str, lambda: made.append(prompt) or prompt)
    timer.start(ACME_ID)
    away(qtbot, watcher, source, clock, minutes=42)
    assert made == []  # an app in the tray that never asks never holds the dialog
    come_back(qtbot, watcher, source, clock)
    qtbot.waitUntil(prompt.isVisible)
    assert made == [prompt] and controller.prompt is prompt


def test_keep_changes_nothing(qtbot, controller, watcher, source, clock, timer, prompt,
                              gui_store):
    timer.start(ACME_ID)
    away(qtbot, watcher, source, clock, minutes=10)
    come_back(qtbot, watcher, source, clock)
    before = spans(gui_store)
    qtbot.mouseClick(prompt.keep_button, Qt.MouseButton.LeftButton)
    assert not prompt.isVisible()
    assert spans(gui_store) == before and timer.running().start == NOW


def test_discard_takes_the_time_out_and_the_timer_runs_on(qtbot, controller, watcher, source,
                                                          clock, timer, prompt, gui_store):
    timer.start(ACME_ID)
    clock.advance(minutes=30)
    away(qtbot, watcher, source, clock, minutes=10)
    period = come_back(qtbot, watcher, source, clock)
    with qtbot.waitSignal(timer.timer_started):
        qtbot.mouseClick(prompt.discard_button, Qt.MouseButton.LeftButton)
    assert spans(gui_store) == [(ACME_ID, NOW, period.start), (ACME_ID, period.end, None)]
    assert timer.running().start == period.end


def test_discard_and_stop(qtbot, controller, watcher, source, clock, timer, prompt, gui_store):
    timer.start(ACME_ID)
    clock.advance(minutes=30)
    away(qtbot, watcher, source, clock, minutes=10)
    period = come_back(qtbot, watcher, source, clock)
    with qtbot.waitSignal(timer.timer_stopped):
        qtbot.mouseClick(prompt.stop_button, Qt.MouseButton.LeftButton)
    assert spans(gui_store) == [(ACME_ID, NOW, period.start)]
    assert not timer.is_running()
    assert not watcher.is_polling()


def test_giving_the_time_to_another_task_picked_by_typing(qtbot, controller, watcher, source,
                                                          clock, timer, prompt, gui_store):
    timer.start(ACME_ID)
    clock.advance(minutes=30)
    away(qtbot, watcher, source, clock, minutes=15)
    period = come_back(qtbot, watcher, source, clock)
    qtbot.mouseClick(prompt.give_button, Qt.MouseButton.LeftButton)
    assert prompt.picker is not None and prompt.picker.isVisible()
    qtbot.keyClicks(prompt.picker.search, "printer")
    with qtbot.waitSignal(timer.entries_changed):
        qtbot.keyClick(prompt.picker.search, Qt.Key.Key_Return)
    assert spans(gui_store) == [
        (ACME_ID, NOW, period.start), (CASE_ID, period.start, period.end),
        (ACME_ID, period.end, None),
    ]
    assert not prompt.isVisible()


def test_a_timer_started_during_the_absence_is_asked_about_its_own_part(
        qtbot, controller, watcher, source, clock, timer, prompt):
    source.touch()
    clock.advance(minutes=60)  # away with no timer (nothing polls meanwhile)
    with qtbot.waitSignal(watcher.went_away, timeout=5000):
        timer.start(ACME_ID)  # e.g. `stint start` over SSH: the first reading says away
    clock.advance(minutes=6)
    come_back(qtbot, watcher, source, clock)
    qtbot.waitUntil(prompt.isVisible)
    assert prompt.start == NOW + timedelta(minutes=60)  # clipped to the entry


def test_a_short_part_in_the_entry_is_not_asked_about(qtbot, controller, watcher, source, clock,
                                                      timer, prompt, events):
    timer.start(ACME_ID)
    events.lock_changed.emit(True)
    clock.advance(minutes=2)
    with qtbot.waitSignal(watcher.came_back):
        events.lock_changed.emit(False)
    qtbot.wait(30)
    assert not prompt.isVisible()  # locked for 2 minutes: below the threshold


def test_a_locked_screen_is_away_until_unlocked_even_with_input(qtbot, controller, watcher,
                                                                 source, clock, timer, prompt,
                                                                 events):
    timer.start(ACME_ID)
    clock.advance(minutes=1)
    with qtbot.waitSignal(watcher.went_away):
        events.lock_changed.emit(True)
    clock.advance(minutes=30)
    source.touch()  # typing the password
    qtbot.wait(50)
    assert not prompt.isVisible() and watcher.is_away()
    with qtbot.waitSignal(watcher.came_back) as back:
        events.lock_changed.emit(False)
    assert back.args[0].length == timedelta(minutes=30)
    qtbot.waitUntil(prompt.isVisible)


def test_the_question_is_withdrawn_when_the_timer_changes(qtbot, controller, watcher, source,
                                                          clock, timer, prompt, gui_store):
    timer.start(ACME_ID)
    away(qtbot, watcher, source, clock, minutes=10)
    come_back(qtbot, watcher, source, clock)
    qtbot.waitUntil(prompt.isVisible)
    timer.start(CASE_ID)  # switched task from the tray meanwhile
    assert not prompt.isVisible()
    before = spans(gui_store)
    prompt.answered.emit(IdleChoice.DISCARD, None)  # a late click changes nothing
    assert spans(gui_store) == before


def test_closing_the_prompt_keeps_the_time(qtbot, controller, watcher, source, clock, timer,
                                           prompt, gui_store):
    timer.start(ACME_ID)
    away(qtbot, watcher, source, clock, minutes=10)
    come_back(qtbot, watcher, source, clock)
    qtbot.waitUntil(prompt.isVisible)
    before = spans(gui_store)
    with qtbot.waitSignal(prompt.answered) as answer:
        qtbot.keyClick(prompt, Qt.Key.Key_Escape)
    assert answer.args == [IdleChoice.KEEP, None]
    assert spans(gui_store) == before and not prompt.isVisible()


def test_idle_detection_off_does_not_poll(qtbot, controller, watcher, source, timer):
    controller.set_enabled(False)
    timer.start(ACME_ID)
    qtbot.wait(50)
    assert source.queries == 0 and not watcher.is_polling()
    controller.set_enabled(True)
    qtbot.waitUntil(lambda: source.queries > 0)


def test_hostile_task_names_are_plain_text(qtbot, prompt):
    prompt.ask(NOW, NOW + timedelta(minutes=9), HOSTILE_NAME)
    assert HOSTILE_NAME in prompt.details.text()
    assert prompt.details.textFormat() == Qt.TextFormat.PlainText


def test_a_sleep_is_time_away_from_the_last_input_before_it(qtbot, controller, watcher, source,
                                                            clock, timer, prompt, events,
                                                            gui_store):
    timer.start(ACME_ID)
    clock.advance(minutes=10)
    source.touch()  # working until 10:10
    clock.advance(seconds=30)
    events.sleep_changed.emit(True)  # logind: about to suspend (a reading right now)
    clock.set_wall_clock(clock.now() + timedelta(hours=1))  # asleep: only the wall clock moves
    with qtbot.waitSignal(watcher.went_away):
        events.sleep_changed.emit(False)  # resumed
    clock.advance(seconds=20)
    source.touch()  # the lid opened, a key pressed
    with qtbot.waitSignal(watcher.came_back) as back:
        clock.advance(seconds=1)
    period = back.args[0]
    assert period.cause.value == "sleep"
    assert period.start == NOW + timedelta(minutes=10)  # the last input before the sleep
    qtbot.waitUntil(prompt.isVisible)
    qtbot.mouseClick(prompt.discard_button, Qt.MouseButton.LeftButton)
    assert spans(gui_store) == [(ACME_ID, NOW, period.start), (ACME_ID, period.end, None)]
