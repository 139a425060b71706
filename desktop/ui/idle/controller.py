"""When to ask about time away: a timer ran, the user came back after the threshold.

Watches the timer (idle polling runs only while a timer runs and idle detection is on), and
on IdleWatcher.came_back asks the IdlePrompt about the part of the away period that lies in
the running entry, if that part is at least the threshold. The prompt is made when first
needed (a dialog of ~2 MB that an app in the tray may never show). The answer goes to
TimerService.resolve_idle, bound to the entry it was asked about: if the timer changed
meanwhile (stopped, another task), the question is withdrawn and nothing changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.domain.idle import AwayPeriod
from desktop.domain.timer import IdleChoice
from desktop.services.idle_watcher import IdleWatcher
from desktop.services.timer_service import TimerService

if TYPE_CHECKING:
    from desktop.ui.idle.prompt import IdlePrompt

log = logging.getLogger(__name__)


class IdlePromptController(QObject):
    def __init__(
        self,
        watcher: IdleWatcher,
        timer: TimerService,
        task_name: Callable[[str | None], str],
        make_prompt: Callable[[], IdlePrompt],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._watcher = watcher
        self._timer = timer
        self._task_name = task_name
        self._make_prompt = make_prompt
        self._prompt: IdlePrompt | None = None
        self._enabled = True
        self._asked_about: str | None = None  # client_id of the entry the prompt asks about
        watcher.came_back.connect(self._came_back)
        timer.timer_started.connect(self._timer_changed)
        timer.timer_stopped.connect(self._timer_changed)
        self._timer_changed()

    @property
    def prompt(self) -> IdlePrompt:
        if self._prompt is None:
            self._prompt = self._make_prompt()
            self._prompt.answered.connect(self._answered)
        return self._prompt

    def close_prompt(self) -> None:
        if self._prompt is not None:
            self._prompt.hide()
            self._prompt.deleteLater()
            self._prompt = None

    def set_enabled(self, enabled: bool) -> None:
        """Idle detection on or off (the General page)."""
        self._enabled = enabled
        self._timer_changed()

    def _timer_changed(self, *_args: object) -> None:
        running = self._timer.running()
        self._watcher.demand("timer", self._enabled and running is not None)
        if self._asked_about is not None and (
            running is None or running.client_id != self._asked_about
        ):
            log.info("the timer changed while the idle prompt was open: question withdrawn")
            self._asked_about = None
            if self._prompt is not None:
                self._prompt.hide()

    def _came_back(self, period: AwayPeriod) -> None:
        running = self._timer.running()
        if not self._enabled or running is None:
            return
        start = max(period.start, running.start)
        if period.end - start < self._watcher.threshold():
            return
        self._asked_about = running.client_id
        log.info("asking about %s away while the timer ran", period.end - start)
        self.prompt.ask(start, period.end, self._task_name(running.item_id))

    def _answered(self, choice: IdleChoice, item_id: str | None) -> None:
        asked, self._asked_about = self._asked_about, None
        running = self._timer.running()
        if asked is None or running is None or running.client_id != asked:
            return
        log.info("idle prompt answered: %s", choice.value)
        if choice is not IdleChoice.KEEP:
            self._timer.resolve_idle(self.prompt.start, self.prompt.end, choice, item_id)
