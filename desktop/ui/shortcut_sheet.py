"""Help > Keyboard shortcuts: every shortcut of the window, grouped, as a two-column table
(keys | what they do), keys written the platform's way and in the user's language.

SHORTCUTS is the one list; tests/gui/test_shortcut_sheet.py checks that every action with a
shortcut in the running window is on it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

_CONTEXT = "ShortcutSheet"
CLOSE = "<Close>"  # the platform's keys to close a window (QKeySequence.StandardKey.Close)

# (section, [(keys as portable text, what they do)]): shortcuts, not mnemonics (Alt+letter of
# an underlined letter, which differ by language and show on the controls themselves).
SHORTCUTS: list[tuple[str, list[tuple[tuple[str, ...], str]]]] = [
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Tracking"), [
        (("Ctrl+K", "Ctrl+F"), QT_TRANSLATE_NOOP("ShortcutSheet", "Pick a task (type to search)")),
        (("Alt+Down", "F4"), QT_TRANSLATE_NOOP("ShortcutSheet", "Browse all tasks as a tree")),
        (("Up", "Down"), QT_TRANSLATE_NOOP("ShortcutSheet", "Move through the tasks found")),
        (("Return",), QT_TRANSLATE_NOOP("ShortcutSheet", "Start the timer on the task chosen")),
        (("Esc",), QT_TRANSLATE_NOOP("ShortcutSheet", "Close the list, then clear the search")),
        (("Ctrl+Return",), QT_TRANSLATE_NOOP("ShortcutSheet", "Start or stop the timer")),
    ]),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Timesheet"), [
        (("Ctrl+N",), QT_TRANSLATE_NOOP("ShortcutSheet", "Add an entry (from any page)")),
        (("Ctrl+Z",), QT_TRANSLATE_NOOP("ShortcutSheet", "Undo the last change (from any page)")),
        (("Return", "F2"), QT_TRANSLATE_NOOP("ShortcutSheet", "Edit the selected entry")),
        (("Del",), QT_TRANSLATE_NOOP("ShortcutSheet", "Delete the selected entry")),
        (("Ctrl+Shift+Return", "Ctrl+Shift+Enter"),
         QT_TRANSLATE_NOOP("ShortcutSheet", "Continue the selected entry (start its task again)")),
        (("Alt+Left", "Ctrl+PgUp"), QT_TRANSLATE_NOOP("ShortcutSheet", "Previous day or week")),
        (("Alt+Right", "Ctrl+PgDown"), QT_TRANSLATE_NOOP("ShortcutSheet", "Next day or week")),
        (("Alt+Home",), QT_TRANSLATE_NOOP("ShortcutSheet", "Today")),
    ]),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Window"), [
        (("Ctrl+R", "F5"), QT_TRANSLATE_NOOP("ShortcutSheet", "Force synchronization")),
        (("Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4"),
         QT_TRANSLATE_NOOP("ShortcutSheet", "Show the Timesheet, Reports, Sync or Settings page")),
        (("Ctrl+,",), QT_TRANSLATE_NOOP("ShortcutSheet", "Preferences (Settings, General)")),
        ((CLOSE,), QT_TRANSLATE_NOOP("ShortcutSheet", "Close the window (Stint keeps running "
                                                       "in the tray)")),
        (("Ctrl+Q",), QT_TRANSLATE_NOOP("ShortcutSheet", "Quit Stint")),
    ]),
    (QT_TRANSLATE_NOOP("ShortcutSheet", "Entry editor"), [
        (("Ctrl+Return",), QT_TRANSLATE_NOOP("ShortcutSheet", "Save the entry")),
    ]),
]


def _sequences(keys: tuple[str, ...]) -> list[QKeySequence]:
    found = []
    for key in keys:
        if key == CLOSE:
            found.extend(QKeySequence.keyBindings(QKeySequence.StandardKey.Close))
        else:
            found.append(QKeySequence(key))
    return found


def listed_shortcuts() -> set[str]:
    """Every key sequence on the sheet, as portable text ("Ctrl+N")."""
    return {sequence.toString() for _section, rows in SHORTCUTS
            for keys, _text in rows for sequence in _sequences(keys)}


def keys_text(keys: tuple[str, ...]) -> str:
    """"Ctrl+K, Ctrl+F" the platform's way, in the user's language ("Suppr" for Del)."""
    return ", ".join(sequence.toString(QKeySequence.SequenceFormat.NativeText)
                     for sequence in _sequences(keys))


class ShortcutSheet(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self._fill()
        heading = self.table.horizontalHeader()
        heading.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        heading.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.table.resizeColumnsToContents()
        width = (self.table.columnWidth(0) + self.table.horizontalHeader().sectionSizeHint(1)
                 + max(self.table.sizeHintForColumn(1), 0) + 48)
        self.resize(min(max(width, 520), 900), 560)

    def _fill(self) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        for section, rows in SHORTCUTS:
            row = self.table.rowCount()
            self.table.insertRow(row)
            heading = QTableWidgetItem(QCoreApplication.translate(_CONTEXT, section))
            heading.setFont(bold)
            self.table.setItem(row, 0, heading)
            self.table.setSpan(row, 0, 1, 2)
            for keys, text in rows:
                row = self.table.rowCount()
                self.table.insertRow(row)
                self.table.setItem(row, 0, QTableWidgetItem(keys_text(keys)))
                action = QTableWidgetItem(QCoreApplication.translate(_CONTEXT, text))
                action.setFlags(action.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, 1, action)

    def texts(self) -> list[tuple[str, str]]:
        """(keys, action) of every row (a section's row: (title, ""))."""
        rows = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, column) for column in (0, 1)]
            rows.append(tuple(cell.text() if cell is not None else "" for cell in cells))
        return rows
