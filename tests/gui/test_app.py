"""The composition root: start-up order, the engine built after the first paint, the demo
(sandbox org, first sync, full tree), and a clean shutdown that frees the profile."""

from __future__ import annotations

import pytest

from desktop.app import StintApp
from desktop.platform.paths import ProfilePaths
from desktop.store.store import Store
from desktop.ui.single_instance import SingleInstance
from tests.gui.conftest import sample_items


@pytest.fixture
def restore_quit_setting(qapp):
    before = qapp.quitOnLastWindowClosed()
    yield
    qapp.setQuitOnLastWindowClosed(before)


def start_app(qtbot, qapp, profile, demo=None) -> StintApp:
    paths = ProfilePaths.resolve(profile).create_dirs()
    guard = SingleInstance(paths.lock_path, paths.profile_id)
    assert guard.acquire()
    store = Store.open(paths.db_path)
    stint = StintApp(qapp, paths, store, guard, demo=demo, tray_available=False)
    qtbot.addWidget(stint.window)
    return stint


def test_unconnected_start_loads_the_cache_and_invites_to_connect(
    qtbot, qapp, profile_dir, restore_quit_setting
):
    with Store.open(ProfilePaths.resolve(profile_dir).create_dirs().db_path) as store:
        store.items.upsert_many(sample_items())
    stint = start_app(qtbot, qapp, profile_dir)
    try:
        assert qapp.quitOnLastWindowClosed()  # no tray: closing the window quits
        assert not stint.window.close_to_tray
        stint.start()
        qtbot.waitUntil(stint.tasks.is_searchable, timeout=20_000)
        assert len(stint.tasks.search("acme")) == 3
        qtbot.waitUntil(lambda: stint.engine is not None, timeout=30_000)
        assert stint.window.pages.tabText(stint.window.pages.currentIndex()) == "Settings"
        assert stint.settings_sections.current_section() == "salesforce"  # to connect
        assert not stint.sync.is_available()
        # Ctrl+, (Stint > Preferences) opens the General section beside it.
        stint.window.preferences_action.trigger()
        assert stint.settings_sections.current_section() == "general"
        assert stint.attention is not None and stint.preferences.is_ready()
        # The banner's "Re-enter password" leads to the sign-in form on the Settings page.
        stint.window.show_page("Timesheet")
        with qtbot.waitSignal(stint.integration.reauthorization_requested):
            stint.window.banner.show_problem("Your password changed.", "reenter_password")
            stint.window.banner.action_button.click()
        assert stint.window.pages.tabText(stint.window.pages.currentIndex()) == "Settings"
        assert stint.settings_sections.current_section() == "salesforce"
        # "Retry" forces a sync; not connected, that leads to the sign-in, not to errors.
        stint.window.show_page("Timesheet")
        stint.settings_sections.show_section("general")
        with qtbot.assertNotEmitted(stint.sync.sync_failed), qtbot.waitSignal(
                stint.sync.connect_requested):
            stint.window.banner.show_problem("Salesforce cannot be reached.", "retry")
            stint.window.banner.action_button.click()
        assert stint.window.pages.tabText(stint.window.pages.currentIndex()) == "Settings"
        assert stint.settings_sections.current_section() == "salesforce"
        assert stint.quick_picker is None  # built on first use, not at start-up
        stint.pick_task()
        assert stint.quick_picker.isVisible()
    finally:
        stint.shutdown()
    again = SingleInstance(stint.paths.lock_path, stint.paths.profile_id)
    assert again.acquire()  # the profile is free after shutdown
    again.release()


