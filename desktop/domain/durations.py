"""Duration maths and text: h:mm:ss / h:mm formatting and parsing of typed durations."""

from __future__ import annotations

import re
from datetime import timedelta

from desktop.domain.text import QT_TRANSLATE_NOOP, Message


class DurationError(ValueError):
    """A typed duration that cannot be understood. `str()` is the English message (the
    command line's); `text` the same as a Message the app translates."""

    def __init__(self, template: str, *values: object) -> None:
        self.text = Message("DurationError", template, *values)
        super().__init__(str(self.text))


def whole_seconds(duration: timedelta) -> int:
    """Seconds in `duration`, rounded down (a running timer shows completed seconds)."""
    return int(duration.total_seconds() // 1)


def format_hms(duration: timedelta) -> str:
    """1:02:03 for one hour, two minutes, three seconds; negative durations get a '-'."""
    seconds = whole_seconds(duration)
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}"


def format_hm(duration: timedelta) -> str:
    """1:02 for one hour and two minutes (seconds rounded to the nearest minute)."""
    seconds = round(duration.total_seconds())
    sign = "-" if seconds < 0 else ""
    minutes = (abs(seconds) + 30) // 60
    hours, minutes = divmod(minutes, 60)
    return f"{sign}{hours}:{minutes:02d}"


def format_entry_length(duration: timedelta) -> str:
    """An entry's length as a list shows it: h:mm, but the seconds under a minute ("45 s"),
    so a short entry never reads 0:00."""
    return format_duration(duration, entry=True)


def format_decimal_hours(duration: timedelta, places: int = 2) -> str:
    """1.50 for an hour and a half (what timesheet exports usually want)."""
    return f"{duration.total_seconds() / 3600:.{places}f}"


def format_duration(
    duration: timedelta, style: str = "hm", *, live: bool = False, decimal_point: str = ".",
    entry: bool = False,
) -> str:
    """A duration as the user chose to see durations (Settings.duration_format).

    "hm": 1:30, or 1:30:05 for a `live` (running) clock; "decimal": 1.50 h either way (a
    running clock then changes every 36 seconds). `decimal_point` is the locale's. An `entry`
    length under a minute shows its seconds in either style ("45 s"), never 0:00 or 0.00 h.
    """
    if entry and not live and timedelta(0) <= duration < timedelta(minutes=1):
        return f"{whole_seconds(duration)} s"
    if style == "decimal":
        return format_decimal_hours(duration).replace(".", decimal_point) + " h"
    return format_hms(duration) if live else format_hm(duration)


# Patterns compiled at their first use (re's cache), not when the app's first paint imports
# this module.
_CLOCK = r"^(\d+):([0-5]?\d)(?::([0-5]?\d))?$"
_UNITS = (
    r"^(?:(\d+(?:[.,]\d+)?)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(\d+(?:[.,]\d+)?)\s*m(?:in(?:utes?|s)?)?)?\s*"
    r"(?:(\d+)\s*s(?:ec(?:onds?|s)?)?)?$"
)
_HOURS_THEN_MINUTES = r"^(\d+)\s*h\s*(\d+)$"
_PLAIN_NUMBER = r"^\d+(?:[.,]\d+)?$"


def parse_duration(text: str) -> timedelta:
    """Understand what people type for a manual entry.

    "1:30" and "1:30:00" (h:mm[:ss]), "1h30", "1h 30m", "1.5h", "90m", "45min", "2h", and a
    bare number meaning minutes ("90"). Raises DurationError for anything else or for a zero
    duration.
    """
    cleaned = text.strip().lower()
    if not cleaned:
        raise DurationError(QT_TRANSLATE_NOOP("DurationError", "Enter a duration such as 1:30, 1h30 or 90m."))
    seconds = _parse_seconds(cleaned)
    if seconds is None:
        raise DurationError(QT_TRANSLATE_NOOP(
            "DurationError", "“%1” is not a duration; use a form such as 1:30, 1h30 or 90m."),
            text.strip())
    if seconds <= 0:
        raise DurationError(QT_TRANSLATE_NOOP("DurationError", "A duration must be longer than zero."))
    return timedelta(seconds=seconds)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _parse_seconds(text: str) -> int | None:
    clock = re.match(_CLOCK, text)
    if clock:
        hours, minutes, secs = clock.groups()
        return int(hours) * 3600 + int(minutes) * 60 + int(secs or 0)
    if re.match(_PLAIN_NUMBER, text):
        return round(_number(text) * 60)
    mixed = re.match(_HOURS_THEN_MINUTES, text)
    if mixed:
        hours, minutes = mixed.groups()
        if int(minutes) >= 60:
            return None
        return int(hours) * 3600 + int(minutes) * 60
    units = re.match(_UNITS, text)
    if units and any(units.groups()):
        hours, minutes, secs = units.groups()
        total = 0.0
        if hours:
            total += _number(hours) * 3600
        if minutes:
            total += _number(minutes) * 60
        if secs:
            total += int(secs)
        return round(total)
    return None
