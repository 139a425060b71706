"""Setting write-back up: which custom objects of the org can receive time entries.

For the settings page: one call lists the org's objects; each custom object whose name or label
suggests time tracking is described (one call each, cached by the client) and kept when its
fields can be mapped (mapping.detect_fields).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from desktop.salesforce.client import SalesforceClient
from desktop.salesforce.errors import MalformedResponse
from desktop.sync.push.mapping import CustomObjectFields, PushSetupError, detect_fields

logger = logging.getLogger(__name__)

_HINTS = ("time", "hour", "timesheet", "work_log", "worklog", "effort")
MAX_DESCRIBES = 10  # never spend more than this many calls looking


@dataclass(frozen=True)
class TimeEntryObject:
    name: str   # API name, e.g. "Time_Entry__c"
    label: str  # "Time Entry"
    fields: CustomObjectFields


def find_time_entry_objects(client: SalesforceClient) -> list[TimeEntryObject]:
    """Custom objects of the org that can receive time entries, best guesses first."""
    [(status, body)] = client.composite([
        {"method": "GET", "url": client.data_path("sobjects"), "referenceId": "objects"}])
    if status != 200 or not isinstance(body, dict) or not isinstance(body.get("sobjects"), list):
        raise MalformedResponse(client.host)
    candidates = [
        o for o in body["sobjects"]
        if isinstance(o, dict) and o.get("custom") and o.get("createable")
        and any(h in f"{o.get('name', '')} {o.get('label', '')}".lower().replace(" ", "_")
                for h in _HINTS)
    ]
    found = []
    for entry in candidates[:MAX_DESCRIBES]:
        try:
            fields = detect_fields(client.describe(entry["name"]), {})
        except PushSetupError as exc:
            logger.info("%s cannot take time entries: %s", entry["name"], exc.message)
            continue
        found.append(TimeEntryObject(entry["name"], str(entry.get("label") or entry["name"]),
                                     fields))
    return found
