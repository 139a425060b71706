"""The main window: Force synchronization (button, Ctrl+R, F5), sync status and progress,
the error banner and its action, closing to the tray."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.domain.synclog import ObjectCounts, RunOutcome
from desktop.ui.main_window import MainWindow
from desktop.ui.picker.task_widget import TaskWidget
from tests.gui.conftest import NOW


@pytest.fixture
def window(qtbot, timer, tasks, sync):
    shown = MainWindow(TaskWidget(timer, tasks), timer, sync, pages=[("Timesheet", QWidget())])
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    return shown


def test_force_sync_from_the_button_and_shortcuts(qtbot, window, scheduler):
    assert window.sync_button.isVisible()
    assert window.sync_button.text() == "Force synchronization"
    qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    assert scheduler.forced == 1
    window.task_widget.picker.search.setFocus()
    qtbot.keyClick(window.task_widget.picker.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.task_widget.picker.search, Qt.Key.Key_F5)
    assert scheduler.forced == 3


def test_progress_and_result_of_a_sync(qtbot, window, sync, scheduler, gui_store):
    scheduler.next_at = NOW + timedelta(hours=1)
    callbacks = sync.callbacks()
    with qtbot.waitSignal(sync.sync_started):
        callbacks.on_started()
    assert window.sync_progress.isVisible()
    assert "Synchronizing" in window.sync_label.text()
    with qtbot.waitSignal(sync.sync_progressed):
        callbacks.on_progress("Opportunity", 500, 2000)
    assert window.sync_progress.maximum() == 2000 and window.sync_progress.value() == 500
    assert window.sync_label.text() == "Synchronizing Opportunity: 500 of 2,000…"
    # The window stays usable meanwhile: the picker searches.
    qtbot.keyClicks(window.task_widget.picker.search, "acme")
    assert window.task_widget.picker.results_model.rowCount() == 3
    run_id = gui_store.sync_log.start_run(NOW, "incremental")
    gui_store.sync_log.add_counts(run_id, {"Opportunity": ObjectCounts(created=3, modified=1)})
    gui_store.sync_log.finish_run(run_id, NOW + timedelta(seconds=4), RunOutcome.SUCCEEDED)
    with qtbot.waitSignal(sync.sync_finished):
        callbacks.on_finished(gui_store.sync_log.get_run(run_id))
    assert not window.sync_progress.isVisible()
    assert "succeeded, 4 changes" in window.sync_label.text()
    assert "next" in window.sync_label.text()


def test_errors_show_a_banner_with_the_fixing_action(qtbot, window, sync):
    actions = []
    window.banner_action_requested.connect(actions.append)
    with qtbot.waitSignal(sync.sync_failed):
        sync.callbacks().on_failed("Your Salesforce password was changed.", "reenter_password")
    assert window.banner.isVisible()
    assert window.banner.text() == "Your Salesforce password was changed."
    assert window.banner.action_button.text() == "Re-enter password…"
    qtbot.mouseClick(window.banner.action_button, Qt.MouseButton.LeftButton)
    assert actions == ["reenter_password"]
    qtbot.mouseClick(window.banner.close_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()


def test_banner_text_is_plain(qtbot, window, sync):
    with qtbot.waitSignal(sync.sync_failed):
        sync.callbacks().on_failed("Record <b>x</b><img src=y> failed", "retry")
    assert window.banner.message.textFormat() == Qt.TextFormat.PlainText
    assert window.banner.action_button.text() == "Retry"


def test_closing_hides_to_the_tray_when_there_is_one(qtbot, window):
    window.close_to_tray = True
    with qtbot.waitSignal(window.hidden_to_tray):
        window.close()
    assert not window.isVisible()
    window.bring_to_front()
    assert window.isVisible()
    window.prepare_to_quit()
    window.close()
    assert not window.isVisible()


def test_closing_without_a_tray_really_closes(qtbot, window):
    hidden = []
    window.hidden_to_tray.connect(lambda: hidden.append(True))
    window.close()
    assert not window.isVisible() and hidden == []


def test_not_connected_status_invites_to_connect(qtbot, timer, tasks, gui_store):
    from desktop.services.sync_service import SyncService

    unconnected = MainWindow(TaskWidget(timer, tasks), timer, SyncService(gui_store))
    qtbot.addWidget(unconnected)
    assert "connect on the Settings page" in unconnected.sync_label.text()


def test_help_about_shows_the_version(qtbot, window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop import __version__

    shown: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, read_and_close)  # not open yet
            return
        shown.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    assert window.about_action in window.help_menu.actions()
    window.about_action.trigger()  # returns when the box is closed
    assert shown and f"Stint {__version__}" in shown[0]


def test_the_error_banner_floats_and_moves_no_control(qtbot, window, sync):
    """Issue 13, point 8: a message appearing under the pointer must not shift what the user
    was about to click."""
    window.resize(880, 640)
    qtbot.waitUntil(lambda: window.width() == 880)
    before = [widget.mapTo(window, widget.rect().topLeft())
              for widget in (window.pages, window.task_widget.start_stop, window.sync_button)]
    pages_height = window.pages.height()
    with qtbot.waitSignal(sync.sync_failed):
        sync.callbacks().on_failed("Salesforce cannot be reached. " * 6, "retry")
    qtbot.waitUntil(window.banner.isVisible)
    after = [widget.mapTo(window, widget.rect().topLeft())
             for widget in (window.pages, window.task_widget.start_stop, window.sync_button)]
    assert after == before and window.pages.height() == pages_height
    banner = window.banner.geometry()
    pages = window.pages.geometry()
    assert pages.contains(banner) and banner.bottom() > pages.center().y()  # over its foot
    assert window.banner.message.heightForWidth(window.banner.message.width()) <= (
        window.banner.message.height() + 1)  # its wrapped text is all shown
    window.resize(700, 600)
    qtbot.waitUntil(lambda: window.banner.width() < banner.width())  # it follows the window


def test_the_window_never_outgrows_its_screen(qtbot, window):
    area = window.screen().availableGeometry()
    window.resize(area.width() * 3, area.height() * 3)
    window.setMinimumSize(area.width() * 2, area.height() * 2)
    window.fit_to_screen()
    assert window.width() <= area.width() and window.height() <= area.height()
    assert window.minimumWidth() <= area.width() and window.minimumHeight() <= area.height()
    # The content's own minimum does not hold the window bigger: it scrolls instead.
    assert window.minimumSizeHint().width() <= area.width()
    assert window.minimumSizeHint().height() <= area.height()


def test_the_content_fits_the_window_while_its_minimum_does(qtbot, window):
    """A page that would like more height than the window has (the Sync page's wrapped labels
    and tables) is laid out in the window, not made as tall as it likes and scrolled."""
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

    class Tall(QWidget):
        def sizeHint(self) -> QSize:  # noqa: N802 - likes 900 px, needs 100
            return QSize(300, 900)

        def minimumSizeHint(self) -> QSize:  # noqa: N802
            return QSize(100, 100)

    page = QWidget()
    layout = QVBoxLayout(page)
    wrapped = QLabel("A long explanation that wraps over lines as the window narrows. " * 4)
    wrapped.setWordWrap(True)
    layout.addWidget(wrapped)
    layout.addWidget(Tall())
    window.replace_page("Timesheet", page)
    window.resize(880, 640)
    window.show()
    qtbot.waitExposed(window)
    area = window.centralWidget()
    qtbot.waitUntil(lambda: page.isVisible() and window.height() == 640)
    QApplication.processEvents()  # the layout requests the resize posted
    assert area.widget().height() == area.viewport().height()
    assert not area.verticalScrollBar().isVisible()


def test_a_quitting_window_no_longer_reads_the_store(qtbot, window, gui_store):
    """The app closes its store while quitting; an activation arriving after that (the window
    was just brought to the front) must not read it."""
    from PySide6.QtCore import QCoreApplication, QEvent

    qtbot.waitUntil(window.isActiveWindow)
    window.prepare_to_quit()
    gui_store.close()
    QCoreApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))  # no error raised


def test_the_status_line_is_worded_again_on_a_new_day(qtbot, window, sync, gui_store, monkeypatch):
    """"Last sync 23:39" said after midnight is yesterday's: the app's DayWatch has the window
    word it again (desktop/app_startup.py, watch_the_day)."""
    from datetime import datetime

    from desktop.ui.sync_status import text

    finished = datetime.now().astimezone() - timedelta(minutes=1)
    run_id = gui_store.sync_log.start_run(finished - timedelta(seconds=2), "incremental")
    gui_store.sync_log.finish_run(run_id, finished, RunOutcome.SUCCEEDED)
    with qtbot.waitSignal(sync.sync_finished):
        sync.callbacks().on_finished(gui_store.sync_log.get_run(run_id))
    clock = text.short_local_time(finished)
    assert window.sync_label.text().startswith(f"Last sync {clock}:")

    class Tomorrow(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.now(tz) + timedelta(days=1)

    monkeypatch.setattr(text, "datetime", Tomorrow)
    window.refresh_sync_line()
    assert window.sync_label.text().startswith(f"Last sync {finished:%a} {clock}:")
