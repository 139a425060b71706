"""`stint open`: a task's record page in Salesforce (Lightning), printed and opened in the
browser (desktop.platform.browser)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.commands.result import CommandResult
from desktop.commands.tasks import resolve_task
from desktop.domain.record_urls import (
    RecordUrlError,
    is_record_id,
    lightning_record_url,
    sobject_for_id,
)
from desktop.engine import Engine, EngineError
from desktop.engine.errors import NotConnected
from desktop.store.sync_state_repo import INSTANCE_URL_KEY

if TYPE_CHECKING:  # the browser (webbrowser, subprocess) loads only to open the address
    from desktop.platform.browser import UrlOpener


def open_record(
    engine: Engine, text: str, print_only: bool = False, opener: UrlOpener | None = None
) -> CommandResult:
    """TEXT is a task's Salesforce Id (one not in the cache too, for the objects Stint knows)
    or words of its name, as for `stint start`."""
    record_id, sobject, name = _record(engine, text)
    instance_url = engine.store.sync_state.get_value(INSTANCE_URL_KEY)
    if not instance_url:
        raise NotConnected()
    try:
        url = lightning_record_url(instance_url, sobject, record_id)
    except RecordUrlError as exc:
        raise EngineError(str(exc)) from None
    data = {"id": record_id, "sobject": sobject, "name": name, "url": url, "opened": False}
    result = CommandResult(data=data, text=url)
    if print_only:
        return result
    from desktop.platform.browser import BrowserUnavailable, open_url

    try:
        open_url(url, opener)
    except BrowserUnavailable as exc:
        result.warnings.append(exc.message)
        result.exit_code = 1
    else:
        data["opened"] = True
    return result


def _record(engine: Engine, text: str) -> tuple[str, str, str | None]:
    """(record Id, sObject, name or None) of what TEXT names."""
    wanted = text.strip()
    if is_record_id(wanted) and engine.store.items.by_id(wanted) is None:
        sobject = sobject_for_id(wanted)
        if sobject is not None:  # not in the cache (yet): its key prefix tells the object
            return wanted, sobject, None
    item = resolve_task(engine, wanted)
    if not item.sobject:
        raise EngineError(f"{item.name!r} is not a Salesforce record.")
    return item.id, item.sobject, item.name
