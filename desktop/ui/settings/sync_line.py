"""The Settings page's line about synchronization, drawn from the one sync state (as the
status bar, the tray and the Sync page are): "Tasks are up to date" only after a sync that
worked (and not while paused: the pause row below says since when); a failure points to
where the problem is said in full (the Sync page, the banner)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop.domain.text import fill
from desktop.services.display_format import display_format
from desktop.services.sync_state import SyncPhase, SyncState

RUNNING_TEXT = QT_TRANSLATE_NOOP(
    "SyncLine", "Synchronizing now; new and changed tasks appear as they arrive.")
FAILED_TEXT = QT_TRANSLATE_NOOP(
    "SyncLine", "The last synchronization did not work: the Sync page (and the message at the "
    "top of the window, until you close it) says why and what to do.")
OUTCOMES = {  # how the last run ended, other than succeeded
    "failed": QT_TRANSLATE_NOOP("SyncLine", "The last synchronization failed."),
    "cancelled": QT_TRANSLATE_NOOP("SyncLine", "The last synchronization was cancelled."),
    "interrupted": QT_TRANSLATE_NOOP("SyncLine", "The last synchronization was interrupted."),
    "rate_limited": QT_TRANSLATE_NOOP(
        "SyncLine", "The last synchronization was stopped by Salesforce's daily API limit."),
    "running": QT_TRANSLATE_NOOP("SyncLine", "The last synchronization is still running."),
}
translate = QCoreApplication.translate  # by this name, pyside6-lupdate finds the texts


class SyncLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsSyncLine")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.hide()

    def show_state(self, state: SyncState, connected: bool) -> None:
        """`connected`: the page shows a connection (the line says nothing otherwise)."""
        text, failed = _text(state)
        self.setText(text)
        self.setStyleSheet("color: #c62828;" if failed else "")
        self.setVisible(connected and bool(text))


def _text(state: SyncState) -> tuple[str, bool]:
    if state.phase is SyncPhase.RUNNING:
        return translate("SyncLine", RUNNING_TEXT), False
    if state.phase is SyncPhase.FAILED:
        return translate("SyncLine", FAILED_TEXT), True
    if state.phase is not SyncPhase.IDLE or state.paused:
        return "", False
    run = state.last_run
    if run is None:
        return translate("SyncLine", "Not synchronized yet."), False
    if run.outcome.value == "succeeded":
        when = (run.finished_at or run.started_at).astimezone()
        return fill(translate("SyncLine", "Tasks are up to date (synchronized at %1)."),
                    display_format().clock_time(when)), False
    outcome = OUTCOMES.get(run.outcome.value)
    if outcome is None:
        return fill(translate("SyncLine", "The last synchronization was %1."),
                    run.outcome.value.replace("_", " ")), False
    return translate("SyncLine", outcome), False
