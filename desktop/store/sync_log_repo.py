"""Sync log repository: runs with per-object counts, and the last 100 record-level changes.

Counts and changes are written in the caller's transaction when there is one, so they commit
together with the records they describe (a crash never logs work that was rolled back).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from desktop.domain.synclog import (
    RECORD_CHANGES_KEPT,
    ChangeStatus,
    Direction,
    ObjectCounts,
    RecordChange,
    RunOutcome,
    SyncRun,
)
from desktop.domain.text import Message
from desktop.store.database import Database
from desktop.store.timestamps import from_db, from_db_or_none, to_db

RUNS_KEPT = 1000
# In ObjectCounts' field order (rows are read back positionally).
_COUNT_COLUMNS = ("created", "modified", "archived", "restored", "pushed", "failed",
                  "closed", "deleted", "not_visible", "excluded")
_RUN_COLUMNS = "id, started_at, finished_at, kind, outcome, api_calls, error, error_text"
_CHANGE_COLUMNS = (
    "id, run_id, at, sobject, record_id, record_name, action, direction, status, error, reason"
)


def _change(row: Sequence) -> RecordChange:
    change_id, run_id, at, sobject, record_id, name, action, direction, status, error, reason = row
    return RecordChange(
        id=change_id, run_id=run_id, at=from_db(at), sobject=sobject, record_id=record_id,
        record_name=name, action=action, direction=Direction(direction),
        status=ChangeStatus(status), error=error, reason=reason,
    )


class SyncLogRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    def start_run(self, started_at: datetime, kind: str) -> int:
        with self._db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO sync_runs (started_at, kind, outcome) VALUES (?, ?, ?)",
                (to_db(started_at), kind, RunOutcome.RUNNING.value),
            )
            conn.execute(
                "DELETE FROM sync_runs WHERE id <= ?", (cursor.lastrowid - RUNS_KEPT,)
            )
            return cursor.lastrowid

    def add_counts(self, run_id: int, counts: Mapping[str, ObjectCounts]) -> None:
        """Add to the run's per-object counts (call once per committed batch)."""
        with self._db.transaction() as conn:
            conn.executemany(
                f"INSERT INTO sync_run_counts (run_id, sobject, {', '.join(_COUNT_COLUMNS)}) "
                f"VALUES (?, ?, {', '.join('?' * len(_COUNT_COLUMNS))}) "
                "ON CONFLICT (run_id, sobject) DO UPDATE SET "
                + ", ".join(f"{c} = {c} + excluded.{c}" for c in _COUNT_COLUMNS),
                [
                    (run_id, sobject, *(getattr(c, name) for name in _COUNT_COLUMNS))
                    for sobject, c in counts.items()
                ],
            )

    def set_run_kind(self, run_id: int, kind: str) -> None:
        """Correct a run's kind once known (an incremental run that turned out to need a full pass)."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE sync_runs SET kind = ? WHERE id = ?", (kind, run_id))

    def add_api_calls(self, run_id: int, calls: int) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE sync_runs SET api_calls = api_calls + ? WHERE id = ?", (calls, run_id)
            )

    def finish_run(
        self,
        run_id: int,
        finished_at: datetime,
        outcome: RunOutcome,
        error: str | Message | None = None,
        api_calls: int | None = None,
    ) -> None:
        """`error` says why the run did not succeed: a Message is kept as English text and as
        itself (the app shows it in the user's language, also after a restart)."""
        text = json.dumps(error.to_data()) if isinstance(error, Message) else None
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE sync_runs SET finished_at = ?, outcome = ?, error = ?, error_text = ?, "
                "api_calls = coalesce(?, api_calls) WHERE id = ?",
                (to_db(finished_at), outcome.value, None if error is None else str(error), text,
                 api_calls, run_id),
            )

    def mark_interrupted(self, now: datetime) -> int:
        """Close runs left "running" by a crash or kill; returns how many there were."""
        with self._db.transaction() as conn:
            cursor = conn.execute(
                "UPDATE sync_runs SET outcome = ?, finished_at = ? WHERE outcome = ?",
                (RunOutcome.INTERRUPTED.value, to_db(now), RunOutcome.RUNNING.value),
            )
            return cursor.rowcount

    def record_changes(self, changes: Iterable[RecordChange]) -> None:
        """Append record-level changes, keeping only the latest RECORD_CHANGES_KEPT."""
        rows = [
            (c.run_id, to_db(c.at), c.sobject, c.record_id, c.record_name, c.action,
             c.direction.value, c.status.value, c.error, c.reason)
            for c in changes
        ]
        if not rows:
            return
        with self._db.transaction() as conn:
            conn.executemany(
                "INSERT INTO record_changes (run_id, at, sobject, record_id, record_name, "
                "action, direction, status, error, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows[-RECORD_CHANGES_KEPT:],
            )
            conn.execute(
                "DELETE FROM record_changes WHERE id NOT IN "
                "(SELECT id FROM record_changes ORDER BY id DESC LIMIT ?)",
                (RECORD_CHANGES_KEPT,),
            )

    def recent_changes(self, limit: int = RECORD_CHANGES_KEPT) -> list[RecordChange]:
        """The latest record-level changes, newest first."""
        rows = self._db.connect().execute(
            f"SELECT {_CHANGE_COLUMNS} FROM record_changes ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [_change(row) for row in rows]

    def runs(self, limit: int = 20) -> list[SyncRun]:
        """The latest runs with their per-object counts, newest first."""
        return self._runs("ORDER BY id DESC LIMIT ?", (limit,))

    def last_run(self) -> SyncRun | None:
        runs = self.runs(limit=1)
        return runs[0] if runs else None

    def get_run(self, run_id: int) -> SyncRun | None:
        runs = self._runs("WHERE id = ?", (run_id,))
        return runs[0] if runs else None

    def _runs(self, clause: str, params: tuple) -> list[SyncRun]:
        with self._db.snapshot() as conn:
            rows = conn.execute(f"SELECT {_RUN_COLUMNS} FROM sync_runs {clause}", params).fetchall()
            if not rows:
                return []
            counts: dict[int, dict[str, ObjectCounts]] = {row[0]: {} for row in rows}
            marks = ",".join("?" * len(rows))
            for run_id, sobject, *values in conn.execute(
                f"SELECT run_id, sobject, {', '.join(_COUNT_COLUMNS)} FROM sync_run_counts "
                f"WHERE run_id IN ({marks}) ORDER BY sobject",
                [row[0] for row in rows],
            ):
                counts[run_id][sobject] = ObjectCounts(*values)
        return [
            SyncRun(
                id=run_id, started_at=from_db(started), finished_at=from_db_or_none(finished),
                kind=kind, outcome=RunOutcome(outcome), api_calls=api_calls, error=error,
                counts=counts[run_id], error_text=_stored_message(error_text),
            )
            for run_id, started, finished, kind, outcome, api_calls, error, error_text in rows
        ]


def _stored_message(text: str | None) -> Message | None:
    if not text:
        return None
    try:
        return Message.from_data(json.loads(text))
    except ValueError:  # not JSON: the English `error` is shown instead
        return None
