"""How the timesheet writes tasks, times, days and durations (local time, plain text, in the
user's language: day and month names from QLocale, date patterns translatable)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QLocale, QTime

from desktop.domain.task_names import path_label
from desktop.domain.text import fill
from desktop.domain.tree import TaskTree
from desktop.services.display_format import display_format

_CONTEXT = "TimesheetText"
NO_TASK = QT_TRANSLATE_NOOP("TimesheetText", "No task")
ARCHIVE_REASONS = {
    "closed": QT_TRANSLATE_NOOP("TimesheetText", "closed"),
    "deleted": QT_TRANSLATE_NOOP("TimesheetText", "deleted"),
    "not visible": QT_TRANSLATE_NOOP("TimesheetText", "not visible"),
}


translate = QCoreApplication.translate  # by this name, pyside6-lupdate finds the texts


def _tr(text: str) -> str:
    return translate(_CONTEXT, text)


def no_task() -> str:
    return _tr(NO_TASK)


def task_label(tree: TaskTree | None, item_id: str | None,
               labels: Mapping[str, str] | None = None) -> str:
    """The task's path below the root ("Acme - 500 Widgets > Call back"), as told apart from
    the other tasks shown in `labels` (desktop.domain.task_names.distinct_labels), or "No
    task"."""
    if item_id is None:
        return no_task()
    if labels is not None and item_id in labels:
        return labels[item_id]
    label = path_label(tree, item_id) if tree is not None else None
    return label if label is not None else fill(translate("TimesheetText", "Unknown task (%1)"), item_id)


def archive_reason(reason: str | None) -> str:
    """"closed", "deleted", "not visible" in the user's language."""
    return _tr(ARCHIVE_REASONS[reason]) if reason in ARCHIVE_REASONS else (reason or "")


def task_tooltip(tree: TaskTree | None, item_id: str | None) -> str:
    """The full path, plus why it no longer shows in the picker when it is archived."""
    if item_id is None or tree is None or tree.get(item_id) is None:
        return task_label(tree, item_id)
    item = tree.get(item_id)
    text = tree.path_text(item_id)
    if item is not None and item.archived:
        if item.archive_reason:
            text += "\n" + fill(translate("TimesheetText", "Archived in Stint (%1); its time entries stay valid."),
                                archive_reason(item.archive_reason))
        else:
            text += "\n" + translate("TimesheetText", "Archived in Stint; its time entries stay valid.")
    return text


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def short_day_name(day: date) -> str:
    """"Fri" ("ven." in French)."""
    return QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)


def local_time(moment: datetime, tz: tzinfo | None, day: date | None = None) -> str:
    """"09:30" (or "9:30 AM", as chosen) in local time; "Fri 23:30" when it falls on another
    day than `day`."""
    local = moment.astimezone(tz)
    clock = display_format().clock_time(local)
    if day is not None and local.date() != day:
        return f"{short_day_name(local.date())} {clock}"
    return clock


def long_day(day: date) -> str:
    """"Saturday, 21 November 2026" ("samedi 21 novembre 2026")."""
    # A QLocale date pattern: day and month names come from the locale.
    return QLocale().toString(_qdate(day), translate("TimesheetText", "dddd, d MMMM yyyy"))


def long_moment(moment: datetime) -> str:
    """"Saturday 21 November 2026, 09:30:05" for a tooltip (local, as given)."""
    stamp = QDateTime(_qdate(moment.date()), QTime(moment.hour, moment.minute, moment.second))
    return QLocale().toString(stamp, translate("TimesheetText", "dddd d MMMM yyyy, HH:mm:ss"))


def week_span(first_day: date, last_day: date) -> str:
    """"16 – 22 November 2026" (or across months/years when the week is)."""
    locale = QLocale()
    first, last = _qdate(first_day), _qdate(last_day)
    if first_day.year != last_day.year:
        return fill(translate("TimesheetText", "%1 – %2"), locale.toString(first, translate("TimesheetText", "d MMMM yyyy")),
                    locale.toString(last, translate("TimesheetText", "d MMMM yyyy")))
    if first_day.month != last_day.month:
        return fill(translate("TimesheetText", "%1 – %2"), locale.toString(first, translate("TimesheetText", "d MMMM")),
                    locale.toString(last, translate("TimesheetText", "d MMMM yyyy")))
    return fill(translate("TimesheetText", "%1 – %2"), str(first_day.day), locale.toString(last, translate("TimesheetText", "d MMMM yyyy")))


def week_column_title(day: date) -> str:
    """"Wed 18" for a column of the week grid."""
    return f"{short_day_name(day)} {day.day}"


def week_column_tooltip(day: date) -> str:
    return fill(translate("TimesheetText", "%1: double-click a cell to open the day"),
                QLocale().toString(_qdate(day), translate("TimesheetText", "dddd d MMMM yyyy")))
