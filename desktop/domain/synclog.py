"""What the sync log records: runs, per-object counts, and record-level changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

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
    """What one run did to the items (or entries) of one Salesforce object."""

    created: int = 0
    modified: int = 0
    archived: int = 0
    restored: int = 0
    pushed: int = 0
    failed: int = 0

    def __add__(self, other: ObjectCounts) -> ObjectCounts:
        return ObjectCounts(
            created=self.created + other.created,
            modified=self.modified + other.modified,
            archived=self.archived + other.archived,
            restored=self.restored + other.restored,
            pushed=self.pushed + other.pushed,
            failed=self.failed + other.failed,
        )

    @property
    def total(self) -> int:
        return self.created + self.modified + self.archived + self.restored + self.pushed


@dataclass(frozen=True, slots=True)
class SyncRun:
    id: int
    started_at: datetime
    kind: str  # "incremental" or "full" (or whatever the sync engine names its passes)
    outcome: RunOutcome
    finished_at: datetime | None = None
    api_calls: int = 0
    error: str | None = None
    counts: dict[str, ObjectCounts] = field(default_factory=dict)


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
