"""The system tray: icon state, tooltip, menu, one-time notifications.

`TrayController` is built from injected services and callables, and owns the menu whether
or not a tray exists, so it works (and is tested) without one: `tray_available=False` skips
the QSystemTrayIcon and the app keeps the window as the way in.

The tooltip shows h:mm and changes once a minute while a timer runs (never every second:
a hidden app must stay idle); the menu's header shows h:mm:ss while the menu is open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desktop.domain.text import fill
from desktop.services.display_format import display_format
from desktop.services.sync_service import SyncService
from desktop.services.sync_state import SyncPhase, SyncState
from desktop.services.tasks_service import TasksService
from desktop.services.timer_service import TimerService
from desktop.ui.icons import TrayState, app_icon, kind_icon, svg_icon, tray_icon

log = logging.getLogger(__name__)

RECENT_IN_MENU = 5
_MENU_TEXT_LIMIT = 60


# Notification servers that read markup in a message's body would render a record named
# "<b>x</b>" in bold, or load an <img>: these look-alikes keep names as they read.
_MARKUP_LOOKALIKES = str.maketrans({"<": "\u2039", ">": "\u203a", "&": "\uff06"})


def plain_message(text: str) -> str:
    """A notification's text, safe from markup whatever shows it."""
    return text.translate(_MARKUP_LOOKALIKES)


def _menu_text(text: str) -> str:
    """Menu-safe text: one line, no '&' mnemonics eaten, long names shortened."""
    text = " ".join(text.split()).replace("&", "&&")
    return text if len(text) <= _MENU_TEXT_LIMIT else text[: _MENU_TEXT_LIMIT - 1] + "…"


