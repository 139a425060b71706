"""What the app says about its local database when it cannot be used: damaged (offer to
repair), or unusable for another reason (read-only, full disk: say why and what fixes it),
and opening the store before the window with those answers (`open_store`).

The repair itself is desktop.store.recovery: the damaged file is kept aside, never deleted,
and a fresh store gets every entry that can still be read. Nothing here runs on a normal
start but `open_store`'s one call: the rest is the rare path.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.text import QT_TRANSLATE_NOOP, fill
from desktop.platform.paths import ProfilePaths
from desktop.services.i18n import error_text, translated
from desktop.store.errors import StoreCorrupt, StoreError
from desktop.store.store import Store

if TYPE_CHECKING:  # the dialogs' Qt classes are loaded when one is shown (never at a start)
    from PySide6.QtWidgets import QMessageBox, QWidget

    from desktop.store.recovery import RecoveryReport

log = logging.getLogger(__name__)

REPAIR_TITLE = QT_TRANSLATE_NOOP("StoreRepair", "Stint's data file is damaged")
REPAIR_BUTTON = QT_TRANSLATE_NOOP("StoreRepair", "Repair")


def _translate(context: str, text: str) -> str:
    from PySide6.QtCore import QCoreApplication  # the dialogs load Qt: never at a normal start

    return QCoreApplication.translate(context, text)


translate = _translate  # by this name, pyside6-lupdate finds the texts


def ask_to_repair(detail: str, *, running: bool, parent: QWidget | None = None) -> bool:
    """Ask whether to repair the damaged store now. At start-up the other choice is to quit;
    while running it is to go on for now (Stint asks again at the next start)."""
    from PySide6.QtWidgets import QMessageBox

    box = _message_box(QMessageBox.Icon.Warning, translate("StoreRepair", REPAIR_TITLE),
                       translate("StoreRepair", "Stint's local database is damaged: part of what "
                                                "it holds cannot be read."),
                       parent)
    if running:
        details = translate(
            "StoreRepair",
            "Repair keeps the damaged file aside (it is never deleted) and starts a fresh "
            "database with every time entry and setting Stint can still read from it. Your tasks "
            "come back from Salesforce with the next synchronization. Stint closes its window and "
            "opens again when done.\n\nWhat SQLite reported: %1")
    else:
        details = translate(
            "StoreRepair",
            "Repair keeps the damaged file aside (it is never deleted) and starts a fresh "
            "database with every time entry and setting Stint can still read from it. Your tasks "
            "come back from Salesforce with the next synchronization.\n\nWhat SQLite reported: %1")
    box.setInformativeText(fill(details, detail))
    repair = box.addButton(translate("StoreRepair", REPAIR_BUTTON),
                           QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("StoreRepair", "Not now") if running
                  else translate("StoreRepair", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(repair)
    box.exec()
    return box.clickedButton() is repair


def show_repaired(report: RecoveryReport, parent: QWidget | None = None) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.services.i18n import count_text

    count = report.entries
    if count == 1:  # (no plural forms: English loads no translation to have them)
        text = translate("StoreRepair", "Stint started a fresh database with 1 time entry "
                                        "recovered from the damaged one.")
    else:
        text = fill(translate("StoreRepair", "Stint started a fresh database with %1 time entries "
                                             "recovered from the damaged one."), count_text(count))
    box = _message_box(QMessageBox.Icon.Information,
                       translate("StoreRepair", "Stint's data file is repaired"), text, parent)
    kept = fill(translate("StoreRepair", "The damaged file is kept as %1 in %2."),
                report.damaged_copy.name, report.damaged_copy.parent)
    if report.damaged_tables:
        kept += "\n\n" + fill(translate(
            "StoreRepair", "Some records could not be read and are not in the fresh database "
            "(in: %1). They may still be in the damaged file."), ", ".join(report.damaged_tables))
    box.setInformativeText(kept)
    box.exec()


def cannot_start(error: BaseException, path: Path | None = None,
                 paths: ProfilePaths | None = None) -> int:
    """Say why Stint cannot start and what fixes it (a dialog); the exit code to return."""
    from desktop.platform.file_problems import os_error_text

    log_now(paths)
    if isinstance(error, OSError):
        text = os_error_text(error, path)
        message, logged = translated(text), str(text)
    else:  # the log keeps the English
        message, logged = error_text(error), getattr(error, "message", None) or str(error)
    log.warning("Stint cannot start: %s", logged)
    from PySide6.QtWidgets import QMessageBox

    title = translate("StoreRepair", "Stint cannot start")
    _message_box(QMessageBox.Icon.Critical, title, message, None).exec()
    return 1


def _message_box(icon, title: str, text: str, parent: QWidget | None) -> QMessageBox:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(icon, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote file names
    return box


def open_store(paths: ProfilePaths, repair_first: bool = False) -> Store | None:
    """The profile's store, repaired first when asked or found damaged (with the user's
    consent); None when Stint cannot start (the user has been told why)."""
    try:
        if repair_first:
            repair(paths)
        return Store.open(paths.db_path)
    except StoreCorrupt as exc:
        if not ask_to_repair_at_start(exc, paths):
            return None
        try:
            repair(paths)
            return Store.open(paths.db_path)
        except (StoreError, OSError) as again:
            cannot_start(again, paths=paths)
            return None
    except (StoreError, OSError) as exc:
        cannot_start(exc, paths=paths)
        return None


def ask_to_repair_at_start(error: BaseException, paths: ProfilePaths) -> bool:
    log_now(paths)
    log.warning("the local database is damaged: %s", error)
    return ask_to_repair(getattr(error, "detail", None) or str(error), running=False)


def repair(paths: ProfilePaths) -> None:
    from desktop.store.recovery import recover

    log_now(paths)  # what was recovered goes in the log (start-up sets it up later)
    show_repaired(recover(paths.db_path))


def log_now(paths: ProfilePaths | None) -> None:
    """The log file now, on the rare paths before the first paint that log; without one (a
    read-only profile) nothing goes to stderr either: the user is told in a dialog."""
    from desktop.platform.logs import setup_logging

    if paths is None or setup_logging(paths.log_dir) is None:
        logging.getLogger().addHandler(logging.NullHandler())
