"""One row of the import settings that is chosen from describe: the fields shown with an
object's tasks, or the relationships imported as its subtasks. Shows the current choice by
label (plain text, elided with a tooltip) and a button opening the ChoiceDialog."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QWidget

from desktop.domain.text import fill
from desktop.services.field_choices import ObjectChoices, summary
from desktop.ui.elided_label import ElidedLabel
from desktop.ui.locks import lock_badge, locked_tooltip
from desktop.ui.settings.choice_dialog import ChoiceDialog

FIELDS, SUBTASKS = "fields", "subtasks"
NOT_CONNECTED_NOTE = QT_TRANSLATE_NOOP(
    "ChoiceRow", "Connect to Salesforce to change this: the list of what this object offers "
    "comes from Salesforce. This is the current choice."
)
LOCKED_NOTE = QT_TRANSLATE_NOOP("ChoiceRow", "Set by your administrator. This is the current "
                                             "choice.")


class ChoiceRow(QWidget):
    changed = Signal()

    def __init__(self, sobject: str, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sobject = sobject
        self.kind = kind
        self._values: tuple[str, ...] = ()
        self._choices: ObjectChoices | None = None
        self._unavailable_note = self.tr(NOT_CONNECTED_NOTE)
        self._locked = False
        self.dialog: ChoiceDialog | None = None
        self.summary_label = ElidedLabel("", self)
        text = self.tr("Fields shown…") if kind == FIELDS else self.tr("Subtasks from…")
        self.button = QPushButton(text, self)
        self.button.setAccessibleName(self._title())
        self.badge = lock_badge(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label, 1)
        layout.addWidget(self.badge)
        layout.addWidget(self.button)
        self.button.clicked.connect(self.open_dialog)
        self._show_summary()

    # -- state -----------------------------------------------------------------------------
    def values(self) -> tuple[str, ...]:
        return self._values

    def set_values(self, values: Sequence[str]) -> None:
        self._values = tuple(values)
        self._show_summary()

    def choices(self) -> ObjectChoices | None:
        return self._choices

    def set_choices(self, choices: ObjectChoices | None, unavailable_note: str | None = None) -> None:
        """What describe offers (None: not known, e.g. offline; the note says why)."""
        self._choices = choices
        self._unavailable_note = unavailable_note or self.tr(NOT_CONNECTED_NOTE)
        self._show_summary()

    def set_locked(self, locked: bool) -> None:
        """Locked rows still open the dialog, read-only, so the choice can be read in full."""
        self._locked = locked
        self.badge.setVisible(locked)
        self.button.setToolTip(locked_tooltip() if locked else "")

    # -- the dialog ------------------------------------------------------------------------
    def open_dialog(self) -> ChoiceDialog:
        note = None
        if self._locked:
            note = self.tr(LOCKED_NOTE)
        elif self._choices is None:
            note = self._unavailable_note
        offered = ()
        if self._choices is not None:
            offered = self._choices.fields if self.kind == FIELDS else self._choices.subtasks
        dialog = ChoiceDialog(
            self._title(), offered, self._values, ordered=self.kind == FIELDS,
            read_only_note=note, parent=self,
        )
        self.dialog = dialog
        dialog.finished.connect(lambda result: self._on_finished(dialog, result))
        dialog.open()
        return dialog

    def _on_finished(self, dialog: ChoiceDialog, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and dialog.chosen() != self._values:
            self._values = dialog.chosen()
            self._show_summary()
            self.changed.emit()
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    # -- internals -------------------------------------------------------------------------
    def _title(self) -> str:
        if self.sobject == "Opportunity":
            return (self.tr("Fields shown with opportunities") if self.kind == FIELDS
                    else self.tr("Subtasks of opportunities"))
        if self.sobject == "Case":
            return (self.tr("Fields shown with cases") if self.kind == FIELDS
                    else self.tr("Subtasks of cases"))
        if self.kind == FIELDS:
            return fill(self.tr("Fields shown with %1"), self.sobject)
        return fill(self.tr("Subtasks of %1"), self.sobject)

    def _show_summary(self) -> None:
        text = summary(self._values, self._choices, empty=self.tr("None"))
        self.summary_label.setText(text)
