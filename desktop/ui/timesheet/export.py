"""The timesheet's Export menu: the shown day's or week's entries as a CSV file with the CLI's
columns (`stint entries --csv`, domain.csv_export), or the shown table on the clipboard."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.domain.csv_export import entries_csv
from desktop.domain.text import fill
from desktop.services.entries_service import EntriesService
from desktop.ui.table_export import (
    choose_csv_path,
    copy_table,
    csv_file_name,
    model_table,
    write_text_file,
)
from desktop.ui.timesheet.day_model import DayColumn

if TYPE_CHECKING:
    from desktop.ui.timesheet.view import TimesheetView


class TimesheetExport(QObject):
    def __init__(self, view: TimesheetView, entries: EntriesService, tasks: QObject) -> None:
        super().__init__(view)
        self._view = view
        self._entries = entries
        self._tasks = tasks

    def export_csv(self, path: str | None = None) -> str | None:
        """Save the shown entries; asks where unless `path` is given. Returns the path
        written, None when cancelled or refused (the view's banner says why)."""
        view = self._view
        first, last = view.shown_days()
        if path is None:
            path = choose_csv_path(view, csv_file_name(first, last))
            if path is None:
                return None
        entries = self._entries.entries_between(first, last + timedelta(days=1))
        text = entries_csv(entries, self._tasks.tree(), self._entries.tz, self._entries.now())
        try:
            write_text_file(path, text)
        except OSError as exc:
            view.undo_banner.show_notice(
                fill(self.tr("Could not save %1: %2"), path, exc.strerror or str(exc))
            )
            return None
        saved = (self.tr("Saved 1 entry to %1") if len(entries) == 1
                 else self.tr("Saved %n entries to %1", "", len(entries)))
        view.undo_banner.show_notice(fill(saved, path))
        return path

    def copy_table(self) -> None:
        """The shown table on the clipboard (tab-separated text and HTML)."""
        view = self._view
        if view.mode() == "day":
            hidden = [DayColumn.SALESFORCE] if view.day_table.isColumnHidden(DayColumn.SALESFORCE) else []
            copy_table(*model_table(view.day_model, hidden))
        else:
            copy_table(*model_table(view.week_model))
        view.undo_banner.show_notice(
            self.tr("Copied the table; paste it into a spreadsheet or a mail.")
        )
