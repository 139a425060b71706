"""The timesheet: a day of entries or a week grid, with navigation, editing, delete/undo, continue,
billable time (a check box per entry, billable totals), export (CSV, copy as a table) and
"Open in Salesforce" on an entry's task.

Keyboard: Alt+Left / Alt+Right previous / next day (or week), Alt+Home today, Ctrl+N add,
Enter (in the table) or F2 edit, Delete delete, Ctrl+Shift+Enter continue, Ctrl+Z undo, Alt+D / Alt+W
switch between day and week. The main window adopts Add and Undo (`window_actions`), so Ctrl+N
and Ctrl+Z work on every page; `page_wanted` then brings the timesheet forward.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.entries import EntryError, TimeEntry
from desktop.domain.text import fill
from desktop.services.display_format import display_format
from desktop.services.entries_service import EntriesService
from desktop.services.i18n import error_text
from desktop.store.errors import StoreError
from desktop.ui.timesheet.actions import build_actions
from desktop.ui.timesheet.day_model import DayColumn, TimesheetDayModel
from desktop.ui.timesheet.entry_editor import EntryEditorDialog
from desktop.ui.timesheet.export import TimesheetExport
from desktop.ui.timesheet.header import TimesheetHeader
from desktop.ui.timesheet.menus import day_menu, task_menu
from desktop.ui.timesheet.tables import build_day_table, build_week_table
from desktop.ui.timesheet.text import long_day, week_span
from desktop.ui.timesheet.undo_banner import UndoBanner
from desktop.ui.timesheet.week_model import DAYS_PER_WEEK, TimesheetWeekModel, week_start

if TYPE_CHECKING:
    from desktop.services.record_links import RecordLinks

log = logging.getLogger(__name__)

DAY, WEEK = "day", "week"


class TimesheetView(QWidget):
    page_wanted = Signal()  # an adopted action ran while another page was shown

    def __init__(
        self,
        entries_service: EntriesService,
        tasks_service: QObject,
        timer_service: QObject,
        parent: QWidget | None = None,
        *,
        links: RecordLinks | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("timesheetView")
        self._entries = entries_service
        self._tasks = tasks_service
        self._timer_service = timer_service
        self._links = links
        self._day = entries_service.today()
        self._mode = DAY
        self.day_model = TimesheetDayModel(entries_service.tz, self)
        self.week_model = TimesheetWeekModel(entries_service.tz, self)
        self._build()
        self._build_actions()
        self._export = TimesheetExport(self, entries_service, tasks_service)
        # The running row moves on with the TimerService's ticks (the task widget repaints on
        # the same ones, so both show the same second); subscribed only while shown.
        self._ticking = False
        ticked = getattr(timer_service, "ticked", None)
        if ticked is not None:
            ticked.connect(self._on_tick)

        entries_service.entries_changed.connect(self.reload)
        entries_service.entry_deleted.connect(self._on_entry_deleted)
        entries_service.undo_changed.connect(self._update_actions)
        tree_changed = getattr(tasks_service, "tree_changed", None)
        if tree_changed is not None:
            tree_changed.connect(self._on_tree_changed)
        self._on_tree_changed()
        display_format().changed.connect(self.reload)  # durations, times, the week's first day
        self.reload()

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.header = header = TimesheetHeader(self)
        self.prev_button, self.next_button = header.prev_button, header.next_button
        self.today_button, self.title_label = header.today_button, header.title_label
        self.day_button, self.week_button = header.day_button, header.week_button
        self.add_button = header.add_button

        self.day_table = build_day_table(self, self.day_model)
        # activated: Enter, or a double click (a single click where the platform says so)
        self.day_table.activated.connect(lambda _index: self.edit_selected())
        self.day_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.day_table.customContextMenuRequested.connect(self._show_context_menu)
        self.day_model.billable_toggled.connect(self.set_billable)

        # The empty state sits inside the table, where the entries would be.
        self.empty_label = QLabel(
            self.tr("No time recorded on this day.\nStart the timer on a task, or add an entry "
                    "(Ctrl+N)."),
            self.day_table.viewport(),
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.day_table.viewport().installEventFilter(self)

        self.week_table = build_week_table(self, self.week_model)
        self.week_table.activated.connect(self._open_day_of)
        self.week_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.week_table.customContextMenuRequested.connect(self._show_week_context_menu)

        day_page = QWidget(self)
        day_layout = QVBoxLayout(day_page)
        day_layout.setContentsMargins(0, 0, 0, 0)
        day_layout.addWidget(self.day_table, 1)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(day_page)
        self.pages.addWidget(self.week_table)

        self.total_label = QLabel(self)
        self.total_label.setTextFormat(Qt.TextFormat.PlainText)
        total_font = QFont(self.font())
        total_font.setBold(True)
        self.total_label.setFont(total_font)
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.undo_banner = UndoBanner(self)
        self.undo_banner.undo_requested.connect(self.undo)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.undo_banner)
        layout.addWidget(self.total_label)

        self.prev_button.clicked.connect(self.go_previous)
        self.next_button.clicked.connect(self.go_next)
        self.today_button.clicked.connect(self.go_today)
        self.day_button.clicked.connect(lambda: self.set_mode(DAY))
        self.week_button.clicked.connect(lambda: self.set_mode(WEEK))
        self.add_button.clicked.connect(self.add_entry)
        header.export_csv_action.triggered.connect(lambda: self.export_csv())
        header.copy_table_action.triggered.connect(self.copy_table)

    def _build_actions(self) -> None:
        made = build_actions(self)
        self.add_action, self.edit_action = made.add, made.edit
        self.continue_action, self.delete_action, self.undo_action = (
            made.continue_, made.delete, made.undo)
        self.day_table.selectionModel().selectionChanged.connect(self._update_actions)
        self._update_actions()

    def window_actions(self) -> list[QAction]:
        """What the whole window answers to: Add entry (Ctrl+N) and Undo (Ctrl+Z)."""
        return [self.add_action, self.undo_action]

    # -- navigation ------------------------------------------------------------------------
    def current_day(self) -> date:
        return self._day

    def mode(self) -> str:
        return self._mode

    def set_day(self, day: date) -> None:
        self._day = day
        self.reload()

    def follow_day(self, previous: date, today: date) -> None:
        """A new day began (services.day_watch): a view on the day (or week) that was today
        moves on to today; one on another day keeps it, with its Today button and title redone."""
        on_previous = (self._day == previous if self._mode == DAY
                       else week_start(self._day) == week_start(previous))
        if on_previous:
            self._day = today
        self.reload()

    def set_mode(self, mode: str) -> None:
        self._mode = mode
        self.header.show_unit("day" if mode == DAY else "week")
        self.pages.setCurrentIndex(0 if mode == DAY else 1)
        self.reload()
        (self.day_table if mode == DAY else self.week_table).setFocus()

    def go_previous(self) -> None:
        self.set_day(self._day - timedelta(days=1 if self._mode == DAY else 7))

    def go_next(self) -> None:
        self.set_day(self._day + timedelta(days=1 if self._mode == DAY else 7))

    def go_today(self) -> None:
        self.set_day(self._entries.today())

    def _open_day_of(self, index: QModelIndex) -> None:
        day = self.week_model.day(index.column())
        if day is not None:
            self._day = day
            self.set_mode(DAY)

    # -- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        now = self._running_now()
        today = self._entries.today()
        self.today_button.setEnabled(
            self._day != today if self._mode == DAY else week_start(self._day) != week_start(today)
        )
        if self._mode == DAY:
            selected = self.selected_entry()
            entries = self._entries.entries_between(self._day, self._day + timedelta(days=1))
            self.day_model.set_entries(self._day, entries, now)
            title = long_day(self._day)
            self.title_label.setText(fill(self.tr("%1 (today)"), title) if self._day == today
                                     else title)
            self.empty_label.setVisible(not entries)
            self.day_table.setColumnHidden(DayColumn.SALESFORCE, not self.day_model.has_write_back())
            self._restore_selection(selected)
            self._show_total()
            running = self.day_model.has_running()
        else:
            first = week_start(self._day)
            entries = self._entries.entries_between(first, first + timedelta(days=DAYS_PER_WEEK))
            self.week_model.set_week(first, entries, now)
            self.week_table.setCurrentIndex(self.week_model.index(-1, -1))  # no stray focus box
            self.title_label.setText(week_span(first, first + timedelta(days=DAYS_PER_WEEK - 1)))
            self._show_total()
            running = any(entry.running for entry in entries)
        self._set_ticking(running and self.isVisible())
        self._update_actions()

    def shown_days(self) -> tuple[date, date]:
        """The first and last local day shown (the day, or the week)."""
        if self._mode == DAY:
            return self._day, self._day
        first = week_start(self._day)
        return first, first + timedelta(days=DAYS_PER_WEEK - 1)

    def _show_total(self) -> None:
        first, last = self.shown_days()
        entries = self.day_model.entries() if self._mode == DAY else self.week_model.entries()
        totals = self._entries.totals(first, last + timedelta(days=1), entries)
        shown = display_format()
        text = (self.tr("Total %1 · billable %2") if self._mode == DAY
                else self.tr("Week total %1 · billable %2"))
        self.total_label.setText(fill(text, shown.duration(totals.duration),
                                      shown.duration(totals.billable)))

    def _restore_selection(self, entry: TimeEntry | None) -> None:
        row = self.day_model.row_of(entry.id) if entry is not None else -1
        if row >= 0:
            self.day_table.selectRow(row)

    def _on_tree_changed(self) -> None:
        tree = self._tasks.tree()
        self.day_model.set_tree(tree)
        self.week_model.set_tree(tree)

    def _set_ticking(self, wanted: bool) -> None:
        subscribe = getattr(self._timer_service, "subscribe_ticks", None)
        if subscribe is None or wanted == self._ticking:
            return
        self._ticking = wanted
        if wanted:
            subscribe(self)
        else:
            self._timer_service.unsubscribe_ticks(self)

    def is_ticking(self) -> bool:
        return self._ticking

    def _running_now(self, elapsed: timedelta | None = None):  # noqa: ANN202 - a datetime
        """The moment the running entry is measured up to: its start + the timer's elapsed
        time (so a wall clock set back never shows a negative or frozen row)."""
        running = self._timer_service.running()
        if running is None:
            return self._entries.now()
        return running.start + (self._timer_service.elapsed() if elapsed is None else elapsed)

    def _on_tick(self, elapsed: timedelta | None = None) -> None:
        """Move the running entry's duration on to `elapsed` (the TimerService's tick; None:
        read it now), measured as the timer measures it, clock changes included."""
        now = self._running_now(elapsed)
        self.day_model.tick(now)
        self.week_model.tick(now)
        self._show_total()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.day_table.viewport() and event.type() == QEvent.Type.Resize:
            self.empty_label.setGeometry(watched.rect())
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.reload()  # restarts the live clock when a running entry is shown

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().hideEvent(event)
        self._set_ticking(False)  # a hidden timesheet costs no CPU

    # -- entry actions ---------------------------------------------------------------------
    def selected_entry(self) -> TimeEntry | None:
        rows = self.day_table.selectionModel().selectedRows()
        return self.day_model.entry_at(rows[0].row()) if rows else None

    def select_entry(self, entry_id: int) -> bool:
        row = self.day_model.row_of(entry_id)
        if row >= 0:
            self.day_table.selectRow(row)
        return row >= 0

    def add_entry(self) -> TimeEntry | None:
        if not self.isVisible():
            self.page_wanted.emit()  # Ctrl+N on another page: the entry shows up here
        dialog = self.entry_editor()
        return dialog.saved_entry() if dialog.exec() else None

    def entry_editor(self, entry: TimeEntry | None = None) -> EntryEditorDialog:
        """The editor for `entry` (None: a new entry on the shown day), not yet shown."""
        return EntryEditorDialog(self._entries, self._tasks, entry, day=self._day, parent=self)

    def edit_selected(self) -> TimeEntry | None:
        entry = self.selected_entry() if self._mode == DAY else None
        if entry is None:
            return None
        dialog = self.entry_editor(entry)
        if not dialog.exec():
            return None
        saved = dialog.saved_entry()
        if saved is not None:
            self.select_entry(saved.id)
        return saved

    def delete_selected(self) -> None:
        entry = self.selected_entry() if self._mode == DAY else None
        if entry is None:
            return
        row = self.day_model.row_of(entry.id)
        try:
            self._entries.delete(entry.id)
        except (EntryError, StoreError) as exc:  # a rule broken; a full or busy disk
            self.undo_banner.show_notice(error_text(exc))
            return
        if self.day_model.rowCount():
            self.day_table.selectRow(min(row, self.day_model.rowCount() - 1))

    def continue_selected(self) -> None:
        entry = self.selected_entry() if self._mode == DAY else None
        if entry is None:
            return
        try:
            started = self._entries.continue_entry(entry.id)
        except (EntryError, StoreError) as exc:  # a rule broken; a full or busy disk
            self.undo_banner.show_notice(error_text(exc))
            return
        if started is not None:  # None: not started on an archived task after all
            self.go_today()

    def undo(self) -> None:
        if not self._entries.can_undo():
            return
        if not self.isVisible():
            self.page_wanted.emit()  # Ctrl+Z on another page: show what was undone
        self.undo_banner.hide()
        try:
            restored = self._entries.undo()
        except (EntryError, StoreError) as exc:  # a rule broken; a full or busy disk
            self.undo_banner.show_notice(fill(self.tr("Cannot undo: %1"), error_text(exc)))
            return
        if restored is not None and self._mode == DAY:
            self.select_entry(restored.id)

    def _on_entry_deleted(self, entry: TimeEntry) -> None:
        self.undo_banner.show_message(self.tr("Entry deleted — Undo (Ctrl+Z) brings it back."))

    def _update_actions(self, *_args: object) -> None:
        has_entry = self._mode == DAY and self.selected_entry() is not None
        for made in (self.edit_action, self.delete_action, self.continue_action):
            made.setEnabled(has_entry)
        self.undo_action.setEnabled(self._entries.can_undo())
        description = self._entries.undo_description()
        self.undo_action.setText("&" + description if description else self.tr("&Undo"))

    def set_billable(self, entry: TimeEntry, billable: bool) -> None:
        """The Billable check box of a row: stored like any edit (Ctrl+Z undoes it)."""
        current = self._entries.get(entry.id) if entry.id is not None else None
        if current is None:
            return
        try:
            self._entries.update(current.with_changes(billable=billable))
        except (EntryError, StoreError) as exc:  # a rule broken; a full or busy disk
            self.undo_banner.show_notice(error_text(exc))

    # -- export ----------------------------------------------------------------------------
    def export_csv(self, path: str | None = None) -> str | None:
        """Save the shown entries as CSV with the CLI's columns; asks where unless `path`."""
        return self._export.export_csv(path)

    def copy_table(self) -> None:
        self._export.copy_table()

    def _show_context_menu(self, position) -> None:
        index = self.day_table.indexAt(position)
        if not index.isValid():
            return
        self.day_table.selectRow(index.row())
        menu = day_menu(self, self.day_model.entry_at(index.row()), self._links)
        menu.exec(self.day_table.viewport().mapToGlobal(position))

    def _show_week_context_menu(self, position) -> None:
        index = self.week_table.indexAt(position)
        item_id = self.week_model.item_id_at(index.row()) if index.isValid() else None
        if item_id is not None:
            menu = task_menu(self, item_id, self._links)
            menu.exec(self.week_table.viewport().mapToGlobal(position))
