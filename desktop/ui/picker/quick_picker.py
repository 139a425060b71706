"""The tray's "Pick a task…": a small frameless always-on-top window with the search box.

Type, arrows, Enter starts the timer on the task and hides the picker; Esc (or clicking
elsewhere) hides it without changing anything.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop.services.tasks_service import TasksService
from desktop.services.timer_service import TimerService
from desktop.ui.picker.task_picker import TaskPicker


class QuickPicker(QFrame):
    task_started = Signal(str)

    def __init__(
        self, tasks: TasksService, timer: TimerService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quickPicker")
        self.setWindowTitle(self.tr("Pick a task"))
        self.setWindowFlags(
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._timer = timer
        title = QLabel(self.tr("Pick a task to start the timer"), self)
        title.setTextFormat(Qt.TextFormat.PlainText)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.picker = TaskPicker(tasks, self, inline=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(self.picker, 1)
        self.resize(520, 380)
        self.picker.task_chosen.connect(self._chosen)
        self.picker.escape_pressed.connect(self.hide)

    def popup(self) -> None:
        """Show centred on the screen under the mouse, ready to type."""
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.move(
                area.x() + (area.width() - self.width()) // 2,
                area.y() + (area.height() - self.height()) // 3,
            )
        self.picker.search.clear()
        self.picker.open_results()
        self.show()
        self.raise_()
        self.activateWindow()
        self.picker.focus_search()

    def _chosen(self, item_id: str) -> None:
        self._timer.switch_to(item_id)
        self.task_started.emit(item_id)
        self.hide()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.picker.focus_search()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        # Clicking elsewhere dismisses it, like a menu.
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.isVisible()
            and not self.isActiveWindow()
            and QGuiApplication.applicationState() != Qt.ApplicationState.ApplicationActive
        ):
            self.hide()
