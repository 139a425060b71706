"""The small entry editor: task, date, start, end or duration ("1h30"), note, billable.

Problems are shown next to the field they concern (an unknown duration by the duration, a
negative span by the end, an overlap by the times) and the dialog stays open with everything
the user typed, so no edit is ever lost to a validation error.

An entry may cross midnight: "next day" says the end is on the day after the start (checked
by itself when the end time is before the start time). A new entry for today ends now at the
latest, never in the future.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, QObject, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.durations import DurationError, parse_duration
from desktop.domain.entries import EntryError, TimeEntry
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.services.display_format import display_format
from desktop.services.entries_service import EntriesService
from desktop.services.i18n import error_text
from desktop.store.errors import StoreError
from desktop.ui.timesheet.entry_editor_task_field import TaskField

# The longest entry an end before the start is read as ending the next day (in seconds).
OVERNIGHT_LONGEST = 12 * 3600


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: #c62828;")
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
    label.hide()
    return label


class EntryEditorDialog(QDialog):
    """Add (entry None) or edit an entry. `saved_entry()` is the stored result after accept."""

    def __init__(
        self,
        entries: EntriesService,
        tasks_service: QObject,
        entry: TimeEntry | None = None,
        day: date | None = None,
        item_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._entries = entries
        self._entry = entry
        self._saved: TimeEntry | None = None
        self._end_day_offset = 0
        self._next_day_automatic = False  # "next day" was checked by an end before the start
        self._syncing = False
        self.setWindowTitle(self.tr("Edit entry") if entry else self.tr("Add entry"))
        self.setModal(True)
        self.setMinimumWidth(460)
        tz = entries.tz

        self.task_field = TaskField(tasks_service, self)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.start_edit = QTimeEdit(self)
        self.start_edit.setDisplayFormat(display_format().qt_time_format())
        self.end_edit = QTimeEdit(self)
        self.end_edit.setDisplayFormat(display_format().qt_time_format())
        self.next_day_box = QCheckBox(self.tr("ne&xt day"), self)
        self.next_day_box.setToolTip(self.tr("The entry ends on the day after it starts"))
        self.duration_edit = QLineEdit(self)
        self.duration_edit.setPlaceholderText("1h30")
        self.duration_edit.setToolTip(self.tr("Type a duration such as 1:30, 1h30, 90m or 1.5h"))
        self.duration_edit.setMaximumWidth(90)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.billable_box = QCheckBox(self.tr("&Billable"), self)

        self.task_error = _error_label(self)
        self.times_error = _error_label(self)
        self.end_error = _error_label(self)
        self.duration_error = _error_label(self)
        self.general_error = _error_label(self)

        for widget, name in (
            (self.date_edit, self.tr("Date")), (self.start_edit, self.tr("Start")),
            (self.end_edit, self.tr("End")), (self.duration_edit, self.tr("Duration")),
            (self.note_edit, self.tr("Note")),
        ):
            widget.setAccessibleName(name)

        times = QHBoxLayout()
        times.addWidget(self.start_edit)
        times.addWidget(QLabel(self.tr("to"), self))
        times.addWidget(self.end_edit)
        times.addWidget(self.next_day_box)
        times.addStretch(1)
        duration_row = QHBoxLayout()
        duration_row.addWidget(self.duration_edit)
        duration_row.addStretch(1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("&Task"), self.task_field)
        form.addRow("", self.task_error)
        form.addRow(self.tr("&Date"), self.date_edit)
        times_label = QLabel(self.tr("&Time"), self)
        times_label.setBuddy(self.start_edit)
        form.addRow(times_label, times)
        form.addRow("", self.end_error)
        duration_label = QLabel(self.tr("D&uration"), self)
        duration_label.setBuddy(self.duration_edit)
        form.addRow(duration_label, duration_row)
        form.addRow("", self.duration_error)
        form.addRow("", self.times_error)
        form.addRow(self.tr("&Note"), self.note_edit)
        form.addRow("", self.billable_box)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.save)

        self._load(entry, day or entries.today(), item_id, tz)
        self.start_edit.timeChanged.connect(self._on_start_changed)
        self.end_edit.timeChanged.connect(self._on_end_changed)
        self.next_day_box.toggled.connect(self._on_next_day_toggled)
        self.date_edit.dateChanged.connect(self._on_times_changed)
        self.duration_edit.textEdited.connect(self._on_duration_edited)
        self.task_field.task_changed.connect(lambda _id: self.task_error.hide())

    # -- loading ---------------------------------------------------------------------------
    def _load(self, entry: TimeEntry | None, day: date, item_id: str | None, tz) -> None:
        if entry is None:
            start = self._suggested_start(day)
            end = _plus(start, timedelta(hours=1), tz)
            now = self._entries.now().astimezone(tz).replace(second=0, microsecond=0)
            if day == self._entries.today() and end > now:  # today's new entry ends now
                end = now
                if start >= end:
                    start = _plus(end, -timedelta(hours=1), tz)
            self.task_field.set_item_id(item_id)
        else:
            start = entry.start.astimezone(tz)
            end = entry.end.astimezone(tz) if entry.end else None
            self.task_field.set_item_id(entry.item_id)
            self.note_edit.setPlainText(entry.note)
            self.billable_box.setChecked(entry.billable)
        self.date_edit.setDate(QDate(start.year, start.month, start.day))
        self.start_edit.setTime(QTime(start.hour, start.minute))
        if end is None:  # the running entry: its end is "now", which keeps moving
            self.end_edit.setEnabled(False)
            self.end_edit.setSpecialValueText(self.tr("running"))
            self.next_day_box.setEnabled(False)
            self.duration_edit.setEnabled(False)
            self.duration_edit.setText(self.tr("running"))
            return
        self._set_end_day_offset((end.date() - start.date()).days)
        self.end_edit.setTime(QTime(end.hour, end.minute))
        self._show_duration()

    def _suggested_start(self, day: date) -> datetime:
        """Where a new entry most likely goes: after the day's last entry, else 09:00."""
        tz = self._entries.tz
        entries = [e for e in self._entries.entries_between(day, day + timedelta(days=1)) if e.end]
        if entries:
            last_end = max(e.end for e in entries).astimezone(tz)
            if last_end.date() == day and last_end.hour < 23:
                return last_end.replace(second=0, microsecond=0)
        return self._at(day, time(9, 0))

    # -- what the fields say ---------------------------------------------------------------
    def start_datetime(self) -> datetime:
        day = self.date_edit.date().toPython()
        moment = self.start_edit.time().toPython()
        return self._at(day, moment)

    def end_datetime(self) -> datetime | None:
        if not self.end_edit.isEnabled():
            return None
        day = self.date_edit.date().toPython() + timedelta(days=self._end_day_offset)
        return self._at(day, self.end_edit.time().toPython())

    def _at(self, day: date, moment: time) -> datetime:
        """`day` at the wall-clock `moment` in the display zone (right on DST days too)."""
        wall = datetime.combine(day, time(moment.hour, moment.minute))
        tz = self._entries.tz
        return wall.astimezone() if tz is None else wall.replace(tzinfo=tz)

    def _show_duration(self) -> None:
        end = self.end_datetime()
        if end is None:
            return
        length = _between(self.start_datetime(), end)
        self.duration_edit.setText(display_format().duration(length) if length > timedelta(0) else "")
        if length <= timedelta(0):
            self._show(self.end_error, self.tr("The end must be after the start."))
        else:
            self.end_error.hide()

    def _set_end_day_offset(self, days: int, automatic: bool = False) -> None:
        """The end's day after the start's (0: the same day), shown by "next day"."""
        self._end_day_offset = max(0, days)
        self._next_day_automatic = automatic
        self.next_day_box.blockSignals(True)
        self.next_day_box.setChecked(self._end_day_offset > 0)
        self.next_day_box.blockSignals(False)

    def _on_end_changed(self, *_args: object) -> None:
        """An end typed a little before the start time ends the next day (22:00 to 01:30);
        one far before it (15:00 to 14:00) is more likely a slip and says so, unless the
        user checks "next day" themselves."""
        if self._syncing or not self.end_edit.isEnabled():
            return
        start, end = self.start_edit.time(), self.end_edit.time()
        overnight = end < start and end.secsTo(start) >= 24 * 3600 - OVERNIGHT_LONGEST
        if overnight and self._end_day_offset == 0:
            self._set_end_day_offset(1, automatic=True)
        elif not end < start and self._next_day_automatic:
            self._set_end_day_offset(0)
        self._on_times_changed()

    def _on_start_changed(self, *_args: object) -> None:
        if not self._syncing and self._next_day_automatic and (
                self.end_edit.time() >= self.start_edit.time()):
            self._set_end_day_offset(0)  # the end is after the start again: the same day
        self._on_times_changed()

    def _on_next_day_toggled(self, checked: bool) -> None:
        self._set_end_day_offset(1 if checked else 0)
        self._on_times_changed()

    def _on_times_changed(self, *_args: object) -> None:
        if self._syncing:
            return
        self.times_error.hide()
        self.duration_error.hide()
        self._show_duration()

    def _on_duration_edited(self, text: str) -> None:
        """A typed duration moves the end (the start stays where it is)."""
        self.duration_error.hide()
        try:
            length = parse_duration(text)
        except DurationError:
            return  # still typing; the message appears on Save
        end = _plus(self.start_datetime(), length, self._entries.tz)
        start_day = self.date_edit.date().toPython()
        self._syncing = True
        try:
            self._set_end_day_offset((end.date() - start_day).days)
            self.end_edit.setTime(QTime(end.hour, end.minute))
        finally:
            self._syncing = False
        self.end_error.hide()
        self.times_error.hide()

    # -- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        """Store the entry; on a problem show it next to its field and keep the dialog open."""
        for label in (self.task_error, self.times_error, self.end_error,
                      self.duration_error, self.general_error):
            label.hide()
        if not self.task_field.is_resolved():
            self._show(self.task_error,
                       self.tr("Pick a task from the list, or clear the field for no task."))
            self.task_field.setFocus()
            return
        end = self.end_datetime()
        typed = self.duration_edit.text().strip()
        shown = display_format().duration(_between(self.start_datetime(), end)) if end else ""
        if end is not None and typed and typed != shown:
            try:  # a duration typed but not yet applied to the end wins
                end = _plus(self.start_datetime(), parse_duration(typed), self._entries.tz)
            except DurationError as exc:
                self._show(self.duration_error, error_text(exc))
                self.duration_edit.setFocus()
                return
        try:
            self._saved = self._store(end)
        except EntryError as exc:
            self._show_entry_error(exc)
            return
        except StoreError as exc:  # a full or busy disk: the dialog stays, nothing is lost
            self._show(self.general_error, error_text(exc))
            return
        self.accept()

    def _store(self, end: datetime | None) -> TimeEntry:
        start = self.start_datetime()
        note = self.note_edit.toPlainText().strip()
        item_id = self.task_field.item_id()
        billable = self.billable_box.isChecked()
        if self._entry is None:
            if end is None:
                raise EntryError(QT_TRANSLATE_NOOP("EntryError", "An entry needs an end."))
            return self._entries.add(item_id, start, end, note, billable)
        changed = self._entry.with_changes(
            item_id=item_id,
            start=_keep_seconds(self._entry.start, start),
            end=_keep_seconds(self._entry.end, end),
            note=note,
            billable=billable,
        )
        return self._entries.update(changed)

    def _show_entry_error(self, error: EntryError) -> None:
        message = error_text(error)
        if error.conflict is not None:
            self._show(self.times_error, message)
            self.start_edit.setFocus()
        elif (end := self.end_datetime()) is not None and _between(
            self.start_datetime(), end
        ) <= timedelta(0):
            self._show(self.end_error, message)
            self.end_edit.setFocus()
        else:
            self._show(self.general_error, message)

    def _show(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.show()
        self._fit()

    def _fit(self) -> None:
        """Grow the dialog so a wrapped message is never cut off (never shrink it)."""
        self.layout().activate()
        wanted = self.sizeHint()
        self.resize(max(self.width(), wanted.width()), max(self.height(), wanted.height()))

    def saved_entry(self) -> TimeEntry | None:
        return self._saved


def _plus(moment: datetime, length: timedelta, tz) -> datetime:
    """`length` of real time after `moment`, as a wall-clock time in `tz`. (Aware datetimes
    sharing a tzinfo add and subtract as wall clocks in Python, which is an hour off across a
    DST change; going through UTC gives the elapsed time.)"""
    return (moment.astimezone(UTC) + length).astimezone(tz)


def _between(start: datetime, end: datetime) -> timedelta:
    """Real time from `start` to `end` (see _plus)."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def _keep_seconds(original: datetime | None, shown: datetime | None) -> datetime | None:
    """The stored time when the editor (minutes only) shows it unchanged, so opening and
    saving an entry never shaves off its seconds."""
    if original is not None and shown is not None and (
        original.replace(second=0, microsecond=0) == shown
    ):
        return original
    return shown
