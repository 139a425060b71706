"""The replication API: which records changed or were deleted in a time window (getUpdated /
getDeleted), with Salesforce's limits on how far back a window may start."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from threading import RLock

from desktop.sandbox.clock import Clock
from desktop.sandbox.errors import bad_request
from desktop.sandbox.records import RecordStore
from desktop.sandbox.values import format_datetime

UPDATED_WINDOW = timedelta(days=30)
DELETED_WINDOW = timedelta(days=15)


class Replication:
    def __init__(self, store: RecordStore, lock: RLock, clock: Clock, available_since: datetime,
                 is_visible: Callable[[str], bool]) -> None:
        self._store = store
        self._lock = lock
        self._clock = clock
        # deletions are reported since the org began, or since the last purge of the bin
        self._available_since = available_since
        self._is_visible = is_visible

    def updated(self, sobject: str, start: datetime, end: datetime) -> dict:
        start, end = self._window(start, end, UPDATED_WINDOW)
        with self._lock:
            rows = self._store.rows(sobject)
        ids = [row["Id"] for row in rows
               if not row["IsDeleted"] and start <= row["SystemModstamp"] <= end
               and self._is_visible(row["Id"])]
        return {"ids": ids, "latestDateCovered": format_datetime(end)}

    def purge_recycle_bin(self) -> None:
        """Empty the recycle bin of what was deleted more than 15 days ago, as Salesforce does:
        queryAll and getDeleted no longer see those rows."""
        with self._lock:
            purged = self._store.purge_deleted_before(self._clock.now() - DELETED_WINDOW)
            if purged is not None:
                self._available_since = max(self._available_since, purged)

    def deleted(self, sobject: str, start: datetime, end: datetime) -> dict:
        start, end = self._window(start, end, DELETED_WINDOW)
        self.purge_recycle_bin()
        with self._lock:
            table = self._store.table(sobject)
            records = sorted(
                (when, record_id) for record_id, when in self._store.deleted_at.items()
                if record_id in table and start <= when <= end and self._is_visible(record_id)
            )
        return {
            "deletedRecords": [{"id": record_id, "deletedDate": format_datetime(when)}
                               for when, record_id in records],
            "earliestDateAvailable": format_datetime(self._available_since),
            "latestDateCovered": format_datetime(end),
        }

    def _window(self, start: datetime, end: datetime,
                limit: timedelta) -> tuple[datetime, datetime]:
        """The window to report, the end capped at now; INVALID_REPLICATION_DATE if invalid."""
        if start.tzinfo is None or end.tzinfo is None:
            raise bad_request("INVALID_REPLICATION_DATE", "dates must include a time zone")
        now = self._clock.now()
        if start < now - limit:
            raise bad_request("INVALID_REPLICATION_DATE",
                              f"startDate cannot be more than {limit.days} days ago")
        if end < start:
            raise bad_request("INVALID_REPLICATION_DATE",
                              "EndDate must chronologically follow the StartDate")
        return start, min(end, now)
