"""The address of a record's page in Salesforce (Lightning Experience) on the user's org.

The record page's URL format is /lightning/r/{objectApiName}/{recordId}/{actionName}
(Lightning Aura Components Developer Guide, "pageReference Types", Record Page Type), on the
org's instance: https://<instance>/lightning/r/Opportunity/006.../view. Everything going
into the address is checked first, so a cached value can never turn into another address.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from desktop.domain.text import QT_TRANSLATE_NOOP, Message

_RECORD_ID = re.compile(r"^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$")
_SOBJECT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_HOST = re.compile(r"^[A-Za-z0-9.-]+$")

# Key prefixes of the objects Stint imports or writes (SALESFORCE_NOTES.md), for an Id that
# is not in the cache.
KEY_PREFIXES = {
    "001": "Account",
    "003": "Contact",
    "006": "Opportunity",
    "500": "Case",
    "00T": "Task",
    "00U": "Event",
}


class RecordUrlError(ValueError):
    """No page address can be made; the message says why, for the user (`str()` in English,
    `.text` the same as a Message the app translates)."""

    def __init__(self, template: str, *values: object) -> None:
        self.text = Message("RecordUrl", template, *values)
        super().__init__(str(self.text))


def is_record_id(text: str) -> bool:
    return bool(_RECORD_ID.match(text))


def sobject_for_id(record_id: str) -> str | None:
    """The object a record Id belongs to, from its key prefix (None when unknown)."""
    return KEY_PREFIXES.get(record_id[:3]) if is_record_id(record_id) else None


def lightning_record_url(instance_url: str, sobject: str, record_id: str) -> str:
    """https://<instance>/lightning/r/<sobject>/<record_id>/view, or RecordUrlError."""
    parts = urlsplit(instance_url.strip())
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme.lower() != "https" or not _HOST.match(host) or port == -1:
        raise RecordUrlError(QT_TRANSLATE_NOOP(
            "RecordUrl", "The connected org's address is not a valid https address."))
    if parts.username or parts.password or parts.query or parts.fragment:
        raise RecordUrlError(QT_TRANSLATE_NOOP(
            "RecordUrl", "The connected org's address is not a plain https address."))
    if not _SOBJECT.match(sobject or ""):
        raise RecordUrlError(QT_TRANSLATE_NOOP(
            "RecordUrl", "%1 is not a Salesforce object name."), repr(sobject))
    if not is_record_id(record_id):
        raise RecordUrlError(QT_TRANSLATE_NOOP(
            "RecordUrl", "%1 is not a Salesforce record Id."), repr(record_id))
    netloc = host if port is None else f"{host}:{port}"
    return f"https://{netloc}/lightning/r/{sobject}/{record_id}/view"
