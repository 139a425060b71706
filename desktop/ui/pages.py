"""The main window's pages (Timesheet, Reports, Sync, Settings), built from the services.

Each is built when first seen (desktop.ui.deferred_pages): the Timesheet and Reports need
only the store, so they can be from right after the first paint; Sync and Settings need the
engine, which is built after that.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.services.early_qt import ALIGN_CENTER, PLAIN_TEXT, set_properties
from desktop.services.sync_service import SyncService
from desktop.services.tasks_service import TasksService
from desktop.services.timer_service import TimerService
from desktop.store.store import Store
from desktop.ui.deferred_writeback import DeferredWriteBack, connect_timesheet

log = logging.getLogger(__name__)


def placeholder_page(text: str) -> QWidget:
    page = QWidget()
    label = QLabel(text, page)
    set_properties(label, textFormat=PLAIN_TEXT, alignment=ALIGN_CENTER)
    label.setEnabled(False)
    layout = QVBoxLayout(page)
    layout.addWidget(label)
    return page


def build_timesheet_page(
    store: Store,
    timer: TimerService,
    tasks: TasksService,
    owner: QObject,
    writeback: DeferredWriteBack | Any = None,
    sync: SyncService | None = None,
    links: QObject | None = None,
) -> QWidget:
    """The timesheet; with `writeback` (a WriteBackService, or the app's DeferredWriteBack
    until it has one) edits are pushed to Salesforce and the Salesforce column refreshes
    after each push (and after each sync with `sync`)."""
    from desktop.services.entries_service import EntriesService
    from desktop.ui.timesheet.view import TimesheetView

    entries = EntriesService(store, timer, parent=owner)
    if isinstance(writeback, DeferredWriteBack):
        writeback.watch_entries(entries)  # wired once the write-back service is built
    elif writeback is not None:
        connect_timesheet(writeback, entries)
    if sync is not None:
        sync.sync_finished.connect(entries.refresh)
    return TimesheetView(entries, tasks, timer, links=links)


def build_reports_page(
    store: Store, timer: TimerService, tasks: TasksService, owner: QObject,
    links: QObject | None = None,
) -> QWidget:
    """The Reports page, on its own EntriesService (it reads the entries again when shown,
    so edits made on the timesheet meanwhile are in)."""
    from desktop.services.entries_service import EntriesService
    from desktop.ui.reports.page import ReportsPage

    return ReportsPage(EntriesService(store, timer, parent=owner), tasks, timer, links)


def build_sync_page(engine: Any, sync: SyncService) -> QWidget:
    """The Sync page (a placeholder where this build lacks its module)."""
    try:
        from desktop.ui.sync_status.view import SyncStatusView

        return SyncStatusView(sync, log_dir=engine.paths.log_dir)
    except ImportError:  # the sync status view is not part of this build yet
        log.warning("sync status view unavailable", exc_info=True)
        return placeholder_page(QCoreApplication.translate(
            "Pages", "Synchronization status is not available in this build."))


def build_integration(engine: Any, sync: SyncService, owner: QObject) -> QObject | None:
    """The IntegrationService (sign-in, unlink, settings), None where this build lacks it."""
    try:
        from desktop.services.integration_service import IntegrationService
    except ImportError:
        log.warning("integration service unavailable", exc_info=True)
        return None
    return IntegrationService(engine, sync, parent=owner)


def build_settings_page(
    integration: QObject | None, sync: SyncService, tasks: TasksService,
    preferences: Any = None, idle_source_name: str = "", exclusions: QObject | None = None,
) -> QWidget:
    """The Settings page; placeholders for missing modules. With a PreferencesService, a
    SettingsSections: General, then Salesforce. With `exclusions` (an ExclusionsService) it
    lists the excluded items."""
    settings_page: QWidget | None = None
    if integration is not None:
        try:
            from desktop.ui.settings.page import IntegrationPage
            from desktop.ui.sync_status.text import paused_explained

            settings_page = IntegrationPage(
                integration, tasks, sync_service=sync, exclusions=exclusions,
                describe_pause=paused_explained,
            )
        except ImportError:
            log.warning("integration page unavailable", exc_info=True)
    if settings_page is None:
        integration = None
        settings_page = placeholder_page(QCoreApplication.translate(
            "Pages", "Connect to Salesforce with `stint connect` (the Settings page is not "
            "available in this build)."))
    if preferences is None:
        return settings_page
    from desktop.ui.preferences.general_page import GeneralPage
    from desktop.ui.settings_sections import SettingsSections

    general = GeneralPage(preferences, idle_source_name)
    if integration is not None:
        _share_settings(preferences, integration, settings_page)

    sections = SettingsSections()
    sections.add_section("general", QCoreApplication.translate("Settings", "General"), general)
    sections.add_section("salesforce", QCoreApplication.translate("Settings", "Salesforce"),
                         settings_page)
    return sections


def _share_settings(preferences: Any, integration: QObject, salesforce_page: QWidget) -> None:
    """The General and Salesforce pages both show the minimum entry length: a save on one
    shows on the other (unless the other has edits of its own, which it keeps)."""
    integration.settings_saved.connect(preferences.refresh)  # the General page follows

    def salesforce_page_follows(settings: Any) -> None:
        form = salesforce_page.writeback_form
        shown = (form.min_minutes.value(), form.short_box.isChecked())
        stored = (settings.writeback_min_minutes, settings.writeback_short_entries)
        if shown != stored and not salesforce_page.save_button.isEnabled():  # no edits there
            form.load(settings, integration.locked_keys())

    preferences.preferences_changed.connect(salesforce_page_follows)
