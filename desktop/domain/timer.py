"""Timer rules: one running entry at most; starting a new timer stops the running one.

The timer is nothing but a stored entry without an end, so elapsed time always comes from the
stored UTC start and the clock "now" (never from counting ticks), which survives crashes,
sleep and restarts.

Clock changes: when the wall clock is set back below a running entry's start, "now - start"
is negative and says nothing about the time worked. Whoever watched the timer run passes a
`now` corrected with a monotonic clock (desktop.services.timer_service); without one (the CLI
in a new process), the entry is kept with CLOCK_CHANGE_MINIMUM rather than lost, so the user
sees it and can fix its end. Only a stop within the same second as the start is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from desktop.domain.entries import EntryError, TimeEntry, describe_span
from desktop.domain.text import QT_TRANSLATE_NOOP

# A stop less than this before (or at) the start is the same instant: nothing to keep.
SAME_INSTANT = timedelta(seconds=1)
# What a timer stopped well before its own start keeps (the wall clock went back).
CLOCK_CHANGE_MINIMUM = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class StopResult:
    """The running entry once stopped; `entry` is None when it held no time and is dropped.
    `clock_went_back`: `now` was well before the start, so the end is only the minimum."""

    entry: TimeEntry | None
    dropped: TimeEntry | None = None
    clock_went_back: bool = False


@dataclass(frozen=True, slots=True)
class StartPlan:
    """What starting a timer changes: the previous entry stopped (or dropped) and the new one."""

    stopped: StopResult | None
    started: TimeEntry


def stop_running(
    running: TimeEntry, now: datetime, others: Iterable[TimeEntry] = ()
) -> StopResult:
    """Stop `running` at `now`, or where the next stored entry begins if that is earlier.

    A timer stopped at its own start (or less than a second before it) holds no time: it is
    dropped instead of being stored with a zero or negative duration. Stopped a second or
    more before its start, the wall clock was set back while it ran: it is kept, ending
    CLOCK_CHANGE_MINIMUM after its start (see the module doc).
    """
    if not running.running:
        raise EntryError(QT_TRANSLATE_NOOP("EntryError", "This entry is not running."))
    clock_went_back = now <= running.start - SAME_INSTANT
    end = running.start + CLOCK_CHANGE_MINIMUM if clock_went_back else now
    for other in others:
        if other.client_id != running.client_id and running.start < other.start < end:
            end = other.start
    if end <= running.start:
        return StopResult(entry=None, dropped=running)
    return StopResult(entry=running.with_changes(end=end), clock_went_back=clock_went_back)


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
                QT_TRANSLATE_NOOP("EntryError", "The current time (%1) falls inside the entry "
                                  "%2; shorten that entry before starting the timer."),
                f"{now.astimezone(tz):%H:%M}", describe_span(other.start, other.end, tz),
                conflict=other,
            )
    stopped = stop_running(running, now, others) if running is not None else None
    started = TimeEntry(start=now, item_id=item_id, note=note, billable=billable)
    return StartPlan(stopped=stopped, started=started)


class IdleChoice(StrEnum):
    """What the user said about an away period while a timer ran (the idle prompt)."""

    KEEP = "keep"  # it was work: nothing changes
    DISCARD = "discard"  # not work: the entry ends where it began, a new one runs from the return
    DISCARD_AND_STOP = "discard_and_stop"  # not work, and the timer stops where it began
    GIVE_TO_TASK = "give_to_task"  # work on another task: that span becomes its own entry


@dataclass(frozen=True, slots=True)
class IdleResolution:
    """What answering the idle prompt changes, as stored entries.

    `shortened`: the running entry ended at the away start (None when the away time began at
    or before its start); `given`: the away span on the other task; `resumed`: the timer
    running again from the return: the running entry itself with a later start when nothing
    of it came before the away time, else a new entry on the same task.
    """

    shortened: TimeEntry | None
    given: TimeEntry | None
    resumed: TimeEntry | None
    dropped: TimeEntry | None  # all of the running entry was away time and the timer stops


def plan_idle_resolution(
    running: TimeEntry,
    away_start: datetime,
    away_end: datetime,
    choice: IdleChoice,
    other_item_id: str | None = None,
) -> IdleResolution:
    """Take the away span [away_start, away_end] out of the running entry as `choice` says.

    The span is clipped to the entry (the timer may have started while the user was away);
    every second outside it stays where it was: the time before stays on the entry, the time
    from the return on runs on the same task, with its note and billable flag.
    """
    if not running.running:
        raise EntryError(QT_TRANSLATE_NOOP("EntryError", "The timer is no longer running."))
    if choice is IdleChoice.KEEP:
        return IdleResolution(None, None, None, None)
    start = max(away_start, running.start)
    end = max(away_end, start)
    if end <= start:
        raise EntryError(QT_TRANSLATE_NOOP("EntryError", "There is no away time left in the running entry."))
    shortened = running.with_changes(end=start) if start > running.start else None
    given = None
    if choice is IdleChoice.GIVE_TO_TASK:
        given = TimeEntry(start=start, end=end, item_id=other_item_id,
                          billable=running.billable)
    if choice is IdleChoice.DISCARD_AND_STOP:
        return IdleResolution(shortened, given, None, None if shortened else running)
    if shortened is None:
        resumed = running.with_changes(start=end)
    else:
        resumed = TimeEntry(start=end, item_id=running.item_id, note=running.note,
                            billable=running.billable)
    return IdleResolution(shortened, given, resumed, None)
