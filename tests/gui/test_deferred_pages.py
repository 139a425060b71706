"""Main-window pages built when first seen (desktop.ui.deferred_pages): an app in the tray
builds none, a shown window builds the page it shows (and the Timesheet, whose actions work on
every page), a tab switched to is built then, and the app may ask for one while hidden."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui.deferred_pages import DeferredPages
from desktop.ui.main_window import MainWindow
from desktop.ui.pages import placeholder_page
from desktop.ui.picker.task_widget import TaskWidget

KEYS = ("Timesheet", "Reports", "Sync", "Settings")


@pytest.fixture
def window(qtbot, timer, tasks, sync):
    hidden = MainWindow(TaskWidget(timer, tasks), timer, sync,
                        pages=[(key, placeholder_page("")) for key in KEYS])
    qtbot.addWidget(hidden)
    return hidden


class Builds:
    """Page builders that note which pages were built."""

    def __init__(self) -> None:
        self.built: list[str] = []

    def __call__(self, key: str):
        def build() -> QWidget:
            self.built.append(key)
            page = QLabel(f"{key} page")
            page.setObjectName(key)
            return page
        return build


def defer_all(pages: DeferredPages, builds: Builds) -> None:
    pages.defer("Timesheet", builds("Timesheet"), with_window=True)
    for key in KEYS[1:]:
        pages.defer(key, builds(key))


def shown_page(window: MainWindow) -> str:
    return window.pages.currentWidget().objectName()


def test_a_hidden_window_builds_nothing_until_shown(qtbot, window):
    pages, builds = DeferredPages(window), Builds()
    defer_all(pages, builds)
    window.show_page("Sync")  # the tab changes while hidden: still nothing to see
    assert builds.built == []
    window.show()
    qtbot.waitUntil(lambda: builds.built == ["Timesheet", "Sync"])
    assert shown_page(window) == "Sync"  # the page shown stays the one chosen
    assert pages.is_deferred("Reports") and pages.is_deferred("Settings")


def test_a_tab_is_built_when_switched_to(qtbot, window):
    pages, builds = DeferredPages(window), Builds()
    window.show()
    qtbot.waitExposed(window)
    defer_all(pages, builds)  # the window is shown: its current page is built at once
    assert builds.built == ["Timesheet"]
    window.pages.setCurrentIndex(KEYS.index("Reports"))  # a click on its tab
    assert builds.built == ["Timesheet", "Reports"]
    assert shown_page(window) == "Reports"
    window.page_actions[KEYS.index("Settings")].trigger()  # Go > Settings (Ctrl+4)
    assert builds.built == ["Timesheet", "Reports", "Settings"]
    assert shown_page(window) == "Settings"
    window.pages.setCurrentIndex(KEYS.index("Reports"))  # built once
    assert builds.built == ["Timesheet", "Reports", "Settings"]
    assert [window.pages.tabText(index) for index in range(4)] == list(KEYS)


def test_the_app_may_build_a_page_in_a_hidden_window(qtbot, window):
    pages, builds = DeferredPages(window), Builds()
    defer_all(pages, builds)
    pages.build("Settings")  # e.g. a sign-in asked for from the tray
    pages.build("Settings")
    pages.build("Unknown")
    assert builds.built == ["Settings"]
    assert window.pages.widget(KEYS.index("Settings")).objectName() == "Settings"
    assert not pages.is_deferred("Settings") and pages.is_deferred("Timesheet")