class TrayController(QObject):
    state_changed = Signal(str)  # TrayState value

    def __init__(
        self,
        timer: TimerService,
        tasks: TasksService,
        sync: SyncService,
        *,
        toggle_window: Callable[[], None],
        open_window: Callable[[], None],
        pick_task: Callable[[], None],
        quit_app: Callable[[], None],
        tray_available: bool | None = None,
        describe_pause: Callable[[object], str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._timer = timer
        self._tasks = tasks
        self._sync = sync
        self._toggle_window = toggle_window
        self._open_window = open_window
        self._problem: str | None = None
        self._notified_problems: set[str] = set()
        # "Synchronization paused since 14:05" from a PauseState ("" when not paused): the Sync
        # page's wording, handed in by the app
        self._describe_pause = describe_pause or (
            lambda state: self.tr("Synchronization paused") if getattr(state, "paused", False)
            else "")
        self._state = TrayState.IDLE
        self.notifications_enabled = True  # the General page's "Show notifications"

        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.header_action = self.menu.addAction(self.tr("No timer running"))
        self.header_action.setEnabled(False)
        self.toggle_action = self.menu.addAction(self.tr("Start timer"))
        self.toggle_action.triggered.connect(timer.toggle)
        self.menu.addSeparator()
        self.recent_section = self.menu.addSection(self.tr("Recent tasks"))
        self.recent_actions: list[QAction] = []
        self._recent_anchor = self.menu.addSeparator()
        self.pick_action = self.menu.addAction(self.tr("Pick a task…"))
        self.pick_action.triggered.connect(pick_task)
        self.pause_action = self.menu.addAction(self.tr("Pause synchronization"))
        self.pause_action.triggered.connect(self._toggle_pause)
        self.sync_action = self.menu.addAction(svg_icon("sync"), self.tr("Force synchronization"))
        self.sync_action.triggered.connect(sync.force_sync)
        self.cancel_sync_action = self.menu.addAction(self.tr("Cancel synchronization"))
        self.cancel_sync_action.triggered.connect(sync.cancel)
        self.cancel_sync_action.setVisible(False)
        self.menu.addSeparator()
        self.open_action = self.menu.addAction(app_icon(), self.tr("Open Stint"))
        self.open_action.triggered.connect(open_window)
        self.quit_action = self.menu.addAction(self.tr("Quit"))
        self.quit_action.triggered.connect(quit_app)

        # The open menu's "task: 0:12:05" moves on with the timer's ticks (the same second
        # as the window shows); subscribed only while the menu is open.
        timer.ticked.connect(self._menu_ticked)
        self.menu.aboutToShow.connect(self._menu_about_to_show)
        self.menu.aboutToHide.connect(lambda: timer.unsubscribe_ticks(self.menu))
        self._tooltip_tick = QTimer(self)
        self._tooltip_tick.setSingleShot(True)
        self._tooltip_tick.timeout.connect(self._update_tooltip)

        available = (
            QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
        )
        self.icon: QSystemTrayIcon | None = None
        if available:
            self.icon = QSystemTrayIcon(tray_icon(TrayState.IDLE), self)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)

        timer.timer_started.connect(self._timer_changed)
        timer.timer_stopped.connect(self._timer_changed)
        tasks.tree_changed.connect(self._refresh_all)
        self._sync_state = sync.state()
        sync.state_changed.connect(self._sync_state_changed)
        display_format().changed.connect(self._refresh_all)
        self._refresh_all()

    # -- public --------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self.icon is not None

    def show(self) -> None:
        if self.icon is not None:
            self.icon.show()

    def hide(self) -> None:
        if self.icon is not None:
            self.icon.hide()

    def state(self) -> TrayState:
        return self._state

    def tooltip(self) -> str:
        return self._tooltip_text()

    def notify(self, title: str, message: str, error: bool = False) -> bool:
        """A balloon from the tray icon (plain text); False when there is no tray. A click on
        it reaches desktop.platform.notifications.TrayNotifier through messageClicked."""
        if self.icon is None or not self.icon.supportsMessages():
            return False
        kind = QSystemTrayIcon.MessageIcon.Warning if error else QSystemTrayIcon.MessageIcon.Information
        self.icon.showMessage(plain_message(title), plain_message(message), kind, 8000)
        return True

    def explain_once(self, settings) -> None:
        """The first time the window closes to the tray, say that Stint keeps running there
        (remembered in the UI settings)."""
        if settings.value("tray/explained", False, type=bool):
            return
        settings.setValue("tray/explained", True)
        shown = self.notify(
            self.tr("Stint is still running"),
            self.tr("The timer keeps running in the system tray. Click the tray icon to open "
                    "Stint; choose Quit in its menu to leave."),
        )
        if not shown:
            from PySide6.QtWidgets import QMessageBox  # rarely shown: not loaded at start

            QMessageBox.information(
                None,
                self.tr("Stint is still running"),
                self.tr("Stint keeps running in the system tray, so your timer never stops by "
                        "accident.\n\nClick the tray icon to open the window again; choose Quit "
                        "in its menu to leave."),
            )

    def dispose(self) -> None:
        self._timer.unsubscribe_ticks(self.menu)
        self._tooltip_tick.stop()
        if self.icon is not None:
            self.icon.hide()
            self.icon.setContextMenu(None)
        self.menu.deleteLater()

    # -- reacting ------------------------------------------------------------------------
    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self._toggle_window()
        elif reason == QSystemTrayIcon.ActivationReason.DoubleClick:
            # The second click of a quick pair arrives as a double click, not a Trigger:
            # ignoring it left the window hidden by the first click. A double click opens.
            self._open_window()

    def _timer_changed(self, _entry: object) -> None:
        self._tasks.refresh_recent()
        self._refresh_all()

    def _refresh_all(self) -> None:
        self._update_header()
        self._update_recent()
        self._update_pause_action()
        self._update_state()
        self._update_tooltip()

    def _toggle_pause(self) -> None:
        problem = self._sync.set_paused(not self._sync_state.paused)
        if problem:
            self.notify(self.tr("Stint cannot change synchronization"), problem, error=True)

    def _update_pause_action(self) -> None:
        pause = self._sync_state.pause
        paused = self._sync_state.paused
        self.pause_action.setText(self.tr("Resume synchronization") if paused
                                  else self.tr("Pause synchronization"))
        locked = pause is not None and pause.locked
        self.pause_action.setEnabled(pause is not None and not locked)
        self.pause_action.setToolTip(self.tr("Set by your administrator") if locked else "")

    def _sync_state_changed(self, state: SyncState) -> None:
        """The icon, tooltip and menu follow the one sync state; a problem is notified once
        (until a run works again)."""
        self._sync_state = state
        problem = state.problem if state.connected else None
        self._problem = problem
        if problem is None:
            self._notified_problems.clear()  # a new problem later deserves a new notice
        elif problem not in self._notified_problems and self.notifications_enabled:
            self._notified_problems.add(problem)
            self.notify(self.tr("Stint cannot synchronize"), problem, error=True)
        self.sync_action.setEnabled(not state.running)
        self.cancel_sync_action.setVisible(state.running)
        self.cancel_sync_action.setEnabled(state.can_cancel)
        self.cancel_sync_action.setText(
            self.tr("Cancelling synchronization…") if state.cancelling
            else self.tr("Cancel synchronization"))
        self._update_pause_action()
        self._update_state()
        self._update_tooltip()

    def _menu_about_to_show(self) -> None:
        self._update_header()
        self._update_recent()
        self._sync.refresh_pause()  # `stint sync --pause` may have changed it meanwhile
        self._timer.subscribe_ticks(self.menu)

    def _menu_ticked(self, _elapsed: object) -> None:
        if self.menu.isVisible():
            self._update_header()

    # -- contents ------------------------------------------------------------------------
    def _task_name(self) -> str:
        item = self._tasks.item(self._timer.current_item_id())
        if self._timer.current_item_id() is None:
            return self.tr("No task")
        return item.name if item is not None else self.tr("Task")

    def _update_header(self) -> None:
        running = self._timer.is_running()
        if running:
            text = fill(self.tr("%1: %2"), self._task_name(),
                        display_format().duration(self._timer.elapsed(), live=True))
        else:
            text = self.tr("No timer running")
        self.header_action.setText(_menu_text(text))
        self.toggle_action.setText(
            self.tr("Stop timer") if running
            else fill(self.tr("Start timer on %1"), _menu_text(self._task_name()))
        )
        self.toggle_action.setIcon(svg_icon("stop" if running else "start"))

    def _update_recent(self) -> None:
        for action in self.recent_actions:
            self.menu.removeAction(action)
            action.deleteLater()
        self.recent_actions = []
        running_id = self._timer.running().item_id if self._timer.is_running() else None
        for item in self._tasks.recent_items(RECENT_IN_MENU):
            action = QAction(kind_icon(item.kind.value), _menu_text(item.name), self.menu)
            if item.id == running_id:  # the task being timed stands out
                font = action.font()
                font.setBold(True)
                action.setFont(font)
            action.setToolTip(_menu_text(self._tasks.path_text(item.id)))
            action.triggered.connect(lambda _checked=False, item_id=item.id: self._timer.switch_to(item_id))
            self.menu.insertAction(self._recent_anchor, action)
            self.recent_actions.append(action)
        self.recent_section.setVisible(bool(self.recent_actions))

    def _update_state(self) -> None:
        if self._sync_state.running:
            state = TrayState.SYNCING
        elif self._problem is not None:
            state = TrayState.ERROR
        elif self._timer.is_running():
            state = TrayState.RUNNING
        else:
            state = TrayState.IDLE
        if state != self._state:
            self._state = state
            if self.icon is not None:
                self.icon.setIcon(tray_icon(state))
            self.state_changed.emit(state.value)

    def _tooltip_text(self) -> str:
        lines = ["Stint"]
        if self._timer.is_running():
            shown = display_format()
            started = shown.clock_time(self._timer.running().start.astimezone())
            lines.append(fill(self.tr("%1: %2 (since %3)"), self._task_name(),
                              shown.duration(self._timer.elapsed()), started))
        else:
            lines.append(self.tr("No timer running"))
        state = self._sync_state
        paused = self._describe_pause(state.pause)
        if state.running:
            lines.append(self.tr("Cancelling synchronization…") if state.cancelling
                         else self.tr("Synchronizing once…") if paused
                         else self.tr("Synchronizing…"))
        elif self._problem:
            lines.append(fill(self.tr("Sync problem: %1"), self._problem))
        elif state.phase is SyncPhase.NOT_CONNECTED:
            lines.append(self.tr("Not connected to Salesforce"))
        if paused:
            lines.append(paused)
        return "\n".join(lines)

    def _update_tooltip(self) -> None:
        if self.icon is not None:
            self.icon.setToolTip(self._tooltip_text())
        self._tooltip_tick.stop()
        if self._timer.is_running():
            # next whole minute of elapsed time (h:mm changes then)
            seconds = self._timer.elapsed().total_seconds()
            self._tooltip_tick.start(int((60 - seconds % 60) * 1000) + 50)