@pytest.mark.slow
def test_demo_is_connected_synced_and_shows_the_tree(qtbot, qapp, restore_quit_setting):
    from desktop.demo import DemoEnvironment

    demo = DemoEnvironment.create()
    stint = start_app(qtbot, qapp, demo.profile_dir, demo=demo)
    try:
        with qtbot.waitSignal(stint.sync.sync_finished, timeout=60_000) as finished:
            stint.start()
        assert finished.args[0].outcome.value == "succeeded"
        qtbot.waitUntil(
            lambda: len(stint.tasks.tree()) > 20 and not stint.tasks.is_loading(), timeout=30_000
        )
        assert stint.window.windowTitle() == "Demo"
        assert not demo.secret_store.persistent
        # the demo org's connected app lists the profile's callback URL: browser sign-in works
        from desktop.domain.settings import DEFAULT_CALLBACK_URL

        assert DEFAULT_CALLBACK_URL in demo.sandbox.connected_app.callback_urls
        # no start at log-in for a profile that is thrown away
        stint.show_settings("general")  # built when first seen
        general = stint.settings_sections.section("general")
        assert not general.start_at_login_box.isEnabled()
        results = stint.tasks.search("")
        assert results
        stint.task_widget.picker.task_chosen.emit(results[0].id)
        assert stint.timer.running().item_id == results[0].id
        stint.timer.stop()
    finally:
        stint.shutdown()
    assert not demo.profile_dir.exists()  # the throwaway profile is gone


def test_the_tree_reloads_only_after_a_sync_that_changed_items(
    qtbot, qapp, profile_dir, restore_quit_setting
):
    from datetime import UTC, datetime

    from desktop.domain.synclog import ObjectCounts, RunOutcome, SyncRun

    stint = start_app(qtbot, qapp, profile_dir)
    try:
        reloads = []
        stint.tasks.reload = lambda: reloads.append(True)
        now = datetime.now(UTC)
        quiet = SyncRun(1, now, "incremental", RunOutcome.SUCCEEDED, now, 1, None,
                        {"Opportunity": ObjectCounts()})
        stint.sync.sync_finished.emit(quiet)
        assert reloads == []
        busy = SyncRun(2, now, "incremental", RunOutcome.SUCCEEDED, now, 1, None,
                       {"Case": ObjectCounts(modified=2)})
        stint.sync.sync_finished.emit(busy)
        assert reloads == [True]
    finally:
        stint.shutdown()


def test_window_settings_file_is_private_under_a_loose_umask(qtbot, qapp, profile_dir,
                                                             restore_quit_setting):
    """Issue 11 point 12: QSettings writes ui.ini with the umask's mode unless it exists."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        stint = start_app(qtbot, qapp, profile_dir)
        stint.shutdown()  # saves the window geometry to ui.ini
    finally:
        os.umask(old)
    ui_file = stint.paths.config_dir / "ui.ini"
    assert "window" in ui_file.read_text()
    assert stat.S_IMODE(ui_file.stat().st_mode) == 0o600


def test_pages_are_built_when_first_seen(qtbot, qapp, profile_dir, restore_quit_setting):
    """Started in the tray, the app builds no page it does not show (desktop.ui.deferred_pages):
    the Settings page for the sign-in this unconnected profile is led to; the Timesheet once
    the window opens; Reports and Sync when their tabs are chosen."""
    with Store.open(ProfilePaths.resolve(profile_dir).create_dirs().db_path) as store:
        store.items.upsert_many(sample_items())
    stint = start_app(qtbot, qapp, profile_dir)
    try:
        stint.start(hidden=True)
        qtbot.waitUntil(lambda: stint.engine is not None and stint.tasks.is_searchable(),
                        timeout=30_000)
        qtbot.waitUntil(lambda: stint.settings_sections is not None, timeout=10_000)
        assert stint.window.page_key() == "Settings"
        deferred = [key for key in ("Timesheet", "Reports", "Sync")
                    if stint.pages.is_deferred(key)]
        assert deferred == ["Timesheet", "Reports", "Sync"]
        stint.window.bring_to_front()
        qtbot.waitUntil(lambda: not stint.pages.is_deferred("Timesheet"))
        assert stint.window.edit_menu.actions()  # its Ctrl+N and Ctrl+Z, on every page
        assert stint.pages.is_deferred("Reports") and stint.pages.is_deferred("Sync")
        stint.window.show_page("Sync")
        assert not stint.pages.is_deferred("Sync")
        assert stint.window.pages.currentWidget().objectName() == "syncStatusView"
    finally:
        stint.shutdown()
