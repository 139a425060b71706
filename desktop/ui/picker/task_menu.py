"""The context menu of a task in the picker's results and tree: start the timer on it, or
open its record in Salesforce."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QMenu, QWidget

from desktop.ui.record_actions import add_open_in_salesforce

if TYPE_CHECKING:
    from desktop.services.record_links import RecordLinks
    from desktop.ui.picker.panel import TaskPickerPanel


def offer_task_menus(
    owner: QWidget,
    panel: TaskPickerPanel,
    choose: Callable[[QModelIndex], None],
    links: Callable[[], RecordLinks | None],
) -> None:
    """A right click (or the Menu key) on a task of either view shows its menu; "Start
    timer" does what Enter does there (`choose`)."""
    for view in (panel.results_view, panel.tree_view):
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda position, view=view: _show(owner, panel, view, position, choose, links())
        )


def _show(
    owner: QWidget,
    panel: TaskPickerPanel,
    view: QAbstractItemView,
    position: QPoint,
    choose: Callable[[QModelIndex], None],
    links: RecordLinks | None,
) -> None:
    index = view.indexAt(position)
    item_id = panel.item_id(index)
    if item_id is None:
        return
    view.setCurrentIndex(index)
    menu = QMenu(owner)
    menu.setObjectName("taskMenu")
    start = menu.addAction(QCoreApplication.translate("TaskMenu", "Start timer"))
    start.triggered.connect(lambda: choose(index))
    add_open_in_salesforce(menu, links, item_id)
    menu.exec(view.viewport().mapToGlobal(position))
