"""The tray controller without a real tray: menu actions, icon state, tooltip, notices."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.domain.synclog import RunOutcome
from desktop.ui.icons import TrayState, icon_path, render_svg, tray_icon
from desktop.ui.tray.controller import TrayController
from tests.gui.conftest import CALL_ID, CASE_ID, HOSTILE_ID, NOW


class Calls:
    def __init__(self) -> None:
        self.names: list[str] = []

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda: self.names.append(name)


@pytest.fixture
def calls() -> Calls:
    return Calls()


@pytest.fixture
def tray(qtbot, timer, tasks, sync, calls):
    controller = TrayController(
        timer, tasks, sync,
        toggle_window=calls.toggle, open_window=calls.open, pick_task=calls.pick,
        quit_app=calls.quit, tray_available=False,
    )
    yield controller
    controller.dispose()


def texts(tray) -> list[str]:
    return [action.text() for action in tray.menu.actions() if action.isVisible()]


def test_menu_offers_everything_without_a_tray(tray):
    assert not tray.available
    menu = texts(tray)
    for entry in ("No timer running", "Pick a task…", "Force synchronization", "Open Stint", "Quit"):
        assert entry in menu
    assert any(text.startswith("Start timer") for text in menu)


def test_start_stop_from_the_menu(qtbot, tray, timer, clock):
    timer.start(CALL_ID)
    timer.stop()
    assert tray.toggle_action.text() == "Start timer on Call back"
    tray.toggle_action.trigger()
    assert timer.running().item_id == CALL_ID
    assert tray.state() is TrayState.RUNNING
    clock.advance(minutes=1, seconds=5)
    tray.menu.aboutToShow.emit()
    assert tray.header_action.text() == "Call back: 0:01:05"
    assert tray.toggle_action.text() == "Stop timer"
    tray.toggle_action.trigger()
    assert not timer.is_running()
    assert tray.state() is TrayState.IDLE


def test_recent_tasks_switch_the_timer(qtbot, tray, timer, clock):
    timer.start(CASE_ID)
    clock.advance(minutes=1)
    timer.start(HOSTILE_ID)
    clock.advance(minutes=1)
    tray.menu.aboutToShow.emit()
    recent = {action.text(): action for action in tray.recent_actions}
    assert set(recent) == {"Printer on fire", "<b>x</b><img src=\"file:///etc/passwd\">&&amp; \u202eevil"}
    assert recent["<b>x</b><img src=\"file:///etc/passwd\">&&amp; \u202eevil"].font().bold()
    assert not recent["Printer on fire"].font().bold()
    recent["Printer on fire"].trigger()
    assert timer.running().item_id == CASE_ID


def test_other_actions_call_their_handlers(tray, scheduler, calls):
    tray.pick_action.trigger()
    tray.open_action.trigger()
    tray.quit_action.trigger()
    tray.sync_action.trigger()
    assert calls.names == ["pick", "open", "quit"]
    assert scheduler.forced == 1


def test_sync_states_and_a_single_notice_per_problem(qtbot, tray, sync, gui_store):
    notices = []
    tray.notify = lambda title, message, error=False: notices.append(message) or True
    callbacks = sync.callbacks()
    with qtbot.waitSignal(sync.sync_started):
        callbacks.on_started()
    assert tray.state() is TrayState.SYNCING
    assert "Synchronizing" in tray.tooltip()
    with qtbot.waitSignal(sync.sync_failed):
        callbacks.on_failed("Salesforce cannot be reached.", "retry")
    with qtbot.waitSignal(sync.sync_failed):
        callbacks.on_failed("Salesforce cannot be reached.", "retry")
    assert tray.state() is TrayState.ERROR
    assert notices == ["Salesforce cannot be reached."]  # once, not at every retry
    assert "Sync problem: Salesforce cannot be reached." in tray.tooltip()
    run_id = gui_store.sync_log.start_run(NOW, "incremental")
    gui_store.sync_log.finish_run(run_id, NOW + timedelta(seconds=1), RunOutcome.SUCCEEDED)
    with qtbot.waitSignal(sync.sync_finished):
        callbacks.on_finished(gui_store.sync_log.get_run(run_id))
    assert tray.state() is TrayState.IDLE


def test_tooltip_names_the_running_task(tray, timer, clock):
    timer.start(CALL_ID)
    clock.advance(hours=1, minutes=4)
    assert "Call back: 1:04" in tray.tooltip()


@pytest.mark.parametrize("state", list(TrayState))
def test_tray_icons_render_crisply_at_any_size(qapp, state):
    icon = tray_icon(state)
    assert not icon.isNull()
    for size, ratio in ((16, 1.0), (22, 2.0), (64, 1.5)):
        pixmap = render_svg(icon_path(f"tray-{state.value}"), size, ratio)
        assert pixmap.width() == round(size * ratio)
        image = pixmap.toImage()
        opaque = sum(
            1 for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() > 0
        )
        assert opaque > image.width() * image.height() // 8  # something was drawn


def test_a_click_toggles_the_window_and_a_double_click_opens_it(tray, calls):
    from PySide6.QtWidgets import QSystemTrayIcon

    reason = QSystemTrayIcon.ActivationReason
    # A quick second click arrives as DoubleClick, not Trigger: it must not be lost.
    for activation in (reason.Trigger, reason.DoubleClick, reason.Context):
        tray._activated(activation)
    assert calls.names == ["toggle", "open"]


def test_closing_to_the_tray_is_explained_once(tray, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    shown = []
    monkeypatch.setattr(tray, "notify", lambda title, message, error=False: shown.append(title) or True)
    tray.explain_once(settings)
    tray.explain_once(settings)
    assert shown == ["Stint is still running"]
    assert settings.value("tray/explained", False, type=bool)
