"""Away periods: when the user left the computer and when they came back.

Whoever polls the desktop (desktop.services.idle_watcher) feeds `AwayTracker` readings: the
wall clock (UTC), the monotonic clock and the seconds since the user's last keyboard or
pointer input (None when the desktop cannot tell), plus screen lock and unlock. The tracker
turns them into `AwayPeriod`s, [last input before leaving, first input after coming back].

- Idle: the user is away once the idle time reaches the threshold; the period starts at the
  last input (now - idle), not when it was noticed.
- Sleep: the monotonic clock stops while the machine sleeps and the wall clock does not, so a
  wall clock that ran ahead of the monotonic one between two readings means the machine
  slept; the period starts at the last input seen before. (Idle counters differ: X11 and
  Mutter do not count the sleep, Windows does; the rule below works for both.)
- Coming back: an input since the previous reading (idle < monotonic time since it) later
  than the away period's start. "Idle went down" would be wrong after a resume on counters
  that skip the sleep.
- Locked: away from the lock (or earlier, when already idle) until the unlock; input while
  locked (typing the password) is not coming back.

Only the periods are decided here; whether one is worth asking about (a timer ran, it is long
enough) is the caller's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

# The wall clock ran this much further than the monotonic clock between two readings: the
# machine slept (NTP steps and slews are far smaller).
SLEEP_GAP = timedelta(seconds=30)


class AwayCause(StrEnum):
    IDLE = "idle"
    SLEEP = "sleep"
    LOCKED = "locked"


@dataclass(frozen=True, slots=True)
class AwayPeriod:
    start: datetime  # the last input before leaving (UTC)
    end: datetime  # the first input after coming back, or the unlock (UTC)
    cause: AwayCause

    @property
    def length(self) -> timedelta:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class _Reading:
    wall: datetime
    monotonic: float
    idle: float | None

    def last_input(self) -> datetime:
        return self.wall - timedelta(seconds=self.idle or 0.0)


class AwayTracker:
    def __init__(self, threshold: timedelta) -> None:
        self.threshold = threshold
        self._last: _Reading | None = None
        self._away_since: datetime | None = None
        self._cause = AwayCause.IDLE
        self._locked = False

    @property
    def away_since(self) -> datetime | None:
        return self._away_since

    @property
    def locked(self) -> bool:
        return self._locked

    def is_away(self) -> bool:
        return self._away_since is not None or self._locked

    def last_idle(self) -> float | None:
        """The idle seconds of the latest reading (None: none yet, or unknown)."""
        return self._last.idle if self._last is not None else None

    def reset(self) -> None:
        """Forget the readings (nobody polled for a while: a gap now would mean nothing).
        The lock state stays: it comes from events, not readings."""
        self._last = None
        self._away_since = None

    def observe(self, wall: datetime, monotonic: float, idle: float | None) -> AwayPeriod | None:
        """Take a reading; returns the away period that it ended, if any."""
        previous, self._last = self._last, _Reading(wall, monotonic, idle)
        if previous is None:
            if idle is not None and idle >= self.threshold.total_seconds():
                self._go_away(wall - timedelta(seconds=idle), AwayCause.IDLE)
            return None
        awake = max(0.0, monotonic - previous.monotonic)
        slept = (wall - previous.wall) - timedelta(seconds=awake) >= SLEEP_GAP
        if slept:
            self._go_away(previous.last_input(), AwayCause.SLEEP)
        elif idle is not None and idle >= self.threshold.total_seconds():
            self._go_away(wall - timedelta(seconds=idle), AwayCause.IDLE)
        if self._away_since is None or self._locked:
            return None
        if idle is None:  # no idle time on this desktop: a resume is all there is to see
            return self._come_back(wall) if slept else None
        last_input = wall - timedelta(seconds=idle)
        # An input since the previous reading that is not the one the user left on.
        if idle < awake and last_input > self._away_since:
            return self._come_back(last_input)
        return None

    def lock(self, wall: datetime) -> None:
        """The screen was locked at `wall`."""
        self._locked = True
        self._go_away(wall, AwayCause.LOCKED)

    def unlock(self, wall: datetime) -> AwayPeriod | None:
        """The screen was unlocked at `wall`: the user is back."""
        if not self._locked:
            return None
        self._locked = False
        return self._come_back(wall) if self._away_since is not None else None

    def next_reading_in(self, while_away: float, longest: float) -> float:
        """Seconds until a reading is worth taking: soon while away (to see the return at
        once), else not before the idle time could reach the threshold, and at most
        `longest` (which bounds how late a sleep is noticed without a resume signal)."""
        if self.is_away():
            return while_away
        idle = self.last_idle()
        if idle is None:
            return longest
        return max(while_away, min(longest, self.threshold.total_seconds() - idle))

    def _go_away(self, since: datetime, cause: AwayCause) -> None:
        if self._away_since is None or since < self._away_since:
            self._away_since = since
            self._cause = cause

    def _come_back(self, at: datetime) -> AwayPeriod:
        since = self._away_since
        assert since is not None
        self._away_since = None
        return AwayPeriod(since, max(at, since), self._cause)
