"""Problems no one else catches, told in the window: the store's health check after start-up,
the offer to repair a damaged store, and exceptions nobody caught (sys.excepthook).

A problem with the profile's files (damaged, full, read-only, busy) is said in plain words
with its fix and logged as one line; anything else is a bug: logged with its traceback, and
the window says where the log is. Never a crash, never a traceback on screen.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain.text import fill
from desktop.services.i18n import error_text, translated
from desktop.ui.banner import ErrorBanner

log = logging.getLogger(__name__)

STORE_CHECK_DELAY_MS = 5_000  # after start-up's own work (the tree, the engine)


class ProblemReporter(QObject):
    repair_chosen = Signal()  # the user chose to repair the damaged store now
    store_checked = Signal(object)  # list[str]: what the check found ([]: the store is sound)

    def __init__(self, banner: ErrorBanner, store_path: Path, log_dir: Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._banner = banner
        self._store_path = store_path
        self._log_dir = log_dir
        self._repair_offered = False
        self._closed = False

    def close(self) -> None:
        """The app shuts down: nothing is offered or told any more."""
        self._closed = True

    # -- the store's health --------------------------------------------------------------------
    def check_store_later(self, delay_ms: int = STORE_CHECK_DELAY_MS) -> None:
        QTimer.singleShot(delay_ms, self, self.check_store)  # dropped if self goes first

    def check_store(self) -> None:
        """Read the whole store once on a worker (SQLite's quick check): a damaged file is
        said at once, with the offer to repair it, rather than met by surprise later."""
        from desktop.services.workers import run_in_background
        from desktop.store.recovery import integrity_problems

        if self._closed:
            return
        path = self._store_path
        run_in_background(self, lambda: integrity_problems(path), self._store_checked,
                          lambda error: log.warning("the store check failed: %s", error),
                          name="store check")

    def _store_checked(self, problems: list[str]) -> None:
        self.store_checked.emit(problems)
        if problems and not self._closed:
            log.warning("the local database is damaged: %s", "; ".join(problems))
            self.offer_repair(problems[0])

    def offer_repair(self, detail: str) -> None:
        """Ask once per run whether to repair now (the app closes, repairs and opens again:
        see desktop.app_run.run_app); "Not now" leaves a note until the next start asks again."""
        from desktop.ui.store_repair import ask_to_repair

        if self._closed or self._repair_offered:
            return  # met again while asking, or after "Not now"
        self._repair_offered = True
        if ask_to_repair(detail, running=True, parent=self._banner.window()):
            self.repair_chosen.emit()
        else:
            self._banner.show_problem(self.tr(
                "Stint's local database is damaged: what cannot be read is missing here. Stint "
                "offers the repair again at its next start."), "")

    # -- what nobody caught ----------------------------------------------------------------------
    def report_uncaught(self, error: BaseException) -> None:
        from desktop.platform.file_problems import os_error_text
        from desktop.store.errors import StoreCorrupt, StoreError, is_corruption

        if self._closed:
            return
        if isinstance(error, StoreCorrupt) or is_corruption(error):
            self.offer_repair(getattr(error, "detail", None) or str(error))
        elif isinstance(error, StoreError):
            self._banner.show_problem(error_text(error), "")
        elif isinstance(error, OSError) and error.filename is not None:  # a file Stint writes
            self._banner.show_problem(translated(os_error_text(error)), "")
        else:
            self._banner.show_problem(fill(self.tr(
                "Something unexpected went wrong; the log file in %1 has the details."),
                self._log_dir), "")


def excepthook(reporter: ProblemReporter | None, ensure_log: Callable[[], None]):
    """A sys.excepthook: every uncaught exception logged (one line for a problem told in
    plain words, the traceback for a bug) and reported to `reporter` (None: only logged)."""

    def hook(kind, error, traceback) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, traceback)
            return
        from desktop.services.workers import is_expected

        if not any(h.get_name() == "stint-file" for h in logging.getLogger().handlers):
            ensure_log()  # met before start-up set up the log file
        file_problem = isinstance(error, OSError) and error.filename is not None
        if is_expected(error) or file_problem:  # told in plain words: one line
            log.warning("uncaught %s: %s", kind.__name__, error)
        else:
            log.error("uncaught %s", kind.__name__, exc_info=(kind, error, traceback))
        if reporter is None:
            return
        try:
            reporter.report_uncaught(error)
        except Exception:  # the report itself must never bring the app down
            log.exception("reporting an uncaught error failed")

    return hook
