"""What the app says about its local database when it cannot be used: damaged (offer to
repair), or unusable for another reason (read-only, full disk: say why and what fixes it).

The repair itself is desktop.store.recovery: the damaged file is kept aside, never deleted,
and a fresh store gets every entry that can still be read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from desktop.store.recovery import RecoveryReport

REPAIR_TITLE = "Stint's data file is damaged"
REPAIR_BUTTON = "Repair"


def ask_to_repair(detail: str, *, running: bool, parent: QWidget | None = None) -> bool:
    """Ask whether to repair the damaged store now. At start-up the other choice is to quit;
    while running it is to go on for now (Stint asks again at the next start)."""
    box = QMessageBox(QMessageBox.Icon.Warning, REPAIR_TITLE,
                      "Stint's local database is damaged: part of what it holds cannot be read.",
                      parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    restart = " Stint closes its window and opens again when done." if running else ""
    box.setInformativeText(
        "Repair keeps the damaged file aside (it is never deleted) and starts a fresh database "
        "with every time entry and setting Stint can still read from it. Your tasks come back "
        f"from Salesforce with the next synchronization.{restart}\n\nWhat SQLite reported: {detail}"
    )
    repair = box.addButton(REPAIR_BUTTON, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Not now" if running else "Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(repair)
    box.exec()
    return box.clickedButton() is repair


def show_repaired(report: RecoveryReport, parent: QWidget | None = None) -> None:
    count = report.entries
    lost = ""
    if report.damaged_tables:
        lost = ("\n\nSome records could not be read and are not in the fresh database (in: "
                f"{', '.join(report.damaged_tables)}). They may still be in the damaged file.")
    box = QMessageBox(
        QMessageBox.Icon.Information, "Stint's data file is repaired",
        f"Stint started a fresh database with {count:,} time entr{'y' if count == 1 else 'ies'} "
        "recovered from the damaged one.", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(
        f"The damaged file is kept as {report.damaged_copy.name} in {report.damaged_copy.parent}."
        f"{lost}")
    box.exec()


def cannot_start(message: str) -> int:
    """Say why Stint cannot start (and what fixes it); the exit code to return."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Stint cannot start", message)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
    return 1
