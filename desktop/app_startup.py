"""What the app builds after its first paint, in order, one step per event-loop turn (so the
window answers input between them); desktop.app wires what they make.

Imported by desktop.app only once the window is painted: nothing here is on the first
paint's path. The benchmark hooks (STINT_EXIT_AFTER_FIRST_PAINT, STINT_REPORT_STARTUP) are
described in desktop.app's module doc. This module imports nothing of desktop.app: it is
handed the StintApp.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

log = logging.getLogger("desktop.app")  # the composition root's log, as before the split

Step = Callable[[], object]
StintApp = Any  # desktop.app.StintApp, which imports this module (never the other way round)


def first_paint_steps(stint: StintApp) -> list[Step]:
    """What the first paint did not need, in order of how soon the user may need it."""
    from desktop.ui.icons import app_icon
    from desktop.ui.pages import build_reports_page, build_timesheet_page

    def timesheet() -> QWidget:
        page = build_timesheet_page(stint.store, stint.timer, stint.tasks, stint,
                                    stint._writeback_wiring, stint.sync, stint.links)
        # Ctrl+N and Ctrl+Z work on every page of the window, not only on this one.
        stint.window.adopt_page_actions("Timesheet", page.window_actions(), page.page_wanted)
        stint.day_watch.day_changed.connect(page.follow_day)
        return page

    def reports() -> QWidget:
        page = build_reports_page(stint.store, stint.timer, stint.tasks, stint, stint.links)
        stint.day_watch.day_changed.connect(page.follow_day)
        return page

    return [
        stint.window.assign_shortcuts,  # its QKeySequence type alone is ~9 M instructions
        lambda: build_preferences(stint),
        # On X11 a window icon is sent as pixmaps of every size the icon offers, each
        # rendered from SVG (~20 ms): the window manager gets it right after the paint.
        lambda: stint.app.setWindowIcon(app_icon()),
        lambda: build_tray(stint),  # the window stays the way in until then (and without a tray)
        lambda: build_record_links(stint),
        lambda: watch_the_day(stint),  # before the Timesheet, which follows it
        # The default tab first (~40 ms; when the window is shown), before the workers
        # start: their imports and the tree load hold the GIL and kept its placeholder up
        # for 80-120 ms. Reports when first opened.
        lambda: stint.pages.defer("Timesheet", timesheet, with_window=True),
        lambda: stint.pages.defer("Reports", reports),
        lambda: start_logging(stint),  # before the tree load and the engine log from workers
        lambda: build_attention(stint),  # idle detection and reminders (it logs what it found)
        # (else the first keystroke would build it; in the tray: when the window first shows)
        stint.task_widget.picker.prepare_panel,
        lambda: build_catalog_in_child(stint),
        stint.tasks.reload,
        stint.start_engine,
        stint.guard.listen,
        stint.problems.check_store_later,
    ]


def watch_the_day(stint: StintApp) -> None:
    """Times worded by today ("14:05", "Fri 23:39", "(today)") are worded again when the day
    changes while the app runs."""
    from desktop.services.day_watch import DayWatch

    stint.day_watch = DayWatch(parent=stint)
    stint.day_watch.day_changed.connect(stint.window.refresh_sync_line)


def run_steps(steps: list[Step], stopped: Callable[[], bool]) -> None:
    """Run `steps` one per event-loop turn until done or `stopped()`."""

    def next_step() -> None:
        if steps and not stopped():
            step = steps.pop(0)
            QTimer.singleShot(0, next_step)  # the rest comes even if this step fails
            step()

    next_step()


# -- the builders ---------------------------------------------------------------------------
def build_catalog_in_child(stint: StintApp) -> None:
    """Where the platform allows, the task catalog is built by a child process: the app keeps
    only the catalog, not its build's freed memory (desktop.services.catalog_process)."""
    from desktop.platform.child_command import CHILD_PROCESS_PLATFORM

    if CHILD_PROCESS_PLATFORM:
        from desktop.services.catalog_process import ChildCatalogBuilder

        stint.tasks.use_builder(ChildCatalogBuilder(stint.paths))


def build_preferences(stint: StintApp) -> None:
    """The General preferences: stored now, the policy on top once the engine is attached.
    No start at log-in for a throwaway demo profile."""
    from desktop.services.preferences_service import PreferencesService

    root = None if stint.paths.is_default else stint.paths.root
    stint.preferences = PreferencesService(stint.store, root,
                                           autostart_allowed=stint.demo is None, parent=stint)
    stint.preferences.preferences_changed.connect(stint.display.apply)
    stint.display.apply(stint.preferences.settings())


def build_tray(stint: StintApp) -> None:
    from desktop.ui.sync_status.text import paused_sentence
    from desktop.ui.tray.controller import TrayController

    window = stint.window
    stint.tray = tray = TrayController(
        stint.timer,
        stint.tasks,
        stint.sync,
        toggle_window=window.toggle_visible,
        open_window=window.bring_to_front,
        pick_task=stint.pick_task,
        quit_app=stint.quit,
        tray_available=stint._tray_available,
        describe_pause=paused_sentence,
        parent=stint,
    )
    window.close_to_tray = tray.available
    stint.app.setQuitOnLastWindowClosed(not tray.available)
    window.hidden_to_tray.connect(lambda: tray.explain_once(stint.ui_settings))
    tray.show()


