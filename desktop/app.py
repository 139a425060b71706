"""The GUI's composition root: profile -> store -> services -> windows -> tray -> engine.
desktop.app_run runs it (the profile lock, the store, the event loop, a restart after a
repair).

Start-up is ordered for a fast first paint: before it, only the store is opened (the running
entry, the recent tasks and the display and language choices are read), the translation is
installed (none for English) and the window with the task widget is built, with placeholder
pages. After it, one step per event-loop turn (desktop.app_startup): the preferences, the
window icon, the tray, the Timesheet page, logging, the picker's results panel, the task tree
(on a worker) and the engine (Salesforce client, keyring, sync scheduler: several hundred
milliseconds of imports and keyring probing, on another worker); the pages that need the
engine appear then.

Environment switches (benchmarks and autostart):
- STINT_EXIT_AFTER_FIRST_PAINT=1 prints "first-paint <seconds>" and quits after the paint;
  =now ends the process right there instead (no shutdown: the start alone, for counting);
- STINT_REPORT_STARTUP=1 prints "first-paint", "tree-loaded" and "search-ready" lines (seconds
  since start) and keeps running;
- STINT_START_HIDDEN=1 starts with the window hidden in the tray, as `stint --hidden` does;
- STINT_IDLE_THRESHOLD_SECONDS=N asks about time away after N seconds instead of the idle
  minutes of the General page (tests and screenshots; desktop.ui.attention).
- STINT_RELOAD_TASKS_AFTER=SECONDS (with STINT_REPORT_STARTUP) reloads the task tree once,
  that long after it is first searchable, as a sync that changed items does (memory peak).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

# The Qt-free modules the first paint uses (store, domain, sqlite3, json...) are imported
# before PySide6: once QtCore is loaded, PySide's import hook reads the source of every
# module imported after it. The two repositories are what the first paint reads (the
# running entry, the recent tasks); the store would load them on first use.
import desktop.domain.durations
import desktop.services.timer_clock
import desktop.store.entries_repo
import desktop.store.items_repo  # noqa: F401
from desktop.platform.paths import ProfilePaths, create_private_file
from desktop.services.i18n import error_text, translated
from desktop.store.store import Store

# isort: split
from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop.domain.text import fill
from desktop.services.display_format import DisplayFormat, install_display_format
from desktop.services.i18n import InstalledLanguage, switch_language
from desktop.services.sync_service import SyncService
from desktop.services.tasks_service import TasksService
from desktop.services.timer_service import TimerService
from desktop.ui.archived_start import ArchivedStartGuard
from desktop.ui.deferred_pages import DeferredPages
from desktop.ui.deferred_writeback import DeferredWriteBack
from desktop.ui.lifecycle import FirstPaintWatch
from desktop.ui.main_window import MainWindow
from desktop.ui.pages import placeholder_page
from desktop.ui.picker.task_widget import TaskWidget
from desktop.ui.problem_reporter import ProblemReporter
from desktop.ui.single_instance import SingleInstance

if TYPE_CHECKING:  # modules the first paint does not need
    from desktop.services.day_watch import DayWatch
    from desktop.services.exclusions import ExclusionsService
    from desktop.services.new_items_notice import NewItemsNotice
    from desktop.services.preferences_service import PreferencesService
    from desktop.services.record_links import RecordLinks
    from desktop.services.writeback_service import WriteBackService
    from desktop.ui.attention import Attention
    from desktop.ui.picker.quick_picker import QuickPicker
    from desktop.ui.settings_sections import SettingsSections
    from desktop.ui.tray.controller import TrayController

log = logging.getLogger(__name__)

APP_ID = "io.stint.Stint"
_STARTED = time.perf_counter()


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip() not in ("", "0", "false", "no")


class StintApp(QObject):
    """Everything one running Stint owns, in construction order; `shutdown()` undoes it."""

    def __init__(
        self,
        app: QApplication,
        paths: ProfilePaths,
        store: Store,
        guard: SingleInstance,
        *,
        demo: Any = None,
        tray_available: bool | None = None,
        language: InstalledLanguage | None = None,
    ) -> None:
        """`language`: what the start-up installed for its dialogs (the system's), kept when
        the setting asks for the same."""
        super().__init__()
        self.app = app
        self.paths = paths
        self.store = store
        self.guard = guard
        self.demo = demo
        self.engine: Any = None
        self.integration: QObject | None = None
        self._shut_down = False
        self.repair_requested = False  # the user chose to repair the damaged store (app_run)
        self._tree_reported = False
        self._reload_asked = False  # STINT_RELOAD_TASKS_AFTER (benchmarks)
        self.ui_settings = _private_settings(paths.config_dir / "ui.ini")

        # The stored choices the first paint needs, read raw (the settings' rules load after
        # it, with the General preferences): the language, before any text is set (it
        # applies until the next start), and how durations and times show.
        stored = store.settings.stored_values(
            ("language", "duration_format", "time_format", "week_start"))
        setting = stored.pop("language", "system")
        self.language = switch_language(language, setting if isinstance(setting, str) else "system")
        self.display = install_display_format(DisplayFormat(self))
        self.display.apply_choices(**stored)
        self.preferences: PreferencesService | None = None  # right after the first paint
        self.timer = TimerService(store, parent=self)
        self.tasks = TasksService(store, parent=self)
        # Asks before timing an archived task, over the quick picker when that is where it came
        # from, else over the window.
        self.archived_start = ArchivedStartGuard(self.tasks, self._question_parent)
        self.timer.set_start_guard(self.archived_start)
        self.sync = SyncService(store, parent=self)
        self.sync.mark_starting()  # until the engine is loaded (attach, or _engine_failed)
        # Built with the engine (its module imports the Salesforce client); pushes asked for
        # before are kept and passed on then.
        self.writeback: WriteBackService | None = None
        self._writeback_wiring = DeferredWriteBack(self.timer, parent=self)
        self.task_widget = TaskWidget(self.timer, self.tasks)
        self.window = MainWindow(
            self.task_widget,
            self.timer,
            self.sync,
            pages=[  # each built when first seen (self.pages)
                ("Timesheet", placeholder_page("")),
                ("Reports", placeholder_page("")),
                ("Sync", placeholder_page(
                    QCoreApplication.translate("StintApp", "Synchronization status is loading…"))),
                ("Settings", placeholder_page(
                    QCoreApplication.translate("StintApp", "Settings are loading…"))),
            ],
            shortcuts_later=True,  # right after the first paint (desktop.app_startup)
        )
        self.pages = DeferredPages(self.window)
        self.quick_picker: QuickPicker | None = None  # built when first asked for
        self.links: RecordLinks | None = None  # "Open in Salesforce", after the first paint
        self.exclusions: ExclusionsService | None = None  # with the engine
        self.new_items: NewItemsNotice | None = None  # with the engine
        self.tray: TrayController | None = None  # built right after the first paint
        self.attention: Attention | None = None  # idle detection, reminders: after the tray
        self.settings_sections: SettingsSections | None = None  # when first seen
        self.day_watch: DayWatch | None = None  # right after the first paint
        self._tray_available = tray_available
        self.app_id = APP_ID

        self.problems = ProblemReporter(self.window.banner, store.path, paths.log_dir, self)
        self.problems.repair_chosen.connect(self._repair_chosen)
        guard.raise_requested.connect(self.window.bring_to_front)
        self.window.quit_requested.connect(self.quit)
        self.window.preferences_requested.connect(lambda: self.show_settings("general"))
        self.window.banner_action_requested.connect(self._banner_action)
        self.sync.sync_finished.connect(self._sync_finished)
        self.sync.connect_requested.connect(self.show_sign_in)
        self.timer.entries_changed.connect(self.tasks.refresh_recent)
        self.tasks.tree_changed.connect(self._tasks_loaded)
        app.aboutToQuit.connect(self.shutdown)
        if demo is not None:
            self.window.setWindowTitle(self.tr("Demo"))  # shown as "Demo — Stint"
            note = QLabel(self.tr("Demo org: sign-in kept in memory only"), self.window)
            note.setEnabled(False)  # muted: information, not a warning
            self.window.statusBar().addPermanentWidget(note)

    # -- start-up ------------------------------------------------------------------------
    def start(self, hidden: bool = False) -> None:
        self.window.restore_geometry(self.ui_settings)
        if hidden:  # autostart: in the tray (without one, launching Stint again shows it)
            QTimer.singleShot(0, self._after_first_paint)
        else:
            FirstPaintWatch(self.window, self._after_first_paint)
            self.window.show()

    def _after_first_paint(self) -> None:
        seconds = time.perf_counter() - _STARTED
        # The collector was off for the start (desktop.cli); what start-up built lives as long
        # as the app, so it goes to the permanent generation instead of being scanned forever.
        gc.freeze()
        gc.enable()
        if _env_flag("STINT_EXIT_AFTER_FIRST_PAINT") or _env_flag("STINT_REPORT_STARTUP"):
            _report(f"first-paint {seconds:.4f}")
        if _env_flag("STINT_EXIT_AFTER_FIRST_PAINT"):
            if os.environ["STINT_EXIT_AFTER_FIRST_PAINT"] == "now":
                sys.stdout.flush()
                os._exit(0)
            self.quit()
            return
        # Before the workers start: fewer malloc arenas, and big blocks that go back to the
        # system when freed, keep less freed memory resident after a sync
        # (desktop.platform.memory).
        from desktop.platform.memory import fix_mmap_threshold, limit_malloc_arenas

        limit_malloc_arenas()
        fix_mmap_threshold()
        log.debug("first paint %.3fs after start", seconds)
        from desktop.app_startup import first_paint_steps, run_steps

        run_steps(first_paint_steps(self), lambda: self._shut_down)

    def start_engine(self) -> None:
        from desktop.app_startup import build_engine
        from desktop.services.workers import run_in_background

        run_in_background(self, lambda: build_engine(self), self._engine_ready,
                          self._engine_failed, name="build engine")

    def _repair_chosen(self) -> None:
        self.repair_requested = True
        self.quit()  # desktop.app_run repairs the store and starts again

    def _tasks_loaded(self) -> None:
        if not _env_flag("STINT_REPORT_STARTUP"):
            return
        since = time.perf_counter() - _STARTED
        count = len(self.tasks.tree())
        if not self.tasks.is_loading():
            _report(f"search-ready {since:.4f} {count}")
            reload_after = os.environ.get("STINT_RELOAD_TASKS_AFTER", "")
            if reload_after and not self._reload_asked:
                self._reload_asked = True
                QTimer.singleShot(int(float(reload_after) * 1000), self.tasks.reload)
        elif not self._tree_reported:
            self._tree_reported = True
            _report(f"tree-loaded {since:.4f} {count}")

    def _engine_ready(self, built: tuple[Any, Any]) -> None:
        self.engine, info = built
        if self._shut_down:
            return
        self.preferences.attach(self.engine.settings)  # the policy applies from here on
        from desktop.services.exclusions import ExclusionsService

        self.sync.set_pause_control(self.engine)
        self.exclusions = ExclusionsService(self.engine, self.sync, parent=self)
        self.task_widget.picker.set_exclusions(self.exclusions)
        if self.quick_picker is not None:
            self.quick_picker.picker.set_exclusions(self.exclusions)
        from desktop.app_startup import defer_engine_pages, start_new_items_notice

        defer_engine_pages(self)
        from desktop.services.writeback_service import WriteBackService

        self.writeback = WriteBackService(parent=self)
        self._writeback_wiring.hand_over(self.writeback)
        self.writeback.entries_pushed.connect(self.sync.note_pushed)  # the Sync page shows it
        self.writeback.attach(self.engine)  # a push asked for before the engine goes now
        start_new_items_notice(self)
        if info.connected:
            self._start_scheduler(first_sync_now=self.demo is not None)
        else:
            self.sync.attach(None)  # started, not connected (a sync forced meanwhile: sign-in)
            self.show_settings("salesforce")
        # For support, and the e2e tests' sign that the app is fully started.
        log.info("engine ready: %s", "connected" if info.connected else "not connected")
        if info.keyring_problem and self.demo is None:
            self.window.banner.show_problem(translated(info.keyring_problem), "")
        elif not info.connected and info.keyring_persistent is None and self.demo is None:
            from desktop.app_startup import check_keyring

            check_keyring(self)  # never linked: could a sign-in be kept?

    def show_tasks(self, item_ids: list[str], heading: str) -> None:
        """Open the window with the picker on these tasks (a notification was clicked)."""
        log.info("notification clicked: the picker shows %d new item(s)", len(item_ids))
        self.window.bring_to_front()
        self.task_widget.picker.focus_search()
        self.task_widget.picker.show_items(item_ids, heading)

    def _engine_failed(self, error: BaseException) -> None:
        self.sync.attach(None)  # no engine: not starting any more, and not connected
        message = error_text(error)
        self.window.banner.show_problem(
            fill(self.tr("Stint cannot reach Salesforce: %1"), message), "")

    def _start_scheduler(self, first_sync_now: bool) -> None:
        from datetime import timedelta

        interval = self.engine.settings.current().sync_interval_minutes
        delay = timedelta(0) if first_sync_now else self.sync.first_sync_delay(interval)
        scheduler = self.engine.start_scheduler(first_delay=delay, runs_in_child=True,
                                                **self.sync.callbacks().as_kwargs())
        self.sync.attach(scheduler)

    def show_settings(self, section: str = "salesforce") -> None:
        """The Settings tab at its General or Salesforce section."""
        self.pages.build("Settings")  # shown from here even in a hidden window
        self.window.show_page("Settings")
        if self.settings_sections is not None:
            self.settings_sections.show_section(section)

    # -- reactions -----------------------------------------------------------------------
    def _sync_finished(self, run: Any) -> None:
        """Reload the tree when the sync changed items (most scheduled runs change none, and
        reading 200,000 items again costs seconds of a core and a second copy in memory)."""
        counts = getattr(run, "counts", None)
        if counts is None or any(
            c.created or c.modified or c.archived or c.restored for c in counts.values()
        ):
            self.tasks.reload()
        else:
            self.tasks.refresh_recent()

    def _banner_action(self, action: str) -> None:
        if action == "retry":
            self.sync.force_sync()
        elif action == "choose_ca_file":
            self.window.bring_to_front()
            self.show_settings("salesforce")
            focus = getattr(self._salesforce_page(), "focus_ca_file", None)
            if focus is not None:
                focus()
        elif action in ("reenter_password", "reconnect"):
            self.show_sign_in()

    def show_sign_in(self) -> None:
        """The Settings page with the sign-in form (a sync asked for while not connected, or
        a banner's "Re-enter password…"/"Connect…")."""
        self.window.bring_to_front()
        self.show_settings("salesforce")
        reenable = getattr(self.integration, "reenable", None)
        page_state = getattr(self._salesforce_page(), "state", lambda: "")()
        if reenable is not None and page_state != "never":
            reenable()  # the form again (a profile never connected shows it already)

    def _salesforce_page(self) -> QWidget | None:
        """Settings' Salesforce section (the IntegrationPage), once the engine built it."""
        sections = self.settings_sections
        return sections.section("salesforce") if sections is not None else None

    def _question_parent(self) -> QWidget:
        picker = self.quick_picker
        return picker if picker is not None and picker.isVisible() else self.window

    def pick_task(self) -> None:
        """The tray's "Pick a task…": the small always-on-top picker."""
        if self.quick_picker is None:
            from desktop.ui.picker.quick_picker import QuickPicker

            self.quick_picker = QuickPicker(self.tasks, self.timer)
            if self.links is not None:
                self.quick_picker.picker.set_record_links(self.links)
            if self.exclusions is not None:
                self.quick_picker.picker.set_exclusions(self.exclusions)
        self.quick_picker.popup()

    def quit(self) -> None:
        self.window.prepare_to_quit()
        self.app.quit()

    # -- shutdown ------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the scheduler, close the store, release the profile (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.problems.close()
        self.timer.save_details()  # a note typed just before quitting is kept
        self.window.save_geometry(self.ui_settings)
        self.app.aboutToQuit.disconnect(self.shutdown)
        # From here on nothing may react to the services: the store is about to close.
        for service in (self.timer, self.tasks, self.sync, self.writeback, self.integration,
                        self.display, self.preferences, self.exclusions, self.new_items):
            if service is not None:
                service.blockSignals(True)
        self.tasks.stop_loading()  # a catalog build in a child process
        if self.writeback is not None:
            self.writeback.shutdown()  # a push under way stops before the store closes
        if self.attention is not None:
            self.attention.close()
        if self.tray is not None:
            self.tray.dispose()
        if self.quick_picker is not None:
            self.quick_picker.hide()
        self.window.prepare_to_quit()
        self.window.hide()
        if self.engine is not None:
            self.engine.close()  # stops the scheduler (cancels a running sync), closes store
        else:
            self.store.close()
        self.guard.release()
        if self.demo is not None:
            self.demo.stop()
        self.language.remove()  # the translators go with the app that installed them
        log.info("Stint stopped")


def _private_settings(path: Path) -> QSettings:
    """The window's settings file, created 0600 first (QSettings keeps an existing file's
    mode). A read-only profile keeps them in memory for this run."""
    with contextlib.suppress(OSError):
        create_private_file(path)
    return QSettings(str(path), QSettings.Format.IniFormat)


def _report(line: str) -> None:
    # Benchmark hooks only (see the module doc): a line on stdout for the measuring script.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
