"""The General page (desktop.ui.preferences.general_page) on a real store and the engine's
policy-aware SettingsAccess: loading, saving, reverting, the admin policy's locks, start at
log-in written and removed, and the views following the display choices."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.engine.settings_access import SettingsAccess
from desktop.services.preferences_service import PreferencesService
from desktop.ui.locks import LOCKED_TOOLTIP
from desktop.ui.preferences.general_page import GeneralPage


@pytest.fixture
def preferences(qtbot, gui_store, profile_dir):
    def make(policy=None, autostart_allowed=True):
        service = PreferencesService(gui_store, profile_dir, autostart_allowed=autostart_allowed)
        service.attach(SettingsAccess(gui_store, policy or {}))
        return service

    return make


@pytest.fixture
def page(qtbot, preferences):
    def make(policy=None, autostart_allowed=True, idle_source="X11 (MIT-SCREEN-SAVER)"):
        widget = GeneralPage(preferences(policy, autostart_allowed), idle_source)
        qtbot.addWidget(widget)
        widget.resize(760, 900)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return make


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_it_shows_the_stored_preferences(page, gui_store):
    gui_store.settings.save(gui_store.settings.load().with_changes(
        duration_format="decimal", idle_minutes=12, work_days=("mon", "tue")))
    general = page()
    assert general.duration_combo.currentData() == "decimal"
    assert general.idle_minutes_spin.value() == 12
    assert general.working_days.days() == ("mon", "tue")
    assert general.week_start_combo.currentData() == "locale"
    assert not general.save_button.isEnabled()


def test_saving_stores_and_the_display_follows(qtbot, page, gui_store, fixed_display_format):
    general = page()
    general.duration_combo.setCurrentIndex(general.duration_combo.findData("decimal"))
    general.time_format_combo.setCurrentIndex(general.time_format_combo.findData("12h"))
    general.no_timer_box.setChecked(True)
    general.working_hours.start_edit.setTime(QTime(8, 30))
    assert general.save_button.isEnabled()
    with qtbot.waitSignal(general._preferences.preferences_changed):
        click(qtbot, general.save_button)
    stored = gui_store.settings.load()
    assert (stored.duration_format, stored.time_format) == ("decimal", "12h")
    assert stored.remind_no_timer and stored.work_start == "08:30"
    assert general.save_status.text() == "Saved." and not general.save_button.isEnabled()


def test_revert_shows_the_stored_values_again(qtbot, page, gui_store):
    general = page()
    general.idle_minutes_spin.setValue(30)
    click(qtbot, general.revert_button)
    assert general.idle_minutes_spin.value() == 5
    assert gui_store.settings.load().idle_minutes == 5


def test_working_hours_must_end_after_they_start(qtbot, page, gui_store):
    general = page()
    general.no_timer_box.setChecked(True)
    general.working_hours.start_edit.setTime(QTime(18, 0))
    click(qtbot, general.save_button)
    assert "must end after they start" in general.save_status.text()
    assert not gui_store.settings.load().remind_no_timer


def test_details_of_an_unticked_option_are_greyed(page):
    general = page()
    assert not general.no_timer_box.isChecked()
    assert not general.working_days.isEnabled() and not general.no_timer_spin.isEnabled()
    general.no_timer_box.setChecked(True)
    assert general.working_days.isEnabled() and general.working_hours.start_edit.isEnabled()
    general.notifications_box.setChecked(False)  # no notifications: no reminders either
    assert not general.no_timer_box.isEnabled() and not general.long_timer_box.isEnabled()


def test_policy_locks_show_a_padlock_and_cannot_change(qtbot, page, gui_store):
    policy = {"general": {"duration_format": "decimal"}, "reminders": {"work_start": "08:00"},
              "locked": ["general.duration_format", "reminders.work_start",
                         "general.start_at_login"]}
    general = page(policy)
    assert general.duration_combo.currentData() == "decimal"
    assert not general.duration_combo.isEnabled()
    assert general.duration_combo.toolTip() == LOCKED_TOOLTIP
    assert general._badges["duration_format"].isVisible()
    assert not general.start_at_login_box.isEnabled()
    general.no_timer_box.setChecked(True)
    assert not general.working_hours.start_edit.isEnabled()  # locked even when ticked
    assert general.week_start_combo.isEnabled()  # not locked
    assert not general._badges["week_start"].isVisible()


def test_start_at_login_is_written_and_removed(qtbot, page, tmp_path, profile_dir):
    entry = tmp_path / "xdg-config" / "autostart" / "io.stint.Stint.desktop"
    general = page()
    assert str(entry) in general.autostart_note.text()
    general.start_at_login_box.setChecked(True)
    click(qtbot, general.save_button)
    text = entry.read_text()
    assert "--hidden" in text and str(profile_dir) in text
    general.start_at_login_box.setChecked(False)
    click(qtbot, general.save_button)
    assert not entry.exists()


def test_an_unwritable_autostart_folder_is_said_and_nothing_saved(qtbot, page, tmp_path,
                                                                  gui_store):
    (tmp_path / "xdg-config").mkdir()
    (tmp_path / "xdg-config" / "autostart").write_text("not a folder")
    general = page()
    general.start_at_login_box.setChecked(True)
    click(qtbot, general.save_button)
    assert general.save_status.text().startswith("Not saved: Cannot write")
    assert not gui_store.settings.load().start_at_login


def test_no_start_at_login_for_the_demo(page):
    general = page(autostart_allowed=False)
    assert not general.start_at_login_box.isEnabled()
    assert "demo" in general.autostart_note.text()


def test_the_idle_note_says_what_this_desktop_can_tell(page):
    assert "X11 (MIT-SCREEN-SAVER)" in page().idle_note.text()
    assert "locked screen or a sleeping computer" in page(idle_source="").idle_note.text()


def test_every_labelled_control_has_its_own_mnemonic(page):
    general = page()
    texts = [general.start_at_login_box.text(), general.idle_box.text(),
             general.notifications_box.text(), general.no_timer_box.text(),
             general.long_timer_box.text(), general.save_button.text(),
             general.revert_button.text()]
    texts += [label.text() for label in general.findChildren(QWidget)
              if hasattr(label, "buddy") and label.buddy() is not None]
    keys = [QKeySequence.mnemonic(text).toString() for text in texts]
    assert "" not in keys
    assert len(keys) == len(set(keys)), dict(zip(keys, texts, strict=True))
    assert not {"Alt+S", "Alt+H"} & set(keys)  # the menu bar's


def test_in_the_main_window_the_general_section_has_unique_mnemonics(qtbot, preferences, timer,
                                                                     tasks, sync):
    from desktop.ui.main_window import MainWindow
    from desktop.ui.picker.task_widget import TaskWidget
    from desktop.ui.settings_sections import SettingsSections
    from tests.gui.test_mnemonics import assert_unique

    sections = SettingsSections()
    sections.add_section("general", "General", GeneralPage(preferences(), "X11"))
    sections.add_section("salesforce", "Salesforce", QWidget())
    window = MainWindow(TaskWidget(timer, tasks), timer, sync,
                        pages=[("Timesheet", QWidget()), ("Sync", QWidget()),
                               ("Settings", sections)])
    qtbot.addWidget(window)
    window.resize(900, 1000)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.preferences_requested):
        window.preferences_action.trigger()  # Ctrl+, in the Stint menu
    assert window.show_page("Settings") and sections.current_section() == "general"
    page = sections.section("general")
    page.no_timer_box.setChecked(True)  # every row shown and enabled
    mnemonics = assert_unique(window)
    assert {"Alt+L", "Alt+V", "Alt+E"} <= mnemonics.keys()
