"""The main window: task widget on top, pages (Timesheet, Reports, Sync, Settings), an error
banner floating over the pages' foot, and a status bar with the last/next sync, a progress
indicator and "Force synchronization".

Closing the window hides it to the tray when there is one (`close_to_tray`); Quit is in the
menu (Ctrl+Q). Everything stays usable while a sync runs: sync work happens on the
scheduler's thread and only its signals arrive here. Pages are known by a key (their English
title); the tab shows the title in the user's language. Page actions the whole window
answers to (Ctrl+N, Ctrl+Z) are adopted with `adopt_page_actions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QFrame,
    QMainWindow,
    QProgressBar,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.text import fill
from desktop.services.early_qt import TEXT_BESIDE_ICON, set_properties
from desktop.services.sync_service import SyncService
from desktop.services.sync_state import SyncPhase
from desktop.services.timer_service import TimerService
from desktop.ui.banner import ErrorBanner
from desktop.ui.elided_label import ElidedLabel
from desktop.ui.icons import svg_icon
from desktop.ui.overlay import BottomOverlay
from desktop.ui.picker.task_widget import TaskWidget
from desktop.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from desktop.services.sync_state import SyncState

# The pages' titles by key (the key is the English title, which the app and tests use).
PAGE_TITLES = {
    "Timesheet": QT_TRANSLATE_NOOP("MainWindow", "Timesheet"),
    "Reports": QT_TRANSLATE_NOOP("MainWindow", "Reports"),
    "Sync": QT_TRANSLATE_NOOP("MainWindow", "Sync"),
    "Settings": QT_TRANSLATE_NOOP("MainWindow", "Settings"),
}
DEFAULT_SIZE = (880, 640)
MINIMUM_SIZE = (560, 480)


class _ContentLayout(QVBoxLayout):
    """The window content's layout, which does not tell the scroll area around it that its
    height depends on its width: the scroll area would then make the content as tall as its
    preferred height for that width (the Sync page's wrapped labels and tables: 130 px more
    than an 880 x 640 window holds) and scroll it, where its minimum fits. The content scrolls
    only when the window is smaller than that minimum."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return False


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
        *,
        shortcuts_later: bool = False,
    ) -> None:
        """With `shortcuts_later` (the app) the keyboard shortcuts wait for
        `assign_shortcuts()`, which the app calls right after the first paint: QKeySequence's
        Python type costs ~9 M instructions to make (tests/bench/bench_startup_instructions.py)."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("Stint")
        self.close_to_tray = False
        self._page_keys: list[str] = []
        self._quitting = False
        self._timer = timer
        self._sync = sync
        self.task_widget = task_widget

        central = QWidget(self)
        layout = _ContentLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(task_widget)
        line = QFrame(central)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        self.pages = QTabWidget(central)
        self.pages.setObjectName("pages")
        self.pages.setDocumentMode(True)
        for key, page in pages or ():
            self._page_keys.append(key)
            self.pages.addTab(page, self._page_title(key))
        layout.addWidget(self.pages, 1)
        # Over the pages' foot, out of the layout: showing it moves no control (issue 13).
        self.banner = ErrorBanner(central)
        self._banner_overlay = BottomOverlay(self.banner, self.pages)
        # On a screen smaller than the content needs (a large scale factor), the window still
        # fits the screen (fit_to_screen) and its content scrolls instead of being squeezed.
        scroller = QScrollArea(self)
        scroller.setObjectName("windowContent")
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(central)
        self.setCentralWidget(scroller)

        self._build_status_bar()
        self._shortcuts: list[tuple[QAction, list[str] | None]] = []  # None: the platform's Close
        self._build_actions()
        if not shortcuts_later:
            self.assign_shortcuts()
        self.banner.action_requested.connect(self.banner_action_requested)
        task_widget.message_shown.connect(lambda text: self.banner.show_problem(text, ""))
        self._banner_problem: str | None = None  # the sync problem the banner told (once)
        sync.state_changed.connect(self._show_sync_state)
        self._show_sync_state(sync.state())
        self.resize(*DEFAULT_SIZE)
        self.setMinimumSize(*MINIMUM_SIZE)

    # -- building ------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(True)
        # Elided (the whole text in its tooltip) rather than cut when the bar is narrow, as
        # in French beside the demo note; plain text (messages may quote records).
        self.sync_label = ElidedLabel(parent=self)
        self.sync_label.setObjectName("syncStatus")
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

    def assign_shortcuts(self) -> None:
        """Give the actions their keys (once)."""
        from PySide6.QtGui import QKeySequence

        # setShortcuts, not setShortcut: resolving the latter's overloads reads the Qt
        # namespace, which the first paint does without (desktop.services.early_qt).
        for action, keys in self._shortcuts:
            if keys is None:
                action.setShortcuts(QKeySequence.StandardKey.Close)
            else:
                action.setShortcuts([QKeySequence(key) for key in keys])
        self._shortcuts.clear()

    def _build_actions(self) -> None:
        self.force_sync_action = QAction(svg_icon("sync"), self.tr("Force synchronization"), self)
        self._shortcuts.append((self.force_sync_action, ["Ctrl+R", "F5"]))
        self.force_sync_action.setToolTip(
            self.tr("Force synchronization: synchronize with Salesforce now (Ctrl+R, F5)"))
        self.force_sync_action.triggered.connect(self._sync.force_sync)
        self.sync_button.setDefaultAction(self.force_sync_action)

        self.pick_action = QAction(self.tr("Pick a task…"), self)
        self._shortcuts.append((self.pick_action, ["Ctrl+K", "Ctrl+F"]))
        self.pick_action.triggered.connect(self.focus_picker)
        self.toggle_action = QAction(self.tr("Start/Stop timer"), self)
        self._shortcuts.append((self.toggle_action, ["Ctrl+Return"]))
        self.toggle_action.triggered.connect(self._timer.toggle)
        self.preferences_action = QAction(self.tr("&Preferences…"), self)
        self._shortcuts.append((self.preferences_action, ["Ctrl+,"]))
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.triggered.connect(self.preferences_requested)
        self.close_action = QAction(self.tr("Close window"), self)
        self._shortcuts.append((self.close_action, None))
        self.close_action.triggered.connect(self.close)
        self.quit_action = QAction(self.tr("Quit Stint"), self)
        self._shortcuts.append((self.quit_action, ["Ctrl+Q"]))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.quit_requested)

        menu = self.menuBar().addMenu(self.tr("&Stint"))
        menu.addAction(self.pick_action)
        menu.addAction(self.toggle_action)
        menu.addAction(self.force_sync_action)
        menu.addAction(self.preferences_action)
        menu.addSeparator()
        menu.addAction(self.close_action)
        menu.addAction(self.quit_action)
        # Filled by the pages with what the whole window answers to (adopt_page_actions).
        self.edit_menu = self.menuBar().addMenu(self.tr("Edit"))  # no free letter either (see Go)
        self.edit_menu.menuAction().setVisible(False)
        self._build_page_menu()
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.shortcuts_action = self.help_menu.addAction(self.tr("&Keyboard shortcuts"))
        self.shortcuts_action.triggered.connect(self._show_shortcuts)
        self.about_action = self.help_menu.addAction(self.tr("&About Stint"))
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._show_about)

    def _build_page_menu(self) -> None:
        """Go: one entry per page, Ctrl+1 for the first, Ctrl+2 for the second..."""
        self.view_menu = self.menuBar().addMenu(self.tr("Go"))  # every free letter is taken on the Settings page
        self.page_actions: list[QAction] = []
        for index in range(self.pages.count()):
            action = self.view_menu.addAction(self.pages.tabText(index))
            self._shortcuts.append((action, [f"Ctrl+{index + 1}"]))
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

    def show_page(self, key: str) -> bool:
        """Show the page with that key ("Timesheet", "Settings"...)."""
        if key not in self._page_keys:
            return False
        self.pages.setCurrentIndex(self._page_keys.index(key))
        return True

    def page_key(self, index: int | None = None) -> str:
        """The key of the page at `index` (default: the one shown)."""
        index = self.pages.currentIndex() if index is None else index
        return self._page_keys[index] if 0 <= index < len(self._page_keys) else ""

    def replace_page(self, key: str, page: QWidget) -> None:
        """Put `page` in the place of the page with that key (a placeholder, usually)."""
        if key not in self._page_keys:
            return
        index = self._page_keys.index(key)
        current = self.pages.currentIndex()
        old = self.pages.widget(index)
        self.pages.removeTab(index)
        self.pages.insertTab(index, page, self._page_title(key))
        self.pages.setCurrentIndex(current)
        old.deleteLater()

    def adopt_page_actions(self, key: str, actions: list[QAction],
                           page_wanted: Signal | None = None) -> None:
        """Make a page's actions work anywhere in the window (the page's own shortcuts work
        only while it is shown): listed under Edit, answered to on every page. The page's
        `page_wanted` signal brings it forward (e.g. before its editor opens)."""
        from PySide6.QtCore import Qt

        for action in actions:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
            self.edit_menu.addAction(action)
        self.edit_menu.menuAction().setVisible(True)
        if page_wanted is not None:
            page_wanted.connect(lambda: self.show_page(key))

    def fit_to_screen(self) -> None:
        """Keep the window inside its screen's available area, whatever the scale."""
        fit_to_screen(self, MINIMUM_SIZE)

    def _page_title(self, key: str) -> str:
        return QCoreApplication.translate("MainWindow", PAGE_TITLES[key]) if key in PAGE_TITLES else key

    def prepare_to_quit(self) -> None:
        """Let the next close really close (Quit from a menu)."""
        self._quitting = True

    def _show_shortcuts(self) -> None:
        from desktop.ui.shortcut_sheet import ShortcutSheet  # not before the first paint

        if getattr(self, "shortcut_sheet", None) is None:
            self.shortcut_sheet = ShortcutSheet(self)
        self.shortcut_sheet.show()
        self.shortcut_sheet.raise_()

    def _show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from desktop import __version__

        QMessageBox.about(
            self,
            self.tr("About Stint"),
            fill(self.tr("Stint %1\n\nTime tracking for people whose work lives in Salesforce."),
                 __version__),
        )

    # -- sync status ---------------------------------------------------------------------
    def _show_sync_state(self, state: SyncState) -> None:
        """The status bar and the banner, from the one sync state (as every surface)."""
        self._show_sync_problem(state)
        running = state.running
        self.sync_progress.setVisible(running)
        if running:
            progress = state.progress
            if progress is not None and progress.total > 0:
                self.sync_progress.setRange(0, progress.total)
                self.sync_progress.setValue(min(progress.done, progress.total))
            else:
                self.sync_progress.setRange(0, 0)  # busy until the first figures arrive
        self.sync_button.setEnabled(not running)
        self._show_sync_line(state)

    def refresh_sync_line(self) -> None:
        """Word the status bar's line again (a new day: "14:05" becomes "Fri 14:05")."""
        self._show_sync_line(self._sync.state())

    def _show_sync_line(self, state: SyncState) -> None:
        if state.phase is SyncPhase.STARTING:  # the first paint: nothing else is imported
            self.sync_label.setText(self.tr("Starting… (synchronization follows)")
                                    if state.force_pending else self.tr("Starting…"))
            self.sync_label.setExtraToolTip(None)
            return
        # Imported here: the first paint shows "Starting…" and never needs it.
        from desktop.ui.sync_status.text import status_line, status_tooltip

        usage = self._sync.api_usage() if state.schedule_note else None  # only for the why
        self.sync_label.setText(status_line(state, usage))
        self.sync_label.setExtraToolTip(status_tooltip(state) or None)

    def _show_sync_problem(self, state: SyncState) -> None:
        """A sync problem is told once: a retry failing the same way does not bring back a
        banner the user closed; a run that works (or unlinking) takes it away."""
        banner = self.banner
        problem = state.problem if state.connected else None
        if problem is None:
            if self._banner_problem is not None and banner.text() == self._banner_problem:
                banner.clear()
            self._banner_problem = None
            return
        if problem != self._banner_problem:
            self._banner_problem = problem
            banner.show_problem(problem, state.action)
        elif banner.isVisible() and banner.text() == problem and (
                banner.current_action() != state.action):
            banner.show_problem(problem, state.action)  # the same problem, now with its fix

    # -- closing -------------------------------------------------------------------------
    def restore_geometry(self, settings) -> None:
        """Size and place the window as the user left it (QSettings "window/geometry")."""
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.fit_to_screen()  # another screen, another scale since: never bigger than it

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
        if (event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
                and not self._quitting):  # (a quitting app's store may be closed already)
            self._timer.refresh()  # the CLI or another window may have changed the timer
