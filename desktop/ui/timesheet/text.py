"""How the timesheet writes tasks, times and durations (local time, plain text)."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from desktop.domain.tree import TaskTree
from desktop.services.display_format import display_format

NO_TASK = "No task"


def task_label(tree: TaskTree | None, item_id: str | None) -> str:
    """The task's path below the root ("Acme - 500 Widgets > Call back"), or "No task"."""
    if item_id is None:
        return NO_TASK
    if tree is None or tree.get(item_id) is None:
        return f"Unknown task ({item_id})"
    path = tree.path(item_id)
    names = [item.name for item in path if not item.is_root] or [path[-1].name]
    return " > ".join(names)


def task_tooltip(tree: TaskTree | None, item_id: str | None) -> str:
    """The full path, plus why it no longer shows in the picker when it is archived."""
    if item_id is None or tree is None or tree.get(item_id) is None:
        return task_label(tree, item_id)
    item = tree.get(item_id)
    text = tree.path_text(item_id)
    if item is not None and item.archived:
        reason = f" ({item.archive_reason})" if item.archive_reason else ""
        text += f"\nArchived in Stint{reason}; its time entries stay valid."
    return text


def local_time(moment: datetime, tz: tzinfo | None, day: date | None = None) -> str:
    """"09:30" (or "9:30 AM", as chosen) in local time; "Fri 23:30" when it falls on another
    day than `day`."""
    local = moment.astimezone(tz)
    clock = display_format().clock_time(local)
    if day is not None and local.date() != day:
        return f"{local:%a} {clock}"
    return clock


def long_day(day: date) -> str:
    """"Saturday, 21 November 2026"."""
    return f"{day:%A}, {day.day} {day:%B %Y}"


def week_span(first_day: date, last_day: date) -> str:
    """"16 – 22 November 2026" (or across months/years when the week is)."""
    if first_day.year != last_day.year:
        return f"{first_day.day} {first_day:%B %Y} – {last_day.day} {last_day:%B %Y}"
    if first_day.month != last_day.month:
        return f"{first_day.day} {first_day:%B} – {last_day.day} {last_day:%B %Y}"
    return f"{first_day.day} – {last_day.day} {last_day:%B %Y}"
