"""The General page of Settings: start at log-in, display, time tracking, reminders.

Edits are kept on the page until Save (like the Salesforce page beside it); Revert shows the
stored values again. A setting the admin policy locks is disabled, with a padlock and "Set by
your administrator". Every text goes through Qt's translation (self.tr).
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.preferences import (
    IDLE_MINUTES_MAX,
    IDLE_MINUTES_MIN,
    LONG_TIMER_HOURS_MAX,
    LONG_TIMER_HOURS_MIN,
    NO_TIMER_MINUTES_MAX,
    NO_TIMER_MINUTES_MIN,
)
from desktop.domain.settings import WRITEBACK_MIN_MINUTES_MAX, Settings, SettingsError
from desktop.domain.text import fill
from desktop.engine.errors import EngineError
from desktop.services.i18n import error_text, problem_texts
from desktop.services.preferences_service import PreferencesService
from desktop.ui.elided_label import muted_color
from desktop.ui.locks import lock_badge, set_locked
from desktop.ui.preferences.work_hours import WorkingDays, WorkingHoursEdit

# The settings this page edits, with the attribute of the page that shows each.
_COMBOS = {"week_start": "week_start_combo", "time_format": "time_format_combo",
           "duration_format": "duration_combo", "language": "language_combo"}
_BOXES = {"start_at_login": "start_at_login_box", "idle_detection": "idle_box",
          "notifications": "notifications_box", "remind_no_timer": "no_timer_box",
          "remind_long_timer": "long_timer_box",
          "writeback_short_entries": "short_entries_box"}
_SPINS = {"idle_minutes": "idle_minutes_spin", "remind_no_timer_minutes": "no_timer_spin",
          "remind_long_timer_hours": "long_timer_spin",
          "writeback_min_minutes": "min_minutes_spin"}


class GeneralPage(QWidget):
    def __init__(self, preferences: PreferencesService, idle_source_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("generalPage")
        self._preferences = preferences
        self._idle_source_name = idle_source_name
        self._loading = False
        self._locked: frozenset[str] = frozenset()
        self._loaded: Settings | None = None  # what the page shows unedited
        self._badges: dict[str, QLabel] = {}
        self._build()
        self.reload()
        preferences.preferences_changed.connect(self._stored_changed)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("General"), self)
        title_font = QFont(self.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        title.setFont(title_font)

        content = QWidget(self)
        column = QVBoxLayout(content)
        column.addWidget(title)
        column.addWidget(self._startup_group())
        column.addWidget(self._display_group())
        column.addWidget(self._tracking_group())
        column.addWidget(self._reminders_group())
        column.addLayout(self._save_row())
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _startup_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Start-up"), self)
        self.start_at_login_box = QCheckBox(
            self.tr("Start Stint when I &log in (in the tray, without a window)"), group)
        self.autostart_note = self._note(group)
        if self._preferences.autostart_allowed:
            self.autostart_note.setText(fill(self.tr("Stint writes %1 for this."),
                                             self._preferences.autostart_location()))
        else:
            self.autostart_note.setText(self.tr(
                "Not for the demo: its profile is thrown away when Stint closes."))
        layout = QVBoxLayout(group)
        layout.addLayout(self._with_badge("start_at_login", self.start_at_login_box))
        layout.addWidget(self.autostart_note)
        return group

    def _display_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Display"), self)
        form = QFormLayout(group)
        locale = QLocale()
        first_day = locale.dayName(locale.firstDayOfWeek().value, QLocale.FormatType.LongFormat)
        self.week_start_combo = self._combo(group, [
            ("locale", fill(self.tr("As the system's region says (%1)"), first_day)),
            ("monday", locale.dayName(1, QLocale.FormatType.LongFormat)),
            ("saturday", locale.dayName(6, QLocale.FormatType.LongFormat)),
            ("sunday", locale.dayName(7, QLocale.FormatType.LongFormat)),
        ])
        example = datetime(2026, 1, 1, 14, 5, tzinfo=UTC)
        locale_time = "2:05 PM" if "a" in locale.timeFormat(
            QLocale.FormatType.ShortFormat).lower() else "14:05"
        self.time_format_combo = self._combo(group, [
            ("locale", fill(self.tr("As the system's region says (%1)"), locale_time)),
            ("24h", fill(self.tr("24-hour (%1)"), f"{example:%H:%M}")),
            ("12h", fill(self.tr("12-hour (%1)"), "2:05 PM")),
        ])
        self.duration_combo = self._combo(group, [
            ("hm", self.tr("Hours and minutes (1:30)")),
            ("decimal", fill(self.tr("Decimal hours (%1)"),
                             f"1{locale.decimalPoint() or '.'}50 h")),
        ])
        self.language_combo = self._combo(group, [
            ("system", self.tr("The system's language")),
            ("en", "English"),
            ("fr", "Français"),
        ])
        self.language_note = self._note(group)
        self.language_note.setText(self.tr("A new language applies from the next start of Stint."))
        rows = (
            (self.tr("&Week starts on"), "week_start", self.week_start_combo),
            (self.tr("&Times"), "time_format", self.time_format_combo),
            (self.tr("&Durations"), "duration_format", self.duration_combo),
            (self.tr("Lang&uage"), "language", self.language_combo),
        )
        for text, setting, combo in rows:
            label = QLabel(text, group)
            label.setBuddy(combo)
            form.addRow(label, self._with_badge(setting, combo))
        form.addRow("", self.language_note)
        return group

    def _tracking_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Time tracking"), self)
        layout = QVBoxLayout(group)
        # The minimum entry length: the write-back setting the Salesforce page shows too
        # (one setting; each page reloads when the other saves it).
        self.min_minutes_label = QLabel(self.tr("M&inimum entry length for Salesforce"), group)
        self.min_minutes_spin = self._spin(group, 0, WRITEBACK_MIN_MINUTES_MAX, self.tr(" min"))
        self.min_minutes_label.setBuddy(self.min_minutes_spin)
        self.short_entries_box = QCheckBox(self.tr("Write shorter entries &back too"), group)
        self.min_minutes_note = self._note(group)
        self.min_minutes_note.setText(self.tr(
            "Shorter entries stay in Stint (the timesheet shows their seconds) unless they are "
            "written back too. The Salesforce page shows the same setting."))
        layout.addLayout(self._with_badge("writeback_min_minutes", self.min_minutes_label,
                                          self.min_minutes_spin))
        layout.addLayout(self._with_badge("writeback_short_entries", self.short_entries_box))
        layout.addWidget(self.min_minutes_note)
        self.idle_box = QCheckBox(
            self.tr("&Ask what to do with time away from the computer, after"), group)
        self.idle_minutes_spin = self._spin(group, IDLE_MINUTES_MIN, IDLE_MINUTES_MAX,
                                            self.tr(" min"))
        self.idle_note = self._note(group)
        if self._idle_source_name:
            self.idle_note.setText(fill(self.tr(
                "Away means no keyboard or mouse input (as %1 tells), the screen locked, or "
                "the computer asleep."), self._idle_source_name))
        else:
            self.idle_note.setText(self.tr(
                "This desktop does not tell Stint how long it has been idle: only a locked "
                "screen or a sleeping computer count as time away."))
        layout.addLayout(self._with_badge("idle_detection", self.idle_box,
                                          self.idle_minutes_spin))
        layout.addWidget(self.idle_note)
        return group

    def _reminders_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Notifications and reminders"), self)
        layout = QVBoxLayout(group)
        self.notifications_box = QCheckBox(
            self.tr("Show n&otifications (reminders, synchronization problems)"), group)
        self.no_timer_box = QCheckBox(
            self.tr("Remind me when &no timer runs in working hours, every"), group)
        self.no_timer_spin = self._spin(group, NO_TIMER_MINUTES_MIN, NO_TIMER_MINUTES_MAX,
                                        self.tr(" min"))
        self.working_days = WorkingDays(group)
        self.working_days.changed.connect(self._edited)
        self.working_hours = WorkingHoursEdit(group)
        self.working_hours.changed.connect(self._edited)
        hours_form = QFormLayout()
        hours_form.setContentsMargins(24, 0, 0, 0)
        days_label = QLabel(self.tr("Working days"), group)
        hours_label = QLabel(self.tr("Fro&m"), group)
        hours_label.setBuddy(self.working_hours.start_edit)
        hours_form.addRow(days_label, self._with_badge("work_days", self.working_days))
        hours_form.addRow(hours_label, self._with_badge("work_start", self.working_hours))
        self.long_timer_box = QCheckBox(
            self.tr("&Remind me when a timer has run for more than"), group)
        self.long_timer_spin = self._spin(group, LONG_TIMER_HOURS_MIN, LONG_TIMER_HOURS_MAX,
                                          self.tr(" h"))
        layout.addLayout(self._with_badge("notifications", self.notifications_box))
        layout.addLayout(self._with_badge("remind_no_timer", self.no_timer_box,
                                          self.no_timer_spin))
        layout.addLayout(hours_form)
        layout.addLayout(self._with_badge("remind_long_timer", self.long_timer_box,
                                          self.long_timer_spin))
        self.notifications_box.toggled.connect(self._update_enabled)
        self.no_timer_box.toggled.connect(self._update_enabled)
        self.long_timer_box.toggled.connect(self._update_enabled)
        self.idle_box.toggled.connect(self._update_enabled)
        return group

    def _save_row(self) -> QHBoxLayout:
        self.save_button = QPushButton(self.tr("Sa&ve"), self)
        self.revert_button = QPushButton(self.tr("R&evert"), self)
        self.save_status = QLabel(self)
        self.save_status.setTextFormat(Qt.TextFormat.PlainText)
        self.save_status.setWordWrap(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.reload)
        row = QHBoxLayout()
        row.addWidget(self.save_status, 1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        return row

    # -- small builders --------------------------------------------------------------------
    def _combo(self, parent: QWidget, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(parent)
        for value, text in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self._edited)
        return combo

    def _spin(self, parent: QWidget, low: int, high: int, suffix: str) -> QSpinBox:
        spin = QSpinBox(parent)
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.valueChanged.connect(self._edited)
        return spin

    def _note(self, parent: QWidget) -> QLabel:
        note = QLabel(parent)
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        palette = note.palette()
        palette.setColor(note.foregroundRole(), muted_color(palette))
        note.setPalette(palette)
        return note

    def _with_badge(self, setting: str, *widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
            if isinstance(widget, QCheckBox):
                widget.toggled.connect(self._edited)
        badge = lock_badge(self)
        self._badges[setting] = badge
        row.addWidget(badge)
        row.addStretch(1)
        return row

    # -- loading and saving ----------------------------------------------------------------
    def reload(self) -> None:
        """Show the stored preferences (and which the policy locks)."""
        self._load(self._preferences.settings(), self._preferences.locked_keys())
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)
        self.save_status.clear()

    def _load(self, settings: Settings, locked: frozenset[str]) -> None:
        self._loading = True
        try:
            for name, attribute in _COMBOS.items():
                combo: QComboBox = getattr(self, attribute)
                combo.setCurrentIndex(max(0, combo.findData(getattr(settings, name))))
            for name, attribute in _BOXES.items():
                getattr(self, attribute).setChecked(getattr(settings, name))
            for name, attribute in _SPINS.items():
                getattr(self, attribute).setValue(getattr(settings, name))
            self.working_days.set_days(settings.work_days)
            self.working_hours.set_hours(settings.work_start, settings.work_end)
        finally:
            self._loading = False
        self._locked = locked
        self._loaded = settings
        self._update_enabled()

    def to_settings(self, base: Settings) -> Settings:
        """`base` with what was edited on this page (a setting left as shown keeps `base`'s
        value: the Salesforce page may have saved the minimum entry length meanwhile)."""
        changes: dict = {name: getattr(self, attribute).currentData()
                         for name, attribute in _COMBOS.items()}
        changes.update({name: getattr(self, attribute).isChecked()
                        for name, attribute in _BOXES.items()})
        changes.update({name: getattr(self, attribute).value()
                        for name, attribute in _SPINS.items()})
        start, end = self.working_hours.hours()
        changes.update(work_days=self.working_days.days(), work_start=start, work_end=end)
        if self._loaded is not None:
            changes = {name: value for name, value in changes.items()
                       if value != getattr(self._loaded, name)}
        return base.with_changes(**changes)

    def save(self) -> bool:
        settings = self.to_settings(self._preferences.settings())
        if settings.work_end <= settings.work_start:
            self.save_status.setText(self.tr("Not saved: working hours must end after they "
                                             "start."))
            return False
        try:
            self._preferences.save(settings)
        except SettingsError as exc:
            self.save_status.setText(fill(self.tr("Not saved: %1"),
                                          " ".join(problem_texts(exc).values())))
            return False
        except EngineError as exc:
            self.save_status.setText(fill(self.tr("Not saved: %1"), error_text(exc)))
            return False
        self.reload()
        self.save_status.setText(self.tr("Saved."))
        return True

    def _edited(self, *_args: object) -> None:
        if self._loading:
            return
        self.save_button.setEnabled(True)
        self.revert_button.setEnabled(True)
        self.save_status.clear()

    def _stored_changed(self, _settings: object) -> None:
        if not self.save_button.isEnabled():  # no edits of the user's to keep
            self.reload()

    def _update_enabled(self, *_args: object) -> None:
        """Locked settings off with a padlock; details of an unchecked option greyed."""
        locked = self._locked
        controls = {
            "start_at_login": [self.start_at_login_box],
            "week_start": [self.week_start_combo], "time_format": [self.time_format_combo],
            "duration_format": [self.duration_combo], "language": [self.language_combo],
            "idle_detection": [self.idle_box], "idle_minutes": [self.idle_minutes_spin],
            "notifications": [self.notifications_box],
            "remind_no_timer": [self.no_timer_box],
            "remind_no_timer_minutes": [self.no_timer_spin],
            "work_days": [self.working_days],
            "remind_long_timer": [self.long_timer_box],
            "remind_long_timer_hours": [self.long_timer_spin],
            "writeback_min_minutes": [self.min_minutes_spin],
            "writeback_short_entries": [self.short_entries_box],
        }
        for name, widgets in controls.items():
            set_locked(widgets, self._badges.get(name), name in locked)
        hours_locked = bool({"work_start", "work_end"} & locked)
        set_locked([self.working_hours.start_edit, self.working_hours.end_edit],
                   self._badges["work_start"], hours_locked)
        if not self._preferences.autostart_allowed:
            self.start_at_login_box.setEnabled(False)
        notifications = self.notifications_box.isChecked()
        no_timer = notifications and self.no_timer_box.isChecked()
        self._enable_unless_locked(self.no_timer_box, "remind_no_timer", notifications)
        self._enable_unless_locked(self.long_timer_box, "remind_long_timer", notifications)
        for widget, name in ((self.no_timer_spin, "remind_no_timer_minutes"),
                             (self.working_days, "work_days")):
            self._enable_unless_locked(widget, name, no_timer)
        for edit in (self.working_hours.start_edit, self.working_hours.end_edit):
            edit.setEnabled(no_timer and not hours_locked)
        self._enable_unless_locked(self.long_timer_spin, "remind_long_timer_hours",
                                   notifications and self.long_timer_box.isChecked())
        self._enable_unless_locked(self.idle_minutes_spin, "idle_minutes",
                                   self.idle_box.isChecked())

    def _enable_unless_locked(self, widget: QWidget, name: str, wanted: bool) -> None:
        widget.setEnabled(wanted and name not in self._locked)
