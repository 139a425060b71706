"""Sync status: last/next sync, progress while syncing, statistics after a real sandbox sync."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.domain.synclog import (
    ChangeStatus,
    Direction,
    ObjectCounts,
    RecordChange,
    RunOutcome,
    SyncRun,
)
from desktop.ui.sync_status.statistics_models import (
    ObjectCountsModel,
    RecordChangesModel,
    RunsModel,
)
from desktop.ui.sync_status.view import SyncStatusView
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)
from tests.gui.conftest_ui2 import NOW, TZ

TIMEOUT_MS = 20_000

RUNS = [
    SyncRun(2, NOW - timedelta(minutes=5), "incremental", RunOutcome.FAILED,
            NOW - timedelta(minutes=5) + timedelta(seconds=2), api_calls=1,
            error="Your Salesforce org has used up its daily API request limit."),
    SyncRun(1, NOW - timedelta(days=1), "full", RunOutcome.SUCCEEDED,
            NOW - timedelta(days=1) + timedelta(seconds=12), api_calls=3,
            counts={"Opportunity": ObjectCounts(created=40, archived=2, closed=1, deleted=1),
                    "Case": ObjectCounts(created=10, modified=1, restored=1)}),
]
CHANGES = [
    RecordChange(NOW, "Case", "500000000000001AAA", "archived", Direction.FROM_SALESFORCE,
                 record_name="<b>Printer</b> on fire"),
    RecordChange(NOW, "Event", "00U000000000001AAA", "pushed", Direction.TO_SALESFORCE,
                 ChangeStatus.ERROR, "Acme call", "FIELD_CUSTOM_VALIDATION_EXCEPTION: no"),
]


def cell(model, row, column):
    return model.data(model.index(row, column))


@pytest.fixture
def connected_sync(qtbot, engine, sync_service, sandbox):
    """The engine signed in to the sandbox with its scheduler feeding the SyncService."""
    engine.connect_password(sandbox.username, sandbox.password, sandbox.security_token,
                            login_url=sandbox.login_url, ca_file=sandbox.ca_file)
    callbacks = sync_service.callbacks()
    scheduler = engine.start_scheduler(
        first_delay=timedelta(hours=1),
        **callbacks.as_kwargs(),
    )
    sync_service.attach(scheduler)
    return sync_service


def test_statistics_models_pass_the_model_tester(qtmodeltester):
    runs, counts, changes = RunsModel(TZ), ObjectCountsModel(TZ), RecordChangesModel(TZ)
    runs.set_rows(RUNS, NOW)
    counts.set_runs(RUNS, NOW)
    changes.set_rows(CHANGES, NOW)
    for model in (runs, counts, changes):
        qtmodeltester.check(model)
    assert [cell(runs, 0, c) for c in range(5)] == ["10:55", "Changes", "Failed", "2.0 s", "1"]
    assert cell(runs, 1, 0) == "Yesterday 11:00"
    assert cell(runs, 1, 5) == "54"  # 50 created, 1 modified, 2 archived, 1 restored
    assert runs.data(runs.index(0, 2), Qt.ItemDataRole.ToolTipRole).startswith("Your Salesforce")
    # why items were archived, reason by reason (issue 15)
    assert counts.headers[:7] == ("Object", "Created", "Modified", "Closed", "Deleted",
                                  "Not visible", "Excluded")
    assert [cell(counts, 1, c) for c in range(7)] == ["Opportunity", "40", "0", "1", "1", "0", "0"]
    assert runs.data(runs.index(1, 5), Qt.ItemDataRole.ToolTipRole).startswith(
        "Case: 10 created, 1 modified, 0 archived, 1 restored\n"
        "Opportunity: 40 created, 0 modified, 2 archived (1 closed, 1 deleted), 0 restored")
    assert cell(changes, 0, 2) == "<b>Printer</b> on fire"  # plain text, literally
    assert [cell(changes, 1, c) for c in (3, 4, 5)] == ["Pushed", "To Salesforce", "Error"]
    assert cell(changes, 1, 6).startswith("FIELD_CUSTOM_VALIDATION_EXCEPTION")
    assert changes.data(changes.index(1, 6), Qt.ItemDataRole.ForegroundRole) is not None


def test_not_connected_view_says_so(qtbot, sync_service, clock):
    view = SyncStatusView(sync_service, tz=TZ, clock=clock)
    qtbot.addWidget(view)
    view.show()
    assert view.last_label.text() == "Never synchronized yet."
    assert "connect on the Settings page" in view.next_label.text()
    assert not view.sync_button.isEnabled()
    assert not view.progress_bar.isVisible()
    qtbot.waitUntil(lambda: not view.is_loading())


def test_progress_while_syncing_and_errors_shown(qtbot, sync_service, clock):
    from tests.gui.conftest import FakeScheduler

    sync_service.attach(FakeScheduler())
    view = SyncStatusView(sync_service, tz=TZ, clock=clock)
    qtbot.addWidget(view)
    view.show()
    callbacks = sync_service.callbacks()
    with qtbot.waitSignal(sync_service.state_changed):
        callbacks.on_started()
    assert view.progress_bar.isVisible() and view.cancel_button.isVisible()
    assert not view.sync_button.isEnabled()
    with qtbot.waitSignal(sync_service.state_changed):
        callbacks.on_progress("Opportunity", 2000, 5000)
    assert (view.progress_bar.value(), view.progress_bar.maximum()) == (2000, 5000)
    assert view.progress_label.text() == "Synchronizing Opportunity: 2,000 of 5,000 records"
    with qtbot.waitSignal(sync_service.sync_failed):
        callbacks.on_failed("Salesforce (127.0.0.1) had a problem answering.", "retry")
    assert not view.progress_bar.isVisible()
    assert view.error_label.isVisible()
    assert view.error_label.text() == "Salesforce (127.0.0.1) had a problem answering."
    qtbot.waitUntil(lambda: not view.is_loading())


def test_sync_status_and_statistics_after_a_sandbox_sync(
    qtbot, connected_sync, engine, clock, sandbox
):
    view = SyncStatusView(connected_sync, tz=TZ)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    assert view.sync_button.isEnabled()
    assert view.next_label.text().startswith("Next synchronization:")
    assert "(in 59 min)" in view.next_label.text() or "(in 1 h)" in view.next_label.text()

    with qtbot.waitSignal(connected_sync.sync_finished, timeout=TIMEOUT_MS) as finished:
        qtbot.mouseClick(view.sync_button, Qt.MouseButton.LeftButton)
    run = finished.args[0]
    assert run.outcome == RunOutcome.SUCCEEDED
    assert not view.progress_bar.isVisible()
    assert "succeeded" in view.last_label.text()
    assert f"{run.api_calls} API call" in view.last_label.text()

    stats = view.statistics
    qtbot.waitUntil(  # a read started before the sync ended may show it running first
        lambda: stats.runs_model.rowCount() == 1 and cell(stats.runs_model, 0, 2) == "Succeeded",
        timeout=TIMEOUT_MS,
    )
    assert cell(stats.runs_model, 0, 1) == "Full"  # the first sync is a full pass
    opportunities = stats.counts_model.counts_for("Opportunity")
    assert opportunities is not None and opportunities.created > 0
    assert opportunities.created == run.counts["Opportunity"].created
    assert stats.changes_model.rowCount() == min(100, sum(c.total for c in run.counts.values()))
    assert cell(stats.changes_model, 0, 4) == "From Salesforce"
    assert f"{run.api_calls} API call" in stats.api_label.text()

    # a second sync with nothing changed: one more run, one API call
    with qtbot.waitSignal(connected_sync.sync_finished, timeout=TIMEOUT_MS) as second:
        view.sync_button.click()
    assert second.args[0].api_calls == 1
    qtbot.waitUntil(
        lambda: stats.runs_model.rowCount() == 2 and cell(stats.runs_model, 0, 2) == "Succeeded",
        timeout=TIMEOUT_MS,
    )
    stats.runs_table.selectRow(0)  # the per-object table follows the selected run
    assert stats.counts_heading.text() == "Per object, selected run"
    assert all(cell(stats.counts_model, r, 1) == "0" for r in range(stats.counts_model.rowCount()))


def test_counts_table_shows_the_reasons_and_only_the_columns_in_use(qtbot):
    from desktop.ui.sync_status.statistics_view import StatisticsView

    view = StatisticsView(TZ)
    qtbot.addWidget(view)
    old = SyncRun(3, NOW - timedelta(days=2), "full", RunOutcome.SUCCEEDED, NOW,
                  counts={"Case": ObjectCounts(archived=3)})  # logged before reasons were kept
    view.set_history([*RUNS, old], [], NOW)
    headers = view.counts_model.headers
    shown = [headers[c] for c in range(len(headers)) if not view.counts_table.isColumnHidden(c)]
    assert shown == ["Object", "Created", "Modified", "Closed", "Deleted", "Not visible",
                     "Archived (other)", "Restored"]  # no exclusion, no write-back yet
    case = headers.index("Archived (other)")
    assert cell(view.counts_model, 0, case) == "3"
    view.set_history([SyncRun(4, NOW, "incremental", RunOutcome.SUCCEEDED, NOW, counts={
        "Task": ObjectCounts(archived=2, excluded=2), "Event": ObjectCounts(pushed=1)})], [], NOW)
    shown = [headers[c] for c in range(len(headers)) if not view.counts_table.isColumnHidden(c)]
    assert "Excluded" in shown and "Pushed" in shown and "Failed" in shown
    assert "Archived (other)" not in shown


def test_an_archived_record_says_why():
    model = RecordChangesModel(TZ)
    model.set_rows([RecordChange(NOW, "Case", "500000000000001AAA", "archived",
                                 Direction.FROM_SALESFORCE, record_name="Printer",
                                 reason="not visible")], NOW)
    assert cell(model, 0, 3) == "Archived (not visible)"


def test_open_log_folder(qtbot, sync_service, tmp_path):
    """Issue 11 point 8: the Sync page leads to the log files (for the user or support)."""
    from PySide6.QtCore import QUrl

    opened: list[QUrl] = []
    view = SyncStatusView(sync_service, tz=TZ, log_dir=tmp_path / "logs", open_url=opened.append)
    qtbot.addWidget(view)
    view.show()
    assert view.log_button.isVisible()
    qtbot.mouseClick(view.log_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(tmp_path / "logs"))]
    qtbot.waitUntil(lambda: not view.is_loading())
