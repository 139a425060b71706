"""Answering a context menu in a test: QMenu.exec() blocks, so the answer is scheduled first."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu


def answer_next_menu(choose: str | None = None) -> list[tuple[str, bool, str]]:
    """When the next pop-up menu shows: note its entries (text, enabled, tooltip), trigger the
    one named `choose` (if any) and close it. Returns the list, filled once it has shown."""
    seen: list[tuple[str, bool, str]] = []

    def answer(tries: int = 200) -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            if tries:
                QTimer.singleShot(10, lambda: answer(tries - 1))
            return
        actions = [action for action in menu.actions() if not action.isSeparator()]
        seen.extend((action.text(), action.isEnabled(), action.toolTip()) for action in actions)
        chosen = next((action for action in actions if action.text() == choose), None)
        menu.close()
        if chosen is not None and chosen.isEnabled():
            chosen.trigger()

    QTimer.singleShot(0, answer)
    return seen
