"""Issue 11 point 9: a running sync can be cancelled from the Sync page and from the tray,
against the sandbox (every answer slowed down, so the run is still going when Cancel comes)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.domain.synclog import RunOutcome
from desktop.services.sync_state import SyncPhase
from desktop.ui.sync_status.view import SyncStatusView
from desktop.ui.tray.controller import TrayController
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)
from tests.gui.conftest_ui2 import TZ

TIMEOUT_MS = 30_000


@pytest.fixture
def slow_sync(qtbot, engine, sync_service, sandbox):
    engine.connect_password(sandbox.username, sandbox.password, sandbox.security_token,
                            login_url=sandbox.login_url, ca_file=sandbox.ca_file)
    callbacks = sync_service.callbacks()
    scheduler = engine.start_scheduler(
        first_delay=timedelta(hours=1),
        **callbacks.as_kwargs(),
    )
    sync_service.attach(scheduler)
    sandbox.faults.set_latency(400)  # each request takes 0.4 s: a run lasts seconds
    return sync_service


def start_and_wait_until_running(qtbot, sync) -> None:
    with qtbot.waitSignal(sync.sync_started, timeout=TIMEOUT_MS):
        sync.force_sync()


def assert_cancelled(sync, finished) -> None:
    assert finished.args[0].outcome is RunOutcome.CANCELLED
    state = sync.state()
    assert state.phase is SyncPhase.IDLE and state.problem is None and not state.cancelling


def test_cancel_from_the_sync_page(qtbot, slow_sync):
    view = SyncStatusView(slow_sync, tz=TZ)
    qtbot.addWidget(view)
    view.show()
    start_and_wait_until_running(qtbot, slow_sync)
    assert view.cancel_button.isVisible() and view.cancel_button.isEnabled()
    with qtbot.waitSignal(slow_sync.sync_finished, timeout=TIMEOUT_MS) as finished:
        view.cancel_button.click()
        assert slow_sync.state().cancelling
        assert view.progress_label.text().startswith("Cancelling")
        assert not view.cancel_button.isEnabled()
    assert_cancelled(slow_sync, finished)
    assert not view.cancel_button.isVisible()
    assert "cancelled" in view.last_label.text()
    assert not view.error_label.isVisible()


def test_cancel_from_the_tray(qtbot, slow_sync, timer_service, engine_tasks_service):
    tray = TrayController(timer_service, engine_tasks_service, slow_sync,
                          toggle_window=lambda: None, open_window=lambda: None,
                          pick_task=lambda: None, quit_app=lambda: None, tray_available=False)
    try:
        assert not tray.cancel_sync_action.isVisible()
        start_and_wait_until_running(qtbot, slow_sync)
        assert tray.cancel_sync_action.isVisible() and not tray.sync_action.isEnabled()
        with qtbot.waitSignal(slow_sync.sync_finished, timeout=TIMEOUT_MS) as finished:
            tray.cancel_sync_action.trigger()
            assert "Cancelling" in tray.tooltip()
        assert_cancelled(slow_sync, finished)
        assert not tray.cancel_sync_action.isVisible() and tray.sync_action.isEnabled()
    finally:
        tray.dispose()
