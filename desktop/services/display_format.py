"""How durations, clock times and weeks are shown: the General page's display choices.

One `DisplayFormat` for the whole app (`display_format()`), like Qt's own default QLocale:
every view formats through it, so a change on the General page reaches the timesheet, the
task widget, the tray and the prompts at once (they repaint on `changed`). The app installs
its own (`install_display_format`) before building any view, applies the stored choices
before the first paint and again after each save, and silences it when it shuts down.

"locale" choices follow the system locale (QLocale): its short time format says 12 or 24
hours, its first day of the week starts the timesheet's week.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Signal

from desktop.domain.durations import format_duration
from desktop.domain.preferences import first_weekday


class DisplayFormat(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._duration_format = "hm"
        self._time_format = "locale"
        self._week_start = "locale"

    def apply(self, settings) -> None:  # noqa: ANN001 - domain.settings.Settings
        """Take the display choices of `settings`; `changed` when any differs."""
        self.apply_choices(settings.duration_format, settings.time_format, settings.week_start)

    def apply_choices(self, duration_format: str = "hm", time_format: str = "locale",
                      week_start: str = "locale") -> None:
        """The three choices as stored (values this version does not know mean the
        default); `changed` when any differs."""
        chosen = (duration_format if duration_format == "decimal" else "hm",
                  time_format if time_format in ("24h", "12h") else "locale",
                  week_start if first_weekday(week_start) is not None else "locale")
        if chosen == (self._duration_format, self._time_format, self._week_start):
            return
        self._duration_format, self._time_format, self._week_start = chosen
        self.changed.emit()

    # -- durations -----------------------------------------------------------------------
    @property
    def duration_format(self) -> str:
        return self._duration_format

    def duration(self, length: timedelta, live: bool = False, entry: bool = False) -> str:
        """1:30 (1:30:05 for a running clock) or 1.50 h, as chosen; an `entry` length under a
        minute shows its seconds ("45 s")."""
        point = "."
        if self._duration_format == "decimal":
            from PySide6.QtCore import QLocale

            point = QLocale().decimalPoint() or "."
        return format_duration(length, self._duration_format, live=live, decimal_point=point,
                               entry=entry)

    # -- clock times ---------------------------------------------------------------------
    def twelve_hour(self) -> bool:
        if self._time_format == "locale":
            from PySide6.QtCore import QLocale

            pattern = QLocale().timeFormat(QLocale.FormatType.ShortFormat)
            return "a" in pattern.lower()  # "h:mm AP" / "h:mm a"
        return self._time_format == "12h"

    def clock_time(self, moment: datetime) -> str:
        """"14:05" or "2:05 PM" for an aware `moment` already in the zone to show."""
        if not self.twelve_hour():
            return f"{moment:%H:%M}"
        from PySide6.QtCore import QLocale

        locale = QLocale()
        suffix = locale.amText() if moment.hour < 12 else locale.pmText()
        return f"{(moment.hour - 1) % 12 + 1}:{moment:%M} {suffix or ('AM' if moment.hour < 12 else 'PM')}"

    def qt_time_format(self) -> str:
        """The same choice as a Qt display format, for time editors."""
        return "h:mm AP" if self.twelve_hour() else "HH:mm"

    # -- weeks ---------------------------------------------------------------------------
    def first_weekday(self) -> int:
        """The weekday a week starts on, as datetime.weekday() counts (Monday is 0)."""
        chosen = first_weekday(self._week_start)
        if chosen is not None:
            return chosen
        from PySide6.QtCore import QLocale

        return QLocale().firstDayOfWeek().value - 1  # Qt counts Monday as 1


_DISPLAY_FORMAT: DisplayFormat | None = None


def display_format() -> DisplayFormat:
    """The installed DisplayFormat (a default one until something is installed)."""
    global _DISPLAY_FORMAT
    if _DISPLAY_FORMAT is None:
        _DISPLAY_FORMAT = DisplayFormat()
    return _DISPLAY_FORMAT


def install_display_format(shown: DisplayFormat) -> DisplayFormat:
    """Make `shown` the one views format with (and listen to) from now on."""
    global _DISPLAY_FORMAT
    _DISPLAY_FORMAT = shown
    return shown
