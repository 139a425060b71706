"""The Settings page's line about synchronization, drawn from the one sync state (as the
status bar, the tray and the Sync page are): "Tasks are up to date" only after a sync that
worked (and not while paused: the pause row below says since when); a failure points to
where the problem is said in full (the Sync page, the banner)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop.services.display_format import display_format
from desktop.services.sync_state import SyncPhase, SyncState

RUNNING_TEXT = "Synchronizing now; new and changed tasks appear as they arrive."
FAILED_TEXT = ("The last synchronization did not work: the Sync page (and the message at the "
               "top of the window, until you close it) says why and what to do.")


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
        return RUNNING_TEXT, False
    if state.phase is SyncPhase.FAILED:
        return FAILED_TEXT, True
    if state.phase is not SyncPhase.IDLE or state.paused:
        return "", False
    run = state.last_run
    if run is None:
        return "Not synchronized yet.", False
    if run.outcome.value == "succeeded":
        when = (run.finished_at or run.started_at).astimezone()
        return f"Tasks are up to date (synchronized at {display_format().clock_time(when)}).", False
    return f"The last synchronization was {run.outcome.value.replace('_', ' ')}.", False
