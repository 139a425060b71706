"""Watches whether the user is at the computer: idle time, sleep and screen lock.

Polls an IdleSource (desktop.platform.idle) only while someone needs it (`demand`): the idle
prompt while a timer runs, a reminder waiting for the user to come back. Readings go to a
domain.idle.AwayTracker, which decides away periods; this class only schedules readings and
turns the tracker's answers into signals.

Cost: one reading, then the next only when the idle time could first reach the threshold
(at most `longest_poll` later, so a sleep without a resume signal is noticed within it);
one a second while the user is away, to see them come back at once. A reading is one X11
round trip or one asynchronous D-Bus call: a running timer with the window hidden stays far
below 1 % of a core (tests/bench/bench_idle.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain.idle import AwayPeriod, AwayTracker
from desktop.platform.clock import SYSTEM_CLOCK, Clock

log = logging.getLogger(__name__)

POLL_WHILE_AWAY_S = 1.0
LONGEST_POLL_S = 60.0


class IdleWatcher(QObject):
    went_away = Signal(object)  # datetime (UTC): the user has been away since then
    came_back = Signal(object)  # domain.idle.AwayPeriod

    def __init__(
        self,
        source: Any,
        events: QObject | None = None,
        clock: Clock = SYSTEM_CLOCK,
        threshold: timedelta = timedelta(minutes=5),
        *,
        poll_while_away: float = POLL_WHILE_AWAY_S,
        longest_poll: float = LONGEST_POLL_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source  # an IdleSource, or None: only sleep and lock are known
        self._clock = clock
        self._tracker = AwayTracker(threshold)
        self._poll_while_away = poll_while_away
        self._longest_poll = longest_poll
        self._demands: set[str] = set()
        self._querying = False
        self._waiting_checks: list[Callable[[bool], None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.read_now)
        if events is not None:
            events.lock_changed.connect(self._lock_changed)  # type: ignore[attr-defined]
            events.sleep_changed.connect(self._sleep_changed)  # type: ignore[attr-defined]
            if getattr(events, "is_locked", lambda: False)():
                self._lock_changed(True)

    # -- state ---------------------------------------------------------------------------
    def has_source(self) -> bool:
        return self._source is not None

    def source_name(self) -> str:
        return getattr(self._source, "name", "") if self._source is not None else ""

    def is_away(self) -> bool:
        """Idle past the threshold, asleep or locked, as of the latest reading or event."""
        return self._tracker.is_away()

    def is_locked(self) -> bool:
        return self._tracker.locked

    def is_polling(self) -> bool:
        return self._timer.isActive() or self._querying

    def threshold(self) -> timedelta:
        return self._tracker.threshold

    def set_threshold(self, threshold: timedelta) -> None:
        if threshold != self._tracker.threshold:
            self._tracker.threshold = threshold
            if self._demands:
                self._schedule()

    # -- demand --------------------------------------------------------------------------
    def demand(self, reason: str, wanted: bool) -> None:
        """Poll while any reason wants it ("timer": a timer runs; "reminder": one waits)."""
        before = bool(self._demands)
        if wanted:
            self._demands.add(reason)
        else:
            self._demands.discard(reason)
        if self._demands and not before:
            self._tracker.reset()  # an old reading would turn the pause into a "sleep"
            self.read_now()
        elif not self._demands and before:
            self._timer.stop()

    def check_away(self, answer: Callable[[bool], None]) -> None:
        """Tell `answer` whether the user is away right now (after a fresh reading)."""
        if self._tracker.locked or self._source is None:
            answer(self._tracker.is_away())
            return
        self._waiting_checks.append(answer)
        if not self._demands:
            self._tracker.reset()  # a one-off reading: no gap to measure
        self.read_now()

    # -- readings ------------------------------------------------------------------------
    def read_now(self) -> None:
        self._timer.stop()
        if self._source is None:
            self._reading(None)
        elif not self._querying:
            self._querying = True
            self._source.query(self._reading)

    def _reading(self, idle: float | None) -> None:
        self._querying = False
        was_away = self._tracker.is_away()
        period = self._tracker.observe(self._clock.now(), self._clock.monotonic(), idle)
        self._report(was_away, period)
        checks, self._waiting_checks = self._waiting_checks, []
        for answer in checks:
            answer(self._tracker.is_away())
        if self._demands:
            self._schedule()

    def _schedule(self) -> None:
        seconds = self._tracker.next_reading_in(self._poll_while_away, self._longest_poll)
        self._timer.start(max(10, int(seconds * 1000)))

    def _report(self, was_away: bool, period: AwayPeriod | None) -> None:
        since: datetime | None = self._tracker.away_since
        if period is not None:
            log.info("back after %s away (%s)", period.length, period.cause.value)
            self.came_back.emit(period)
        if not was_away and since is not None:
            log.info("away since %s", since.isoformat())
            self.went_away.emit(since)

    # -- session events ------------------------------------------------------------------
    def _lock_changed(self, locked: bool) -> None:
        was_away = self._tracker.is_away()
        now = self._clock.now()
        if locked:
            self._tracker.lock(now)
            self._report(was_away, None)
        else:
            self._report(was_away, self._tracker.unlock(now))
            if self._demands:
                self.read_now()

    def _sleep_changed(self, sleeping: bool) -> None:
        # A reading just before the sleep and one right after the resume: the sleep then
        # shows as the gap between them, to the second (domain.idle).
        if self._demands:
            self.read_now()

    def close(self) -> None:
        self._timer.stop()
        self._demands.clear()
        if self._source is not None:
            self._source.close()
