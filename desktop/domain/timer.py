"""Timer rules: one running entry at most; starting a new timer stops the running one.

The timer is nothing but a stored entry without an end, so elapsed time always comes from the
stored UTC start and the clock "now" (never from counting ticks), which survives crashes,
sleep and restarts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from desktop.domain.entries import EntryError, TimeEntry, describe_span


@dataclass(frozen=True, slots=True)
class StopResult:
    """The running entry once stopped; `entry` is None when it held no time and is dropped."""

    entry: TimeEntry | None
    dropped: TimeEntry | None = None


@dataclass(frozen=True, slots=True)
class StartPlan:
    """What starting a timer changes: the previous entry stopped (or dropped) and the new one."""

    stopped: StopResult | None
    started: TimeEntry


def stop_running(
    running: TimeEntry, now: datetime, others: Iterable[TimeEntry] = ()
) -> StopResult:
    """Stop `running` at `now`, or where the next stored entry begins if that is earlier.

    A timer stopped at (or, after a clock change, before) its own start holds no time: it is
    dropped instead of being stored with a zero or negative duration.
    """
    if not running.running:
        raise EntryError("This entry is not running.")
    end = now
    for other in others:
        if other.client_id != running.client_id and running.start < other.start < end:
            end = other.start
    if end <= running.start:
        return StopResult(entry=None, dropped=running)
    return StopResult(entry=running.with_changes(end=end))


def plan_start(
    running: TimeEntry | None,
    item_id: str | None,
    now: datetime,
    others: Iterable[TimeEntry] = (),
    note: str = "",
    billable: bool = False,
    tz: tzinfo | None = None,
) -> StartPlan:
    """Stop the running timer (if any) at `now` and start a new running entry on `item_id`.

    `others` are the stored entries around `now` (the running one may be among them). Starting
    is refused when `now` lies inside a stopped entry, since the new timer would share its time.
    """
    others = [entry for entry in others if running is None or entry.client_id != running.client_id]
    for other in others:
        if other.end is not None and other.start <= now < other.end:
            raise EntryError(
                f"The current time ({now.astimezone(tz):%H:%M}) falls inside the entry "
                f"{describe_span(other.start, other.end, tz)}; shorten that entry before "
                "starting the timer.",
                conflict=other,
            )
    stopped = stop_running(running, now, others) if running is not None else None
    started = TimeEntry(start=now, item_id=item_id, note=note, billable=billable)
    return StartPlan(stopped=stopped, started=started)
