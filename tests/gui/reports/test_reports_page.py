"""The Reports page: periods, groupings, totals that match the timesheet to the second, the
chart (themed, plain text, crisp), CSV export with the CLI's columns, copy as a table."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from desktop.domain.csv_export import ENTRY_COLUMNS, entries_csv
from desktop.domain.durations import format_hm
from desktop.domain.entries import TimeEntry
from desktop.domain.periods import Period
from desktop.domain.report import GroupBy
from desktop.ui.reports.page import ReportsPage
from desktop.ui.reports.report_model import ReportColumn, ReportTableModel
from desktop.ui.timesheet.view import WEEK, TimesheetView
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)
from tests.gui.conftest_ui2 import (
    ARCHIVED_ID,
    CALL_ID,
    CASE_ID,
    NOW,
    OPPORTUNITY_ID,
    TZ,
    local,
)

WEDNESDAY = date(2026, 11, 18)


@pytest.fixture
def page(qtbot, entries_service, tasks_service, timer_service):
    shown = ReportsPage(entries_service, tasks_service, timer_service)
    qtbot.addWidget(shown)
    shown.resize(900, 600)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def add(store, item_id, start, end, billable=False, note=""):
    return store.entries.add(
        TimeEntry(start=start, end=end, item_id=item_id, billable=billable, note=note)
    )


def known_week(store):
    """Monday to Wednesday of the week of 18 November 2026 (Berlin), with fractions of seconds."""
    add(store, OPPORTUNITY_ID, local(16, 9), local(16, 10, 30), billable=True)
    add(store, CALL_ID, local(17, 23, 30), local(18, 0, 45), billable=True)  # across midnight
    add(store, CASE_ID, local(18, 8) + timedelta(milliseconds=600),
        local(18, 9) + timedelta(seconds=5, milliseconds=400))
    add(store, ARCHIVED_ID, local(18, 9, 30), local(18, 10))
    add(store, None, local(18, 10), local(18, 10, 20), note="admin")


def names(page) -> list[str]:
    model = page.model
    return [model.data(model.index(row, ReportColumn.NAME)) for row in range(model.rowCount())]


def test_the_model_passes_the_model_tester(qtmodeltester, page, store):
    known_week(store)
    page.reload()
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.sorted_model)


def test_a_week_by_task_with_every_entry_counted(qtbot, page, store):
    known_week(store)
    page.reload()
    assert page.controls.days() == (date(2026, 11, 16), date(2026, 11, 22))
    assert page.controls.group_by() is GroupBy.TASK
    assert names(page) == [
        "Acme - 500 Widgets",  # 1:30
        "Acme - 500 Widgets > Call back",  # 1:15
        "<b>Printer</b> on fire",  # 1:00:05 on the clock
        "Globex - Closed deal (archived)",
        "No task",
    ]
    totals = page.report().totals
    assert (totals.seconds, totals.billable_seconds, totals.entries) == (
        5400 + 4500 + 3605 + 1800 + 1200, 5400 + 4500, 5)
    assert page.totals_label.text() == "Total 4:35 · billable 2:45 · not billable 1:50"
    assert [bar.label for bar in page.chart.bars()] == names(page)


def test_totals_match_the_timesheet_to_the_second(
    qtbot, page, store, entries_service, tasks_service, timer_service, clock
):
    known_week(store)
    timer_service.start(OPPORTUNITY_ID)  # 11:00 Berlin, running
    clock.advance(seconds=61, milliseconds=300)
    timesheet = TimesheetView(entries_service, tasks_service, timer_service)
    qtbot.addWidget(timesheet)
    timesheet.set_day(WEDNESDAY)
    page.controls.set_period(Period.DAY, WEDNESDAY)
    day = page.report().totals
    assert day == entries_service.totals(WEDNESDAY, WEDNESDAY + timedelta(days=1))
    assert timesheet.total_label.text() == (
        f"Total {format_hm(day.duration)} · billable {format_hm(day.billable)}")
    timesheet.set_mode(WEEK)
    page.controls.set_period(Period.WEEK, WEDNESDAY)
    week = page.report().totals
    assert timesheet.week_model.week_total() == week.duration  # the grid, day by day
    assert sum(timesheet.week_model.day_total(WEDNESDAY + timedelta(days=n)).total_seconds()
               for n in range(-2, 5)) == week.seconds
    assert timesheet.total_label.text() == (
        f"Week total {format_hm(week.duration)} · billable {format_hm(week.billable)}")
    assert sum(row.totals.seconds for row in page.report().rows) == week.seconds
    assert week.seconds == 5400 + 4500 + 3605 + 1800 + 1200 + 61


def test_groupings_follow_the_tree_and_keep_entries_without_a_record(qtbot, page, store):
    known_week(store)
    page.controls.set_group_by(GroupBy.ACCOUNT)
    assert names(page) == ["Acme", "No account", "No task"]
    page.controls.set_group_by(GroupBy.OPPORTUNITY)
    assert names(page) == ["Acme - 500 Widgets", "Not on an opportunity",
                           "Globex - Closed deal (archived)", "No task"]
    page.controls.set_group_by(GroupBy.CASE)
    assert names(page) == ["Not on a case", "<b>Printer</b> on fire", "No task"]
    assert page.report().totals.entries == 5


def test_periods_days_months_ranges_and_navigation(qtbot, page, store):
    known_week(store)
    controls = page.controls
    controls.set_period(Period.DAY, WEDNESDAY)
    assert controls.days() == (WEDNESDAY, WEDNESDAY)
    assert not controls.today_button.isEnabled()
    assert page.report().totals.entries == 4  # the call reaches past midnight into today
    qtbot.mouseClick(controls.prev_button, Qt.MouseButton.LeftButton)
    assert controls.days() == (date(2026, 11, 17),) * 2
    assert controls.today_button.isEnabled()
    assert [row.totals.seconds for row in page.report().rows] == [30 * 60]
    qtbot.mouseClick(controls.today_button, Qt.MouseButton.LeftButton)
    assert controls.days() == (WEDNESDAY, WEDNESDAY)
    controls.period_box.setCurrentIndex(controls.period_box.findData("month"))
    assert controls.days() == (date(2026, 11, 1), date(2026, 11, 30))
    assert controls.title_label.text() == "November 2026"
    assert page.report().totals.entries == 5
    controls.set_range(date(2026, 11, 17), date(2026, 11, 16))  # swapped: fixed
    assert controls.days() == (date(2026, 11, 16), date(2026, 11, 17))
    assert controls.from_edit.isVisible() and controls.to_edit.isVisible()
    controls.to_edit.setDate(controls.to_edit.date().addDays(1))
    assert controls.days() == (date(2026, 11, 16), WEDNESDAY)
    qtbot.mouseClick(controls.next_button, Qt.MouseButton.LeftButton)  # by its own length
    assert controls.days() == (date(2026, 11, 19), date(2026, 11, 21))
    assert page.chart.message() == "No time recorded in these days."


def test_a_running_timer_moves_the_figures_while_shown(qtbot, page, store, timer_service, clock):
    timer_service.start(CASE_ID)
    clock.advance(minutes=5)
    page.reload()
    assert page.report().totals.seconds == 300
    assert page.is_ticking() and timer_service.is_ticking()
    clock.advance(seconds=30)
    with qtbot.waitSignal(timer_service.ticked, timeout=3000):
        pass
    assert page.report().totals.seconds == 330
    page.hide()
    assert not page.is_ticking()


def test_entries_changed_while_hidden_are_read_when_shown(
    qtbot, page, store, timer_service, tasks_service
):
    from desktop.services.entries_service import EntriesService

    page.hide()
    timesheet_entries = EntriesService(store, timer_service)  # the timesheet's own service
    timesheet_entries.add(CASE_ID, local(18, 8), local(18, 9))
    assert page.report().totals.seconds == 0  # hidden: nothing read
    page.show()
    assert page.report().totals.seconds == 3600


def test_loading_tasks_first(qtbot, store, entries_service, timer_service):
    from desktop.services.tasks_service import TasksService

    tasks = TasksService(store)  # not loaded yet
    page = ReportsPage(entries_service, tasks, timer_service)
    qtbot.addWidget(page)
    page.show()
    assert page.chart.message() == "Loading tasks…" and page.report() is None
    add(store, CASE_ID, local(18, 8), local(18, 9))
    with qtbot.waitSignal(tasks.tree_changed, timeout=10_000):
        tasks.reload()
    qtbot.waitUntil(lambda: page.report() is not None)
    page.reload()
    assert names(page) == ["<b>Printer</b> on fire"]


def test_export_csv_writes_the_cli_columns(qtbot, page, store, tasks_service, tmp_path):
    known_week(store)
    add(store, CASE_ID, local(19, 8), local(19, 9), note="=HYPERLINK(\"x\")")
    target = tmp_path / "week.csv"
    assert page.export_csv(str(target)) == str(target)
    text = target.read_text(encoding="utf-8")
    entries = store.entries.between(local(16, 0), local(23, 0))
    assert text == entries_csv(entries, tasks_service.tree(), TZ, NOW)
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == ENTRY_COLUMNS and len(rows) == 7
    assert any(row[5] == "'=HYPERLINK(\"x\")" for row in rows)  # the CLI's formula guard
    assert page.notice_label.text() == f"Saved 6 entries to {target}"
    # a place that cannot be written: a clear line, nothing left behind
    refused = tmp_path / "missing" / "week.csv"
    assert page.export_csv(str(refused)) is None
    assert page.notice_label.text().startswith(f"Could not save {refused}:")
    assert not refused.parent.exists()


def test_copy_as_table_puts_text_and_escaped_html_on_the_clipboard(qtbot, page, store):
    known_week(store)
    page.controls.set_group_by(GroupBy.CASE)
    page.copy_table()
    data = QApplication.clipboard().mimeData()
    lines = data.text().splitlines()
    assert lines[0] == "Name\tTotal\tBillable\tNot billable\tEntries"
    assert "<b>Printer</b> on fire\t1:00\t0:00\t1:00\t1" in lines
    assert lines[-1] == "Total\t4:35\t2:45\t1:50\t5"
    assert "&lt;b&gt;Printer&lt;/b&gt; on fire" in data.html()
    assert "<b>Printer" not in data.html()


def test_the_table_sorts_by_any_column(qtbot, page, store):
    known_week(store)
    page.reload()
    page.table.sortByColumn(ReportColumn.NAME, Qt.SortOrder.AscendingOrder)
    shown = [page.sorted_model.index(row, 0).data() for row in range(page.sorted_model.rowCount())]
    assert shown == sorted(shown, key=str.casefold)
    page.table.sortByColumn(ReportColumn.TOTAL, Qt.SortOrder.DescendingOrder)
    page.chart.bar_clicked.emit(2)  # a click on the third bar selects its row
    [selected] = page.table.selectionModel().selectedRows()
    assert selected.data() == "<b>Printer</b> on fire"


def render(widget, ratio: float) -> QImage:
    image = QImage(widget.size() * ratio, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    widget.render(painter, QPoint(0, 0))
    painter.end()
    return image


def colors_in(image: QImage) -> set[int]:
    return {image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}


def test_the_chart_is_themed_from_the_palette_and_crisp_at_any_scale(qtbot, page, store):
    known_week(store)
    page.reload()
    chart = page.chart
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    dark.setColor(QPalette.ColorRole.Highlight, QColor("#3d8fe0"))
    dark.setColor(QPalette.ColorRole.PlaceholderText, QColor("#9a9a9a"))
    chart.setPalette(dark)
    for ratio in (1.0, 2.0):
        image = render(chart, ratio)
        assert image.width() == int(chart.width() * ratio)
        found = colors_in(image)
        assert QColor("#1e1e1e").rgb() in found  # the dark background
        assert QColor("#3d8fe0").rgb() in found  # billable bars, solid
        assert QColor("#f0f0f0").rgb() in found  # names and figures in the light text colour
    assert chart.shown_bars() == 5


def test_the_chart_shows_what_fits_and_counts_the_rest(qtbot, page, store):
    for hour in range(8):
        add(store, CASE_ID if hour % 2 else CALL_ID, local(18, hour), local(18, hour, 30))
    add(store, OPPORTUNITY_ID, local(18, 9), local(18, 10))
    add(store, ARCHIVED_ID, local(18, 10), local(18, 11))
    add(store, None, local(18, 11), local(18, 12))
    page.reload()
    assert len(page.chart.bars()) == 5
    page.chart.resize(600, 150)
    render(page.chart, 1.0)
    assert 1 <= page.chart.shown_bars() < 5


def test_report_model_formats_every_figure_with_one_formatter(qtbot, page, store):
    known_week(store)
    page.reload()
    decimal = ReportTableModel(lambda d: f"{d.total_seconds() / 3600:.2f}")
    decimal.set_report(page.report())
    assert decimal.data(decimal.index(0, ReportColumn.TOTAL)) == "1.50"
    assert decimal.data(decimal.index(0, ReportColumn.TOTAL), Qt.ItemDataRole.ToolTipRole) == "1:30:00"


def test_the_reports_page_has_unique_mnemonics_in_the_window(qtbot, page, timer_service, tasks_service, sync_service):
    from desktop.ui.main_window import MainWindow
    from desktop.ui.picker.task_widget import TaskWidget
    from tests.gui.test_mnemonics import assert_unique

    window = MainWindow(TaskWidget(timer_service, tasks_service), timer_service, sync_service,
                        pages=[("Timesheet", QWidget()), ("Reports", page)])
    qtbot.addWidget(window)
    window.show()
    assert window.show_page("Reports")
    mnemonics = assert_unique(window)
    assert {"Alt+P", "Alt+G", "Alt+C", "Alt+E"} <= mnemonics.keys()
    window.page_actions[1].trigger()  # Go > Reports (Ctrl+2)
    assert window.pages.currentWidget() is page


def test_a_deleted_page_no_longer_follows_the_task_tree(qtbot, entries_service, tasks_service,
                                                         timer_service):
    """The tasks service outlives a page (a tree_changed of a late search index came after
    the page of an earlier test was deleted, and its slot read deleted widgets)."""
    import shiboken6

    page = ReportsPage(entries_service, tasks_service, timer_service)
    shiboken6.delete(page)
    tasks_service.tree_changed.emit()  # nothing left to refresh: no error


def test_a_new_day_moves_a_period_that_held_today_and_keeps_any_other(qtbot, page, store):
    """services/day_watch.py at midnight (WEDNESDAY is today here)."""
    controls = page.controls
    thursday = WEDNESDAY + timedelta(days=1)
    controls.set_period(Period.DAY, WEDNESDAY)
    page.follow_day(WEDNESDAY, thursday)
    assert controls.days() == (thursday, thursday) and not controls.today_button.isEnabled()

    controls.set_period(Period.WEEK, WEDNESDAY)  # Thursday is in that week too: it stays
    page.follow_day(WEDNESDAY, thursday)
    assert controls.days() == (date(2026, 11, 16), date(2026, 11, 22))

    controls.set_range(date(2026, 11, 10), WEDNESDAY)  # chosen days are kept
    page.follow_day(WEDNESDAY, thursday)
    assert controls.days() == (date(2026, 11, 10), WEDNESDAY)
    assert controls.today_button.isEnabled()
