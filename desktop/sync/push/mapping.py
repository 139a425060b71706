"""Pure helpers of write-back: Salesforce datetimes, the client-id marker carried by Events,
and detecting which fields of a custom time-entry object hold what (from its describe)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from desktop.domain.entries import TimeEntry
from desktop.domain.text import QT_TRANSLATE_NOOP, Message

# Events have no external id field, so each carries its entry's client id in the description.
# Description (a long text area) cannot be filtered in SOQL: records are found by who created
# them and when, and matched on this marker locally (see remote.find_lost_creates).
_MARKER = re.compile(r"\[stint:([0-9a-fA-F-]{36})\]")

# Field-map keys a profile may set in Settings.writeback_field_map to override detection.
MAPPING_KEYS = ("opportunity", "case", "start", "minutes", "note", "billable", "external_id")


class PushSetupError(Exception):
    """Write-back cannot run with this org/settings; `message` says why in plain words (in
    English), `.text` the same as a Message the app translates."""

    def __init__(self, template: str, *values: object) -> None:
        self.text = Message("PushSetup", template, *values)
        self.message = str(self.text)
        super().__init__(self.message)


def to_salesforce_datetime(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"


def from_salesforce_datetime(text: Any) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    return datetime.fromisoformat(text).astimezone(UTC)


def marker(client_id: str) -> str:
    return f"[stint:{client_id}]"


# "[stint:<36-character client id>]" and the blank line before it.
_MARKER_ROOM = len(marker("0" * 36)) + 2


def note_room(description_length: int) -> int:
    """How many characters of a note fit in a description that also carries the marker."""
    return max(description_length - _MARKER_ROOM, 0)


def kept_note(note: str, limit: int) -> str:
    """The note as a Salesforce field of `limit` characters holds it: cut to fit, and without
    trailing blanks (Stint never sends them; Salesforce may drop them)."""
    return note[:limit].rstrip()


def salesforce_note(remote: str, entry: TimeEntry, limit: int) -> str:
    """Salesforce's version of the entry's note, given the text its field holds (`remote`).

    Compared with what was pushed, not with the local note: while Salesforce holds the pushed
    note as it could keep it (cut to the field, trailing blanks gone), its version is the whole
    note pushed, so a field too short for a note never shortens the local copy. A different
    text was edited in Salesforce and wins. Entries pushed before Stint remembered the pushed
    note compare with the local note instead."""
    pushed = entry.pushed_note if entry.pushed_note is not None else entry.note
    return pushed if remote.rstrip() == kept_note(pushed, limit) else remote


def marked_client_id(text: Any) -> str | None:
    """The client id in a description written by Stint, or None."""
    found = _MARKER.search(text) if isinstance(text, str) else None
    return found.group(1).lower() if found else None


def with_marker(note: str, client_id: str, max_length: int) -> str:
    """The note followed by the marker line, the note shortened if the field is too small."""
    tag = marker(client_id)
    body = kept_note(note, note_room(max_length))
    return f"{body}\n\n{tag}" if body else tag


def without_marker(text: Any) -> str:
    if not isinstance(text, str):
        return ""
    return _MARKER.sub("", text).rstrip()


@dataclass(frozen=True)
class CustomObjectFields:
    """Which fields of the custom object hold an entry's parts (None: the object has none)."""

    sobject: str
    external_id: str
    start: str
    minutes: str
    opportunity: str | None = None
    case: str | None = None
    note: str | None = None
    note_length: int = 32000
    billable: str | None = None

    def selected(self) -> list[str]:
        names = [self.external_id, self.start, self.minutes, self.opportunity, self.case,
                 self.note, self.billable]
        return list(dict.fromkeys(n for n in names if n))


def detect_fields(describe: dict[str, Any], overrides: dict[str, str]) -> CustomObjectFields:
    """Find the time-entry fields in a custom object's describe; `overrides` (from settings)
    name fields explicitly. PushSetupError lists what is missing."""
    sobject = str(describe.get("name", ""))
    fields = {f["name"]: f for f in describe.get("fields", []) if isinstance(f, dict)}
    by_lower = {name.lower(): name for name in fields}

    def chosen(key: str, guess) -> str | None:
        if overrides.get(key):
            name = by_lower.get(overrides[key].lower())
            if name is None:
                raise PushSetupError(QT_TRANSLATE_NOOP(
                    "PushSetup", "The field %1 set for '%2' does not exist on %3."),
                    overrides[key], key, sobject)
            return name
        return next((name for name, f in fields.items() if guess(name.lower(), f)), None)

    def custom(f: dict) -> bool:
        return bool(f.get("custom")) and bool(f.get("createable"))

    def refers_to(target: str):
        return lambda n, f: f.get("type") == "reference" and target in (f.get("referenceTo") or [])

    found = {
        "external_id": chosen("external_id", lambda n, f: bool(f.get("externalId"))
                              and f.get("type") == "string" and custom(f)),
        "start": chosen("start", lambda n, f: f.get("type") == "datetime" and custom(f)),
        "minutes": chosen("minutes", lambda n, f: f.get("type") in ("double", "int", "currency")
                          and custom(f) and ("minute" in n or "duration" in n)),
        "opportunity": chosen("opportunity", refers_to("Opportunity")),
        "case": chosen("case", refers_to("Case")),
        "note": chosen("note", lambda n, f: f.get("type") in ("textarea", "string") and custom(f)
                       and any(w in n for w in ("note", "comment", "description"))),
        "billable": chosen("billable", lambda n, f: f.get("type") == "boolean" and custom(f)
                           and "billable" in n),
    }
    missing = [key for key in ("external_id", "start", "minutes") if not found[key]]
    if not (found["opportunity"] or found["case"]):
        missing.append("a lookup to Opportunity or Case")
    if missing:
        raise PushSetupError(QT_TRANSLATE_NOOP(
            "PushSetup",
            "%1 cannot receive time entries: no field found for %2. Set the field mapping in "
            "the write-back settings."), sobject, ", ".join(missing))
    note_length = int(fields[found["note"]].get("length") or 32000) if found["note"] else 32000
    return CustomObjectFields(sobject=sobject, note_length=note_length, **found)  # type: ignore[arg-type]
