"""A task chooser for the entry editor: type to search, pick from the list, or "No task".

Uses TasksService.search (the same ranked search as the picker: multi-word, any order,
accent-insensitive, recent tasks first). The entry's current task stays shown even when it is
archived (archived tasks are not offered for new picks, but their entries stay valid).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QToolButton, QWidget

from desktop.domain.task_names import distinct_labels
from desktop.ui.timesheet.text import no_task, task_label

SEARCH_LIMIT = 30


class TaskField(QWidget):
    """`item_id()` is the chosen task (None = no task); `is_resolved()` is False while the
    text was typed but not picked from the list."""

    task_changed = Signal(object)  # item id or None

    def __init__(self, tasks_service: QObject, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks_service
        self._item_id: str | None = None
        self._ids: list[str | None] = []
        self._labels: dict[str, str] = {}  # of the tasks last listed
        self._edit = QLineEdit(self)
        self._edit.setPlaceholderText(self.tr("Type to search tasks (empty: no task)"))
        self._edit.setClearButtonEnabled(True)
        self._edit.setAccessibleName(self.tr("Task"))
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self._completer.setWidget(self._edit)
        self._completer.activated[QModelIndex].connect(self._on_activated)
        self._edit.textEdited.connect(self._on_text_edited)
        self._no_task = QToolButton(self)
        self._no_task.setText(no_task())
        self._no_task.setToolTip(self.tr("Record this time without a task"))
        self._no_task.clicked.connect(lambda: self.set_item_id(None))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._edit, 1)
        layout.addWidget(self._no_task)
        self.setFocusProxy(self._edit)

    # -- state -----------------------------------------------------------------------------
    def item_id(self) -> str | None:
        return self._item_id

    def set_item_id(self, item_id: str | None) -> None:
        self._item_id = item_id
        self._edit.setText(self._label(item_id) if item_id is not None else "")
        self._edit.setToolTip(self._tooltip(item_id))
        self._edit.setCursorPosition(0)
        self.task_changed.emit(item_id)

    def is_resolved(self) -> bool:
        """True when the text shows the chosen task (or is empty for "No task")."""
        text = self._edit.text().strip()
        if not text:
            return True
        return self._item_id is not None and text == self._label(self._item_id)

    def line_edit(self) -> QLineEdit:
        return self._edit

    def choose_first_match(self, text: str) -> bool:
        """Search `text` and take the best match (what Enter does after typing)."""
        self._edit.setText(text)
        self._on_text_edited(text)
        if not self._ids:
            return False
        self.set_item_id(self._ids[0])
        self._completer.popup().hide()
        return True

    # -- searching -------------------------------------------------------------------------
    def _on_text_edited(self, text: str) -> None:
        if not text.strip():
            self._item_id = None
            self._model.setStringList([])
            self._ids = []
            return
        items = self._tasks.search(text)[:SEARCH_LIMIT]
        self._ids = [item.id for item in items]
        tree = self._tasks.tree()
        # Same-named tasks in the list read differently (their account, or what differs).
        self._labels = distinct_labels(tree, self._ids) if tree is not None else {}
        self._model.setStringList([self._label(item.id) for item in items])
        if items:
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _on_activated(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self._ids):
            self.set_item_id(self._ids[row])

    def _label(self, item_id: str | None) -> str:
        return task_label(self._tasks.tree(), item_id, self._labels) if item_id else no_task()

    def _tooltip(self, item_id: str | None) -> str:
        if item_id is None:
            return no_task()
        tree = self._tasks.tree()
        return tree.path_text(item_id) if tree is not None and item_id in tree else item_id
