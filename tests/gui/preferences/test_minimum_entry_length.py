"""The minimum entry length on the General page (issue 13, point 4's loose end): the same
setting as the Salesforce page's write-back rule (writeback_min_minutes, _short_entries),
locked by the admin policy like the others, and each page showing what the other saved."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.engine.settings_access import SettingsAccess
from desktop.services.preferences_service import PreferencesService
from desktop.ui.pages import build_integration, build_settings_page
from desktop.ui.preferences.general_page import GeneralPage
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)


def general_page(qtbot, store, profile_dir, policy=None) -> GeneralPage:
    preferences = PreferencesService(store, profile_dir)
    preferences.attach(SettingsAccess(store, policy or {}))
    page = GeneralPage(preferences)
    qtbot.addWidget(page)
    page.show()
    return page


def test_the_general_page_shows_and_saves_it(qtbot, gui_store, profile_dir):
    page = general_page(qtbot, gui_store, profile_dir)
    assert (page.min_minutes_spin.value(), page.short_entries_box.isChecked()) == (1, False)
    page.min_minutes_spin.setValue(4)
    page.short_entries_box.setChecked(True)
    assert page.save()
    stored = gui_store.settings.load()
    assert (stored.writeback_min_minutes, stored.writeback_short_entries) == (4, True)


def test_the_policy_locks_it_with_a_padlock(qtbot, gui_store, profile_dir):
    policy = {"writeback": {"min_minutes": 3, "short_entries": False},
              "locked": ["writeback.min_minutes", "writeback.short_entries"]}
    page = general_page(qtbot, gui_store, profile_dir, policy)
    assert page.min_minutes_spin.value() == 3
    assert not page.min_minutes_spin.isEnabled() and not page.short_entries_box.isEnabled()
    assert page._badges["writeback_min_minutes"].isVisible()
    assert page._badges["writeback_short_entries"].isVisible()


def test_a_save_on_one_page_shows_on_the_other(qtbot, engine, sync_service,
                                               engine_tasks_service):
    owner = QObject()
    preferences = PreferencesService(engine.store, None)
    preferences.attach(engine.settings)
    integration = build_integration(engine, sync_service, owner)
    sections = build_settings_page(integration, sync_service, engine_tasks_service, preferences)
    qtbot.addWidget(sections)
    general, salesforce = sections.section("general"), sections.section("salesforce")
    writeback = salesforce.writeback_form

    general.min_minutes_spin.setValue(7)
    with qtbot.waitSignal(preferences.preferences_changed):
        assert general.save()
    assert writeback.min_minutes.value() == 7  # the Salesforce page shows it at once

    writeback.min_minutes.setValue(2)  # saved on the Salesforce page...
    with qtbot.waitSignal(preferences.preferences_changed):
        assert salesforce.save()
    assert general.min_minutes_spin.value() == 2  # ...the General page follows
    general.idle_minutes_spin.setValue(9)  # and an unrelated edit there keeps it
    assert general.save()
    stored = engine.settings.current()
    assert (stored.writeback_min_minutes, stored.idle_minutes) == (2, 9)
