"""`stint entries`: time entries between two local dates, as text, JSON or CSV."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from desktop.commands.result import CommandResult, duration_text, iso, local
from desktop.domain.csv_export import entries_csv  # the app exports the same CSV
from desktop.domain.entries import TimeEntry
from desktop.domain.tree import TaskTree
from desktop.engine import Engine, EngineError

DEFAULT_DAYS = 7


def parse_day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise EngineError(f"The {what} date must look like 2026-11-21, not {text!r}.") from None


def local_day_bounds(first: date, last: date, tz: tzinfo | None) -> tuple[datetime, datetime]:
    """[first 00:00, last+1 00:00) in the local zone, as aware datetimes."""
    zone = tz or datetime.now().astimezone().tzinfo
    start = datetime.combine(first, time.min).replace(tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time.min).replace(tzinfo=zone)
    return start, end


def chosen_days(
    engine: Engine, date_from: str | None, date_to: str | None, tz: tzinfo | None
) -> tuple[date, date]:
    """The local days --from and --to name (default: the last DEFAULT_DAYS days)."""
    today = engine.clock.now().astimezone(tz).date()
    last = parse_day(date_to, "--to") if date_to else today
    first = parse_day(date_from, "--from") if date_from else last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise EngineError("The --from date is after the --to date.")
    return first, last


def entries(
    engine: Engine,
    date_from: str | None = None,
    date_to: str | None = None,
    tz: tzinfo | None = None,
) -> CommandResult:
    first, last = chosen_days(engine, date_from, date_to, tz)
    start, end = local_day_bounds(first, last, tz)
    found = engine.store.entries.between(start, end)
    tree = engine.store.items.tree()
    now = engine.clock.now()
    rows = [_row(entry, tree, now) for entry in found]
    total = sum(row["duration_seconds"] for row in rows)
    lines = []
    for entry, row in zip(found, rows, strict=True):
        lines.append(
            f"{local(entry.start, tz)}-{local(entry.end, tz, with_date=False) if entry.end else 'now'}"
            f"  {duration_text(row['duration_seconds']):>6}  {row['task'] or 'no task'}"
            + (f"  - {entry.note}" if entry.note else "")
        )
    lines.append(f"Total {duration_text(total)} in {len(rows)} entries, {first} to {last}.")
    return CommandResult(data=rows, text="\n".join(lines), csv=entries_csv(found, tree, tz, now))


def _row(entry: TimeEntry, tree: TaskTree, now: datetime) -> dict[str, Any]:
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
