"""Time entries: what was worked on and when, plus the rules every stored entry obeys."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from desktop.domain.record import Record
from desktop.domain.text import QT_TRANSLATE_NOOP, Message

_CONTEXT = "EntryError"  # where the app finds these texts' translations


class EntrySyncState(StrEnum):
    """Write-back state of an entry (issue 5); "local" until write-back is switched on."""

    LOCAL = "local"
    PENDING = "pending"
    SYNCED = "synced"
    ERROR = "error"
    DELETED_REMOTE = "deleted_remote"


class EntryError(ValueError):
    """A time entry that breaks a rule. `message` is the English text (the command line's);
    `text` the same as a Message the app translates. Built from a template marked with
    QT_TRANSLATE_NOOP("EntryError", ...) and its values, or from a Message.

    `conflict` is the stored entry it collides with, when there is one.
    """

    def __init__(self, message: str | Message, *values: object,
                 conflict: TimeEntry | None = None) -> None:
        text = message if isinstance(message, Message) else Message(_CONTEXT, message, *values)
        super().__init__(str(text))
        self.text = text
        self.message = str(text)
        self.conflict = conflict


_NEW_CLIENT_ID = object()  # TimeEntry's default: a new one (None stays None, as stored)


def new_client_id() -> str:
    """A random (version 4) UUID in its usual text form. Built from os.urandom as uuid.uuid4
    does: the uuid module (and the platform module it loads) would cost `stint start` ~20 ms."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


class TimeEntry(Record):
    """A span of work on an item (or on "no task" when item_id is None).

    `end` None means the timer is running. `client_id` is a UUID that never changes, so a
    write-back can be retried without creating duplicates in Salesforce. `pushed_note` is the
    note as write-back last sent it, `salesforce_note_limit` how many of its characters the
    Salesforce field keeps (both None until pushed). (A Record, not a dataclass: the app makes
    this class before its first paint; see record.py.)
    """

    __slots__ = ("start", "end", "item_id", "note", "billable", "id", "client_id", "remote_id",
                 "sync_state", "sync_error", "remote_modstamp", "pushed_note",
                 "salesforce_note_limit")
    _fields = __slots__
    start: datetime
    end: datetime | None
    item_id: str | None
    note: str
    billable: bool
    id: int | None
    client_id: str
    remote_id: str | None
    sync_state: EntrySyncState
    sync_error: str | None
    remote_modstamp: datetime | None
    pushed_note: str | None
    salesforce_note_limit: int | None

    def __init__(self, start: datetime, end: datetime | None = None, item_id: str | None = None,
                 note: str = "", billable: bool = False, id: int | None = None,  # noqa: A002
                 client_id: str | object = _NEW_CLIENT_ID, remote_id: str | None = None,
                 sync_state: EntrySyncState = EntrySyncState.LOCAL,
                 sync_error: str | None = None, remote_modstamp: datetime | None = None,
                 pushed_note: str | None = None, salesforce_note_limit: int | None = None) -> None:
        if client_id is _NEW_CLIENT_ID:
            client_id = new_client_id()
        self._assign(start, end, item_id, note, billable, id, client_id, remote_id, sync_state,
                     sync_error, remote_modstamp, pushed_note, salesforce_note_limit)
        for value, name in ((start, "start"), (end, "end"), (remote_modstamp, "remote_modstamp")):
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"{name} must be timezone-aware (UTC)")

    @property
    def running(self) -> bool:
        return self.end is None

    def effective_end(self, now: datetime) -> datetime:
        return self.end if self.end is not None else now

    def duration(self, now: datetime) -> timedelta:
        """Length from the stored timestamps; a running entry counts up to `now`, never below 0."""
        length = self.effective_end(now) - self.start
        return length if length > timedelta(0) else timedelta(0)

    def with_changes(self, **changes: object) -> TimeEntry:
        return self.replaced(**changes)

    @property
    def note_longer_than_salesforce_keeps(self) -> bool:
        """The note does not fit whole in the Salesforce field it is written to (trailing
        blanks aside): Salesforce shows it cut; the whole note stays here."""
        limit = self.salesforce_note_limit
        return limit is not None and len(self.note.rstrip()) > limit


def describe_span(start: datetime, end: datetime | None, tz: tzinfo | None = None) -> Message:
    """"09:00–10:30 on 2026-11-21" in `tz` (the system's local zone when None)."""
    local_start = start.astimezone(tz)
    if end is None:
        return Message(_CONTEXT, QT_TRANSLATE_NOOP("EntryError", "the running timer started at %1 on %2"),
                       f"{local_start:%H:%M}", f"{local_start:%Y-%m-%d}")
    local_end = end.astimezone(tz)
    if local_end.date() == local_start.date():
        return Message(_CONTEXT, QT_TRANSLATE_NOOP("EntryError", "%1–%2 on %3"),
                       f"{local_start:%H:%M}", f"{local_end:%H:%M}", f"{local_start:%Y-%m-%d}")
    return Message(_CONTEXT, QT_TRANSLATE_NOOP("EntryError", "%1 – %2"),
                   f"{local_start:%Y-%m-%d %H:%M}", f"{local_end:%Y-%m-%d %H:%M}")


def validate_span(entry: TimeEntry, tz: tzinfo | None = None) -> None:
    """Reject a stopped entry whose end is not after its start."""
    if entry.end is not None and entry.end <= entry.start:
        local_start = entry.start.astimezone(tz)
        local_end = entry.end.astimezone(tz)
        raise EntryError(
            QT_TRANSLATE_NOOP("EntryError", "An entry must end after it starts (start %1, end %2)."),
            f"{local_start:%Y-%m-%d %H:%M:%S}", f"{local_end:%Y-%m-%d %H:%M:%S}",
        )


def _same_entry(a: TimeEntry, b: TimeEntry) -> bool:
    if a.id is not None and a.id == b.id:
        return True
    return a.client_id == b.client_id


def overlaps(a: TimeEntry, b: TimeEntry, now: datetime | None = None) -> bool:
    """True when the half-open spans [start, end) share time.

    An open end counts as `now`, or as "forever" when `now` is None.
    """
    a_end = a.end if a.end is not None else now
    b_end = b.end if b.end is not None else now
    starts_before_b_ends = b_end is None or a.start < b_end
    ends_after_b_starts = a_end is None or a_end > b.start
    return starts_before_b_ends and ends_after_b_starts


def find_overlap(
    entries: Iterable[TimeEntry], candidate: TimeEntry, now: datetime | None = None
) -> TimeEntry | None:
    """The earliest entry (other than the candidate itself) whose time the candidate shares."""
    clashes = [
        other
        for other in entries
        if not _same_entry(other, candidate) and overlaps(other, candidate, now)
    ]
    return min(clashes, key=lambda entry: entry.start) if clashes else None


def validate_entry(
    candidate: TimeEntry,
    others: Iterable[TimeEntry],
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> None:
    """Raise EntryError when the candidate is empty/negative or shares time with another entry."""
    validate_span(candidate, tz)
    clash = find_overlap(others, candidate, now)
    if clash is not None:
        template = (QT_TRANSLATE_NOOP("EntryError", "This entry (%1) overlaps %2.")
                    if clash.end is None else
                    QT_TRANSLATE_NOOP("EntryError", "This entry (%1) overlaps the entry %2."))
        raise EntryError(template, describe_span(candidate.start, candidate.end, tz),
                         describe_span(clash.start, clash.end, tz), conflict=clash)
