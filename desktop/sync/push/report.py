"""What one push did, and how it is written to the sync log (direction "to_salesforce" for
pushes; changes Salesforce won come "from_salesforce")."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from desktop.domain.synclog import (
    ChangeStatus,
    Direction,
    ObjectCounts,
    RecordChange,
    RunOutcome,
)
from desktop.domain.text import Message
from desktop.store.store import Store


@dataclass
class PushReport:
    sobject: str = ""
    created: int = 0
    updated: int = 0
    deleted: int = 0
    failed: int = 0
    conflicts: int = 0       # changed in Salesforce since the last push: Salesforce's version kept
    deleted_remote: int = 0  # deleted in Salesforce: marked locally, never dropped
    recovered: int = 0       # creates whose answer was lost, found in Salesforce (no duplicate)
    skipped: int = 0         # entries with no Opportunity/Case to log against, or too short
                             # to send (stay local)
    api_calls: int = 0
    error: Message | None = None  # why the push stopped early (offline...); the queue waits
    outcome: RunOutcome = RunOutcome.SUCCEEDED
    changes: list[RecordChange] = field(default_factory=list)

    @property
    def pushed(self) -> int:
        return self.created + self.updated + self.deleted

    def note(self, at: datetime, record_id: str, action: str, *, name: str = "",
             error: str | None = None, from_salesforce: bool = False) -> None:
        self.changes.append(RecordChange(
            at=at, sobject=self.sobject, record_id=record_id, action=action,
            direction=Direction.FROM_SALESFORCE if from_salesforce else Direction.TO_SALESFORCE,
            status=ChangeStatus.ERROR if error else ChangeStatus.OK, record_name=name,
            error=error,
        ))

    def counts(self) -> ObjectCounts:
        return ObjectCounts(pushed=self.pushed, failed=self.failed,
                            modified=self.conflicts + self.deleted_remote)

    def summary(self) -> str:
        parts = [f"{self.created} created", f"{self.updated} updated", f"{self.deleted} deleted"]
        for label, count in (("failed", self.failed), ("kept from Salesforce", self.conflicts),
                             ("deleted in Salesforce", self.deleted_remote),
                             ("recovered", self.recovered)):
            if count:
                parts.append(f"{count} {label}")
        return f"{self.sobject or 'write-back'}: " + ", ".join(parts)


def write_to_log(store: Store, run_id: int, report: PushReport) -> None:
    """The run's counts for the target object and the record-level changes, together."""
    changes = [replace(change, run_id=run_id) for change in report.changes]
    with store.transaction():
        if report.sobject and (report.counts().total or report.failed):
            store.sync_log.add_counts(run_id, {report.sobject: report.counts()})
        store.sync_log.record_changes(changes)
