"""The Settings tab: a list of sections (General, Salesforce) beside the one shown.

The sections are pages of their own (desktop.ui.preferences, desktop.ui.settings) that do
not know each other; this frame only switches between them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QWidget

_KEY_ROLE = Qt.ItemDataRole.UserRole


class SettingsSections(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsSections")
        self.nav = QListWidget(self)
        self.nav.setObjectName("settingsNav")
        self.nav.setAccessibleName(self.tr("Settings sections"))
        self.stack = QStackedWidget(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

    def add_section(self, key: str, title: str, page: QWidget) -> None:
        item = QListWidgetItem(title, self.nav)
        item.setData(_KEY_ROLE, key)
        self.stack.addWidget(page)
        width = max(self.nav.sizeHintForColumn(0) + 24, 120)
        self.nav.setFixedWidth(width)
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)

    def show_section(self, key: str) -> bool:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(_KEY_ROLE) == key:
                self.nav.setCurrentRow(row)
                return True
        return False

    def current_section(self) -> str:
        item = self.nav.currentItem()
        return item.data(_KEY_ROLE) if item is not None else ""

    def section(self, key: str) -> QWidget | None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(_KEY_ROLE) == key:
                return self.stack.widget(row)
        return None
