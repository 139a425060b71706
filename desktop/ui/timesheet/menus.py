"""The timesheet's context menus: on an entry of the day (edit, continue, billable, open its
record, delete, undo) and on a task of the week grid (open its record)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QWidget

from desktop.domain.entries import TimeEntry
from desktop.ui.record_actions import add_open_in_salesforce

if TYPE_CHECKING:
    from desktop.services.record_links import RecordLinks
    from desktop.ui.timesheet.view import TimesheetView


def day_menu(view: TimesheetView, entry: TimeEntry | None, links: RecordLinks | None) -> QMenu:
    menu = QMenu(view)
    menu.addAction(view.edit_action)
    menu.addAction(view.continue_action)
    if entry is not None:
        billable = menu.addAction(QCoreApplication.translate("TimesheetMenus", "Billable"))
        billable.setCheckable(True)
        billable.setChecked(entry.billable)
        billable.toggled.connect(lambda checked: view.set_billable(entry, checked))
        add_open_in_salesforce(menu, links, entry.item_id)
    menu.addSeparator()
    menu.addAction(view.delete_action)
    menu.addSeparator()
    menu.addAction(view.undo_action)
    return menu


def task_menu(parent: QWidget, item_id: str, links: RecordLinks | None) -> QMenu:
    menu = QMenu(parent)
    add_open_in_salesforce(menu, links, item_id)
    return menu
