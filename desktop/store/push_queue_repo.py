"""Write-back bookkeeping next to the time entries: create attempts, remote-change watermarks,
and outcome updates that never overwrite an edit the user made while a push was under way.

The queue itself is the entries' sync_state ("local"/"pending" entries wait to be pushed;
tombstones with a remote_id wait for their Salesforce copy to be deleted).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from desktop.domain.entries import EntrySyncState, TimeEntry
from desktop.store.store import Store
from desktop.store.timestamps import from_db, to_db, to_db_or_none

# The user-entered content of an entry as stored; a push outcome only lands when it still matches.
_SAME_CONTENT = (
    "item_id IS ? AND start_at = ? AND end_at IS ? AND note = ? AND billable = ?"
)


def _content_params(entry: TimeEntry) -> tuple:
    return (entry.item_id, to_db(entry.start), to_db_or_none(entry.end), entry.note,
            int(entry.billable))


class PushQueueRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    # -- create attempts (outcome unknown until the next push looks) -----------------------
    def record_attempts(self, client_ids: Iterable[str], sobject: str, at: datetime) -> None:
        """Remember that creates for these entries are about to be sent (commit before sending).
        `at` is Salesforce's time, which the search for lost creates compares with CreatedDate."""
        with self._store.transaction() as conn:
            conn.executemany(
                "INSERT INTO push_attempts (client_id, sobject, attempted_at) VALUES (?, ?, ?) "
                "ON CONFLICT (client_id) DO NOTHING",  # keep the earliest: it bounds the search
                [(client_id, sobject, to_db(at)) for client_id in client_ids],
            )

    def attempts(self, sobject: str) -> dict[str, datetime]:
        """{client_id: first attempt time} of creates whose outcome is not known."""
        with self._store.snapshot() as conn:
            rows = conn.execute(
                "SELECT client_id, attempted_at FROM push_attempts WHERE sobject = ?", (sobject,)
            ).fetchall()
        return {client_id: from_db(at) for client_id, at in rows}

    def clear_attempts(self, client_ids: Iterable[str]) -> None:
        with self._store.transaction() as conn:
            conn.executemany(
                "DELETE FROM push_attempts WHERE client_id = ?", [(c,) for c in client_ids]
            )

    # -- remote-change watermark ------------------------------------------------------------
    def watermark(self, sobject: str) -> datetime | None:
        with self._store.snapshot() as conn:
            row = conn.execute(
                "SELECT watermark FROM push_watermarks WHERE sobject = ?", (sobject,)
            ).fetchone()
        return from_db(row[0]) if row else None

    def set_watermark(self, sobject: str, moment: datetime) -> None:
        with self._store.transaction() as conn:
            conn.execute(
                "INSERT INTO push_watermarks (sobject, watermark) VALUES (?, ?) "
                "ON CONFLICT (sobject) DO UPDATE SET watermark = excluded.watermark",
                (sobject, to_db(moment)),
            )

    # -- entry states -------------------------------------------------------------------------
    def mark_queued(self, entry_ids: Iterable[int]) -> int:
        """"local" entries that write-back will push become "pending"; returns how many."""
        with self._store.transaction() as conn:
            cursor = conn.executemany(
                "UPDATE time_entries SET sync_state = ? WHERE id = ? AND sync_state = ?",
                [(EntrySyncState.PENDING.value, entry_id, EntrySyncState.LOCAL.value)
                 for entry_id in entry_ids],
            )
            return cursor.rowcount

    def unqueue(self, entry_ids: Iterable[int]) -> None:
        """"pending" entries never pushed that write-back will not send become "local"."""
        with self._store.transaction() as conn:
            conn.executemany(
                "UPDATE time_entries SET sync_state = ? "
                "WHERE id = ? AND sync_state = ? AND remote_id IS NULL",
                [(EntrySyncState.LOCAL.value, entry_id, EntrySyncState.PENDING.value)
                 for entry_id in entry_ids],
            )

    def mark_pushed(
        self, entry: TimeEntry, remote_id: str, remote_modstamp: datetime | None = None,
        *, note_limit: int | None = None,
    ) -> bool:
        """Record a successful push of `entry` (as it was read before the push).

        The Salesforce Id is always kept, and the note as pushed with the number of its
        characters the Salesforce field holds (`note_limit`); the state becomes "synced" only
        when the stored content still equals what was pushed, otherwise the entry stays
        "pending" (the user edited it meanwhile, and that edit goes next time). Returns
        whether it is synced.
        """
        with self._store.transaction() as conn:
            synced = conn.execute(
                f"UPDATE time_entries SET sync_state = ?, sync_error = NULL, remote_id = ?, "
                f"remote_modstamp = ? WHERE id = ? AND {_SAME_CONTENT}",
                (EntrySyncState.SYNCED.value, remote_id, to_db_or_none(remote_modstamp),
                 entry.id, *_content_params(entry)),
            ).rowcount
            if not synced:
                conn.execute(
                    "UPDATE time_entries SET sync_state = ?, sync_error = NULL, remote_id = ?, "
                    "remote_modstamp = ? WHERE id = ?",
                    (EntrySyncState.PENDING.value, remote_id, to_db_or_none(remote_modstamp),
                     entry.id),
                )
            self.set_pushed_note(entry.id, entry.note, note_limit)
            return bool(synced)

    def set_pushed_note(self, entry_id: int | None, note: str | None,
                        note_limit: int | None) -> None:
        """What Salesforce holds of the entry's note: `note` as pushed (or as taken from
        Salesforce), of which the field keeps `note_limit` characters."""
        with self._store.transaction() as conn:
            conn.execute(
                "UPDATE time_entries SET pushed_note = ?, salesforce_note_limit = ? WHERE id = ?",
                (note, note_limit, entry_id),
            )

    def mark_failed(self, entry: TimeEntry, error: str) -> bool:
        """State "error" with Salesforce's text, unless the user changed the entry meanwhile
        (then it stays queued: the new content may well pass). Returns whether it was marked."""
        with self._store.transaction() as conn:
            return bool(conn.execute(
                f"UPDATE time_entries SET sync_state = ?, sync_error = ? "
                f"WHERE id = ? AND {_SAME_CONTENT}",
                (EntrySyncState.ERROR.value, error, entry.id, *_content_params(entry)),
            ).rowcount)

    def set_remote_modstamps(self, modstamps: Mapping[int, datetime]) -> None:
        with self._store.transaction() as conn:
            conn.executemany(
                "UPDATE time_entries SET remote_modstamp = ? WHERE id = ?",
                [(to_db(moment), entry_id) for entry_id, moment in modstamps.items()],
            )

    def link(self, entry_id: int, remote_id: str, remote_modstamp: datetime | None) -> None:
        """Attach a Salesforce record found for an entry whose create answer was lost."""
        with self._store.transaction() as conn:
            conn.execute(
                "UPDATE time_entries SET remote_id = ?, remote_modstamp = ?, sync_state = ? "
                "WHERE id = ?",
                (remote_id, to_db_or_none(remote_modstamp), EntrySyncState.PENDING.value,
                 entry_id),
            )

    def unlink(self, entry_id: int) -> None:
        """Forget the Salesforce copy (deleted there on purpose): the entry is local only."""
        with self._store.transaction() as conn:
            conn.execute(
                "UPDATE time_entries SET remote_id = NULL, remote_modstamp = NULL, "
                "sync_state = ?, sync_error = NULL WHERE id = ?",
                (EntrySyncState.LOCAL.value, entry_id),
            )

    def tombstone_ids(self, deleted_before: datetime) -> set[int]:
        """Deleted entries whose undo window is over (deleted at or before the given time)."""
        with self._store.snapshot() as conn:
            rows = conn.execute(
                "SELECT id FROM time_entries WHERE deleted_at IS NOT NULL AND deleted_at <= ?",
                (to_db(deleted_before),),
            ).fetchall()
        return {row[0] for row in rows}
