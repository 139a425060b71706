"""The running timer's "now", safe against the wall clock being set back.

Elapsed time is `now - stored start` (UTC wall clock), so it survives crashes, restarts and
sleep: after a resume the elapsed time includes the sleep, which is intended (the work period
spans it). But when the user or NTP sets the wall clock back, `now - start` shrinks or turns
negative, and stopping then would store a wrong end (or, before the domain rule changed, drop
the entry). While the timer is observed running this keeps a reference (wall, monotonic) from
the last sane reading; when the wall clock is found behind that reading, "now" continues from
it on the monotonic clock instead. The monotonic clock does not count suspend on Linux, so
only the stretch after the last sane reading is measured that way.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from desktop.domain.entries import TimeEntry
from desktop.platform.clock import Clock

log = logging.getLogger(__name__)

# NTP slews and sub-second steps are not clock changes worth correcting.
WOBBLE = timedelta(seconds=1)
# A timer stopped on the monotonic fallback keeps at least this much.
MINIMUM_KEPT = timedelta(seconds=1)


class _Reading:
    """Both clocks read at one moment for one entry. A plain class, not a dataclass: making a
    dataclass costs ~3.6 M instructions at import, and this module loads before the first
    paint (tests/bench/bench_startup_instructions.py)."""

    __slots__ = ("entry_id", "client_id", "wall", "monotonic")

    def __init__(self, entry_id: int | None, client_id: str, wall: datetime,
                 monotonic: float) -> None:
        self.entry_id = entry_id
        self.client_id = client_id
        self.wall = wall
        self.monotonic = monotonic


class RunningClock:
    """`now()` for one running entry: the wall clock, unless it went back while it ran."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._reading: _Reading | None = None
        self.clock_went_back = False  # the last now() had to correct the wall clock

    def watch(self, entry: TimeEntry | None) -> None:
        """Start watching `entry` (the running one; None: nothing runs). Keeps the reading
        when it is the entry already watched (an edit of its note must not reset it)."""
        if entry is None:
            self._reading = None
            self.clock_went_back = False
            return
        if self._reading is not None and self._reading.client_id == entry.client_id:
            return
        self._reading = _Reading(entry.id, entry.client_id, self._clock.now(),
                                 self._clock.monotonic())
        self.clock_went_back = False

    def now(self, running: TimeEntry | None, minimum: timedelta = timedelta(0)) -> datetime:
        """The moment to measure `running` up to (to stop it at, with `minimum` > 0).

        The wall clock when it is sane (and that reading becomes the new reference); else the
        last sane reading plus the monotonic time since; never before `running.start`
        (+ `minimum`) once the wall clock went back.
        """
        wall = self._clock.now()
        if running is None:
            return wall
        self.watch(running)
        reading = self._reading
        assert reading is not None
        monotonic = self._clock.monotonic()
        since = timedelta(seconds=max(0.0, monotonic - reading.monotonic))
        corrected = wall
        if wall < reading.wall - WOBBLE:  # set back since the last sane reading
            corrected = reading.wall + since
        if corrected < running.start - WOBBLE:  # still (or already, when first seen) before
            corrected = running.start + since
        went_back = corrected != wall
        if went_back and not self.clock_went_back:
            log.warning("the wall clock went back while the timer ran; counting on the "
                        "monotonic clock from %s", reading.wall.isoformat())
        self.clock_went_back = went_back
        if not went_back and wall >= running.start:
            self._reading = _Reading(reading.entry_id, reading.client_id, wall, monotonic)
        if went_back and minimum:
            corrected = max(corrected, running.start + minimum)
        return corrected
