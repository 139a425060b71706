"""Pause and resume in the GUI (issue 15), on the real engine against the sandbox: the Settings
page's row and the tray menu pause and resume, the status bar, the Sync page and the tray
tooltip say "Paused since ...", Force synchronization still runs once and says so, a pause
made elsewhere (`stint sync --pause`) shows up, and a pause locked by the policy is disabled."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QWidget

from desktop.domain.synclog import RunOutcome
from desktop.engine import Engine
from desktop.platform.secrets import MemorySecretStore
from desktop.services.sync_service import SyncService
from desktop.services.tasks_service import TasksService
from desktop.services.timer_service import TimerService
from desktop.ui.main_window import MainWindow
from desktop.ui.picker.task_widget import TaskWidget
from desktop.ui.settings.sync_pause import RUNNING_TEXT, SyncPauseRow
from desktop.ui.sync_status.text import (
    SYNCING_ONCE_WHILE_PAUSED,
    paused_explained,
    paused_sentence,
    paused_text,
)
from desktop.ui.sync_status.view import SyncStatusView
from desktop.ui.tray.controller import TrayController

TIMEOUT_MS = 20_000


def open_engine(profile_dir, policy=None) -> Engine:
    return Engine.open(profile_dir, secret_store=MemorySecretStore(), policy=policy or {},
                       log_to_file=False)


@pytest.fixture
def engine(profile_dir, sandbox):
    opened = open_engine(profile_dir)
    opened.connect_password(sandbox.username, sandbox.password, sandbox.security_token,
                            login_url=sandbox.login_url, ca_file=sandbox.ca_file)
    yield opened
    opened.close()


def attach(qtbot, engine: Engine) -> SyncService:
    """A SyncService fed by the engine's scheduler (next run in an hour), with pausing."""
    service = SyncService(engine.store)
    callbacks = service.callbacks()
    scheduler = engine.start_scheduler(
        first_delay=timedelta(hours=1),
        **callbacks.as_kwargs(),
    )
    service.attach(scheduler)
    service.set_pause_control(engine)
    return service


@pytest.fixture
def surfaces(qtbot, engine):
    """The status bar (main window), the Sync page, the Settings row and the tray menu."""
    sync = attach(qtbot, engine)
    timer = TimerService(engine.store)
    tasks = TasksService(engine.store)
    window = MainWindow(TaskWidget(timer, tasks), timer, sync, pages=[("Timesheet", QWidget())])
    qtbot.addWidget(window)
    page = SyncStatusView(sync)
    qtbot.addWidget(page)
    row = SyncPauseRow(sync, paused_explained)
    qtbot.addWidget(row)
    tray = TrayController(timer, tasks, sync, toggle_window=lambda: None,
                          open_window=lambda: None, pick_task=lambda: None,
                          quit_app=lambda: None, tray_available=False,
                          describe_pause=paused_sentence)
    yield sync, window, page, row, tray
    tray.dispose()


def test_pause_from_settings_resume_from_the_tray_and_force_once_while_paused(qtbot, surfaces,
                                                                              engine):
    sync, window, page, row, tray = surfaces
    assert row.state_label.text() == RUNNING_TEXT
    assert tray.pause_action.text() == "Pause synchronization" and tray.pause_action.isEnabled()

    with qtbot.waitSignal(sync.pause_changed):
        row.button.click()
    state = engine.pause_state()
    assert state.paused and state.since is not None
    said = paused_text(state)
    assert said.startswith("Paused since ")
    assert row.state_label.text().startswith(f"{said}. Nothing is read from or sent to")
    assert row.button.text() == "Resume synchronization"
    assert window.sync_label.text().endswith(f" · {said}")
    page.refresh_status()
    assert page.next_label.text().startswith(f"{paused_sentence(state)}.\n")
    assert paused_sentence(state) == f"Synchronization p{said[1:]}"
    assert "Force synchronization still synchronizes once" in page.next_label.text()
    assert page.sync_button.isEnabled()
    tray.menu.aboutToShow.emit()
    assert tray.pause_action.text() == "Resume synchronization"
    assert paused_sentence(state) in tray.tooltip().splitlines()

    # Force synchronization: it runs, once, says so while it runs, and the pause stays.
    said_while_running = []  # the window updates its label first (connected before)
    sync.sync_started.connect(lambda: said_while_running.append(window.sync_label.text()))
    with qtbot.waitSignal(sync.sync_finished, timeout=TIMEOUT_MS) as finished:
        window.force_sync_action.trigger()
    assert said_while_running == [SYNCING_ONCE_WHILE_PAUSED]
    assert finished.args[0].outcome is RunOutcome.SUCCEEDED
    assert engine.pause_state().paused
    qtbot.waitUntil(lambda: window.sync_label.text().endswith(f" · {said}"))
    assert window.sync_label.text().startswith("Last sync ")

    with qtbot.waitSignal(sync.pause_changed):
        tray.pause_action.trigger()  # Resume
    assert not engine.pause_state().paused
    assert row.state_label.text() == RUNNING_TEXT
    assert "Paused" not in window.sync_label.text() and " · next " in window.sync_label.text()
    assert "paused" not in tray.tooltip()
    assert paused_sentence(engine.pause_state()) == ""


def test_a_pause_made_elsewhere_shows_up(qtbot, surfaces, engine, profile_dir):
    sync, window, _page, row, _tray = surfaces
    with open_engine(profile_dir) as other:  # `stint sync --pause` in another process
        other.set_sync_paused(True)
    # The scheduler looks again every PAUSE_POLL_SECONDS; wake it rather than wait that long.
    with qtbot.waitSignal(sync.pause_changed, timeout=TIMEOUT_MS):
        engine.scheduler.wake()
    assert row.button.text() == "Resume synchronization"
    assert "· Paused since " in window.sync_label.text()


def test_a_pause_locked_by_the_policy_cannot_be_changed(qtbot, profile_dir, sandbox):
    engine = open_engine(profile_dir, {"sync": {"paused": True}, "locked": ["sync.paused"]})
    try:
        sync = SyncService(engine.store)
        sync.set_pause_control(engine)
        row = SyncPauseRow(sync, paused_explained)
        qtbot.addWidget(row)
        row.show()
        assert row.state_label.text().startswith("Paused by your administrator. Nothing ")
        assert not row.button.isEnabled() and row.badge.isVisible()
        assert sync.set_paused(False).startswith("The setting 'sync_paused' is locked")
        assert engine.pause_state().paused
    finally:
        engine.close()


def test_what_the_engine_said_after_the_store_closed_is_dropped(qtbot, tmp_path):
    """A pause change or a run's end queued from the scheduler's thread just before the app
    (or a test) closed the store arrives after it: reading the closed store would raise in
    the event loop, so it is dropped."""
    from threading import Thread

    from PySide6.QtCore import QCoreApplication

    from desktop.store.store import Store

    store = Store.open(tmp_path / "stint.sqlite3")

    class ReadsTheStore:  # as the engine's pause control does
        def pause_state(self):
            store.settings.load()

    sync = SyncService(store)
    sync.set_pause_control(ReadsTheStore())
    callbacks = sync.callbacks()
    sent = Thread(target=lambda: (callbacks.on_pause_changed(True), callbacks.on_finished(None)))
    sent.start()
    sent.join()  # both queued for the GUI thread
    store.close()
    finished = []
    sync.sync_finished.connect(finished.append)
    QCoreApplication.processEvents()  # the queued events arrive (a Qt error fails the test)
    assert finished == []
