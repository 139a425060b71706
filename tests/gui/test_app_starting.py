"""The first moments after launch, while the engine loads: a neutral "Starting…" rather than
"not connected", a Force synchronization pressed meanwhile kept for when the engine is up,
and the log file started before the first work that logs from a worker."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from desktop.platform.child_command import CHILD_PROCESS_PLATFORM
from desktop.services.sync_service import SyncService
from desktop.ui.main_window import MainWindow
from desktop.ui.picker.task_widget import TaskWidget
from tests.gui.conftest import FakeScheduler, sample_items
from tests.gui.test_app import start_app


@pytest.fixture
def starting(qtbot, timer, tasks, gui_store):
    """A main window over a SyncService whose engine is still loading."""
    sync = SyncService(gui_store)
    sync.mark_starting()
    window = MainWindow(TaskWidget(timer, tasks), timer, sync)
    qtbot.addWidget(window)
    return window, sync


def test_starting_is_neither_connected_nor_not_connected(starting):
    window, sync = starting
    assert sync.is_starting() and not sync.is_available()
    assert window.sync_label.text() == "Starting…"
    assert "connect" not in window.sync_label.text().lower()


def test_a_sync_forced_while_starting_runs_once_connected(qtbot, starting):
    window, sync = starting
    with qtbot.assertNotEmitted(sync.sync_failed):
        window.force_sync_action.trigger()
        window.force_sync_action.trigger()  # pressed twice: still one sync
    assert sync.force_pending()
    assert window.sync_label.text() == "Starting… (synchronization follows)"
    scheduler = FakeScheduler()
    with qtbot.assertNotEmitted(sync.sync_failed):
        sync.attach(scheduler)
    assert scheduler.forced == 1
    assert not sync.is_starting() and not sync.force_pending()
    assert "Starting" not in window.sync_label.text()


def test_a_sync_forced_while_starting_on_an_unconnected_profile_leads_to_the_sign_in(
    qtbot, starting
):
    """Issue 11 point 9: not an error notice (three of them, before), the sign-in form."""
    window, sync = starting
    with qtbot.assertNotEmitted(sync.sync_failed):
        sync.force_sync()
    with qtbot.assertNotEmitted(sync.sync_failed), qtbot.waitSignal(sync.connect_requested):
        sync.attach(None)
    assert "connect on the Settings page" in window.sync_label.text()
    assert not window.banner.isVisible()


def test_the_app_starts_neutral_and_settles_once_the_engine_is_loaded(
    qtbot, qapp, profile_dir, monkeypatch
):
    from desktop.platform.paths import ProfilePaths
    from desktop.store.store import Store

    paths = ProfilePaths.resolve(profile_dir).create_dirs()
    with Store.open(paths.db_path) as store:
        store.items.upsert_many(sample_items())
    before = qapp.quitOnLastWindowClosed()
    stint = start_app(qtbot, qapp, profile_dir)
    # Whether the log file was set up when the first tree load (which logs from its worker)
    # was asked for.
    logging_ready: list[bool] = []
    reload = stint.tasks.reload

    def recording_reload() -> None:
        logging_ready.append(any(
            h.get_name() == "stint-file" and Path(h.baseFilename).parent == paths.log_dir
            for h in logging.getLogger().handlers
        ))
        reload()

    monkeypatch.setattr(stint.tasks, "reload", recording_reload)
    try:
        assert stint.window.sync_label.text() == "Starting…"
        with qtbot.assertNotEmitted(stint.sync.sync_failed):
            stint.window.force_sync_action.trigger()  # before the engine: kept for later
        stint.start()
        with qtbot.waitSignal(stint.sync.connect_requested, timeout=30_000):
            pass  # the engine loaded: this profile is not connected, so the sign-in shows
        assert "connect on the Settings page" in stint.window.sync_label.text()
        assert stint.window.pages.tabText(stint.window.pages.currentIndex()) == "Settings"
        assert not stint.window.banner.isVisible()
        assert logging_ready[:1] == [True]
        qtbot.waitUntil(stint.tasks.is_searchable, timeout=20_000)
        log_text = (paths.log_dir / "stint.log").read_text()
        assert "task tree:" in log_text
        if CHILD_PROCESS_PLATFORM:  # built by a child process (its only thread), not here
            assert "task_catalog [MainThread] task tree:" in log_text
            assert "could not be built in a child process" not in log_text
    finally:
        stint.shutdown()
        qapp.setQuitOnLastWindowClosed(before)
