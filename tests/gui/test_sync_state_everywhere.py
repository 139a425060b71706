"""Issue 11 point 9: one sync state everywhere. The status bar, the banner, the tray, the
Sync page and the Settings page render the SyncService's one state, so they agree; a problem
is told once (a retry failing the same way brings back neither the banner the user closed
nor another notification); a restart after a failed sync retries within seconds. A pause
(issue 15) is part of that one state: every surface says it, with a failure beside it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QWidget

from desktop.domain.synclog import RunOutcome
from desktop.services.sync_service import SyncService
from desktop.services.sync_state import SyncPhase
from desktop.ui.icons import TrayState
from desktop.ui.main_window import MainWindow
from desktop.ui.picker.task_widget import TaskWidget
from desktop.ui.settings.page import CONNECTED, IntegrationPage
from desktop.ui.settings.sync_line import FAILED_TEXT
from desktop.ui.sync_status.text import (
    SYNCING_ONCE_WHILE_PAUSED,
    paused_explained,
    paused_sentence,
    paused_text,
)
from desktop.ui.sync_status.view import SyncStatusView
from desktop.ui.tray.controller import TrayController
from tests.gui.conftest import FakeScheduler
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)
from tests.gui.conftest_ui2 import NOW
from tests.gui.settings.test_settings_page import connect, wait_for_first_sync

PROBLEM = "login.salesforce.com could not be reached. Check the login URL and your network."


@pytest.fixture
def surfaces(qtbot, timer_service, engine_tasks_service, sync_service, integration_service,
             sandbox, engine):
    page = IntegrationPage(integration_service, engine_tasks_service, sync_service=sync_service,
                           describe_pause=paused_explained)
    sync_page = SyncStatusView(sync_service)
    window = MainWindow(TaskWidget(timer_service, engine_tasks_service), timer_service,
                        sync_service, pages=[("Timesheet", QWidget()), ("Sync", sync_page),
                                             ("Settings", page)])
    qtbot.addWidget(window)
    window.resize(900, 900)
    window.show()
    window.show_page("Settings")
    qtbot.waitUntil(lambda: integration_service.connection_info() is not None)
    connect(qtbot, page, integration_service, sandbox)  # a real sign-in and first sync...
    wait_for_first_sync(qtbot, sync_service)
    engine.stop_scheduler()
    scheduler = FakeScheduler()  # ...then a scheduler the test drives
    scheduler.next_at = NOW + timedelta(minutes=1)
    sync_service.attach(scheduler)
    tray = TrayController(timer_service, engine_tasks_service, sync_service,
                          toggle_window=lambda: None, open_window=lambda: None,
                          pick_task=lambda: None, quit_app=lambda: None, tray_available=False,
                          describe_pause=paused_sentence)
    notices: list[str] = []
    tray.notify = lambda title, message, error=False: notices.append(message) or True
    yield window, page, sync_page, tray, notices
    tray.dispose()


def fail(qtbot, sync, engine, message: str = PROBLEM) -> None:
    run_id = engine.store.sync_log.start_run(NOW, "incremental")
    engine.store.sync_log.finish_run(run_id, NOW, RunOutcome.FAILED, message, 0)
    callbacks = sync.callbacks()
    callbacks.on_started()
    callbacks.on_finished(engine.store.sync_log.get_run(run_id))
    with qtbot.waitSignal(sync.sync_failed):
        callbacks.on_failed(message, "retry")


def succeed(qtbot, sync, engine) -> None:
    run_id = engine.store.sync_log.start_run(NOW, "incremental")
    engine.store.sync_log.finish_run(run_id, NOW + timedelta(seconds=2), RunOutcome.SUCCEEDED)
    callbacks = sync.callbacks()
    callbacks.on_started()
    with qtbot.waitSignal(sync.sync_finished):
        callbacks.on_finished(engine.store.sync_log.get_run(run_id))


def test_every_surface_shows_the_same_failure_once_and_then_the_same_success(
    qtbot, surfaces, sync_service, engine
):
    window, page, sync_page, tray, notices = surfaces
    fail(qtbot, sync_service, engine)
    assert sync_service.state().phase is SyncPhase.FAILED
    assert window.banner.isVisible() and window.banner.text() == PROBLEM
    assert ": failed" in window.sync_label.text()
    assert tray.state() is TrayState.ERROR and notices == [PROBLEM]
    assert sync_page.error_label.text() == PROBLEM
    assert PROBLEM not in sync_page.last_label.text()  # said once on the page
    assert page.state() == CONNECTED
    assert page.sync_line.text() == FAILED_TEXT  # never "up to date" under a failure
    assert "up to date" not in page.sync_line.text()

    window.banner.close_button.click()  # the user read it
    fail(qtbot, sync_service, engine)  # the retry fails the same way
    assert not window.banner.isVisible() and notices == [PROBLEM]
    fail(qtbot, sync_service, engine, "Salesforce (login.salesforce.com) had a problem "
         "answering (HTTP 503). Try again later.")  # a new problem is told
    assert window.banner.isVisible() and "HTTP 503" in window.banner.text()
    assert len(notices) == 2

    succeed(qtbot, sync_service, engine)
    assert sync_service.state().phase is SyncPhase.IDLE
    assert not window.banner.isVisible()
    assert "succeeded" in window.sync_label.text()
    assert tray.state() is not TrayState.ERROR and "Sync problem" not in tray.tooltip()
    assert not sync_page.error_label.isVisible()
    assert page.sync_line.text().startswith("Tasks are up to date")


def test_a_pause_is_part_of_the_one_state_and_a_failure_while_paused_is_told_once(
    qtbot, surfaces, sync_service, engine
):
    window, page, sync_page, tray, notices = surfaces
    sync_service.set_pause_control(engine)
    with qtbot.waitSignal(sync_service.state_changed):
        assert sync_service.set_paused(True) is None
    state = sync_service.state()
    assert state.paused and state.phase is SyncPhase.IDLE
    assert state.next_run_at is None  # nothing runs on schedule while paused
    said, sentence = paused_text(state.pause), paused_sentence(state.pause)
    assert said.startswith("Paused since ")
    assert window.sync_label.text().endswith(f" · {said}")
    assert sync_page.next_label.text().startswith(f"{sentence}.\n")
    assert sentence in tray.tooltip().splitlines()
    assert tray.pause_action.text() == "Resume synchronization"
    assert page.pause_row.state_label.text() == paused_explained(state.pause)
    assert "up to date" not in page.sync_line.text()  # the pause row says how things are

    # A sync forced while paused runs once and says so everywhere...
    with qtbot.waitSignal(sync_service.state_changed):
        sync_service.callbacks().on_started()
    assert window.sync_label.text() == SYNCING_ONCE_WHILE_PAUSED
    assert sync_page.progress_label.text() == SYNCING_ONCE_WHILE_PAUSED
    assert "Synchronizing once…" in tray.tooltip().splitlines()
    # ...and its failure is told once, beside the pause, which stays.
    fail(qtbot, sync_service, engine)
    state = sync_service.state()
    assert state.phase is SyncPhase.FAILED and state.paused and state.problem == PROBLEM
    assert window.banner.text() == PROBLEM and notices == [PROBLEM]
    assert ": failed" in window.sync_label.text() and window.sync_label.text().endswith(said)
    assert sync_page.error_label.text() == PROBLEM
    assert sync_page.next_label.text().startswith(f"{sentence}.\n")
    assert tray.state() is TrayState.ERROR
    assert tray.tooltip().splitlines()[-2:] == [f"Sync problem: {PROBLEM}", sentence]
    assert page.sync_line.text() == FAILED_TEXT

    with qtbot.waitSignal(sync_service.state_changed):
        tray.pause_action.trigger()  # Resume
    state = sync_service.state()
    assert not state.paused and state.next_run_at == NOW + timedelta(minutes=1)
    assert " · next " in window.sync_label.text() and "Paused" not in window.sync_label.text()
    assert "paused" not in tray.tooltip() and tray.pause_action.text() == "Pause synchronization"
    assert not sync_page.next_label.text().startswith("Synchronization paused")


def test_a_failure_from_before_a_restart_is_still_shown_and_retried_soon(engine):
    run_id = engine.store.sync_log.start_run(NOW - timedelta(minutes=2), "incremental")
    engine.store.sync_log.finish_run(run_id, NOW - timedelta(minutes=2), RunOutcome.FAILED,
                                     PROBLEM, 0)
    restarted = SyncService(engine.store)
    # Before: the first sync waited for the interval (58 more minutes of a 60-minute one).
    assert restarted.first_sync_delay(60, now=NOW) == timedelta(seconds=3)
    restarted.attach(FakeScheduler())
    state = restarted.state()
    assert state.phase is SyncPhase.FAILED and state.problem == PROBLEM
