"""The main window: task widget on top, error banner, pages (Timesheet, Sync, Settings), and a
status bar with the last/next sync, a progress indicator and "Force synchronization".

Closing the window hides it to the tray when there is one (`close_to_tray`); Quit is in the
menu (Ctrl+Q). Everything stays usable while a sync runs: sync work happens on the
scheduler's thread and only its signals arrive here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QProgressBar,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.early_qt import PLAIN_TEXT, TEXT_BESIDE_ICON, set_properties
from desktop.services.sync_service import SyncService
from desktop.services.timer_service import TimerService
from desktop.ui.banner import ErrorBanner
from desktop.ui.icons import svg_icon
from desktop.ui.picker.task_widget import TaskWidget

if TYPE_CHECKING:
    from desktop.domain.synclog import SyncRun

SHORTCUTS_TEXT = """Ctrl+K or Ctrl+F\tpick a task (type to search)
Alt+Down or F4\tbrowse all tasks as a tree
Up / Down, Enter\tmove through the results, start the timer
Esc\tclose the list, then clear the search
Ctrl+Return\tstart or stop the timer
Ctrl+R or F5\tforce synchronization
Ctrl+1, Ctrl+2, ...\tshow the first, second, ... page (Timesheet, Reports, ...)
Ctrl+,\tpreferences (Settings, General)
Ctrl+W\tclose the window (Stint keeps running in the tray)
Ctrl+Q\tquit Stint"""


class MainWindow(QMainWindow):
    hidden_to_tray = Signal()
    quit_requested = Signal()
    preferences_requested = Signal()
    banner_action_requested = Signal(str)

    def __init__(
        self,
        task_widget: TaskWidget,
        timer: TimerService,
        sync: SyncService,
        pages: list[tuple[str, QWidget]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("Stint")
        self.close_to_tray = False
        self._quitting = False
        self._timer = timer
        self._sync = sync
        self.task_widget = task_widget

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(task_widget)
        line = QFrame(central)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        self.banner = ErrorBanner(central)
        layout.addWidget(self.banner)
        self.pages = QTabWidget(central)
        self.pages.setObjectName("pages")
        self.pages.setDocumentMode(True)
        for title, page in pages or ():
            self.pages.addTab(page, title)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self._build_status_bar()
        self._build_actions()
        self.banner.action_requested.connect(self.banner_action_requested)
        task_widget.message_shown.connect(lambda text: self.banner.show_problem(text, ""))
        sync.sync_started.connect(self._sync_started)
        sync.sync_progressed.connect(self._sync_progressed)
        sync.sync_finished.connect(self._sync_finished)
        sync.sync_failed.connect(self.banner.show_problem)
        sync.schedule_changed.connect(self._update_sync_status)
        self._update_sync_status()
        self.resize(880, 640)
        self.setMinimumSize(560, 480)

    # -- building ------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(True)
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("syncStatus")
        set_properties(self.sync_label, textFormat=PLAIN_TEXT)  # messages may quote records
        self.sync_progress = QProgressBar(self)
        self.sync_progress.setObjectName("syncProgress")
        self.sync_progress.setMaximumWidth(140)
        self.sync_progress.setMaximumHeight(14)
        self.sync_progress.setTextVisible(False)
        self.sync_progress.hide()
        self.sync_button = QToolButton(self)
        self.sync_button.setObjectName("forceSync")
        set_properties(self.sync_button, toolButtonStyle=TEXT_BESIDE_ICON)
        self.sync_button.setAutoRaise(True)
        bar.addWidget(self.sync_label, 1)
        bar.addPermanentWidget(self.sync_progress)
        bar.addPermanentWidget(self.sync_button)

    def _build_actions(self) -> None:
        # setShortcuts, not setShortcut: resolving the latter's overloads reads the Qt
        # namespace, which the first paint does without (desktop.services.early_qt).
        self.force_sync_action = QAction(svg_icon("sync"), "Force synchronization", self)
        self.force_sync_action.setShortcuts([QKeySequence("Ctrl+R"), QKeySequence("F5")])
        self.force_sync_action.setToolTip("Synchronize with Salesforce now (Ctrl+R, F5)")
        self.force_sync_action.triggered.connect(self._sync.force_sync)
        self.sync_button.setDefaultAction(self.force_sync_action)

        self.pick_action = QAction("Pick a task…", self)
        self.pick_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+F")])
        self.pick_action.triggered.connect(self.focus_picker)
        self.toggle_action = QAction("Start/Stop timer", self)
        self.toggle_action.setShortcuts([QKeySequence("Ctrl+Return")])
        self.toggle_action.triggered.connect(self._timer.toggle)
        self.preferences_action = QAction(self.tr("&Preferences…"), self)
        self.preferences_action.setShortcuts([QKeySequence("Ctrl+,")])
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.triggered.connect(self.preferences_requested)
        self.close_action = QAction("Close window", self)
        self.close_action.setShortcuts(QKeySequence.StandardKey.Close)
        self.close_action.triggered.connect(self.close)
        self.quit_action = QAction("Quit Stint", self)
        self.quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.quit_requested)

        menu = self.menuBar().addMenu("&Stint")
        menu.addAction(self.pick_action)
        menu.addAction(self.toggle_action)
        menu.addAction(self.force_sync_action)
        menu.addAction(self.preferences_action)
        menu.addSeparator()
        menu.addAction(self.close_action)
        menu.addAction(self.quit_action)
        self._build_page_menu()
        self.help_menu = self.menuBar().addMenu("&Help")
        self.shortcuts_action = self.help_menu.addAction("Keyboard shortcuts")
        self.shortcuts_action.triggered.connect(self._show_shortcuts)
        self.about_action = self.help_menu.addAction("About Stint")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._show_about)

    def _build_page_menu(self) -> None:
        """Go: one entry per page, Ctrl+1 for the first, Ctrl+2 for the second..."""
        self.view_menu = self.menuBar().addMenu(self.tr("Go"))  # every free letter is taken on the Settings page
        self.page_actions: list[QAction] = []
        for index in range(self.pages.count()):
            action = self.view_menu.addAction(self.pages.tabText(index).replace("&", ""))
            action.setShortcuts([QKeySequence(f"Ctrl+{index + 1}")])
            action.triggered.connect(lambda _checked=False, page=index: self._show_page_at(page))
            self.page_actions.append(action)

    def _show_page_at(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.pages.currentWidget().setFocus()

    # -- public --------------------------------------------------------------------------
    def focus_picker(self) -> None:
        self.bring_to_front()
        self.task_widget.picker.focus_search()

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def toggle_visible(self) -> None:
        """The tray icon's left click: hide a shown window, show a hidden or minimized one."""
        if self.isVisible() and not self.isMinimized():
            self.hide()
        else:
            self.bring_to_front()

    def show_page(self, title: str) -> bool:
        for index in range(self.pages.count()):
            if self.pages.tabText(index).replace("&", "") == title:
                self.pages.setCurrentIndex(index)
                return True
        return False

    def replace_page(self, title: str, page: QWidget) -> None:
        """Put `page` in the place of the page titled `title` (a placeholder, usually)."""
        for index in range(self.pages.count()):
            if self.pages.tabText(index) == title:
                current = self.pages.currentIndex()
                old = self.pages.widget(index)
                self.pages.removeTab(index)
                self.pages.insertTab(index, page, title)
                self.pages.setCurrentIndex(current)
                old.deleteLater()
                return

    def prepare_to_quit(self) -> None:
        """Let the next close really close (Quit from a menu)."""
        self._quitting = True

    def _show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # loads many enums: not before the first paint

        QMessageBox.information(self, "Keyboard shortcuts", SHORTCUTS_TEXT)

    def _show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from desktop import __version__

        QMessageBox.about(
            self,
            "About Stint",
            f"Stint {__version__}\n\nTime tracking for people whose work lives in Salesforce.",
        )

    # -- sync status ---------------------------------------------------------------------
    def _sync_started(self) -> None:
        self.sync_progress.setRange(0, 0)  # busy until the first figures arrive
        self.sync_progress.show()
        if self._sync.is_paused():  # a forced sync: it says it is a one-off
            from desktop.ui.sync_status.text import SYNCING_ONCE_WHILE_PAUSED

            self.sync_label.setText(SYNCING_ONCE_WHILE_PAUSED)
        else:
            self.sync_label.setText("Synchronizing with Salesforce…")

    def _sync_progressed(self, sobject: str, done: int, total: int) -> None:
        if total > 0:
            self.sync_progress.setRange(0, total)
            self.sync_progress.setValue(min(done, total))
            self.sync_label.setText(f"Synchronizing {sobject}: {done:,} of {total:,}…")
        else:
            self.sync_label.setText(f"Synchronizing {sobject}: {done:,}…")

    def _sync_finished(self, run: SyncRun | None) -> None:
        from desktop.domain.synclog import RunOutcome

        self.sync_progress.hide()
        if run is not None and run.outcome is RunOutcome.SUCCEEDED:
            self.banner.clear()
        self._update_sync_status()

    def _update_sync_status(self) -> None:
        if self._sync.is_running():
            return
        self.sync_button.setEnabled(True)
        if self._sync.is_starting():  # not known yet whether Stint is connected
            pending = self._sync.force_pending()
            self.sync_label.setText("Starting… (synchronization follows)" if pending else "Starting…")
            self.sync_label.setToolTip("")
            return
        if not self._sync.is_available():
            self.sync_label.setText("Not connected to Salesforce: connect on the Settings page")
            return
        # Imported here: the first paint shows "Starting…" and never needs it.
        from desktop.ui.sync_status.text import (
            PAUSED_DETAIL,
            describe_run,
            paused_text,
            schedule_remark,
            short_local_time,
        )

        last = self._sync.last_run()
        text = describe_run(last)
        paused = paused_text(self._sync.pause_state())
        if paused:
            self.sync_label.setText(f"{text} · {paused}")
            self.sync_label.setToolTip(PAUSED_DETAIL)
            return
        next_at = self._sync.next_run_at()
        reason = self._sync.stretch_reason()
        if next_at is not None:
            remark = schedule_remark(reason, self._sync.api_usage(), last)
            text += f" · next {short_local_time(next_at)}" + (f" — {remark}" if remark else "")
        self.sync_label.setText(text)
        self.sync_label.setToolTip(reason or "")

    # -- closing -------------------------------------------------------------------------
    def restore_geometry(self, settings) -> None:
        """Size and place the window as the user left it (QSettings "window/geometry")."""
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def save_geometry(self, settings) -> None:
        settings.setValue("window/geometry", self.saveGeometry())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.close_to_tray and not self._quitting:
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        event.accept()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self._timer.refresh()  # the CLI or another window may have changed the timer
