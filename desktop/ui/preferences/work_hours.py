"""Working hours for the "no timer running" reminder: the days (a check box each, named and
ordered as the locale does) and the hours from-to."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QLocale, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QTimeEdit, QWidget

from desktop.domain.preferences import WEEKDAYS, parse_clock
from desktop.services.display_format import display_format


class WorkingDays(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        locale = QLocale()
        first = display_format().first_weekday()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QCheckBox] = {}
        for offset in range(7):
            number = (first + offset) % 7
            name = WEEKDAYS[number]
            button = QCheckBox(locale.dayName(number + 1, QLocale.FormatType.ShortFormat), self)
            button.setAccessibleName(locale.dayName(number + 1, QLocale.FormatType.LongFormat))
            button.toggled.connect(lambda _checked: self.changed.emit())
            layout.addWidget(button)
            self.buttons[name] = button
        layout.addStretch(1)

    def days(self) -> tuple[str, ...]:
        return tuple(name for name in WEEKDAYS if self.buttons[name].isChecked())

    def set_days(self, days: tuple[str, ...]) -> None:
        for name, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(name in days)
            button.blockSignals(False)


class WorkingHoursEdit(QWidget):
    """From [09:00] to [17:00]."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start_edit = QTimeEdit(self)
        self.end_edit = QTimeEdit(self)
        self.to_label = QLabel(self.tr("to"), self)
        self.start_edit.setAccessibleName(self.tr("Working hours start"))
        self.end_edit.setAccessibleName(self.tr("Working hours end"))
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat(display_format().qt_time_format())
            edit.timeChanged.connect(lambda _time: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.start_edit)
        layout.addWidget(self.to_label)
        layout.addWidget(self.end_edit)
        layout.addStretch(1)

    def set_hours(self, start: str, end: str) -> None:
        for edit, text in ((self.start_edit, start), (self.end_edit, end)):
            parsed = parse_clock(text) or time(9)
            edit.blockSignals(True)
            edit.setTime(QTime(parsed.hour, parsed.minute))
            edit.blockSignals(False)

    def hours(self) -> tuple[str, str]:
        return (self.start_edit.time().toString("HH:mm"), self.end_edit.time().toString("HH:mm"))
