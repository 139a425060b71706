"""What the sync log records: runs, per-object counts, and record-level changes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import StrEnum

from desktop.domain.archive import (
    REASON_CLOSED,
    REASON_DELETED,
    REASON_EXCLUDED,
    REASON_NOT_VISIBLE,
)
from desktop.domain.text import Message

RECORD_CHANGES_KEPT = 100


class RunOutcome(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    INTERRUPTED = "interrupted"  # the app stopped (crash, kill) while the run was going
    RATE_LIMITED = "rate_limited"  # the org's daily API limit was reached; retried later


class Direction(StrEnum):
    FROM_SALESFORCE = "from_salesforce"
    TO_SALESFORCE = "to_salesforce"


class ChangeStatus(StrEnum):
    OK = "ok"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class ObjectCounts:
    """What one run did to the items (or entries) of one Salesforce object.

    `archived` is the sum of why items left the tree: `closed`, `deleted`, `not_visible`
    (a full pass no longer saw them) and `excluded` (the user excluded them). Runs logged
    before Stint recorded why have an `archived` figure only (see `archived_unexplained`).
    """

    created: int = 0
    modified: int = 0
    archived: int = 0
    restored: int = 0
    pushed: int = 0
    failed: int = 0
    closed: int = 0
    deleted: int = 0
    not_visible: int = 0
    excluded: int = 0

    def __add__(self, other: ObjectCounts) -> ObjectCounts:
        return ObjectCounts(
            *(getattr(self, f.name) + getattr(other, f.name) for f in fields(ObjectCounts))
        )

    @property
    def total(self) -> int:
        return self.created + self.modified + self.archived + self.restored + self.pushed

    @property
    def archived_unexplained(self) -> int:
        """Archived items whose reason the log does not know (runs from before it did)."""
        return max(0, self.archived - self.closed - self.deleted - self.not_visible - self.excluded)


# Archive reason (domain.archive) -> the ObjectCounts field that counts it.
_REASON_FIELDS = {
    REASON_CLOSED: "closed",
    REASON_DELETED: "deleted",
    REASON_NOT_VISIBLE: "not_visible",
    REASON_EXCLUDED: "excluded",
}
# The reasons as counted, in the order they are shown ("2 closed, 1 deleted").
ARCHIVE_BREAKDOWN = (
    ("closed", "closed"),
    ("deleted", "deleted"),
    ("not_visible", "no longer visible"),
    ("excluded", "excluded"),
)


def archived_counts(reasons: Iterable[str | None]) -> ObjectCounts:
    """ObjectCounts for items archived with these reasons: `archived` counts all of them,
    each known reason its own field too."""
    tally: dict[str, int] = {}
    total = 0
    for reason in reasons:
        total += 1
        name = _REASON_FIELDS.get(reason or "")
        if name is not None:
            tally[name] = tally.get(name, 0) + 1
    return ObjectCounts(archived=total, **tally)


def archive_breakdown_text(counts: ObjectCounts) -> str:
    """ "2 closed, 1 deleted" (the reasons with a count; "" when none is known)."""
    parts = [f"{getattr(counts, name)} {label}" for name, label in ARCHIVE_BREAKDOWN
             if getattr(counts, name)]
    return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class SyncRun:
    id: int
    started_at: datetime
    kind: str  # "incremental" or "full" (or whatever the sync engine names its passes)
    outcome: RunOutcome
    finished_at: datetime | None = None
    api_calls: int = 0
    error: str | None = None  # in English
    counts: dict[str, ObjectCounts] = field(default_factory=dict)
    error_text: Message | None = None  # the same, for the app to show translated (if known)


@dataclass(frozen=True, slots=True)
class RecordChange:
    """One record-level line of the log ("Acme - 500 Widgets: modified, from Salesforce")."""

    at: datetime
    sobject: str
    record_id: str
    action: str  # created, modified, archived, restored, deleted, pushed, conflict, ...
    direction: Direction
    status: ChangeStatus = ChangeStatus.OK
    record_name: str = ""
    error: str | None = None
    run_id: int | None = None
    id: int | None = None
    reason: str | None = None  # why an "archived" record left the tree (domain.archive)
