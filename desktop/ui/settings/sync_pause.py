"""The Settings page's "Synchronization" row: running or "Paused since 14:05", and a button to
pause or resume (issue 15). It acts at once, like Unlink (no Save needed); a pause locked by
the admin policy shows disabled with the padlock. Drawn from the one sync state's `pause`, as
every surface's pause wording is."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.services.sync_state import SyncState
from desktop.ui.locks import lock_badge, set_locked
from desktop.ui.settings.connect import error_label

RUNNING_TEXT = QT_TRANSLATE_NOOP("SyncPauseRow", "Synchronizing automatically.")


class SyncPauseRow(QWidget):
    def __init__(self, sync_service: QObject, describe_pause: Callable[[object], str],
                 parent: QWidget | None = None) -> None:
        """`describe_pause(state)`: the Sync page's explanation of a pause (ui.sync_status)."""
        super().__init__(parent)
        self._sync = sync_service
        self._describe = describe_pause
        self.state_label = QLabel(self)
        self.state_label.setObjectName("syncPauseState")
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.setObjectName("syncPauseButton")
        self.badge = lock_badge(self)
        self.error = error_label(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.state_label, 1)
        row.addWidget(self.button)
        row.addWidget(self.badge)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.error)
        self.button.clicked.connect(self._toggle)
        sync_service.state_changed.connect(self._show)
        self.refresh()

    def refresh(self) -> None:
        self._show(self._sync.state())

    def _show(self, sync_state: SyncState) -> None:
        state = sync_state.pause
        paused = sync_state.paused
        if state is None:
            self.state_label.setText(self.tr("Synchronization settings are loading…"))
        elif paused:
            self.state_label.setText(self._describe(state))
        else:
            self.state_label.setText(self.tr(RUNNING_TEXT))
        self.button.setText(self.tr("Resume synchronization") if paused
                            else self.tr("Pause synchronization"))
        self.button.setToolTip(
            self.tr("Synchronize again on schedule, and send the time entries that waited")
            if paused else self.tr("Stop synchronizing for now without unlinking (it stays "
                                   "paused after a restart)")
        )
        locked = state is not None and state.locked
        set_locked([self.button], self.badge, locked)
        self.button.setEnabled(state is not None and not locked)

    def _toggle(self) -> None:
        problem = self._sync.set_paused(not self._sync.state().paused)
        self.error.setVisible(bool(problem))
        self.error.setText(problem or "")
        self.refresh()
