"""The picker's keyboard handling (keyboard first: type, arrows, Enter, Esc; F4 or Alt+Down
for the tree), for the search box and the tree of desktop.ui.picker.task_picker.TaskPicker."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from desktop.ui.picker.task_picker import TaskPicker

def search_key(picker: TaskPicker, event: QKeyEvent) -> bool:
    """Keys in the search box: F4/Alt+Down the tree, arrows the results, Enter chooses, Esc
    closes the list, then clears the search, then tells the owner."""
    key = event.key()
    alt = bool(event.modifiers() & QtCore.Qt.KeyboardModifier.AltModifier)
    if key == QtCore.Qt.Key.Key_F4 or (alt and key == QtCore.Qt.Key.Key_Down):
        picker.open_tree()
        return True
    if key in _navigation_keys():
        if not picker.is_open() or picker.current_page() != "results":
            picker.open_results()
            return True
        QApplication.sendEvent(picker.results_view, QKeyEvent(event))
        return True
    if key in _enter_keys():
        if not picker.is_open() and not picker.search.text().strip():
            return False
        if not picker.is_open():
            picker.refresh_results()
        return picker.choose_current()
    if key == QtCore.Qt.Key.Key_Escape:
        if not picker.inline and picker.is_open():
            picker.close_panel()
        elif picker.search.text():
            picker.search.clear()
        else:
            picker.escape_pressed.emit()
        return True
    return False


def tree_key(picker: TaskPicker, event: QKeyEvent) -> bool:
    """Keys in the tree: Enter chooses, Esc goes back to the search, typing searches."""
    key = event.key()
    if key in _enter_keys():
        return picker.choose_current()
    if key == QtCore.Qt.Key.Key_Escape:
        picker.close_panel()  # inline: back to the results page
        picker.search.setFocus(QtCore.Qt.FocusReason.PopupFocusReason)
        return True
    text = event.text()
    if text and text.isprintable() and not event.modifiers() & (
        QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.AltModifier
    ):
        # typing in the tree searches, like everywhere else in the picker
        picker.search.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        picker.search.insert(text)
        picker.open_results()
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
