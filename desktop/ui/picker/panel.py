"""The task picker's results/tree panel: the search results list, the whole-tree view, a
status line and "Show archived tasks".

It is a separate module because nothing of it shows until the picker is used: the main
window's first paint builds only the search box (desktop.ui.picker.task_picker), and the panel with
its models is built right after that paint or at the first keystroke, whichever comes first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.items import Item
from desktop.ui.picker.results_view import ResultsView
from desktop.ui.picker.search_model import TaskResultDelegate, TaskSearchModel, item_id_of
from desktop.ui.picker.tree_model import TaskTreeModel
from desktop.ui.picker.tree_view import TaskTreeView


class TaskPickerPanel(QFrame):
    """Models, views and the footer; the behaviour lives in TaskPicker."""

    def __init__(self, path_text: Callable[[Item], str], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("taskPickerPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.results_model = TaskSearchModel(path_text, self)
        self.tree_model = TaskTreeModel(self)

        self.pages = QStackedWidget(self)
        self.results_view = ResultsView(self)
        self.results_view.setObjectName("taskResults")
        self.results_view.setModel(self.results_model)
        self.results_view.setItemDelegate(TaskResultDelegate(self.results_model, self.results_view))
        self.results_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results_view.setFrameShape(QFrame.Shape.NoFrame)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree_view = TaskTreeView(self.tree_model, self)
        self.tree_view.setObjectName("taskTree")
        self.tree_view.setFrameShape(QFrame.Shape.NoFrame)
        self.pages.addWidget(self.results_view)  # page 0 and 1: TaskPicker's _RESULTS_PAGE
        self.pages.addWidget(self.tree_view)  # and _TREE_PAGE

        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("pickerStatus")
        self.status.setContentsMargins(8, 4, 8, 4)
        self.show_archived = QCheckBox(self.tr("Show archived tasks"), self)
        self.show_archived.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 6, 0)
        footer.addWidget(self.status, 1)
        footer.addWidget(self.show_archived)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        layout.addWidget(self.pages, 1)
        layout.addLayout(footer)

    @staticmethod
    def item_id(index: QModelIndex) -> str | None:
        """The task id a row of either view stands for."""
        return item_id_of(index)
