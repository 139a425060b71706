"""The idle prompt: "You were away from 10:02 to 10:47. What was that time?"

A non-modal window on top of the others (the user just came back: it must be seen, but it
blocks nothing). Four answers: keep the time, discard it (the timer runs on from the return),
discard it and stop, or give it to another task, picked in the same search box as everywhere
else (the picker is made by the caller: this page does not import another). Nothing changes
until an answer is given; closing the window keeps the time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QVBoxLayout, QWidget

from desktop.domain.text import fill
from desktop.domain.timer import IdleChoice
from desktop.services.display_format import display_format

# make_picker(parent) -> a widget with a `task_chosen(str)` signal (desktop.ui.picker)
PickerFactory = Callable[[QWidget], QWidget]


class IdlePrompt(QDialog):
    answered = Signal(object, object)  # IdleChoice, the other task's id (GIVE_TO_TASK) or None

    def __init__(self, make_picker: PickerFactory | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("idlePrompt")
        self.setWindowTitle(self.tr("You were away"))
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self._make_picker = make_picker
        self.picker: QWidget | None = None
        self.start: datetime | None = None
        self.end: datetime | None = None

        self.heading = QLabel(self)
        self.heading.setObjectName("idleHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.details = QLabel(self)
        self.details.setObjectName("idleDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)  # the task name is Salesforce text
        self.details.setWordWrap(True)

        self.keep_button = self._choice(
            self.tr("&Keep the time"), self.tr("It was work on this task: nothing changes."))
        self.discard_button = self._choice(
            self.tr("&Discard the time away"),
            self.tr("Take it out of the entry; the timer keeps running from your return."))
        self.stop_button = self._choice(
            self.tr("Discard it and &stop the timer"),
            self.tr("The entry ends when you left."))
        self.give_button = self._choice(
            self.tr("&Give it to another task…"),
            self.tr("The time away becomes an entry on the task you pick; the timer keeps "
                    "running on this one."))
        self.pick_hint = QLabel(self.tr("Pick the task the time away belongs to:"), self)
        self.pick_hint.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)
        for button in (self.keep_button, self.discard_button, self.stop_button,
                       self.give_button):
            layout.addWidget(button)
        layout.addWidget(self.pick_hint)
        self._layout = layout

        self.keep_button.clicked.connect(lambda: self._answer(IdleChoice.KEEP))
        self.discard_button.clicked.connect(lambda: self._answer(IdleChoice.DISCARD))
        self.stop_button.clicked.connect(lambda: self._answer(IdleChoice.DISCARD_AND_STOP))
        self.give_button.clicked.connect(self.show_picker)
        self.keep_button.setDefault(True)
        self.resize(480, self.sizeHint().height())

    def _choice(self, text: str, description: str) -> QCommandLinkButton:
        button = QCommandLinkButton(text, description, self)
        button.setAutoDefault(False)
        return button

    # -- showing -------------------------------------------------------------------------
    def ask(self, start: datetime, end: datetime, task_name: str) -> None:
        """Show (or update, when already shown) the question about [start, end]."""
        self.start, self.end = start, end
        shown = display_format()
        local_start, local_end = start.astimezone(), end.astimezone()
        self.heading.setText(fill(self.tr("You were away for %1"), shown.duration(end - start)))
        from_text, to_text = shown.clock_time(local_start), shown.clock_time(local_end)
        if local_start.date() != local_end.date():  # "Fri 23:50" ("ven. 23:50")
            from PySide6.QtCore import QLocale

            short = QLocale.FormatType.ShortFormat
            from_text = f"{QLocale().dayName(local_start.isoweekday(), short)} {from_text}"
            to_text = f"{QLocale().dayName(local_end.isoweekday(), short)} {to_text}"
        self.details.setText(fill(
            self.tr("From %1 to %2 the timer ran on “%3” with no keyboard or mouse input. "
                    "What was that time?"), from_text, to_text, task_name))
        self._hide_picker()
        self.show()
        self.raise_()
        self.activateWindow()

    def show_picker(self) -> None:
        """"Give it to another task…": the search box, ready to type."""
        if self._make_picker is None:
            return
        if self.picker is None:
            self.picker = self._make_picker(self)
            self.picker.task_chosen.connect(  # type: ignore[attr-defined]
                lambda item_id: self._answer(IdleChoice.GIVE_TO_TASK, item_id))
            self._layout.addWidget(self.picker, 1)
        self.pick_hint.show()
        self.picker.show()
        self.resize(self.width(), max(self.height(), 460))
        focus = getattr(self.picker, "focus_search", None)
        if focus is not None:
            focus()

    def _hide_picker(self) -> None:
        self.pick_hint.hide()
        if self.picker is not None:
            self.picker.hide()

    # -- answering -----------------------------------------------------------------------
    def _answer(self, choice: IdleChoice, item_id: str | None = None) -> None:
        self.hide()
        self.answered.emit(choice, item_id)

    def reject(self) -> None:
        # Esc or closing the window (QDialog closes through reject) is "keep": the time
        # stays where it is, as if nobody had asked.
        self.hide()
        self.answered.emit(IdleChoice.KEEP, None)
