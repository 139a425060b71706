"""Main-window pages built when they are first seen, not at start-up.

An app started in the tray may run all day without its window ever opening, and most users
open the Reports, Sync and Settings pages now and then, not daily: building them (their
modules, widgets and models) at start-up cost ~9 MB of the ~86 MB an app with 5,000 cached
items holds (tests/bench/bench_memory.py). A deferred page keeps its placeholder until the
window is shown with it current, the user switches to it, or the app asks for it (`build`);
a page `with_window` (the Timesheet, whose Ctrl+N and Ctrl+Z work on every page) is built as
soon as the window is shown, whichever page is current.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

PageBuilder = Callable[[], QWidget]


class DeferredPages(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._builders: dict[str, tuple[PageBuilder, bool]] = {}
        self._building = False
        window.pages.currentChanged.connect(self._current_changed)
        window.installEventFilter(self)

    def defer(self, key: str, build: PageBuilder, *, with_window: bool = False) -> None:
        """Build the page `key` with `build()` once it is seen (at once if it is now)."""
        self._builders[key] = (build, with_window)
        self._build_seen()

    def is_deferred(self, key: str) -> bool:
        return key in self._builders

    def build(self, key: str) -> None:
        """Build the page `key` now if it is still deferred (the app is about to show it)."""
        entry = self._builders.pop(key, None)
        if entry is None:
            return
        self._building = True  # replacing the tab moves the current index meanwhile
        try:
            self._window.replace_page(key, entry[0]())
        finally:
            self._building = False
        log.debug("page %s built", key)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self._window and event.type() == QEvent.Type.Show and self._builders:
            # Before the window paints: it appears ~40 ms later (the Timesheet), but whole,
            # not with an empty page that fills a moment after.
            self._build_seen()
        return False

    def _current_changed(self, _index: int) -> None:
        if not self._building:
            self._build_seen()

    def _build_seen(self) -> None:
        if not self._window.isVisible():
            return
        current = self._window.page_key()
        for key, (_build, with_window) in list(self._builders.items()):
            if with_window or key == current:
                self.build(key)
