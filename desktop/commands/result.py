"""What a headless command hands back to cli.py for printing, and shared formatting helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any

from desktop.domain.durations import format_entry_length, format_hm
from desktop.engine.status import iso  # noqa: F401 - the JSON form of every time (re-exported)


@dataclass
class CommandResult:
    """`data` is the stable JSON form, `text` the human form; cli.py prints one of them."""

    data: Any = None
    text: str = ""
    exit_code: int = 0
    csv: str | None = None
    warnings: list[str] = field(default_factory=list)  # printed on stderr as "stint: ..."


def local(moment: datetime | None, tz: tzinfo | None = None, with_date: bool = True) -> str:
    """A time in the local zone for people: "2026-11-21 08:05" (or "08:05")."""
    if moment is None:
        return "-"
    shown = moment.astimezone(tz)
    return shown.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")


def duration_text(seconds: float) -> str:
    return format_hm(timedelta(seconds=max(0, int(seconds))))


def entry_length_text(seconds: float) -> str:
    """One entry's length: h:mm, or its seconds under a minute (never a bare 0:00)."""
    return format_entry_length(timedelta(seconds=max(0, int(seconds))))
