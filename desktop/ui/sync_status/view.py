"""The Sync page: last synchronization and its result, the next one (or since when it is
paused), progress while a sync runs (with Cancel), "Force synchronization", "Open log folder",
and the statistics below.

Everything above the statistics is drawn from the one sync state (SyncService.state()), as
the status bar, the tray and the Settings page are: the current problem is said once here.

The history (runs, last 100 record changes) is read on a worker after every finished or
failed sync and when the page is shown, never on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.synclog import RECORD_CHANGES_KEPT, RunOutcome
from desktop.services.i18n import run_error_text
from desktop.services.sync_state import SyncPhase, SyncState
from desktop.services.workers import run_in_background
from desktop.ui.sync_status.statistics_view import StatisticsView
from desktop.ui.sync_status.text import (
    api_usage_text,
    last_sync_text,
    next_sync_text,
    paused_detail,
    paused_sentence,
    progress_text,
    syncing_once_while_paused,
)

log = logging.getLogger(__name__)

RUNS_SHOWN = 20
CLOCK_REFRESH_MS = 30_000  # "in 12 min" stays right without repainting every second


class SyncStatusView(QWidget):
    def __init__(self, sync_service: QObject, parent: QWidget | None = None, *,
                 sync_log: Any = None, tz: tzinfo | None = None, clock: Any = None,
                 log_dir: Path | None = None,
                 open_url: Callable[[QUrl], object] = QDesktopServices.openUrl) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatusView")
        self._sync = sync_service
        self._sync_log = sync_log if sync_log is not None else sync_service.sync_log()
        self._tz = tz
        self._clock = clock
        self._log_dir = log_dir
        self._open_url = open_url
        self._loading = False
        self._reload_again = False
        self._build()
        sync_service.state_changed.connect(self._show_state)
        sync_service.sync_finished.connect(self.reload_history)
        sync_service.sync_failed.connect(self.reload_history)
        entries_pushed = getattr(sync_service, "entries_pushed", None)
        if entries_pushed is not None:  # pushes "to Salesforce" between syncs
            entries_pushed.connect(self._on_pushed)
        self._timer = QTimer(self)
        self._timer.setInterval(CLOCK_REFRESH_MS)
        self._timer.timeout.connect(self.refresh_status)
        self.refresh_status()
        self.reload_history()

    def _build(self) -> None:
        self.last_label = QLabel(self)
        self.last_label.setTextFormat(Qt.TextFormat.PlainText)
        self.last_label.setWordWrap(True)
        self.last_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.last_label.setFont(font)
        self.next_label = QLabel(self)
        self.next_label.setTextFormat(Qt.TextFormat.PlainText)
        self.next_label.setWordWrap(True)  # a second line says why it is later than usual
        self.api_label = QLabel(self)
        self.api_label.setObjectName("apiUsage")
        self.api_label.setTextFormat(Qt.TextFormat.PlainText)
        self.api_label.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        self.sync_button = QPushButton(self.tr("&Force synchronization"), self)
        self.sync_button.setToolTip(self.tr("Synchronize with Salesforce now (Ctrl+R, F5)"))
        self.log_button = QPushButton(self.tr("Open &log folder"), self)
        self.log_button.setToolTip(self.tr("The log files, for you or your support (no passwords "
                                           "or tokens are ever written there)"))
        self.log_button.setVisible(self._log_dir is not None)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(self.tr("Stop the running synchronization"))
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumWidth(220)
        self.progress_label = QLabel(self)
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statistics = StatisticsView(self._tz, self)
        for widget in (self.progress_bar, self.progress_label, self.cancel_button):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # the tables do not jump when a sync starts
            widget.setSizePolicy(policy)

        status = QVBoxLayout()
        status.addWidget(self.last_label)
        status.addWidget(self.next_label)
        status.addWidget(self.api_label)
        status.addWidget(self.error_label)
        buttons = QVBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.log_button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(status, 1)
        top.addLayout(buttons)
        progress = QHBoxLayout()
        progress.addWidget(self.progress_bar)
        progress.addWidget(self.progress_label, 1)
        progress.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(progress)
        layout.addWidget(self.statistics, 1)
        self.sync_button.clicked.connect(self._sync.force_sync)
        self.cancel_button.clicked.connect(self._sync.cancel)
        self.log_button.clicked.connect(self.open_log_folder)

    # -- status ----------------------------------------------------------------------------
    def _now(self) -> datetime:
        return self._clock.now() if self._clock is not None else datetime.now().astimezone()

    def refresh_status(self) -> None:
        self._show_state(self._sync.state())

    def _show_state(self, state: SyncState) -> None:
        now = self._now()
        run = state.last_run
        problem = state.problem if state.phase is SyncPhase.FAILED else None
        # The problem is said once, below: not again in the last run's line.
        said = run is not None and run.error and run_error_text(run) == problem
        shown_run = replace(run, error=None) if said else run
        self.last_label.setText(last_sync_text(shown_run, now, self._tz))
        failed = run is not None and run.outcome not in (RunOutcome.SUCCEEDED, RunOutcome.RUNNING)
        self.last_label.setStyleSheet("color: #c62828;" if failed else "")
        connected = state.phase is not SyncPhase.NOT_CONNECTED
        if state.paused and connected:  # also while a forced sync runs once
            self.next_label.setText(f"{paused_sentence(state.pause, now)}.\n{paused_detail()}")
        else:
            next_text = next_sync_text(state.next_run_at, now, self._tz, connected)
            if state.running:
                next_text = self.tr("Synchronizing now.")
            reason = state.schedule_note if connected and not state.running else None
            self.next_label.setText(f"{next_text}\n{reason}" if reason else next_text)
        self.api_label.setText(api_usage_text(self._sync.api_usage()))
        self.api_label.setVisible(connected)
        self.error_label.setText(problem or "")
        self.error_label.setVisible(problem is not None)
        self.sync_button.setEnabled(state.can_sync_now)
        self._show_progress(state)

    def _show_progress(self, state: SyncState) -> None:
        for widget in (self.progress_bar, self.progress_label, self.cancel_button):
            widget.setVisible(state.running)
        if not state.running:
            return
        progress = state.progress
        if progress is not None and progress.total > 0:
            self.progress_bar.setRange(0, progress.total)
            self.progress_bar.setValue(min(progress.done, progress.total))
        else:
            self.progress_bar.setRange(0, 0)  # busy until the first count arrives
        if state.cancelling:
            self.progress_label.setText(
                self.tr("Cancelling: the synchronization stops at its next step…"))
        elif state.paused and (progress is None or not progress.sobject):
            self.progress_label.setText(syncing_once_while_paused())  # a forced one-off
        elif progress is not None:
            self.progress_label.setText(progress_text(progress.sobject, progress.done, progress.total))
        self.cancel_button.setEnabled(state.can_cancel)

    def _on_pushed(self, _report: object) -> None:
        self.refresh_status()  # the API usage moved
        self.reload_history()

    def open_log_folder(self) -> None:
        if self._log_dir is not None:
            self._open_url(QUrl.fromLocalFile(str(self._log_dir)))

    # -- history ---------------------------------------------------------------------------
    def reload_history(self, *_args: object) -> None:
        """Read the recent runs and record changes on a worker, then show them."""
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        sync_log = self._sync_log

        def read() -> tuple[list, list]:
            return sync_log.runs(limit=RUNS_SHOWN), sync_log.recent_changes(RECORD_CHANGES_KEPT)

        run_in_background(self, read, self._history_loaded, self._history_failed,
                          name="sync history")

    def _history_loaded(self, history: tuple[list, list]) -> None:
        runs, changes = history
        self.statistics.set_history(runs, changes, self._now())
        self._loaded_again()

    def _history_failed(self, error: BaseException) -> None:
        log.warning("could not read the sync history: %s", error)
        self._loaded_again()

    def _loaded_again(self) -> None:
        self._loading = False
        if self._reload_again:
            self._reload_again = False
            self.reload_history()

    def is_loading(self) -> bool:
        return self._loading

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._timer.start()
        self.refresh_status()
        self.reload_history()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)
        self._timer.stop()  # "in 12 min" only needs to be right while it is seen
