"""Time entries repository: the user's own data. Nothing here is ever removed by a sync.

Deleting an entry leaves a tombstone (deleted_at) so write-back can remove the Salesforce copy
and the UI can undo; every other query ignores tombstones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from desktop.domain.entries import EntryError, EntrySyncState, TimeEntry, validate_entry
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.store.database import Database
from desktop.store.timestamps import (
    from_db,
    from_db_or_none,
    to_db,
    to_db_or_none,
    truncate_to_ms,
)

if TYPE_CHECKING:  # the timer rules load on first use: showing the running timer needs none
    from desktop.domain.timer import IdleChoice, IdleResolution

_COLUMNS = (
    "id, client_id, item_id, start_at, end_at, note, billable, remote_id, sync_state, "
    "sync_error, remote_modstamp, pushed_note, salesforce_note_limit"
)
_LIVE = "deleted_at IS NULL"
_STATES = {state.value: state for state in EntrySyncState}


def _entry(row: Sequence) -> TimeEntry:
    (entry_id, client_id, item_id, start, end, note, billable, remote_id, state, error,
     remote_modstamp, pushed_note, note_limit) = row
    return TimeEntry(
        id=entry_id,
        client_id=client_id,
        item_id=item_id,
        start=from_db(start),
        end=from_db_or_none(end),
        note=note,
        billable=bool(billable),
        remote_id=remote_id,
        sync_state=_STATES[state],
        sync_error=error,
        remote_modstamp=from_db_or_none(remote_modstamp),
        pushed_note=pushed_note,
        salesforce_note_limit=note_limit,
    )


def _stored_precision(entry: TimeEntry) -> TimeEntry:
    """The entry with times as the store keeps them (UTC, milliseconds), so checks agree."""
    return entry.with_changes(
        start=truncate_to_ms(entry.start),
        end=None if entry.end is None else truncate_to_ms(entry.end),
    )


def _content(entry: TimeEntry) -> tuple:
    return (entry.item_id, entry.start, entry.end, entry.note, entry.billable)


class EntryRepository:
    def __init__(self, database: Database, display_tz: tzinfo | None = None) -> None:
        self._db = database
        self._tz = display_tz  # for the times quoted in error messages; None = local zone

    # -- reading -------------------------------------------------------------------------
    def get(self, entry_id: int) -> TimeEntry | None:
        row = self._db.connect().execute(
            f"SELECT {_COLUMNS} FROM time_entries WHERE id = ? AND {_LIVE}", (entry_id,)
        ).fetchone()
        return _entry(row) if row else None

    def by_client_id(self, client_id: str) -> TimeEntry | None:
        row = self._db.connect().execute(
            f"SELECT {_COLUMNS} FROM time_entries WHERE client_id = ? AND {_LIVE}", (client_id,)
        ).fetchone()
        return _entry(row) if row else None

    def running(self) -> TimeEntry | None:
        row = self._db.connect().execute(
            f"SELECT {_COLUMNS} FROM time_entries WHERE end_at IS NULL AND {_LIVE}"
        ).fetchone()
        return _entry(row) if row else None

    def between(self, start: datetime, end: datetime) -> list[TimeEntry]:
        """Entries sharing time with [start, end), the running one included, by start time."""
        return self._overlapping(self._db.connect(), to_db(start), to_db(end))

    def starting_between(self, start: datetime, end: datetime) -> list[TimeEntry]:
        """Entries whose start lies in [start, end), the running one included, by start time."""
        rows = self._db.connect().execute(
            f"SELECT {_COLUMNS} FROM time_entries WHERE {_LIVE} AND start_at >= ? "
            f"AND start_at < ? ORDER BY start_at",
            (to_db(start), to_db(end)),
        )
        return [_entry(row) for row in rows]

    def for_item(self, item_id: str) -> list[TimeEntry]:
        rows = self._db.connect().execute(
            f"SELECT {_COLUMNS} FROM time_entries WHERE item_id = ? AND {_LIVE} ORDER BY start_at",
            (item_id,),
        )
        return [_entry(row) for row in rows]

    def all(self) -> list[TimeEntry]:
        rows = self._db.connect().execute(
            f"SELECT {_COLUMNS} FROM time_entries WHERE {_LIVE} ORDER BY start_at"
        )
        return [_entry(row) for row in rows]

    def count(self) -> int:
        """How many entries there are (deleted ones not counted), without loading them."""
        return self._db.connect().execute(
            f"SELECT count(*) FROM time_entries WHERE {_LIVE}"
        ).fetchone()[0]

    def recent_item_ids(self, limit: int = 20) -> list[str]:
        """Items of the latest entries, most recent first, each once (for search ranking)."""
        rows = self._db.connect().execute(
            f"SELECT item_id, max(start_at) AS latest FROM time_entries "
            f"WHERE item_id IS NOT NULL AND {_LIVE} GROUP BY item_id "
            f"ORDER BY latest DESC LIMIT ?",
            (limit,),
        )
        return [row[0] for row in rows]

    def deleted(self) -> list[TimeEntry]:
        """Tombstones (deleted entries kept for write-back and undo)."""
        rows = self._db.connect().execute(
            f"SELECT {_COLUMNS} FROM time_entries WHERE deleted_at IS NOT NULL ORDER BY start_at"
        )
        return [_entry(row) for row in rows]

    @staticmethod
    def _overlapping(conn: sqlite3.Connection, start: str, end: str | None) -> list[TimeEntry]:
        if end is None:
            sql = (f"SELECT {_COLUMNS} FROM time_entries WHERE {_LIVE} "
                   f"AND (end_at IS NULL OR end_at > ?) ORDER BY start_at")
            params: tuple = (start,)
        else:
            sql = (f"SELECT {_COLUMNS} FROM time_entries WHERE {_LIVE} AND start_at < ? "
                   f"AND (end_at IS NULL OR end_at > ?) ORDER BY start_at")
            params = (end, start)
        return [_entry(row) for row in conn.execute(sql, params)]

    # -- the timer -----------------------------------------------------------------------
    def start_timer(
        self, item_id: str | None, now: datetime, note: str = "", billable: bool = False
    ) -> TimeEntry:
        """Stop the running entry (if any) and store a new running entry, atomically."""
        from desktop.domain.timer import plan_start  # not needed to show the running timer

        now = truncate_to_ms(now)
        with self._db.transaction() as conn:
            running = self.running()
            around_from = running.start if running else now
            others = self._overlapping(conn, to_db(around_from), None)
            plan = plan_start(running, item_id, now, others, note, billable, self._tz)
            if plan.stopped is not None:
                self._apply_stop(conn, plan.stopped.entry, plan.stopped.dropped, now)
            return self._insert(conn, plan.started, now)

    def stop_timer(self, now: datetime) -> TimeEntry | None:
        """Stop the running entry; returns it stopped, or None when nothing ran (or it held
        no time at all and was dropped)."""
        from desktop.domain.timer import stop_running

        now = truncate_to_ms(now)
        with self._db.transaction() as conn:
            running = self.running()
            if running is None:
                return None
            others = self._overlapping(conn, to_db(running.start), None)
            result = stop_running(running, now, others)
            self._apply_stop(conn, result.entry, result.dropped, now)
            return result.entry

    def _apply_stop(
        self,
        conn: sqlite3.Connection,
        stopped: TimeEntry | None,
        dropped: TimeEntry | None,
        now: datetime,
    ) -> None:
        if stopped is not None:
            conn.execute(
                "UPDATE time_entries SET end_at = ?, updated_at = ? WHERE id = ?",
                (to_db(stopped.end), to_db(now), stopped.id),
            )
        if dropped is not None:
            # A timer stopped at its own start holds no time; nothing of the user's is lost.
            conn.execute("DELETE FROM time_entries WHERE id = ?", (dropped.id,))

    def resolve_idle(
        self,
        running_client_id: str,
        away_start: datetime,
        away_end: datetime,
        choice: IdleChoice,
        other_item_id: str | None = None,
        now: datetime | None = None,
    ) -> IdleResolution:
        """Apply the idle prompt's answer to the running entry, atomically (see
        domain.timer.plan_idle_resolution). EntryError when the timer changed meanwhile (it
        is no longer the entry the prompt asked about) or the new entry would overlap one."""
        from desktop.domain.timer import IdleResolution, plan_idle_resolution

        now = truncate_to_ms(now or datetime.now(UTC))
        with self._db.transaction() as conn:
            running = self.running()
            if running is None or running.client_id != running_client_id:
                raise EntryError(QT_TRANSLATE_NOOP("EntryError", "The timer changed meanwhile; nothing was changed."))
            plan = plan_idle_resolution(
                running, truncate_to_ms(away_start), min(truncate_to_ms(away_end), now),
                choice, other_item_id,
            )
            if plan.shortened is not None:
                conn.execute("UPDATE time_entries SET end_at = ?, updated_at = ? WHERE id = ?",
                             (to_db(plan.shortened.end), to_db(now), running.id))
            elif plan.dropped is not None:  # a tombstone, like a delete: undo stays possible
                conn.execute("UPDATE time_entries SET deleted_at = ?, updated_at = ? WHERE id = ?",
                             (to_db(now), to_db(now), running.id))
            elif plan.resumed is not None and plan.resumed.id == running.id:
                conn.execute("UPDATE time_entries SET start_at = ?, updated_at = ? WHERE id = ?",
                             (to_db(plan.resumed.start), to_db(now), running.id))
            given = resumed = plan.resumed
            if plan.given is not None:
                self._validate(conn, plan.given)
                given = self._insert(conn, plan.given, now)
            if plan.resumed is not None and plan.resumed.id is None:
                self._validate(conn, plan.resumed)
                resumed = self._insert(conn, plan.resumed, now)
            return IdleResolution(plan.shortened, given if plan.given else None, resumed,
                                  plan.dropped)

    # -- editing -------------------------------------------------------------------------
    def add(self, entry: TimeEntry, now: datetime | None = None) -> TimeEntry:
        """Store a new entry (a manual one, usually); EntryError if it breaks a rule."""
        if entry.id is not None:
            raise ValueError("a new entry has no id yet")
        entry = _stored_precision(entry)
        now = now or datetime.now(UTC)
        with self._db.transaction() as conn:
            self._validate(conn, entry)
            return self._insert(conn, entry, now)

    def update(self, entry: TimeEntry, now: datetime | None = None) -> TimeEntry:
        """Save changes to a stored entry; an entry already pushed to Salesforce becomes
        pending again so the change propagates."""
        if entry.id is None:
            raise ValueError("only a stored entry can be updated")
        entry = _stored_precision(entry)
        now = now or datetime.now(UTC)
        with self._db.transaction() as conn:
            before = self.get(entry.id)
            if before is None:
                raise EntryError(QT_TRANSLATE_NOOP("EntryError", "This entry no longer exists."))
            self._validate(conn, entry)
            if _content(before) != _content(entry) and entry.sync_state in (
                EntrySyncState.SYNCED,
                EntrySyncState.ERROR,
            ):
                entry = entry.with_changes(sync_state=EntrySyncState.PENDING, sync_error=None)
            conn.execute(
                "UPDATE time_entries SET item_id = ?, start_at = ?, end_at = ?, note = ?, "
                "billable = ?, remote_id = ?, sync_state = ?, sync_error = ?, "
                "remote_modstamp = ?, updated_at = ? WHERE id = ?",
                (entry.item_id, to_db(entry.start), to_db_or_none(entry.end), entry.note,
                 int(entry.billable), entry.remote_id, entry.sync_state.value, entry.sync_error,
                 to_db_or_none(entry.remote_modstamp), to_db(now), entry.id),
            )
            return entry

    def delete(self, entry_id: int, now: datetime | None = None) -> TimeEntry:
        """Delete an entry (a tombstone stays for write-back and undo); returns it."""
        now = now or datetime.now(UTC)
        with self._db.transaction() as conn:
            entry = self.get(entry_id)
            if entry is None:
                raise EntryError(QT_TRANSLATE_NOOP("EntryError", "This entry no longer exists."))
            conn.execute(
                "UPDATE time_entries SET deleted_at = ?, updated_at = ? WHERE id = ?",
                (to_db(now), to_db(now), entry_id),
            )
            return entry

    def undelete(self, entry_id: int, now: datetime | None = None) -> TimeEntry:
        """Undo a delete, unless another entry has taken that time meanwhile."""
        now = now or datetime.now(UTC)
        with self._db.transaction() as conn:
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM time_entries WHERE id = ? AND deleted_at IS NOT NULL",
                (entry_id,),
            ).fetchone()
            if row is None:
                raise EntryError(QT_TRANSLATE_NOOP("EntryError", "This entry cannot be restored any more."))
            entry = _entry(row)
            self._validate(conn, entry)
            conn.execute(
                "UPDATE time_entries SET deleted_at = NULL, updated_at = ? WHERE id = ?",
                (to_db(now), entry_id),
            )
            return entry

    def purge(self, entry_id: int) -> None:
        """Remove a tombstone for good (after write-back deleted the Salesforce copy)."""
        with self._db.transaction() as conn:
            conn.execute(
                "DELETE FROM time_entries WHERE id = ? AND deleted_at IS NOT NULL", (entry_id,)
            )

    def set_sync_state(
        self,
        entry_id: int,
        state: EntrySyncState,
        remote_id: str | None = None,
        error: str | None = None,
        remote_modstamp: datetime | None = None,
    ) -> None:
        """Record a write-back outcome without touching what the user entered."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE time_entries SET sync_state = ?, sync_error = ?, "
                "remote_id = coalesce(?, remote_id), "
                "remote_modstamp = coalesce(?, remote_modstamp) WHERE id = ?",
                (state.value, error, remote_id, to_db_or_none(remote_modstamp), entry_id),
            )

    def _validate(self, conn: sqlite3.Connection, entry: TimeEntry) -> None:
        others = self._overlapping(conn, to_db(entry.start), to_db_or_none(entry.end))
        if entry.end is None:
            running = self.running()
            if running is not None and running.id != entry.id:
                raise EntryError(
                    QT_TRANSLATE_NOOP("EntryError", "A timer is already running; stop it before "
                                      "adding another running entry."),
                    conflict=running,
                )
        validate_entry(entry, others, tz=self._tz)

    def _insert(self, conn: sqlite3.Connection, entry: TimeEntry, now: datetime) -> TimeEntry:
        try:
            cursor = conn.execute(
                "INSERT INTO time_entries (client_id, item_id, start_at, end_at, note, billable, "
                "remote_id, sync_state, sync_error, remote_modstamp, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.client_id, entry.item_id, to_db(entry.start), to_db_or_none(entry.end),
                 entry.note, int(entry.billable), entry.remote_id, entry.sync_state.value,
                 entry.sync_error, to_db_or_none(entry.remote_modstamp), to_db(now), to_db(now)),
            )
        except sqlite3.IntegrityError as exc:
            if "client_id" in str(exc):
                raise EntryError(QT_TRANSLATE_NOOP("EntryError", "This entry is already stored.")) from exc
            raise
        return entry.with_changes(id=cursor.lastrowid)
