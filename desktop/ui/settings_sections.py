"""The Settings tab: its sections (General, Salesforce) as tabs of their own.

The sections are pages that do not know each other (desktop.ui.preferences,
desktop.ui.settings); this frame only switches between them. Their titles carry mnemonics,
so Alt+letter reaches each from the keyboard.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


class SettingsSections(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsSections")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self._keys: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.tabs)

    def add_section(self, key: str, title: str, page: QWidget) -> None:
        self.tabs.addTab(page, title)
        self._keys.append(key)

    def show_section(self, key: str) -> bool:
        if key not in self._keys:
            return False
        self.tabs.setCurrentIndex(self._keys.index(key))
        return True

    def current_section(self) -> str:
        index = self.tabs.currentIndex()
        return self._keys[index] if 0 <= index < len(self._keys) else ""

    def section(self, key: str) -> QWidget | None:
        return self.tabs.widget(self._keys.index(key)) if key in self._keys else None
