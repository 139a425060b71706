"""Running the GUI process around one StintApp (desktop.app, the composition root): the
QApplication, the profile and its single-instance lock, the store (repaired first when the
user chose so), the event loop, and a fresh StintApp after a repair.

`main()` is the CLI's entry (`stint [--profile DIR] [--demo] [--hidden]`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

# desktop.app first: it imports the Qt-free modules of the first paint before PySide6.
from desktop.app import APP_ID, StintApp, _env_flag
from desktop.platform.paths import ProfilePaths
from desktop.store.errors import is_corruption

# isort: split
from PySide6.QtWidgets import QApplication

from desktop.services.i18n import install_language
from desktop.ui.lifecycle import quit_on_termination_signals
from desktop.ui.problem_reporter import excepthook
from desktop.ui.single_instance import SingleInstance
from desktop.ui.store_repair import ask_to_repair_at_start, cannot_start, log_now, open_store

log = logging.getLogger("desktop.app")  # the composition root's log, as before the split


def run_app(
    argv: Sequence[str] | None = None,
    profile: str | None = None,
    demo: bool = False,
    hidden: bool = False,
) -> int:
    """Run the GUI until the user quits; returns the process exit code."""
    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName("Stint")
    app.setApplicationDisplayName("Stint")
    app.setDesktopFileName(APP_ID)
    # What is said before the window exists (a damaged or unwritable store) is said in the
    # system's language: the language setting lives in that store. The app installs its own.
    language = install_language("system")

    demo_env = None
    if demo:
        from desktop.demo import DemoEnvironment

        demo_env = DemoEnvironment.create()
        profile = str(demo_env.profile_dir)
    try:
        paths = ProfilePaths.resolve(profile).create_dirs()
    except OSError as exc:
        return cannot_start(exc)
    hidden = hidden or _env_flag("STINT_START_HIDDEN")  # see desktop.app's module doc
    running: list[StintApp] = []
    repair_first = False
    while True:  # once, or again after the user chose to repair a damaged store
        guard = SingleInstance(paths.lock_path, lambda: paths.profile_id)
        try:
            acquired = guard.acquire()
        except OSError as exc:
            return cannot_start(exc, paths.lock_path, paths)
        if not acquired:
            log.info("Stint already runs on this profile; asking it to show its window")
            guard.ask_first_to_raise()
            return 0
        store = open_store(paths, repair_first)
        if store is None:
            guard.release()
            return 1
        try:
            stint = StintApp(app, paths, store, guard, demo=demo_env, language=language)
        except Exception as exc:  # what the first paint reads may be what is damaged
            if not is_corruption(exc):
                raise
            store.close()
            guard.release()
            language.remove()  # the app may have kept it, or installed its own: start afresh
            language = install_language("system")
            if not ask_to_repair_at_start(exc, paths):
                return 1
            repair_first = True
            continue
        if not running:  # the handlers stay installed: they quit whichever app runs now
            quit_on_termination_signals(app, lambda: running and running[-1].quit())
        running.append(stint)
        stint.start(hidden=hidden)
        sys.excepthook = excepthook(stint.problems, lambda: log_now(paths))
        code = app.exec()
        stint.shutdown()
        if not stint.repair_requested:
            sys.excepthook = sys.__excepthook__
            return code
        # Before the repair's dialogs run the event loop again: nothing of this app may run
        # on its closed store (a background load answering late), so it goes now.
        sys.excepthook = excepthook(None, lambda: log_now(paths))
        running.pop()
        _dispose(stint)
        language = install_language("system")  # the app's went with it
        repair_first, hidden = True, False


def _dispose(stint: StintApp) -> None:
    """Delete the app's window and objects at once (their pending results are dropped)."""
    import shiboken6

    for part in (stint.quick_picker, stint.window, stint):
        if part is not None and shiboken6.isValid(part):
            shiboken6.delete(part)


def main(profile: str | None = None, demo: bool = False, hidden: bool = False) -> int:
    """The CLI's entry for the GUI (`stint [--profile DIR] [--demo] [--hidden]`)."""
    return run_app(sys.argv[:1], profile=profile, demo=demo, hidden=hidden)
