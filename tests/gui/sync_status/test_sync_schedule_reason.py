"""Why the next sync is later than usual, and the org's API usage: SyncService accessors, the
status bar, the Sync page — with a stand-in scheduler and with the real one on the sandbox."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QWidget

from desktop.domain.synclog import RunOutcome, SyncRun
from desktop.salesforce.api_usage import ApiUsage
from desktop.services.sync_service import API_USAGE_KEY, SyncService
from desktop.ui.main_window import MainWindow
from desktop.ui.picker.task_widget import TaskWidget
from desktop.ui.sync_status.text import api_usage_text, schedule_remark
from desktop.ui.sync_status.view import SyncStatusView
from tests.gui.conftest import NOW

REASON = ("Salesforce API use is near the org's daily limit (14,400 of 15,000 calls used), "
          "so Stint syncs every 2 hours instead of every 30 minutes.")


def _succeeded() -> SyncRun:
    return SyncRun(1, NOW - timedelta(minutes=3), "incremental", RunOutcome.SUCCEEDED, NOW)


# -- texts ------------------------------------------------------------------------------------
def test_the_remark_says_why_in_a_few_words():
    usage = ApiUsage(used=14_400, limit=15_000)
    assert schedule_remark(None, usage, _succeeded()) == ""
    assert schedule_remark(REASON, usage, _succeeded()) == (
        "later than usual: the org has used 96% of its daily API calls")
    assert schedule_remark("refused", None, _succeeded()) == (
        "later than usual: Salesforce refused more API calls today")
    failed = SyncRun(2, NOW, "incremental", RunOutcome.FAILED, NOW)
    assert schedule_remark("The last sync failed; trying again in 1 minutes.", usage, failed) == (
        "sooner than usual: the last sync failed")
    # 14,999 of 15,000 is 99%, not a rounded-up 100%: a call is still left.
    assert "99%" in schedule_remark(REASON, ApiUsage(14_999, 15_000), _succeeded())


def test_api_usage_text():
    assert api_usage_text(ApiUsage(14_400, 15_000)) == (
        "Salesforce API calls in the last 24 hours: 14,400 of 15,000 (96%).")
    assert "not reported yet" in api_usage_text(None)


# -- SyncService ------------------------------------------------------------------------------
def test_sync_service_accessors(gui_store, sync, scheduler):
    from desktop.engine.core import API_USAGE_KEY as ENGINE_KEY

    assert API_USAGE_KEY == ENGINE_KEY
    assert sync.sync_log() is gui_store.sync_log
    assert sync.api_usage() is None and sync.stretch_reason() is None
    gui_store.sync_state.set_value(API_USAGE_KEY, "14400/15000")
    scheduler.stretch_reason = REASON
    assert sync.api_usage() == ApiUsage(14_400, 15_000)
    assert sync.stretch_reason() == REASON
    sync.attach(None)
    assert sync.stretch_reason() is None


def test_the_status_bar_says_the_next_sync_is_later_and_why(qtbot, timer, tasks, sync, scheduler,
                                                            gui_store):
    window = MainWindow(TaskWidget(timer, tasks), timer, sync, pages=[("Timesheet", QWidget())])
    qtbot.addWidget(window)
    scheduler.next_at = NOW + timedelta(hours=2)
    sync.callbacks().on_finished(_succeeded())
    qtbot.waitUntil(lambda: "next" in window.sync_label.text())
    assert "later than usual" not in window.sync_label.text()

    gui_store.sync_state.set_value(API_USAGE_KEY, "14400/15000")
    scheduler.stretch_reason = REASON
    with qtbot.waitSignal(sync.sync_finished):
        sync.callbacks().on_finished(_succeeded())
    assert window.sync_label.text().endswith(
        " — later than usual: the org has used 96% of its daily API calls")
    assert REASON in window.sync_label.toolTip()  # (as an escaped rich-text tooltip)


def test_the_sync_page_shows_the_reason_and_the_api_usage(qtbot, sync, scheduler, gui_store,
                                                          clock):
    scheduler.next_at = NOW + timedelta(hours=2)
    view = SyncStatusView(sync, clock=clock)
    qtbot.addWidget(view)
    assert view.next_label.text().startswith("Next synchronization:")
    assert "\n" not in view.next_label.text()
    assert "not reported yet" in view.api_label.text()

    gui_store.sync_state.set_value(API_USAGE_KEY, "14400/15000")
    scheduler.stretch_reason = REASON
    view.refresh_status()
    assert view.next_label.text().endswith("\n" + REASON)
    assert view.api_label.text() == (
        "Salesforce API calls in the last 24 hours: 14,400 of 15,000 (96%).")


def test_a_real_scheduler_near_the_api_limit(qtbot, profile_dir, sandbox, clock):
    """The sandbox org has used 96 % of its calls: after a sync the real scheduler stretches
    the interval, and both the status bar and the Sync page say so."""
    from desktop.engine import Engine
    from desktop.platform.secrets import MemorySecretStore

    with Engine.open(profile_dir, secret_store=MemorySecretStore(), policy={},
                     log_to_file=False) as engine:
        engine.connect_password(sandbox.username, sandbox.password, sandbox.security_token,
                                login_url=sandbox.login_url, ca_file=sandbox.ca_file)
        sandbox.budget.configure(maximum=15_000, used=14_400)
        sync = SyncService(engine.store)
        view = SyncStatusView(sync)
        qtbot.addWidget(view)
        callbacks = sync.callbacks()
        scheduler = engine.start_scheduler(
            first_delay=timedelta(0),
            **callbacks.as_kwargs())
        sync.attach(scheduler)
        with qtbot.waitSignal(sync.sync_finished, timeout=30_000):
            pass
        qtbot.waitUntil(lambda: sync.stretch_reason() is not None, timeout=5000)
        usage = sync.api_usage()
        assert usage is not None and usage.limit == 15_000 and usage.used >= 14_400
        assert "near the org's daily limit" in view.next_label.text()
        assert "of 15,000 (96%)" in view.api_label.text()
        remark = schedule_remark(sync.stretch_reason(), usage, sync.last_run())
        assert remark == "later than usual: the org has used 96% of its daily API calls"
        engine.stop_scheduler()
