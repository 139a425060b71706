"""Reminders as desktop notifications: "No timer running" in working hours (off by default)
and "Timer running for more than X hours" (desktop.domain.reminders says when).

One single-shot timer waits for the next reminder due (at most QUIET_RECHECK at a time, so
a clock change or a sleep is caught up with), so reminders cost nothing between them. When
one is due while the user is away (idle past the threshold, or the screen locked), it waits
until they come back: a reminder nobody sees is noise in the notification list.

Actions (where the notification server has buttons): Start the last task, Pick a task (the
quick picker), Stop; clicking the notification itself opens the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QObject, QTimer

from desktop.domain.reminders import WorkingHours, long_timer_due, next_no_timer_reminder
from desktop.domain.text import fill
from desktop.platform.clock import SYSTEM_CLOCK, Clock
from desktop.platform.notifications import DEFAULT_ACTION, Notifier
from desktop.services.display_format import display_format
from desktop.services.timer_service import TimerService

log = logging.getLogger(__name__)

NO_TIMER, LONG_TIMER = "no-timer", "long-timer"
START_LAST, PICK, STOP = "start_last", "pick", "stop"
LONGEST_WAIT = timedelta(minutes=15)


class ReminderService(QObject):
    def __init__(
        self,
        timer: TimerService,
        notifier: Notifier,
        watcher: QObject | None,
        task_name: Callable[[str | None], str],
        *,
        pick_task: Callable[[], None],
        open_window: Callable[[], None],
        clock: Clock = SYSTEM_CLOCK,
        tz: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._timer = timer
        self._notifier = notifier
        self._watcher = watcher  # an IdleWatcher (None: the session is never "away")
        self._task_name = task_name
        self._pick_task = pick_task
        self._open_window = open_window
        self._clock = clock
        self._tz = tz
        self._settings = None
        # No timer since: the last stop, or the start (a full interval before a first reminder).
        self._quiet_since: datetime = clock.now()
        self._long_notified: set[str] = set()  # client_ids already told about
        self._waiting_for_return = False
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._due)
        timer.timer_started.connect(self._timer_started)
        timer.timer_stopped.connect(self._timer_stopped)
        notifier.action_invoked.connect(self._action)
        if watcher is not None:
            watcher.came_back.connect(self._came_back)  # type: ignore[attr-defined]

    def apply(self, settings) -> None:  # noqa: ANN001 - domain.settings.Settings
        """Take the reminder settings (and notifications on/off) and plan again."""
        self._settings = settings
        self._plan()

    def replan(self) -> None:
        """Look at the clock again now (after a resume from sleep or a clock change)."""
        self._plan()

    def next_due(self) -> datetime | None:
        """When the next reminder is due (None: none planned)."""
        dues = [due for _kind, due in self._dues()]
        return min(dues) if dues else None

    # -- planning ------------------------------------------------------------------------
    def _dues(self) -> list[tuple[str, datetime]]:
        settings = self._settings
        if settings is None or not settings.notifications:
            return []
        running = self._timer.running()
        dues: list[tuple[str, datetime]] = []
        if running is None and settings.remind_no_timer:
            hours = WorkingHours.from_settings(settings)
            every = timedelta(minutes=settings.remind_no_timer_minutes)
            due = next_no_timer_reminder(self._quiet_since, hours, every, self._tz) \
                if hours is not None else None
            if due is not None:
                dues.append((NO_TIMER, due))
        if (running is not None and settings.remind_long_timer
                and running.client_id not in self._long_notified):
            dues.append((LONG_TIMER, long_timer_due(running.start,
                                                    settings.remind_long_timer_hours)))
        return dues

    def _plan(self) -> None:
        self._wait.stop()
        due = self.next_due()
        if due is None or self._waiting_for_return:
            return
        wait = min(max(due - self._clock.now(), timedelta(0)), LONGEST_WAIT)
        self._wait.start(int(wait.total_seconds() * 1000) + 50)

    def _due(self) -> None:
        now = self._clock.now()
        due = [kind for kind, at in self._dues() if at <= now + timedelta(seconds=1)]
        if not due:
            self._plan()  # woke up early (the longest wait, or the clock moved)
            return
        if self._watcher is None:
            self._remind(due)
            return
        self._watcher.check_away(lambda away: self._remind_unless_away(due, away))

    def _remind_unless_away(self, kinds: list[str], away: bool) -> None:
        if away:
            log.info("reminder due while the user is away: waiting for them to come back")
            self._waiting_for_return = True
            self._watcher.demand("reminder", True)  # type: ignore[union-attr]
            return
        self._remind(kinds)

    def _came_back(self, _period: object) -> None:
        if self._waiting_for_return:
            self._waiting_for_return = False
            self._watcher.demand("reminder", False)  # type: ignore[union-attr]
            self._due()

    # -- reminding -----------------------------------------------------------------------
    def _remind(self, kinds: list[str]) -> None:
        now = self._clock.now()
        running = self._timer.running()
        shown = display_format()
        if NO_TIMER in kinds and running is None:
            self._quiet_since = now  # the next one is due a full interval from here
            last = self._timer.current_item_id()
            actions = []
            if last is not None:
                actions.append((START_LAST, fill(self.tr("Start “%1”"), self._task_name(last))))
            actions.append((PICK, self.tr("Pick a task…")))
            self._notifier.notify(
                NO_TIMER, self.tr("No timer running"),
                fill(self.tr("It is %1, within your working hours, and no timer is running."),
                     shown.clock_time(now.astimezone(self._tz))),
                actions,
            )
            log.info("reminded: no timer running")
        if LONG_TIMER in kinds and running is not None:
            self._long_notified.add(running.client_id)
            hours = self._settings.remind_long_timer_hours
            self._notifier.notify(
                LONG_TIMER,
                (self.tr("Timer running for more than an hour") if hours == 1
                 else self.tr("Timer running for more than %n hours", "", hours)),
                fill(self.tr("“%1” has been running since %2. Still working on it?"),
                     self._task_name(running.item_id),
                     shown.clock_time(running.start.astimezone(self._tz))),
                [(STOP, self.tr("Stop the timer")), (PICK, self.tr("Switch task…"))],
            )
            log.info("reminded: timer running for more than %d hours", hours)
        self._plan()

    def _action(self, key: str, action: str) -> None:
        if action == START_LAST:
            self._timer.start(self._timer.current_item_id())
        elif action == PICK:
            self._pick_task()
        elif action == STOP:
            self._timer.stop()
        elif action == DEFAULT_ACTION:
            self._open_window()

    # -- the timer -----------------------------------------------------------------------
    def _timer_started(self, _entry: object) -> None:
        self._notifier.withdraw(NO_TIMER)
        self._plan()

    def _timer_stopped(self, entry: object) -> None:
        self._notifier.withdraw(LONG_TIMER)
        self._quiet_since = self._clock.now()
        self._plan()

    def close(self) -> None:
        self._wait.stop()
