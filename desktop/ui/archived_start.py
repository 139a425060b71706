"""Asking before the timer starts on an archived task (issue 15).

The picker shows archived tasks with "Show archived tasks", the Start button resumes the last
task (which a sync may have archived since), the timesheet continues old entries: time on an
archived task is allowed, but never by accident. The app installs `ArchivedStartGuard` as the
TimerService's start guard; `stint start` asks for `--archived` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.domain.archive import archived_step
from desktop.domain.text import QT_TRANSLATE_NOOP, fill

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

    from desktop.services.tasks_service import TasksService


# Why a task is archived, as a sentence: (the task itself, an item above it). Whole sentences,
# so that a translation can agree them (French: « elle a été fermée »).
_QUESTIONS = {
    "closed": (
        QT_TRANSLATE_NOOP("ArchivedStart", "“%1” is archived: it was closed in Salesforce."),
        QT_TRANSLATE_NOOP("ArchivedStart",
                          "“%1” is archived: “%2” above it was closed in Salesforce."),
    ),
    "deleted": (
        QT_TRANSLATE_NOOP("ArchivedStart", "“%1” is archived: it was deleted in Salesforce."),
        QT_TRANSLATE_NOOP("ArchivedStart",
                          "“%1” is archived: “%2” above it was deleted in Salesforce."),
    ),
    "not visible": (
        QT_TRANSLATE_NOOP("ArchivedStart", "“%1” is archived: it was no longer visible to you "
                                           "in Salesforce."),
        QT_TRANSLATE_NOOP("ArchivedStart", "“%1” is archived: “%2” above it was no longer "
                                           "visible to you in Salesforce."),
    ),
    "excluded": (
        QT_TRANSLATE_NOOP("ArchivedStart", "“%1” is archived: it was excluded from "
                                           "synchronization."),
        QT_TRANSLATE_NOOP("ArchivedStart", "“%1” is archived: “%2” above it was excluded from "
                                           "synchronization."),
    ),
}
_ARCHIVED = (
    QT_TRANSLATE_NOOP("ArchivedStart", "“%1” is archived."),
    QT_TRANSLATE_NOOP("ArchivedStart", "“%1” is archived: “%2” above it was archived."),
)


def archived_question(name: str, because_name: str | None, reason: str | None) -> str:
    """ "“Globex deal” is archived: it was closed in Salesforce." (plain text, in the user's
    language)."""
    from PySide6.QtCore import QCoreApplication

    own, above = _QUESTIONS.get(reason or "", _ARCHIVED)
    if because_name is None:
        return fill(QCoreApplication.translate("ArchivedStart", own), name)
    return fill(QCoreApplication.translate("ArchivedStart", above), name, because_name)


class ArchivedStartGuard:
    """Callable as `guard(item_id) -> bool`: True at once for an active task; for an archived
    one (or one under an archived item) a question, True when the user says start."""

    def __init__(self, tasks: TasksService,
                 parent: Callable[[], QWidget | None] = lambda: None) -> None:
        """`parent()`: the window the question belongs to at the time it is asked."""
        self._tasks = tasks
        self._parent = parent
        self.dialog: QMessageBox | None = None  # the open question, if any (tests answer it)

    def __call__(self, item_id: str) -> bool:
        item = self._tasks.item(item_id)
        if item is None:
            return True  # not in the tree (yet): nothing known against it
        because = archived_step(self._tasks.tree().path(item_id))
        if because is None:
            return True
        return self._ask(
            " ".join(item.name.split()),
            None if because.id == item.id else " ".join(because.name.split()),
            because.archive_reason,
        )

    def _ask(self, name: str, because_name: str | None, reason: str | None) -> bool:
        from PySide6.QtCore import QCoreApplication, Qt
        from PySide6.QtWidgets import QMessageBox

        translate = QCoreApplication.translate  # by this name, pyside6-lupdate finds the texts
        box = QMessageBox(QMessageBox.Icon.Question,
                          translate("ArchivedStart", "Start on an archived task?"),
                          archived_question(name, because_name, reason), parent=self._parent())
        box.setTextFormat(Qt.TextFormat.PlainText)  # names come from Salesforce
        box.setInformativeText(translate("ArchivedStart", "Start the timer on it anyway?"))
        start = box.addButton(translate("ArchivedStart", "Start timer"),
                              QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.dialog = box
        try:
            box.exec()
            return box.clickedButton() is start
        finally:
            self.dialog = None
            box.deleteLater()
