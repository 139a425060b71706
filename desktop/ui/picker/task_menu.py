"""The context menu of a task in the picker's results and tree: start the timer on it, open its
record in Salesforce, or (in "all items" mode) exclude an Opportunity or Case from
synchronization, and include an excluded one again (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QMenu, QWidget

from desktop.domain.text import fill
from desktop.ui.record_actions import add_open_in_salesforce

if TYPE_CHECKING:
    from desktop.domain.items import Item
    from desktop.services.exclusions import ExclusionsService
    from desktop.services.record_links import RecordLinks
    from desktop.ui.picker.panel import TaskPickerPanel


translate = QCoreApplication.translate  # lupdate reads translate("TaskMenu", "...") calls


def offer_task_menus(
    owner: QWidget,
    panel: TaskPickerPanel,
    choose: Callable[[QModelIndex], None],
    links: Callable[[], RecordLinks | None],
    exclusions: Callable[[], tuple[ExclusionsService, Callable[[str], Item | None],
                                   Callable[[str], None]] | None] = lambda: None,
) -> None:
    """A right click (or the Menu key) on a task of either view shows its menu; "Start
    timer" does what Enter does there (`choose`). `exclusions()` gives (the service, item by
    id, where to say what happened) once excluding is possible."""
    for view in (panel.results_view, panel.tree_view):
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda position, view=view: _show(
                owner, panel, view, position, choose, links(), exclusions()
            )
        )


def _show(
    owner: QWidget,
    panel: TaskPickerPanel,
    view: QAbstractItemView,
    position: QPoint,
    choose: Callable[[QModelIndex], None],
    links: RecordLinks | None,
    exclusions: tuple | None,
) -> None:
    index = view.indexAt(position)
    item_id = panel.item_id(index)
    if item_id is None:
        return
    view.setCurrentIndex(index)
    menu = QMenu(owner)
    menu.setObjectName("taskMenu")
    start = menu.addAction(translate("TaskMenu", "Start timer"))
    start.triggered.connect(lambda: choose(index))
    add_open_in_salesforce(menu, links, item_id)
    if exclusions is not None:
        _add_exclusion(menu, item_id, *exclusions)
    menu.exec(view.viewport().mapToGlobal(position))


def _add_exclusion(
    menu: QMenu,
    item_id: str,
    service: ExclusionsService,
    item_of: Callable[[str], Item | None],
    tell: Callable[[str], None],
) -> None:
    """"Exclude from synchronization" on an active Opportunity or Case ("all items" mode),
    "Include in synchronization again" on an excluded one."""
    item = item_of(item_id)
    if item is None:
        return
    name = " ".join(item.name.split())
    if service.is_excluded(item_id):
        action = menu.addAction(translate("TaskMenu", "Include in synchronization again"))
        action.setObjectName("includeTask")

        def include() -> None:
            problem = service.include(item_id)
            tell(problem or fill(translate(
                "TaskMenu", "“%1” is included again: it returns with the next synchronization."),
                name))

        action.triggered.connect(include)
    elif service.can_exclude(item):
        action = menu.addAction(translate("TaskMenu", "Exclude from synchronization"))
        action.setObjectName("excludeTask")
        action.setToolTip(translate("TaskMenu", "Remove it and its subtasks from the task list "
                                           "(Settings lists excluded items)"))

        def exclude() -> None:
            problem = service.exclude(item_id)
            tell(problem or fill(translate(
                "TaskMenu", "“%1” is excluded: it leaves the task list with the next "
                "synchronization (Settings can include it again)."), name))

        action.triggered.connect(exclude)