def build_record_links(stint: StintApp) -> None:
    from desktop.services.record_links import RecordLinks

    stint.links = RecordLinks(stint.store, stint.tasks.item, parent=stint)
    stint.links.open_failed.connect(
        lambda message, _url: stint.window.banner.show_problem(message, ""))
    stint.task_widget.set_record_links(stint.links)


def build_attention(stint: StintApp) -> None:
    from desktop.ui.attention import Attention
    from desktop.ui.picker.task_picker import TaskPicker

    stint.attention = Attention(
        stint.timer, stint.tasks, stint.preferences, stint.tray, app_id=stint.app_id,
        make_picker=lambda parent: TaskPicker(stint.tasks, parent, inline=True),
        pick_task=stint.pick_task, open_window=stint.window.bring_to_front, parent=stint,
    )


def start_logging(stint: StintApp) -> None:
    from desktop import __version__
    from desktop.platform.logs import setup_logging

    setup_logging(stint.paths.log_dir)
    log.info("Stint %s started", __version__)
    log.info("interface language: %s", stint.language.language)


def start_new_items_notice(stint: StintApp) -> None:
    """Opt-in "3 new cases for you" after syncs (settings.notify_new_items), through the
    desktop notifications the reminders use (none if they could not be set up)."""
    from desktop.services.new_items_notice import NewItemsNotice

    notifier = stint.attention.notifier if stint.attention is not None else None
    stint.new_items = NewItemsNotice(stint.store, notifier, stint.show_tasks, parent=stint)
    preferences = stint.preferences
    if preferences is not None:
        stint.new_items.set_allowed(lambda: preferences.settings().notifications)
    stint.sync.sync_finished.connect(stint.new_items.sync_finished)
    stint.new_items.start()


def defer_engine_pages(stint: StintApp) -> None:
    """With the engine: the IntegrationService (sign-in, unlink, settings) now, the Sync and
    Settings pages when first seen (desktop.ui.deferred_pages)."""
    from desktop.ui.pages import build_integration, build_settings_page, build_sync_page

    stint.integration = build_integration(stint.engine, stint.sync, stint)

    def settings() -> QWidget:
        page = build_settings_page(
            stint.integration, stint.sync, stint.tasks, stint.preferences,
            stint.attention.idle_source_name() if stint.attention is not None else "",
            exclusions=stint.exclusions,
        )
        stint.settings_sections = page if stint.preferences is not None else None
        return page

    stint.pages.defer("Sync", lambda: build_sync_page(stint.engine, stint.sync))
    stint.pages.defer("Settings", settings)


def build_engine(stint: StintApp) -> Any:
    """On a worker: the engine (opens the keyring unless the sign-in is noted as kept there),
    and the write-back module, so that building the service later costs the GUI thread
    nothing."""
    from desktop.engine import Engine
    from desktop.platform.policy import load_policy
    from desktop.services import writeback_service  # noqa: F401

    secrets = stint.demo.secret_store if stint.demo is not None else None
    engine = Engine(stint.paths, stint.store, load_policy(), secret_store=secrets)
    engine.asks_keyring_in_child = True  # (a never-linked profile's: see check_keyring)
    if stint.demo is not None:
        stint.demo.connect(engine)
    return engine, engine.known_connection_info()


def check_keyring(stint: StintApp) -> None:
    """A never-linked profile: whether the system keyring could keep a sign-in (the warning
    shown before any sign-in), asked in a child process so that the app does not load the
    keyring, Secret Service and cryptography modules (~13 MB) for it; asked here when no child
    can be started. The banner and the Settings page show the answer."""
    from desktop.engine.sign_in_process import check_keyring_in_child
    from desktop.services.i18n import translated
    from desktop.services.workers import run_in_background

    engine = stint.engine

    def answered(problem: Any) -> None:
        if stint._shut_down:  # the window and services are going
            return
        log.info("keyring checked: %s", "a sign-in can be kept" if problem is None
                 else "for this session only")
        engine.note_keyring_answer(problem)
        if stint.integration is not None:
            stint.integration.refresh_connection()
        if problem is not None:
            stint.window.banner.show_problem(translated(problem), "")

    def ask_here(error: BaseException) -> None:
        if stint._shut_down:
            return
        log.warning("the keyring could not be checked in a child process (%s): checking here",
                    error)
        run_in_background(stint, lambda: engine.connection_info().keyring_problem, answered,
                          lambda failure: log.warning("keyring check failed: %s", failure),
                          name="keyring check")

    run_in_background(stint, lambda: check_keyring_in_child(engine.paths), answered, ask_here,
                      name="keyring check")
