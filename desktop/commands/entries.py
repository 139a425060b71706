"""`stint entries`: the time entries that start within some local days, as text, JSON or CSV.

Each day's bounds are its local midnights under the zone's rules for that date (zoneinfo), so a
range in the other half of the DST year, or across a DST change, is exact. An entry belongs to
the day it starts on: one from 23:00 to 01:00 counts in full there, never in two ranges.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from desktop.commands.result import CommandResult, duration_text, entry_length_text, iso, local
from desktop.domain.entries import TimeEntry
from desktop.domain.text import printable
from desktop.domain.tree import TaskTree
from desktop.engine import Engine, EngineError
from desktop.platform.local_zone import local_zone

DEFAULT_DAYS = 7
# Any zone's midnight of these days is a datetime Python can hold (offsets stay under a day).
FIRST_DAY, LAST_DAY = date(1, 1, 2), date(9999, 12, 30)


def parse_day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise EngineError(f"The {what} date must look like 2026-11-21, not {text!r}.") from None


def checked_day(day: date, what: str) -> date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise EngineError(
            f"The {what} date {day} is out of range; use a date from {FIRST_DAY} to {LAST_DAY}.")
    return day


def local_day_bounds(first: date, last: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """[first 00:00, last+1 00:00) in `zone`, each midnight with that date's offset, in UTC.
    (A midnight skipped by a DST change is the moment the day begins.)"""
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def chosen_days(engine: Engine, date_from: str | None, date_to: str | None,
                tz: tzinfo) -> tuple[date, date]:
    """The local days --from and --to name (default: the last DEFAULT_DAYS days), in range."""
    today = engine.clock.now().astimezone(tz).date()
    last = checked_day(parse_day(date_to, "--to") if date_to else today, "--to")
    if date_from:
        first = checked_day(parse_day(date_from, "--from"), "--from")
    else:
        first = last - timedelta(days=min(DEFAULT_DAYS - 1, (last - FIRST_DAY).days))
    if first > last:
        raise EngineError("The --from date is after the --to date.")
    return first, last


def entries(
    engine: Engine,
    date_from: str | None = None,
    date_to: str | None = None,
    tz: tzinfo | None = None,
    csv: bool = False,
) -> CommandResult:
    tz = tz or local_zone()
    first, last = chosen_days(engine, date_from, date_to, tz)
    start, end = local_day_bounds(first, last, tz)
    found = engine.store.entries.starting_between(start, end)
    tree = engine.store.items.with_ancestors(entry.item_id for entry in found if entry.item_id)
    now = engine.clock.now()
    rows = [entry_json(entry, tree, now) for entry in found]
    total = sum(row["duration_seconds"] for row in rows)
    lines = []
    for entry, row in zip(found, rows, strict=True):
        lines.append(
            f"{local(entry.start, tz)}-{local(entry.end, tz, with_date=False) if entry.end else 'now'}"
            f"  {entry_length_text(row['duration_seconds']):>6}  {printable(row['task'] or 'no task')}"
            + (f"  - {printable(entry.note)}" if entry.note else "")
        )
    lines.append(f"Total {duration_text(total)} in {len(rows)} entries, {first} to {last}.")
    result = CommandResult(data=rows, text="\n".join(lines))
    if csv:
        from desktop.domain.csv_export import entries_csv  # the app exports the same CSV

        result.csv = entries_csv(found, tree, tz, now)
    return result


def entry_json(entry: TimeEntry, tree: TaskTree, now: datetime) -> dict[str, Any]:
    return {
        "id": entry.id,
        "client_id": entry.client_id,
        "item_id": entry.item_id,
        "task": tree.path_text(entry.item_id) if entry.item_id else None,
        "start": iso(entry.start),
        "end": iso(entry.end),
        "running": entry.end is None,
        "duration_seconds": int(entry.duration(now).total_seconds()),
        "note": entry.note,
        "billable": entry.billable,
    }
