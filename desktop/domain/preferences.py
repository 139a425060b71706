"""The General preferences' rules: display choices, idle detection and reminders (issue 13).

The values live in domain.settings.Settings next to the Salesforce settings (one stored
document, one admin policy); this module holds their allowed values and checks, so the
settings module stays about the integration. Nothing here knows about Qt or the locale:
"locale" values are resolved by the UI (desktop.services.display_format).
"""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from desktop.domain.text import QT_TRANSLATE_NOOP, Message

WEEK_STARTS = ("locale", "monday", "saturday", "sunday")
TIME_FORMATS = ("locale", "24h", "12h")
DURATION_FORMATS = ("hm", "decimal")
LANGUAGES = ("system", "en", "fr")
# ISO order (Monday first), as datetime.weekday() counts them.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_WORK_DAYS = ("mon", "tue", "wed", "thu", "fri")

IDLE_MINUTES_MIN, IDLE_MINUTES_MAX = 1, 240
NO_TIMER_MINUTES_MIN, NO_TIMER_MINUTES_MAX = 5, 480
LONG_TIMER_HOURS_MIN, LONG_TIMER_HOURS_MAX = 1, 24

_CLOCK = r"^([01]?\d|2[0-3]):([0-5]\d)$"  # compiled at its first use (re's cache)


def parse_clock(text: str) -> time | None:
    """"09:00" -> time(9, 0); None when it is not a 24-hour HH:MM time."""
    match = re.match(_CLOCK, text.strip())
    return time(int(match[1]), int(match[2])) if match else None


def weekday_numbers(names: tuple[str, ...]) -> frozenset[int]:
    """("mon", "fri") -> {0, 4}, as datetime.weekday() numbers them (unknown names skipped)."""
    return frozenset(WEEKDAYS.index(name) for name in names if name in WEEKDAYS)


def first_weekday(week_start: str) -> int | None:
    """The weekday number a week starts on; None for "locale" (the UI asks the locale)."""
    return {"monday": 0, "saturday": 5, "sunday": 6}.get(week_start)


IN_MINUTES = QT_TRANSLATE_NOOP("Settings", "%1 is %2 to %3 minutes (not %4).")
IN_HOURS = QT_TRANSLATE_NOOP("Settings", "%1 is %2 to %3 hours (not %4).")


def settings_message(template: str, *values: object) -> Message:
    """A settings rule's message: `template` is marked with QT_TRANSLATE_NOOP("Settings", ...)."""
    return Message("Settings", template, *values)


def preference_problems(settings: Any) -> dict[str, Message]:
    """Every rule the General preferences of `settings` break, as {setting name: message}."""
    problems: dict[str, Message] = {}
    choices = (
        ("week_start", WEEK_STARTS),
        ("time_format", TIME_FORMATS),
        ("duration_format", DURATION_FORMATS),
        ("language", LANGUAGES),
    )
    for name, allowed in choices:
        if getattr(settings, name) not in allowed:
            problems[name] = settings_message(QT_TRANSLATE_NOOP("Settings", "%1 is one of %2."),
                                   name, ", ".join(allowed))
    ranges = (
        ("idle_minutes", IDLE_MINUTES_MIN, IDLE_MINUTES_MAX, IN_MINUTES),
        ("remind_no_timer_minutes", NO_TIMER_MINUTES_MIN, NO_TIMER_MINUTES_MAX, IN_MINUTES),
        ("remind_long_timer_hours", LONG_TIMER_HOURS_MIN, LONG_TIMER_HOURS_MAX, IN_HOURS),
    )
    for name, low, high, unit in ranges:
        value = getattr(settings, name)
        if not low <= value <= high:
            problems[name] = settings_message(unit, name, low, high, value)
    unknown_days = [day for day in settings.work_days if day not in WEEKDAYS]
    if unknown_days:
        problems["work_days"] = settings_message(QT_TRANSLATE_NOOP(
            "Settings", "Working days are written %1 (not %2)."),
            ", ".join(WEEKDAYS), ", ".join(unknown_days))
    elif settings.remind_no_timer and not settings.work_days:
        problems["work_days"] = settings_message(QT_TRANSLATE_NOOP(
            "Settings", "The no-timer reminder needs at least one working day."))
    start, end = parse_clock(settings.work_start), parse_clock(settings.work_end)
    for name, parsed in (("work_start", start), ("work_end", end)):
        if parsed is None:
            problems[name] = settings_message(QT_TRANSLATE_NOOP(
                "Settings", "%1 is a time such as 09:00 (24-hour clock)."), name)
    if start is not None and end is not None and end <= start:
        problems["work_end"] = settings_message(QT_TRANSLATE_NOOP(
            "Settings", "Working hours must end after they start."))
    return problems
