"""The context menu of a task in the picker's results and tree: start the timer on it, open its
record in Salesforce, or (in "all items" mode) exclude an Opportunity or Case from
synchronization, and include an excluded one again (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QMenu, QWidget

from desktop.ui.record_actions import add_open_in_salesforce

if TYPE_CHECKING:
    from desktop.domain.items import Item
    from desktop.services.exclusions import ExclusionsService
    from desktop.services.record_links import RecordLinks
    from desktop.ui.picker.panel import TaskPickerPanel


def _tr(text: str) -> str:
    return QCoreApplication.translate("TaskMenu", text)


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
    start = menu.addAction(_tr("Start timer"))
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
        action = menu.addAction(_tr("Include in synchronization again"))
        action.setObjectName("includeTask")

        def include() -> None:
            problem = service.include(item_id)
            tell(problem or f"“{name}” is included again: it returns with the next synchronization.")

        action.triggered.connect(include)
    elif service.can_exclude(item):
        action = menu.addAction(_tr("Exclude from synchronization"))
        action.setObjectName("excludeTask")
        action.setToolTip(_tr("Remove it and its subtasks from the task list (Settings lists "
                              "excluded items)"))

        def exclude() -> None:
            problem = service.exclude(item_id)
            tell(problem or f"“{name}” is excluded: it leaves the task list with the next "
                            "synchronization (Settings can include it again).")

        action.triggered.connect(exclude)
