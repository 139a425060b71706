"""The items excluded from synchronization ("all items" mode), each with Include again
(issue 15). Like the picker's menu, it acts at once through the ExclusionsService: the next
synchronization brings the item and its subtasks back."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.salesforce_names import sobject_name
from desktop.ui.settings.connect import error_label

_ID_ROLE = Qt.ItemDataRole.UserRole


class ExcludedItemsList(QWidget):
    def __init__(self, exclusions: QObject, tasks_service: QObject,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("excludedItems")
        self._exclusions = exclusions
        self._tasks = tasks_service
        heading = QLabel(self.tr("Excluded from synchronization (with their subtasks):"), self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget(self)
        self.list.setObjectName("excludedList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.include_button = QPushButton(self.tr("Include again"), self)
        self.include_button.setObjectName("includeAgain")
        self.include_button.setToolTip(
            self.tr("Import the selected items again (with their subtasks) at the next "
                    "synchronization")
        )
        self.error = error_label(self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.include_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.include_button.clicked.connect(self.include_selected)
        self.list.itemSelectionChanged.connect(self._update_button)
        exclusions.exclusions_changed.connect(self.refresh)
        tree_changed = getattr(tasks_service, "tree_changed", None)
        if tree_changed is not None:  # names of items the tree did not have yet
            tree_changed.connect(self.refresh)
        self.refresh()

    def ids(self) -> list[str]:
        return [self.list.item(row).data(_ID_ROLE) for row in range(self.list.count())]

    def has_items(self) -> bool:
        return self.list.count() > 0

    def refresh(self) -> None:
        selected = {item.data(_ID_ROLE) for item in self.list.selectedItems()}
        self.list.clear()
        for item_id in self._exclusions.excluded_ids():
            row = QListWidgetItem(self._label(item_id))  # plain text: names come from Salesforce
            row.setData(_ID_ROLE, item_id)
            row.setToolTip(item_id)
            self.list.addItem(row)
            row.setSelected(item_id in selected)
        rows = min(5, max(2, self.list.count()))  # as tall as the list, up to 5 rows
        self.list.setFixedHeight(rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth()
                                 if self.list.count() else 0)
        self._update_button()

    def include_selected(self) -> None:
        for item_id in [item.data(_ID_ROLE) for item in self.list.selectedItems()]:
            problem = self._exclusions.include(item_id)
            self.error.setVisible(bool(problem))
            self.error.setText(problem or "")
            if problem:
                break

    def _label(self, item_id: str) -> str:
        item = self._tasks.item(item_id)
        if item is None:
            return item_id  # excluded before it was ever imported
        kind = sobject_name(item.sobject) if item.sobject else item.kind.value.capitalize()
        return f"{' '.join(item.name.split())}  ({kind})"

    def _update_button(self) -> None:
        self.include_button.setEnabled(bool(self.list.selectedItems()))
