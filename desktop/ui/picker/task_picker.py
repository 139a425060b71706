"""Picking a task: a search box that filters as you type, plus a drop-down tree.

Keyboard first: type to filter (multi-word, any order), Up/Down to move, Enter to choose,
Esc to close; Alt+Down or F4 opens the whole tree. The drop-down is a panel floating over the
window (overlay mode, main window) or a fixed part of the layout (inline mode, quick picker).
The focus stays in the search box while the results are shown, like a browser's address bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Signal
from PySide6.QtGui import QKeyEvent
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

if TYPE_CHECKING:  # built after the first paint (see desktop.ui.picker.panel)
    from PySide6.QtWidgets import QCheckBox, QLabel, QListView, QStackedWidget

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

        self.search.textEdited.connect(self._text_edited)
        self.search.textChanged.connect(lambda text: self._refresh_results() if not text else None)
        self.search.installEventFilter(self)
        self.tree_button.toggled.connect(self._tree_button_toggled)
        if inline:
            self.build_panel()

    # -- the panel, built when first needed ----------------------------------------------
    def build_panel(self) -> TaskPickerPanel:
        """Build the results/tree panel now (the app does it right after its first paint;
        otherwise the first keystroke or click does). Idempotent."""
        if self._panel is not None:
            return self._panel
        from desktop.ui.picker.panel import TaskPickerPanel
        from desktop.ui.picker.task_menu import offer_task_menus

        panel = self._panel = TaskPickerPanel(self._tasks.path_text, self)
        # Here, not in __init__: it shows only once there is text, and on X11 its icon's
        # theme lookup costs the first paint ~4 ms.
        self.search.setClearButtonEnabled(True)
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
        offer_task_menus(self, panel, self._choose_index, lambda: self._links)
        self._tasks.tree_changed.connect(self._tree_changed)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self._tree_changed()
        return panel

    @property
    def panel(self) -> TaskPickerPanel:
        return self.build_panel()

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
    def is_open(self) -> bool:
        if self._inline:
            return True
        return self._panel is not None and self._panel.isVisible()

    def current_page(self) -> str:
        return "tree" if self.pages.currentIndex() == _TREE_PAGE else "results"

    def open_results(self) -> None:
        self._refresh_results()
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

    def focus_search(self, text: str | None = None) -> None:
        if text is not None:
            self.search.setText(text)
            self._refresh_results()
        self.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- behaviour -----------------------------------------------------------------------
    def _text_edited(self, _text: str) -> None:
        self.open_results()

    def _refresh_results(self, keep_highlight: bool = False) -> None:
        """Search again; a new query highlights its best match, a new tree (after a sync)
        keeps the highlighted task where it still matches."""
        if self._panel is None and not self.search.text():
            return  # nothing shown and nothing typed: the panel fills when it is built
        keep = self.panel.item_id(self.results_view.currentIndex()) if keep_highlight else None
        text = self.search.text()
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
            self.results_view.setCurrentIndex(self.results_model.index(row, 0))
        self._update_status()
        if not self._inline and self.is_open():
            self._place_panel()

    def _update_status(self) -> None:
        text = self.search.text().strip()
        if self.pages.currentIndex() == _TREE_PAGE and not self._tasks.is_loaded():
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
        self._refresh_results(keep_highlight=True)

    def _show_archived_toggled(self, _checked: bool) -> None:
        self._load_tree_model()
        self._refresh_results(keep_highlight=True)

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

    def _choose_current(self) -> bool:
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
            return self._search_key(key_event)
        if watched is self.tree_view:
            return self._tree_key(key_event)
        return False

    def _search_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        alt = bool(event.modifiers() & QtCore.Qt.KeyboardModifier.AltModifier)
        if key == QtCore.Qt.Key.Key_F4 or (alt and key == QtCore.Qt.Key.Key_Down):
            self.open_tree()
            return True
        if key in _navigation_keys():
            if not self.is_open() or self.current_page() != "results":
                self.open_results()
                return True
            QApplication.sendEvent(self.results_view, QKeyEvent(event))
            return True
        if key in _enter_keys():
            if not self.is_open() and not self.search.text().strip():
                return False
            if not self.is_open():
                self._refresh_results()
            return self._choose_current()
        if key == QtCore.Qt.Key.Key_Escape:
            if not self._inline and self.is_open():
                self.close_panel()
            elif self.search.text():
                self.search.clear()
            else:
                self.escape_pressed.emit()
            return True
        return False

    def _tree_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _enter_keys():
            return self._choose_current()
        if key == QtCore.Qt.Key.Key_Escape:
            if self._inline:
                self.pages.setCurrentIndex(_RESULTS_PAGE)
            else:
                self.close_panel()
            self.search.setFocus(QtCore.Qt.FocusReason.PopupFocusReason)
            return True
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & (
            QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.AltModifier
        ):
            # typing in the tree searches, like everywhere else in the picker
            self.search.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
            self.search.insert(text)
            self.open_results()
            return True
        return False


# Key sets built on first use: reading `Qt` at import would build the whole Qt namespace
# before the first paint (see desktop.services.early_qt).
@cache
def _navigation_keys() -> frozenset[QtCore.Qt.Key]:
    keys = QtCore.Qt.Key
    return frozenset({keys.Key_Up, keys.Key_Down, keys.Key_PageUp, keys.Key_PageDown})


@cache
def _enter_keys() -> frozenset[QtCore.Qt.Key]:
    return frozenset({QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter})
