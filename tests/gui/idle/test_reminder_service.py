"""Reminders (desktop.services.reminders): when they are due, what they say and offer, their
actions, and their silence while the user is away. The notifier records instead of showing;
the freedesktop one is tested in tests/gui/platform/test_notifications.py and, with this
service in the real app, in tests/e2e/test_app_idle.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.settings import Settings
from desktop.platform.clock import FakeClock
from desktop.platform.notifications import Notifier
from desktop.services.idle_watcher import IdleWatcher
from desktop.services.reminders import LONG_TIMER, NO_TIMER, ReminderService
from tests.gui.conftest import ACME_ID, CASE_ID
from tests.gui.idle.idle_fakes import FakeIdleSource, FakeSessionEvents

# Monday 16 November 2026, 08:00 UTC; the working hours are read in UTC here (tz=UTC).
MONDAY_8 = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
REMIND = Settings(remind_no_timer=True, remind_no_timer_minutes=15, work_start="09:00",
                  work_end="17:00", remind_long_timer=True, remind_long_timer_hours=8)


class RecordingNotifier(Notifier):
    supports_actions = True

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[tuple[str, str, str, list]] = []
        self.withdrawn: list[str] = []

    def notify(self, key, title, body, actions=()) -> None:
        self.shown.append((key, title, body, list(actions)))

    def withdraw(self, key) -> None:
        self.withdrawn.append(key)


@pytest.fixture
def clock():
    return FakeClock(MONDAY_8)


@pytest.fixture
def notifier(qtbot):
    return RecordingNotifier()


@pytest.fixture
def events(qtbot):
    return FakeSessionEvents()


@pytest.fixture
def source(clock):
    return FakeIdleSource(clock)


@pytest.fixture
def watcher(qtbot, source, events, clock):
    watcher = IdleWatcher(source, events, clock, timedelta(minutes=5), poll_while_away=0.01,
                          longest_poll=0.02)
    yield watcher
    watcher.close()


@pytest.fixture
def picked():
    return []


@pytest.fixture
def reminders(qtbot, timer, notifier, watcher, tasks, clock, picked):
    def name(item_id):
        item = tasks.item(item_id)
        return item.name if item is not None else "No task"

    service = ReminderService(timer, notifier, watcher, name,
                              pick_task=lambda: picked.append("pick"),
                              open_window=lambda: picked.append("open"), clock=clock, tz=UTC)
    yield service
    service.close()


def test_reminders_are_off_until_settings_turn_them_on(reminders):
    assert reminders.next_due() is None
    reminders.apply(Settings())  # the defaults: only the long-timer reminder, no timer runs
    assert reminders.next_due() is None


def test_no_timer_in_working_hours_reminds_with_start_last_and_pick(qtbot, reminders, timer,
                                                                    clock, notifier, source):
    timer.start(ACME_ID)
    clock.advance(minutes=10)
    timer.stop()  # 08:10: the last task was Acme
    reminders.apply(REMIND)
    assert reminders.next_due() == MONDAY_8 + timedelta(hours=1, minutes=15)
    clock.advance(minutes=65)
    source.touch()  # at the desk
    clock.advance(seconds=1)
    reminders.replan()
    qtbot.waitUntil(lambda: len(notifier.shown) == 1, timeout=5000)
    key, title, body, actions = notifier.shown[0]
    assert (key, title) == (NO_TIMER, "No timer running")
    assert "09:15" in body
    assert actions == [("start_last", "Start “Acme Corp - 500 Widgets”"),
                       ("pick", "Pick a task…")]
    # and every quarter of an hour after that while no timer runs
    assert reminders.next_due() == MONDAY_8 + timedelta(hours=1, minutes=30, seconds=1)


def test_the_actions_start_the_last_task_pick_stop_and_open(qtbot, reminders, timer, clock,
                                                            notifier, picked):
    timer.start(CASE_ID)
    clock.advance(minutes=1)
    timer.stop()
    reminders.apply(REMIND)
    notifier.action_invoked.emit(NO_TIMER, "start_last")
    assert timer.running().item_id == CASE_ID
    assert NO_TIMER in notifier.withdrawn  # a running timer takes the reminder away
    notifier.action_invoked.emit(LONG_TIMER, "stop")
    assert not timer.is_running()
    notifier.action_invoked.emit(NO_TIMER, "pick")
    notifier.action_invoked.emit(NO_TIMER, "default")
    assert picked == ["pick", "open"]


def test_a_timer_running_too_long_reminds_once(qtbot, reminders, timer, clock, notifier, source):
    timer.start(ACME_ID)
    reminders.apply(REMIND)
    assert reminders.next_due() == MONDAY_8 + timedelta(hours=8)
    clock.advance(hours=8, seconds=1)
    source.touch()
    clock.advance(seconds=1)
    reminders.replan()
    qtbot.waitUntil(lambda: len(notifier.shown) == 1, timeout=5000)
    key, title, body, actions = notifier.shown[0]
    assert (key, title) == (LONG_TIMER, "Timer running for more than 8 hours")
    assert "“Acme Corp - 500 Widgets” has been running since 08:00" in body
    assert [action for action, _label in actions] == ["stop", "pick"]
    assert reminders.next_due() is None  # once per entry


def test_a_reminder_due_while_away_waits_for_the_return(qtbot, reminders, timer, clock,
                                                        notifier, source, watcher):
    timer.start(ACME_ID)
    reminders.apply(REMIND)
    source.touch()
    clock.advance(hours=8, minutes=30)  # the user left at 08:00 and the timer ran on
    reminders.replan()
    qtbot.waitUntil(lambda: reminders._waiting_for_return, timeout=5000)
    qtbot.wait(50)
    assert notifier.shown == []  # nobody there to see it
    clock.advance(seconds=2)
    source.touch()  # back at the desk
    clock.advance(seconds=1)
    qtbot.waitUntil(lambda: len(notifier.shown) == 1, timeout=5000)
    assert notifier.shown[0][0] == LONG_TIMER


def test_a_locked_screen_is_quiet(qtbot, reminders, timer, clock, notifier, events, source):
    timer.start(ACME_ID)
    reminders.apply(REMIND)
    events.lock_changed.emit(True)
    clock.advance(hours=9)
    reminders.replan()
    qtbot.wait(100)
    assert notifier.shown == []
    source.touch()  # typing the password
    events.lock_changed.emit(False)
    qtbot.waitUntil(lambda: len(notifier.shown) == 1, timeout=5000)


def test_notifications_off_means_no_reminders(reminders, timer):
    timer.start(ACME_ID)
    reminders.apply(REMIND.with_changes(notifications=False))
    assert reminders.next_due() is None


def test_stopping_takes_the_long_timer_reminder_away(reminders, timer, notifier):
    timer.start(ACME_ID)
    reminders.apply(REMIND)
    timer.stop()
    assert LONG_TIMER in notifier.withdrawn
