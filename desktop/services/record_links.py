"""Links from Stint to the records behind its tasks: "Open in Salesforce" everywhere a task
shows (picker, tree, task widget, timesheet, reports).

The address is the record's Lightning page on the connected org (domain.record_urls); the
org's address is read from the store each time, so it follows connecting and disconnecting.
The browser is started on a worker (platform.browser waits for a $BROWSER command to exit).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.domain.items import Item
from desktop.domain.record_urls import RecordUrlError, lightning_record_url
from desktop.platform.browser import BrowserUnavailable, UrlOpener, open_url
from desktop.services.i18n import error_text
from desktop.services.workers import run_in_background
from desktop.store.store import Store
from desktop.store.sync_state_repo import INSTANCE_URL_KEY

log = logging.getLogger(__name__)


class RecordLinks(QObject):
    """`url(item_id)` / `open(item_id)`; `open_failed(message, url)` when no browser starts."""

    opened = Signal(str)  # the address handed to the browser
    open_failed = Signal(str, str)  # a message for the user, and the address to copy

    def __init__(
        self,
        store: Store,
        item_lookup: Callable[[str], Item | None],
        opener: UrlOpener | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._item = item_lookup
        self._opener = opener

    def url(self, item_id: str | None) -> str | None:
        """The record page of the task, or None (no record, not connected)."""
        return self._address(item_id)[0]

    def why_not(self, item_id: str | None) -> str:
        """Why url() is None, for a tooltip ("" when there is a URL)."""
        return self._address(item_id)[1]

    def open(self, item_id: str | None) -> bool:
        """Open the task's record page in the browser; False when there is none to open."""
        url = self.url(item_id)
        if url is None:
            return False
        opener = self._opener

        def launch() -> BrowserUnavailable | None:
            try:
                open_url(url, opener)
            except BrowserUnavailable as exc:  # handed back: not a failure of the worker
                return exc
            return None

        run_in_background(self, launch, lambda problem: self._launched(url, problem),
                          name="open record in browser")
        return True

    def _launched(self, url: str, problem: BrowserUnavailable | None) -> None:
        if problem is None:
            self.opened.emit(url)
        else:
            log.warning("no browser for a record page: %s", problem.message)
            self.open_failed.emit(
                self.tr("No web browser could be started. The record's address is: %1")
                .replace("%1", url), url,
            )

    def _address(self, item_id: str | None) -> tuple[str | None, str]:
        item = self._item(item_id) if item_id else None
        if item is None or not item.sobject:
            return None, self.tr("This task is not a Salesforce record.")
        instance_url = self._store.sync_state.get_value(INSTANCE_URL_KEY)
        if not instance_url:
            return None, self.tr("Connect to Salesforce to open its records.")
        try:
            return lightning_record_url(instance_url, item.sobject, item.id), ""
        except RecordUrlError as exc:
            return None, error_text(exc)
