"""When the local date changes while Stint runs: at midnight, or when a suspend, a clock or a
time-zone change moved it. What words a time by today ("14:05" today, "Fri 23:39" since; the
timesheet's "(today)") listens to `day_changed`, so it does not go on saying yesterday's.

It checks just after each local midnight, and at least every CHECK_MS: a timer counts only the
time the machine is awake, so after a suspend across midnight (or the clock set forward) the new
day is noticed within that.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QObject, QTimer, Signal

CHECK_MS = 5 * 60_000
AFTER_MIDNIGHT_MS = 1_000  # a timer may fire a little early: check once the day has turned


def local_now() -> datetime:
    return datetime.now().astimezone()


def ms_until_check(now: datetime, tz: tzinfo | None = None) -> int:
    """Milliseconds from `now` (aware) to the next check: just past the next midnight in `tz`
    (default: the system's zone), CHECK_MS at most."""
    local = now.astimezone(tz)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(), tzinfo=local.tzinfo)
    until_midnight = int((midnight - local).total_seconds() * 1000) + AFTER_MIDNIGHT_MS
    return max(AFTER_MIDNIGHT_MS, min(CHECK_MS, until_midnight))


class DayWatch(QObject):
    day_changed = Signal(object, object)  # (the day that was today, today): datetime.date

    def __init__(self, now: Callable[[], datetime] = local_now, tz: tzinfo | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self._tz = tz  # None: the system's zone, as the timesheet's
        self._day = self.today()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self._timer.start(ms_until_check(now(), tz))

    def today(self) -> date:
        return self._now().astimezone(self._tz).date()

    def check(self) -> None:
        """Say so if the day has changed since the last check (the timer calls this)."""
        day = self.today()
        if day != self._day:
            previous, self._day = self._day, day
            self.day_changed.emit(previous, day)
        self._timer.start(ms_until_check(self._now(), self._tz))
