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


def test_short_of_room_the_tables_scroll_rather_than_cut_what_a_row_is(qtbot):
    """A narrow page (or French's longer headers): the object column and the run's result keep
    the width their texts need; the tables scroll sideways instead."""
    from datetime import UTC, datetime

    from desktop.domain.synclog import ObjectCounts, RunOutcome, SyncRun

    now = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
    run = SyncRun(1, now, "full", RunOutcome.SUCCEEDED, finished_at=now, api_calls=3,
                  counts={"Opportunity": ObjectCounts(created=2, closed=1, archived=1),
                          "Case": ObjectCounts(modified=1)})
    view = StatisticsView()
    qtbot.addWidget(view)
    view.set_history([run], [], now)
    view.resize(560, 500)
    view.show()
    qtbot.waitExposed(view)
    for table, column in ((view.counts_table, 0), (view.runs_table, 2)):
        needed = table.sizeHintForColumn(column)
        qtbot.waitUntil(lambda t=table, c=column, n=needed: t.horizontalHeader().sectionSize(c) >= n)
    view.resize(1600, 500)  # room again: the text columns take the spare width
    qtbot.waitUntil(lambda: view.counts_table.horizontalHeader().sectionSize(0)
                    > view.counts_table.sizeHintForColumn(0) + 20)
