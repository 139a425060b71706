"""Picking a task: a search box that filters as you type, plus a drop-down tree.

Keyboard first: type to filter (multi-word, any order), Up/Down to move, Enter to choose,
Esc to close; Alt+Down or F4 opens the whole tree. The drop-down is a panel floating over the
window (overlay mode, main window) or a fixed part of the layout (inline mode, quick picker).
The focus stays in the search box while the results are shown, like a browser's address bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.text import fill
from desktop.services.early_qt import DOWN_ARROW, NO_FOCUS, set_properties
from desktop.services.tasks_service import TasksService
from desktop.ui.picker.picker_keys import search_key, tree_key

if TYPE_CHECKING:  # built after the first paint (see desktop.ui.picker.panel)
    from PySide6.QtWidgets import QCheckBox, QLabel, QListView, QStackedWidget

    from desktop.services.exclusions import ExclusionsService
    from desktop.services.record_links import RecordLinks
    from desktop.ui.picker.panel import TaskPickerPanel
    from desktop.ui.picker.search_model import TaskSearchModel
    from desktop.ui.picker.tree_model import TaskTreeModel
    from desktop.ui.picker.tree_view import TaskTreeView

log = logging.getLogger(__name__)

RESULT_LIMIT = 50
PANEL_MAX_HEIGHT = 440
_RESULTS_PAGE, _TREE_PAGE = 0, 1  # the panel's pages (desktop.ui.picker.panel)


class TaskPicker(QWidget):
    """Search box + results/tree panel. Emits task_chosen(item_id); never starts timers itself."""

    task_chosen = Signal(str)
    panel_closed = Signal()
    escape_pressed = Signal()  # Esc with nothing left to close (the quick picker hides)

    def __init__(
        self,
        tasks: TasksService,
        parent: QWidget | None = None,
        *,
        inline: bool = False,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._inline = inline
        self._current_provider: Callable[[], str | None] | None = None
        self._links: RecordLinks | None = None  # "Open in Salesforce" in the menus
        self._exclusions: ExclusionsService | None = None  # "Exclude..." in the menus
        # Shown instead of the recent tasks until the user types (show_items): (ids, heading)
        self._pinned: tuple[list[str], str] | None = None
        self._notice: str | None = None  # what the last menu action did, until the next query
        self.search = QLineEdit(self)
        self.search.setObjectName("taskSearch")
        self.search.setPlaceholderText(self.tr("Search tasks: name, account, case number, stage…"))
        self.search.setAccessibleName(self.tr("Search tasks"))
        self.tree_button = QToolButton(self)
        self.tree_button.setObjectName("browseTasks")
        self.tree_button.setToolTip(self.tr("Browse all tasks (Alt+Down)"))
        self.tree_button.setAccessibleName(self.tr("Browse all tasks"))
        self.tree_button.setCheckable(True)
        set_properties(self.tree_button, arrowType=DOWN_ARROW, focusPolicy=NO_FOCUS)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(self.search, 1)
        row.addWidget(self.tree_button)
        outer.addLayout(row)

        self._outer = outer
        self._panel: TaskPickerPanel | None = None  # see `panel`
        self._panel_when_shown = False  # see prepare_panel

        self.search.textEdited.connect(self._text_edited)
        self.search.textChanged.connect(lambda text: self.refresh_results() if not text else None)
        self.search.installEventFilter(self)
        self.tree_button.toggled.connect(self._tree_button_toggled)
        if inline:
            self.build_panel()

    # -- the panel, built when first needed ----------------------------------------------
    def build_panel(self) -> TaskPickerPanel:
        """Build the results/tree panel now (see prepare_panel; else the first keystroke or
        click does). Idempotent."""
        if self._panel is not None:
            return self._panel
        from desktop.ui.picker.panel import TaskPickerPanel
        from desktop.ui.picker.search_frame import cache_the_frame
        from desktop.ui.picker.task_menu import offer_task_menus

        panel = self._panel = TaskPickerPanel(self._tasks.path_text, self)
        # Here, not in __init__: it shows only once there is text, and on X11 its icon's
        # theme lookup costs the first paint ~4 ms.
        self.search.setClearButtonEnabled(True)
        cache_the_frame(self.search)  # every key repaints the box (after the first paint too)
        if self._inline:
            self._outer.addWidget(panel, 1)
        else:
            panel.hide()  # floats over the window once shown (see _place_panel)
        panel.tree_view.installEventFilter(self)
        panel.results_view.installEventFilter(self)
        panel.results_view.clicked.connect(self._choose_index)
        panel.results_view.activated.connect(self._choose_index)
        panel.tree_view.activated.connect(self._choose_index)
        panel.show_archived.toggled.connect(self._show_archived_toggled)
        offer_task_menus(self, panel, self._choose_index, lambda: self._links,
                         self._exclusion_menu)
        self._tasks.tree_changed.connect(self._tree_changed)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self._tree_changed()
        return panel

    def prepare_panel(self) -> None:
        """Build the panel now if the picker is on screen, else right after it first shows:
        an app started in the tray may not open its window for hours, and the panel (its
        views and models over every task) is ~3.5 MB (tests/bench/bench_memory.py)."""
        if self.isVisible():
            self.build_panel()
        else:
            self._panel_when_shown = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._panel_when_shown and self._panel is None:
            self._panel_when_shown = False
            # After the window's paint: opened from the tray it shows at once; a key typed
            # before this turn builds the panel itself.
            QTimer.singleShot(0, self, self.build_panel)

    @property
    def panel(self) -> TaskPickerPanel:
        return self.build_panel()

    def has_panel(self) -> bool:
        """Whether the panel is built (reading `panel` builds it)."""
        return self._panel is not None

    @property
    def results_model(self) -> TaskSearchModel:
        return self.panel.results_model

    @property
    def tree_model(self) -> TaskTreeModel:
        return self.panel.tree_model

    @property
    def results_view(self) -> QListView:
        return self.panel.results_view

    @property
    def tree_view(self) -> TaskTreeView:
        return self.panel.tree_view

    @property
    def pages(self) -> QStackedWidget:
        return self.panel.pages

    @property
    def status(self) -> QLabel:
        return self.panel.status

    @property
    def show_archived(self) -> QCheckBox:
        return self.panel.show_archived

    # -- public --------------------------------------------------------------------------
    @property
    def inline(self) -> bool:
        """Part of the layout (quick picker), not a panel floating over the window."""
        return self._inline

    def is_open(self) -> bool:
        if self._inline:
            return True
        return self._panel is not None and self._panel.isVisible()

    def current_page(self) -> str:
        return "tree" if self.pages.currentIndex() == _TREE_PAGE else "results"

    def open_results(self) -> None:
        self.refresh_results(place=False)  # _show_page updates the status and places it
        self._show_page(_RESULTS_PAGE)

    def open_tree(self, select_id: str | None = None) -> None:
        """Show the whole tree; with no `select_id`, at the current task (if nothing is
        selected there yet)."""
        self._show_page(_TREE_PAGE)
        if select_id is None and not self.tree_view.currentIndex().isValid():
            select_id = self.current_item_id()
        if select_id is not None:
            self.tree_view.select_item(select_id)
        self.tree_view.setFocus(QtCore.Qt.FocusReason.PopupFocusReason)

    def current_item_id(self) -> str | None:
        """The task the owner shows as current (the tree opens there)."""
        return self._current_provider() if self._current_provider else None

    def set_current_provider(self, provider: Callable[[], str | None]) -> None:
        self._current_provider = provider

    def close_panel(self) -> None:
        self._pinned = None
        self._notice = None
        if self._inline:
            self.pages.setCurrentIndex(_RESULTS_PAGE)
            return
        if self.is_open():
            self.panel.hide()
            self.tree_button.setChecked(False)
            self.panel_closed.emit()

    def set_record_links(self, links: RecordLinks) -> None:
        """Offer "Open in Salesforce" in the results' and the tree's context menus."""
        self._links = links

    def set_exclusions(self, exclusions: ExclusionsService) -> None:
        """Offer "Exclude from synchronization" (and Include again) in the menus."""
        self._exclusions = exclusions

    def _exclusion_menu(self):  # noqa: ANN202 - see task_menu.offer_task_menus
        if self._exclusions is None:
            return None
        return self._exclusions, self._tasks.item, self._tell

    def _tell(self, message: str) -> None:
        self._notice = message
        self._update_status()

    def show_items(self, item_ids: list[str], heading: str) -> None:
        """Open the results on these tasks (e.g. new ones a notification named), headed by
        `heading`, until the user types."""
        self.search.clear()
        self._pinned = (list(item_ids), heading)
        self.open_results()

    def focus_search(self, text: str | None = None) -> None:
        if text is not None:
            self.search.setText(text)
            self.refresh_results()
        self.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- behaviour -----------------------------------------------------------------------
    def _text_edited(self, _text: str) -> None:
        self._pinned = None
        self.open_results()

    def refresh_results(self, keep_highlight: bool = False, place: bool = True) -> None:
        """Search again; a new query highlights its best match, a new tree (after a sync)
        keeps the highlighted task where it still matches. `place`: update the status line
        and the panel's height now."""
        if self._panel is None and not self.search.text():
            return  # nothing shown and nothing typed: the panel fills when it is built
        keep = self.panel.item_id(self.results_view.currentIndex()) if keep_highlight else None
        text = self.search.text()
        if not keep_highlight:  # a new query; a new tree (after a sync) keeps the notice
            self._notice = None
        if self._pinned is not None and not text:
            items = [self._tasks.item(item_id) for item_id in self._pinned[0]]
            self.results_model.set_results([item for item in items if item is not None])
        else:
            self.results_model.set_results(
                self._tasks.search(
                    text, limit=RESULT_LIMIT, include_archived=self.show_archived.isChecked()
                )
            )
        rows = self.results_model.rowCount()
        row = 0
        if keep is not None:
            ids = [item.id for item in self.results_model.items()]
            row = ids.index(keep) if keep in ids else 0
        if rows:
            current = self.results_model.index(row, 0)
            self.results_view.setCurrentIndex(current)
            self.results_view.scrollTo(current)  # rows change in place: no reset scrolls up
        if place:
            self._update_status()
            if not self._inline and self.is_open():
                self._place_panel()

    def _update_status(self) -> None:
        text = self.search.text().strip()
        if self._notice is not None:
            message = self._notice
        elif self._pinned is not None and not text and self.pages.currentIndex() != _TREE_PAGE:
            message = fill(self.tr("%1; Enter starts the timer"), self._pinned[1])
        elif self.pages.currentIndex() == _TREE_PAGE and not self._tasks.is_loaded():
            message = self.tr("Loading tasks…")
        elif self.pages.currentIndex() != _TREE_PAGE and not self._tasks.is_searchable():
            message = self.tr("Preparing the search; recent tasks meanwhile…")
        elif self.pages.currentIndex() == _TREE_PAGE:
            message = self.tr("Enter starts the timer on the selected task")
        elif self.results_model.rowCount() == 0:
            message = fill(self.tr("No task matches “%1”"), text) if text else self.tr("No tasks yet")
        elif not text:
            message = self.tr("Recent tasks first; type to search")
        else:
            count = self.results_model.rowCount()
            if count >= RESULT_LIMIT:
                message = fill(self.tr("%1+ matching tasks; Enter starts the timer"), count)
            elif count == 1:  # (no plural forms: English loads no translation to have them)
                message = self.tr("1 matching task; Enter starts the timer")
            else:
                message = fill(self.tr("%1 matching tasks; Enter starts the timer"), count)
        self.status.setText(message)

    def _tree_changed(self) -> None:
        self._load_tree_model()
        self.results_model.forget_shown()  # a parent renamed shows in its children's rows
        self.refresh_results(keep_highlight=True)

    def _show_archived_toggled(self, _checked: bool) -> None:
        self._load_tree_model()
        self.refresh_results(keep_highlight=True)

    def _load_tree_model(self) -> None:
        layout = self._tasks.layout(include_archived=self.show_archived.isChecked())
        if layout is not None or not self.tree_model.has_layout():
            self.tree_model.set_layout(layout, self._tasks.tree())

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.tree_button.blockSignals(True)
        self.tree_button.setChecked(page == _TREE_PAGE)
        self.tree_button.blockSignals(False)
        self._update_status()
        if not self._inline:
            self._place_panel()
            self.panel.show()
            self.panel.raise_()

    def _tree_button_toggled(self, checked: bool) -> None:
        if checked:
            self.open_tree()
        elif self.current_page() == "tree":
            self.close_panel()
            self.search.setFocus()

    def _place_panel(self) -> None:
        window = self.window()
        if self.panel.parent() is not window:
            self.panel.setParent(window)  # over the window's other widgets, not clipped by ours
            window.installEventFilter(self)
        top_left = self.mapTo(window, QPoint(0, self.height() + 2))
        room = window.height() - top_left.y() - 8
        height = max(60, min(PANEL_MAX_HEIGHT, room, self._wanted_height()))
        self.panel.setGeometry(top_left.x(), top_left.y(), self.width(), height)

    def _wanted_height(self) -> int:
        """Results: just tall enough for them (a short list makes a short panel); tree: max."""
        if self.pages.currentIndex() == _TREE_PAGE:
            return PANEL_MAX_HEIGHT
        rows = max(1, self.results_model.rowCount())
        row_height = self.results_view.sizeHintForRow(0) if self.results_model.rowCount() else 0
        footer = self.status.sizeHint().height()
        return rows * max(row_height, 1) + footer + 2 * self.panel.frameWidth() + 4

    def _choose_index(self, index: QModelIndex) -> None:
        item_id = self.panel.item_id(index)
        if item_id is None:
            return
        log.debug("task chosen from the picker")
        self.task_chosen.emit(item_id)
        self.search.clear()
        self.close_panel()

    def choose_current(self) -> bool:
        view = self.tree_view if self.current_page() == "tree" and self.is_open() else None
        if view is not None:
            index = view.currentIndex()
        else:
            index = self.results_view.currentIndex()
            if not index.isValid() and self.results_model.rowCount():
                index = self.results_model.index(0, 0)
        if not index.isValid():
            return False
        self._choose_index(index)
        return True

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._inline or not self.is_open() or new is None:
            return
        if new.window().windowType() == QtCore.Qt.WindowType.Popup:
            return  # a context menu over the panel: the panel stays open under it
        if not (self.isAncestorOf(new) or self.panel.isAncestorOf(new) or new is self.panel):
            self.close_panel()

    # -- keyboard ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and watched is self.window():
            if self.is_open() and not self._inline:
                self._place_panel()
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        key_event: QKeyEvent = event  # type: ignore[assignment]
        if watched is self.search:
            return search_key(self, key_event)
        if watched is self.tree_view:
            return tree_key(self, key_event)
        return False
