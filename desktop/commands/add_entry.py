"""`stint add`: a manual entry from a script, with the timesheet's rules (no overlap, an end
after the start) and its way of reading durations ("1h30", "90m", "1:30")."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, tzinfo

from desktop.commands.entries import entry_json
from desktop.commands.result import CommandResult, entry_length_text, local
from desktop.commands.tasks import resolve_task
from desktop.commands.writeback import queue_push
from desktop.domain.durations import DurationError, parse_duration
from desktop.domain.text import printable
from desktop.engine import Engine, EngineError
from desktop.engine.status import task_path
from desktop.platform.local_zone import local_zone

_TIME_ONLY = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_moment(text: str, what: str, zone: tzinfo, day: date) -> datetime:
    """A time the user typed: "2026-11-21 09:30" (or with a T, seconds, "Z" or an offset such
    as "+01:00"), or "09:30" on `day`. Local unless it says its offset."""
    typed = text.strip()
    try:
        if clock := _TIME_ONLY.match(typed):
            hour, minute, second = (int(part or 0) for part in clock.groups())
            wall = datetime.combine(day, time(hour, minute, second))
        else:
            wall = datetime.fromisoformat(typed)
    except ValueError:
        raise EngineError(
            f"The {what} time must look like 2026-11-21 09:30 (or 09:30), not {text!r}."
        ) from None
    if wall.tzinfo is not None:
        return wall.astimezone(UTC)
    moment = wall.replace(tzinfo=zone)
    if moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        raise EngineError(f"The {what} time {typed} does not exist here: the clocks skip it "
                          "(a daylight saving change).")
    return moment.astimezone(UTC)


def add(engine: Engine, task_text: str, start: str, end: str | None = None,
        duration: str | None = None, note: str = "", billable: bool = False,
        tz: tzinfo | None = None) -> CommandResult:
    zone = tz or local_zone()
    if (end is None) == (duration is None):
        raise EngineError("Give the entry's end (--end) or its duration (--duration).")
    item = resolve_task(engine, task_text)
    today = engine.clock.now().astimezone(zone).date()
    begins = parse_moment(start, "--start", zone, today)
    if duration is not None:
        try:
            ends = begins + parse_duration(duration)
        except DurationError as exc:
            raise EngineError(f"--duration: {exc}") from None
    else:
        ends = parse_moment(end or "", "--end", zone, begins.astimezone(zone).date())
    entry = engine.add_entry(item.id, begins, ends, note=note, billable=billable)
    path = task_path(engine.store, item.id)
    seconds = (ends - begins).total_seconds()
    return CommandResult(
        data=entry_json(entry, engine.store.items.with_ancestors([item.id]), engine.clock.now()),
        text=f"Added {entry_length_text(seconds)} on {printable(path)}: "
             f"{local(begins, zone)}-{local(ends, zone, with_date=False)}.",
        warnings=queue_push(engine, entry),  # like a stopped timer's, in the background
    )
