"""Idle detection and reminders, put together for the app (its composition root builds this
right after the tray, after the first paint).

The idle source and the session events come from desktop.platform.idle for this desktop;
notifications go to the freedesktop notification server, or to the tray balloon. The
General preferences steer them (`apply`). STINT_IDLE_THRESHOLD_SECONDS, when set, replaces
the idle minutes (tests and screenshots: a real idle time of seconds instead of minutes).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from desktop.domain.task_names import path_label
from desktop.platform.idle import open_idle_source
from desktop.platform.idle.session_events import open_session_events
from desktop.platform.notifications import Notifier, TrayNotifier, open_notifier
from desktop.services.idle_watcher import IdleWatcher
from desktop.services.preferences_service import PreferencesService
from desktop.services.reminders import ReminderService
from desktop.services.tasks_service import TasksService
from desktop.services.timer_service import TimerService
from desktop.ui.idle.controller import IdlePromptController
from desktop.ui.tray.controller import TrayController

if TYPE_CHECKING:
    from desktop.ui.idle.prompt import IdlePrompt

log = logging.getLogger(__name__)

THRESHOLD_OVERRIDE_ENV = "STINT_IDLE_THRESHOLD_SECONDS"


class Attention(QObject):
    def __init__(
        self,
        timer: TimerService,
        tasks: TasksService,
        preferences: PreferencesService,
        tray: TrayController | None,
        *,
        app_id: str,
        make_picker: Callable[[QWidget], QWidget],
        pick_task: Callable[[], None],
        open_window: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._tray = tray
        source = open_idle_source(QGuiApplication.platformName())
        self.events = open_session_events(parent=self)
        self.watcher = IdleWatcher(source, self.events, parent=self)

        def make_prompt() -> IdlePrompt:
            from desktop.ui.idle.prompt import IdlePrompt

            return IdlePrompt(make_picker)

        self.idle = IdlePromptController(self.watcher, timer, self.task_name, make_prompt,
                                         parent=self)
        self.tray_notifier = TrayNotifier(
            lambda title, body: tray is not None and tray.notify(title, body), parent=self)
        if tray is not None and tray.icon is not None:
            tray.icon.messageClicked.connect(self.tray_notifier.balloon_clicked)
        self.notifier: Notifier = open_notifier(self.tray_notifier, "Stint", app_id, parent=self)
        self.reminders = ReminderService(timer, self.notifier, self.watcher, self.task_name,
                                         pick_task=pick_task, open_window=open_window,
                                         parent=self)
        self.events.sleep_changed.connect(lambda sleeping: sleeping or self.reminders.replan())
        preferences.preferences_changed.connect(self.apply)
        self.apply(preferences.settings())

    @property
    def prompt(self) -> IdlePrompt:
        """The idle prompt (made now if it was not yet)."""
        return self.idle.prompt

    def task_name(self, item_id: str | None) -> str:
        """The task as the prompt and the reminders name it: its path below the root
        ("Acme - Renewal > Call back"), so same-named tasks read apart."""
        if item_id is None:
            return QCoreApplication.translate("Attention", "No task")
        label = path_label(self._tasks.tree(), item_id) if self._tasks.item(item_id) else None
        return label if label is not None else QCoreApplication.translate("Attention", "Task")

    def idle_source_name(self) -> str:
        return self.watcher.source_name()

    def apply(self, settings) -> None:  # noqa: ANN001 - domain.settings.Settings
        """Follow the General preferences: idle on/off and minutes, reminders, and whether
        the tray may show notifications (sync problems)."""
        override = os.environ.get(THRESHOLD_OVERRIDE_ENV, "").strip()
        threshold = (timedelta(seconds=float(override)) if override
                     else timedelta(minutes=settings.idle_minutes))
        self.watcher.set_threshold(threshold)
        self.idle.set_enabled(settings.idle_detection)
        self.reminders.apply(settings)
        if self._tray is not None:
            self._tray.notifications_enabled = settings.notifications

    def close(self) -> None:
        self.reminders.close()
        self.watcher.close()
        self.idle.close_prompt()
