"""The Sync page's last records (issue 13, point 8): the record's name takes the spare width,
not the error column at the end."""

from __future__ import annotations

from desktop.ui.sync_status.statistics_view import StatisticsView


def test_the_record_column_takes_the_spare_width(qtbot):
    view = StatisticsView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    heading = view.changes_table.horizontalHeader()
    record_before, error_before = heading.sectionSize(2), heading.sectionSize(6)
    view.resize(1300, 600)
    qtbot.waitUntil(lambda: heading.sectionSize(2) > record_before)
    assert heading.sectionSize(6) == error_before  # the error column kept its width
