"""Alt+letter mnemonics: with the Settings page shown inside the main window, every visible
control's mnemonic is unique in the whole window (menu bar and tabs included), so Alt+letter
always reaches the one control it names, whatever the connection state."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenuBar, QTabBar, QWidget

from desktop.ui.main_window import MainWindow
from desktop.ui.picker.task_widget import TaskWidget
from desktop.ui.settings.page import CONNECTED, NEVER_CONNECTED, IntegrationPage
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)
from tests.gui.settings.test_settings_page import connect


def window_mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Alt+letter -> the texts of the visible controls (and menus, tabs) that carry it."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        key = QKeySequence.mnemonic(text)
        if not key.isEmpty():
            found[key.toString()].append(text)

    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        # Buttons count disabled too (they get enabled); a label only with a buddy to focus.
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if isinstance(widget, QAbstractButton) or labelled:
            add(widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    add(widget.tabText(index))
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                if action.isVisible():
                    add(action.text())
    return dict(found)


def assert_unique(window: QWidget) -> dict[str, list[str]]:
    mnemonics = window_mnemonics(window)
    clashes = {key: texts for key, texts in mnemonics.items() if len(texts) > 1}
    assert not clashes, f"mnemonics used more than once: {clashes}"
    return mnemonics


@pytest.fixture
def settings_window(qtbot, timer_service, engine_tasks_service, sync_service, integration_service):
    page = IntegrationPage(integration_service, engine_tasks_service)
    window = MainWindow(
        TaskWidget(timer_service, engine_tasks_service),
        timer_service,
        sync_service,
        pages=[("Timesheet", QWidget()), ("Sync", QWidget()), ("Settings", page)],
    )
    qtbot.addWidget(window)
    window.resize(900, 1000)
    window.show()
    qtbot.waitExposed(window)
    assert window.show_page("Settings")
    qtbot.waitUntil(lambda: integration_service.connection_info() is not None)
    return window, page


def test_not_connected_settings_have_unique_mnemonics(settings_window):
    window, page = settings_window
    assert page.state() == NEVER_CONNECTED
    form = page.connect_form
    # Every part of the sign-in form shown at once: the password fields and Advanced.
    form.password_radio.setChecked(True)
    form.advanced_button.setChecked(True)
    page.writeback_form.custom_radio.setChecked(True)
    assert form.username_edit.isVisible() and form.ca_file_edit.isVisible()

    mnemonics = assert_unique(window)
    assert {"Alt+S", "Alt+H"} <= mnemonics.keys()  # the menu bar's are counted too
    labelled = [form.enable_button, form.oauth_radio, form.password_radio,
                page.save_button, page.revert_button,
                page.import_form.opportunities_box, page.import_form.cases_box,
                page.writeback_form.off_radio, page.writeback_form.event_radio]
    for button in labelled:  # each of these has a mnemonic of its own
        assert not QKeySequence.mnemonic(button.text()).isEmpty(), button.text()


def test_connected_settings_have_unique_mnemonics(
    qtbot, settings_window, integration_service, sandbox
):
    window, page = settings_window
    connect(qtbot, page, integration_service, sandbox)
    assert page.state() == CONNECTED
    assert page.unlink_button.isVisible()
    mnemonics = assert_unique(window)
    assert any(page.unlink_button.text() in texts for texts in mnemonics.values())
