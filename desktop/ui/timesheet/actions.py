"""The timesheet's keyboard actions: add, edit, continue, delete, undo, and moving through
days. They answer while the timesheet (or a child) has the focus; the main window adopts Add
and Undo so that Ctrl+N and Ctrl+Z work on every page (TimesheetView.window_actions)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from desktop.ui.timesheet.view import TimesheetView

translate = QCoreApplication.translate  # by this name, pyside6-lupdate finds the texts


class TimesheetActions(NamedTuple):
    add: QAction
    edit: QAction
    continue_: QAction
    delete: QAction
    undo: QAction


def build_actions(view: TimesheetView) -> TimesheetActions:
    def action(text: str, shortcuts: list[str], slot: Callable[[], object],
               tip: str = "") -> QAction:
        made = QAction(text, view)
        made.setShortcuts([QKeySequence(s) for s in shortcuts])
        made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        made.triggered.connect(slot)
        if tip:
            made.setToolTip(tip)
        view.addAction(made)
        return made

    made = TimesheetActions(
        add=action(translate("TimesheetView", "&Add entry…"), ["Ctrl+N"], view.add_entry),
        edit=action(translate("TimesheetView", "&Edit…"), ["F2"], view.edit_selected),
        continue_=action(translate("TimesheetView", "&Continue"),
                         ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"], view.continue_selected,
                         translate("TimesheetView", "Start the timer again on this entry's task")),
        delete=action(translate("TimesheetView", "&Delete"), ["Delete"], view.delete_selected),
        undo=action(translate("TimesheetView", "&Undo"), ["Ctrl+Z"], view.undo),
    )
    action(translate("TimesheetView", "Previous"), ["Alt+Left", "Ctrl+PgUp"], view.go_previous)
    action(translate("TimesheetView", "Next"), ["Alt+Right", "Ctrl+PgDown"], view.go_next)
    action(translate("TimesheetView", "Today"), ["Alt+Home"], view.go_today)
    return made
