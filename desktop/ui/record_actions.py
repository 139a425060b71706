""""Open in Salesforce" for a task, the same in every menu and button that offers it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop.services.record_links import RecordLinks


def open_in_salesforce_text() -> str:
    return QCoreApplication.translate("RecordActions", "Open in Salesforce")


def add_open_in_salesforce(menu: QMenu, links: RecordLinks | None, item_id: str | None) -> QAction:
    """Add "Open in Salesforce" for `item_id` to `menu`: disabled, saying why, when the task
    has no record page (no task, not connected, not a record)."""
    action = menu.addAction(open_in_salesforce_text())
    action.setObjectName("openInSalesforce")
    url = links.url(item_id) if links is not None else None
    action.setEnabled(url is not None)
    if url is None:
        reason = links.why_not(item_id) if links is not None else ""
        action.setToolTip(reason)
        menu.setToolTipsVisible(True)
    else:
        action.setToolTip(url)
        action.triggered.connect(lambda: links.open(item_id))
    return action
