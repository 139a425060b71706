"""Where time entries go in Salesforce: an Event on the Opportunity/Case, or a record of a
custom time-entry object. A target turns an entry into field values and a Salesforce record
back into entry changes (when Salesforce wins a conflict)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from desktop.domain.entries import TimeEntry
from desktop.domain.settings import Settings
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.sync.push.mapping import (
    CustomObjectFields,
    PushSetupError,
    detect_fields,
    from_salesforce_datetime,
    kept_note,
    marked_client_id,
    note_room,
    salesforce_note,
    to_salesforce_datetime,
    with_marker,
    without_marker,
)

EVENT_SUBJECT_LENGTH = 255
EVENT_DESCRIPTION_LENGTH = 32000
EVENT_NOTE_LIMIT = note_room(EVENT_DESCRIPTION_LENGTH)  # the rest carries the client-id marker


@dataclass(frozen=True)
class Link:
    """The Salesforce record an entry is logged against, and how its task reads."""

    what_id: str
    what_sobject: str  # "Opportunity" or "Case"
    subject: str       # the task path, e.g. "Acme - 500 Widgets > Call back"


class PushTarget(Protocol):
    sobject: str
    upsert_field: str | None  # external id field: creates and updates are one upsert
    note_limit: int | None    # characters of a note Salesforce keeps (None: no note field)

    def fields(self) -> list[str]: ...
    def values(self, entry: TimeEntry, link: Link) -> dict[str, Any]: ...
    def client_id_of(self, record: dict[str, Any]) -> str | None: ...
    def remote_changes(self, record: dict[str, Any], entry: TimeEntry,
                       link: Link | None) -> dict[str, Any]: ...


def _changed(entry: TimeEntry, wanted: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in wanted.items() if not _same(getattr(entry, name), value)}


def _same(ours: Any, theirs: Any) -> bool:
    """Equal as Salesforce keeps them: datetimes to the second (it drops milliseconds)."""
    if isinstance(ours, datetime) and isinstance(theirs, datetime):
        return ours.replace(microsecond=0) == theirs.replace(microsecond=0)
    return ours == theirs


class EventTarget:
    """A standard Event: WhatId, StartDateTime/EndDateTime, Subject and Description."""

    sobject = "Event"
    upsert_field = None
    note_limit = EVENT_NOTE_LIMIT

    def fields(self) -> list[str]:
        return ["WhatId", "StartDateTime", "EndDateTime", "Description"]

    def values(self, entry: TimeEntry, link: Link) -> dict[str, Any]:
        assert entry.end is not None, "a running timer is never pushed"
        values = {
            "WhatId": link.what_id,
            "StartDateTime": to_salesforce_datetime(entry.start),
            "EndDateTime": to_salesforce_datetime(entry.end),
            "Description": with_marker(entry.note, entry.client_id, EVENT_DESCRIPTION_LENGTH),
        }
        if link.subject:  # unknown for a record that is not imported: keep Salesforce's
            values["Subject"] = link.subject[:EVENT_SUBJECT_LENGTH]
        return values

    def client_id_of(self, record: dict[str, Any]) -> str | None:
        return marked_client_id(record.get("Description"))

    def remote_changes(self, record: dict[str, Any], entry: TimeEntry,
                       link: Link | None) -> dict[str, Any]:
        wanted: dict[str, Any] = {
            "note": salesforce_note(without_marker(record.get("Description")), entry,
                                    self.note_limit)}
        start = from_salesforce_datetime(record.get("StartDateTime"))
        end = from_salesforce_datetime(record.get("EndDateTime"))
        if start is not None and end is not None and not _same_event_times(entry, start, end):
            wanted.update(start=start, end=end)
        what_id = record.get("WhatId")
        if what_id and (link is None or what_id != link.what_id):
            wanted["item_id"] = what_id  # moved to another record in Salesforce
        return _changed(entry, wanted)


def _same_event_times(entry: TimeEntry, start: datetime, end: datetime) -> bool:
    """Whether an Event's times are the entry's as Salesforce keeps them: to the second, and
    the end possibly as start + DurationInMinutes, a whole number of minutes (an Event's
    length is an integer field, and an edit of the Event may set the end from it). The
    entry's own seconds then stay: they are what was tracked."""
    if entry.end is None or not _same(entry.start, start):
        return False
    if _same(entry.end, end):
        return True
    tracked = entry.end.replace(microsecond=0) - entry.start.replace(microsecond=0)
    return end - start == timedelta(minutes=tracked // timedelta(minutes=1))


class CustomObjectTarget:
    """A custom time-entry object, upserted on its external id field (the entry's client id)."""

    def __init__(self, mapping: CustomObjectFields) -> None:
        self.mapping = mapping
        self.sobject = mapping.sobject
        self.upsert_field = mapping.external_id
        self.note_limit = mapping.note_length if mapping.note else None

    def fields(self) -> list[str]:
        return self.mapping.selected()

    def values(self, entry: TimeEntry, link: Link) -> dict[str, Any]:
        assert entry.end is not None, "a running timer is never pushed"
        m = self.mapping
        values: dict[str, Any] = {
            m.external_id: entry.client_id,
            m.start: to_salesforce_datetime(entry.start),
            m.minutes: round((entry.end - entry.start).total_seconds() / 60, 2),
        }
        # Both lookups are written, so moving an entry from a Case to an Opportunity clears one.
        if m.opportunity:
            values[m.opportunity] = link.what_id if link.what_sobject == "Opportunity" else None
        if m.case and m.case != m.opportunity:
            values[m.case] = link.what_id if link.what_sobject == "Case" else None
        elif m.case:
            values[m.case] = link.what_id
        if m.note:
            values[m.note] = kept_note(entry.note, m.note_length)
        if m.billable:
            values[m.billable] = entry.billable
        return values

    def client_id_of(self, record: dict[str, Any]) -> str | None:
        value = record.get(self.mapping.external_id)
        return value.lower() if isinstance(value, str) else None

    def remote_changes(self, record: dict[str, Any], entry: TimeEntry,
                       link: Link | None) -> dict[str, Any]:
        m = self.mapping
        wanted: dict[str, Any] = {}
        start = from_salesforce_datetime(record.get(m.start))
        minutes = record.get(m.minutes)
        if start is not None and isinstance(minutes, int | float) and minutes > 0:
            wanted.update(start=start, end=start + timedelta(minutes=minutes))
        if m.note:
            wanted["note"] = salesforce_note(record.get(m.note) or "", entry, m.note_length)
        if m.billable:
            wanted["billable"] = bool(record.get(m.billable))
        what_id = (record.get(m.opportunity) if m.opportunity else None) or (
            record.get(m.case) if m.case else None)
        if what_id and (link is None or what_id != link.what_id):
            wanted["item_id"] = what_id
        changes = _changed(entry, wanted)
        # Minutes are rounded to 1/100: a start/end within a second of ours is no change.
        if "end" in changes and entry.end is not None and "start" not in changes and abs(
                changes["end"] - entry.end) < timedelta(seconds=1):
            del changes["end"]
        return changes


def make_target(settings: Settings, describe) -> PushTarget:
    """The target the settings ask for. `describe(sobject) -> dict` is the client's describe."""
    if settings.writeback == "event":
        return EventTarget()
    if settings.writeback == "custom_object":
        if not settings.writeback_object:
            raise PushSetupError(QT_TRANSLATE_NOOP(
                "PushSetup", "Choose the custom object that receives time entries."))
        return CustomObjectTarget(
            detect_fields(describe(settings.writeback_object), settings.writeback_field_map))
    raise PushSetupError(QT_TRANSLATE_NOOP("PushSetup", "Write-back is off."))
