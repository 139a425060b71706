"""The strip at the top of the main window: the current task, its running time, Start/Stop,
the running entry's note and billable flag (edited in place while it runs), "Open in
Salesforce", and the task picker underneath.

The time shown is always `now - stored start` (TimerService.elapsed); the TimerService's
`ticked` signal (shared with the timesheet, so both show the same second) only decides when to
repaint, and this widget subscribes to it only while visible, so a hidden window costs no CPU.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QFont, QHideEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.items import Item
from desktop.domain.text import fill
from desktop.services.display_format import display_format
from desktop.services.early_qt import ALIGN_RIGHT_VCENTER, PLAIN_TEXT, set_properties
from desktop.services.tasks_service import TasksService
from desktop.services.timer_service import TimerService
from desktop.ui.elided_label import ElidedLabel, muted_color
from desktop.ui.icons import svg_icon
from desktop.ui.picker.task_picker import TaskPicker

if TYPE_CHECKING:  # built after the first paint
    from desktop.services.record_links import RecordLinks

NO_TASK = QT_TRANSLATE_NOOP("TaskWidget", "No task")
CLOCK_WENT_BACK = QT_TRANSLATE_NOOP(
    "TaskWidget", "The computer's clock was set back while the timer ran; Stint keeps counting "
    "the time worked on a clock that never goes back.")


def clock_font(base: QFont) -> QFont:
    """The running clock's font: digits of one width, so the time does not shift as it counts.
    The UI font with tabular figures (OpenType "tnum"; Qt 6.7+), as native clocks are drawn,
    else the system's fixed-pitch font. (The UI font also spares the first paint loading a
    second font file.)"""
    if hasattr(QFont, "Tag"):
        font = QFont(base)
        font.setFeature(QFont.Tag("tnum"), 1)
        return font
    from PySide6.QtGui import QFontDatabase  # Qt 6.6 only: not on the first paint's path

    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class TaskWidget(QWidget):
    """Current task + elapsed time + Start/Stop + picker. Signals: none needed by callers
    beyond the services'; `message_shown(str)` relays timer refusals to the window."""

    message_shown = Signal(str)

    def __init__(
        self, timer: TimerService, tasks: TasksService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._timer = timer
        self._tasks = tasks
        self._subscribed = False  # to the timer's ticks: only while visible
        self.setObjectName("taskWidget")
        # The strip reads as one card above the pages: the view background, not the window's.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)

        self.path_label = ElidedLabel(parent=self, elide_middle=True)
        self.path_label.setObjectName("taskPath")
        self.name_label = ElidedLabel(parent=self)
        self.name_label.setObjectName("taskName")
        self.fields_label = ElidedLabel(parent=self)
        self.fields_label.setObjectName("taskFields")
        self.elapsed_label = QLabel("0:00:00", self)
        self.elapsed_label.setObjectName("elapsed")
        set_properties(self.elapsed_label, textFormat=PLAIN_TEXT, alignment=ALIGN_RIGHT_VCENTER)
        self.elapsed_label.setAccessibleName(self.tr("Running time"))
        self.start_stop = QPushButton(self)
        self.start_stop.setObjectName("startStop")
        self.start_stop.setMinimumWidth(96)
        self.start_stop.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.picker = TaskPicker(tasks, self)
        self._build_details_row()
        self._links: RecordLinks | None = None
        self._style_fonts()

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.path_label, 0, 0)
        grid.addWidget(self.name_label, 1, 0)
        grid.addWidget(self.fields_label, 2, 0)
        grid.addWidget(self.elapsed_label, 0, 1, 3, 1)
        grid.addWidget(self.start_stop, 0, 2, 3, 1)  # fixed size: centred in its cell
        grid.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(grid)
        layout.addLayout(self._details_row)
        layout.addWidget(self.picker)

        self.start_stop.clicked.connect(timer.toggle)
        self.picker.task_chosen.connect(timer.switch_to)
        self.picker.set_current_provider(timer.current_item_id)
        timer.timer_started.connect(lambda _entry: self.refresh())
        timer.timer_stopped.connect(lambda _entry: self.refresh())
        timer.timer_failed.connect(self.message_shown)
        timer.details_saved.connect(lambda _entry: self._show_details())
        timer.ticked.connect(self._on_tick)
        tasks.tree_changed.connect(self.refresh)
        display_format().changed.connect(self._show_elapsed)  # h:mm:ss or decimal hours
        self.refresh()

    # -- display -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the current task and state (after a timer change or a new tree)."""
        item_id = self._timer.current_item_id()
        item = self._tasks.item(item_id)
        self._show_task(item_id, item)
        running = self._timer.is_running()
        self.start_stop.setText(self.tr("Stop") if running else self.tr("Start"))
        self.start_stop.setIcon(svg_icon("stop" if running else "start"))
        self.start_stop.setToolTip(
            self.tr("Stop the timer") if running else self.tr("Start the timer on this task")
        )
        self.elapsed_label.setEnabled(running)
        self._show_elapsed()
        self._show_details()
        self._update_open_button(item_id)

    def set_record_links(self, links: RecordLinks) -> None:
        """Offer "Open in Salesforce" here and in the picker's menus (after the first paint)."""
        self._links = links
        self.picker.set_record_links(links)
        self.open_button.show()
        self._update_open_button(self._timer.current_item_id())

    def elapsed_text(self) -> str:
        return self.elapsed_label.text()

    def _show_task(self, item_id: str | None, item: Item | None) -> None:
        if item_id is None:
            self.path_label.setText("")
            self.name_label.setText(QCoreApplication.translate("TaskWidget", NO_TASK))
            self.fields_label.setText(
                self.tr("Time runs without a task; pick one below to assign it.")
                if self._timer.is_running()
                else self.tr("Pick a task below, or press Start to track time without one.")
            )
            self.path_label.setExtraToolTip(None)
            return
        if item is None:
            loading = not self._tasks.is_loaded()
            self.path_label.setText("Salesforce")
            self.name_label.setText(self.tr("Loading task…") if loading
                                    else self.tr("Task no longer available"))
            self.fields_label.setText("")
            return
        path = self._tasks.tree().path(item.id)
        parents = " > ".join(part.name for part in path[:-1])
        self.path_label.setText(parents)
        self.path_label.setExtraToolTip(" > ".join(part.name for part in path))
        name = fill(self.tr("%1 (archived)"), item.name) if item.archived else item.name
        self.name_label.setText(name)
        self.fields_label.setText(
            " · ".join(fill(self.tr("%1: %2"), label, text)
                       for label, text in item.fields[:4] if text)
            or item.fields_text()
        )

    def _show_elapsed(self, elapsed: timedelta | None = None) -> None:
        shown = self._timer.elapsed() if elapsed is None else elapsed
        self.elapsed_label.setText(display_format().duration(shown, live=True))
        self.elapsed_label.setToolTip(
            QCoreApplication.translate("TaskWidget", CLOCK_WENT_BACK)
            if self._timer.clock_went_back() else "")

    # -- the running entry's note and billable flag ------------------------------------
    def _build_details_row(self) -> None:
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("runningNote")
        self.note_edit.setPlaceholderText(self.tr("Note for the running entry"))
        self.note_edit.setAccessibleName(self.tr("Note of the running entry"))
        self.note_edit.textEdited.connect(lambda text: self._timer.edit_running(note=text))
        self.note_edit.editingFinished.connect(self._timer.save_details)
        self.billable_box = QCheckBox(self.tr("Billable"), self)
        self.billable_box.setObjectName("runningBillable")
        self.billable_box.setToolTip(self.tr("Whether the running entry's time is billable"))
        self.billable_box.clicked.connect(self._billable_clicked)
        self.open_button = QToolButton(self)
        self.open_button.setObjectName("openTaskInSalesforce")
        self.open_button.setText(self.tr("Open in Salesforce"))
        self.open_button.setAutoRaise(True)
        self.open_button.clicked.connect(self._open_current)
        self.open_button.hide()  # until set_record_links()
        row = self._details_row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.note_edit, 1)
        row.addWidget(self.billable_box)
        row.addWidget(self.open_button)

    def _show_details(self) -> None:
        """The running entry's note and flag; editable only while it runs. Text the user is
        typing (not stored yet) is left alone."""
        running = self._timer.running()
        self.note_edit.setEnabled(running is not None)
        self.billable_box.setEnabled(running is not None)
        if self._timer.has_unsaved_details():
            return
        note = running.note if running is not None else ""
        if self.note_edit.text() != note:
            self.note_edit.setText(note)
        self.billable_box.setChecked(running is not None and running.billable)

    def _billable_clicked(self, checked: bool) -> None:
        self._timer.edit_running(billable=checked)
        self._timer.save_details()  # a click is no stream of keystrokes: store it now

    def _open_current(self) -> None:
        if self._links is not None:
            self._links.open(self._timer.current_item_id())

    def _update_open_button(self, item_id: str | None) -> None:
        if self._links is None:
            return
        url = self._links.url(item_id)
        self.open_button.setEnabled(url is not None)
        self.open_button.setToolTip(url or self._links.why_not(item_id))

    # -- ticking -------------------------------------------------------------------------
    def _on_tick(self, elapsed: timedelta) -> None:
        if self._subscribed:
            self._show_elapsed(elapsed)

    def is_ticking(self) -> bool:
        """True while the shown time moves on (a timer runs and this widget is visible)."""
        return self._subscribed and self._timer.is_ticking()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._subscribed = True
        self._timer.subscribe_ticks(self)
        self._show_elapsed()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self._subscribed = False
        self._timer.unsubscribe_ticks(self)

    def _style_fonts(self) -> None:
        name_font = QFont(self.font())
        name_font.setPointSizeF(max(12.0, self.font().pointSizeF() * 1.45))
        name_font.setWeight(QFont.Weight.DemiBold)
        self.name_label.setFont(name_font)
        self.name_label.setFixedHeight(self.name_label.fontMetrics().height() + 2)
        small = QFont(self.font())
        small.setPointSizeF(max(7.5, self.font().pointSizeF() * 0.9))
        for label in (self.path_label, self.fields_label):
            label.setFont(small)
            label.setFixedHeight(label.fontMetrics().height() + 2)
            palette = label.palette()
            # The strip paints with Base, so its labels draw with Text: mute both roles.
            palette.setColor(QPalette.ColorRole.WindowText, muted_color(palette))
            palette.setColor(
                QPalette.ColorRole.Text,
                muted_color(palette, QPalette.ColorRole.Text, QPalette.ColorRole.Base),
            )
            label.setPalette(palette)
        clock = clock_font(self.font())
        clock.setPointSizeF(max(16.0, self.font().pointSizeF() * 2.0))
        clock.setWeight(QFont.Weight.Medium)
        self.elapsed_label.setFont(clock)
