"""Write-back: push stopped time entries to Salesforce, and take Salesforce's side when a
pushed record changed there (issue 5).

One push, in order:
1. queue: "local" entries on an Opportunity/Case (or a task under one) become "pending" — before
   any network, so offline work shows as queued; entries shorter than the settings' minimum
   stay "local" unless the user opted in (issue 11); one already in Salesforce is still updated;
2. Events only: creates whose answer was lost are looked up (remote.find_lost_creates);
3. records changed or deleted in Salesforce since the last push are read (one query): Salesforce
   wins — the entry takes its values and becomes "synced" (logged), or "deleted_remote";
4. creates, updates (custom object: one upsert on the client id) and deletes go in sObject
   Collections of 200 records a call; each record's outcome is its own: a failing one gets
   state "error" with Salesforce's message and waits for the user to edit it;
5. the SystemModstamp of every written record is read back (5 x 200 ids a call) so step 3 of
   the next push can tell a change made in Salesforce from our own write.
A lost connection stops the push; everything not done stays pending for the next one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from desktop.domain.entries import EntryError, EntrySyncState, TimeEntry
from desktop.domain.settings import Settings
from desktop.domain.synclog import RunOutcome, SyncRun
from desktop.domain.text import QT_TRANSLATE_NOOP, Message
from desktop.salesforce.client import SalesforceClient
from desktop.salesforce.errors import Cancelled, ConnectionProblem, MalformedResponse, RateLimited
from desktop.salesforce.request_limits import MAX_COLLECTION_RECORDS
from desktop.store.push_queue_repo import PushQueueRepository
from desktop.store.store import Store
from desktop.sync.push.grace import UNDO_GRACE
from desktop.sync.push.links import LinkResolver
from desktop.sync.push.mapping import PushSetupError
from desktop.sync.push.remote import (
    EARLIEST_RECORD,
    changed_since,
    find_lost_creates,
    read_modstamps,
)
from desktop.sync.push.report import PushReport, write_to_log
from desktop.sync.push.targets import Link, PushTarget, make_target

logger = logging.getLogger(__name__)
_PUSH_CANCELLED = Message("PushRun", QT_TRANSLATE_NOOP("PushRun", "The push was cancelled."))
_PUSH_STOPPED = Message("PushRun", QT_TRANSLATE_NOOP(
    "PushRun", "Write-back stopped because of an internal error (see the log)."))

# Error codes meaning the record itself is gone from Salesforce (deleted or never visible).
_GONE = frozenset({"ENTITY_IS_DELETED", "NOT_FOUND", "INVALID_ID_FIELD"})
_WAITING = (EntrySyncState.LOCAL, EntrySyncState.PENDING)
_push_lock = threading.Lock()  # never two pushes at once in a process (double creates)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _first_error(result: dict[str, Any]) -> tuple[str, str, list[str]]:
    errors = result.get("errors") or [{}]
    error = errors[0] if isinstance(errors[0], dict) else {}
    code = str(error.get("statusCode") or error.get("errorCode") or "UNKNOWN_EXCEPTION")
    message = str(error.get("message") or "Salesforce refused this entry.")
    return code, message, [str(f) for f in error.get("fields") or []]


def _chunks(items: Sequence, size: int = MAX_COLLECTION_RECORDS):
    for start in range(0, len(items), size):
        yield items[start:start + size]


class EntryPusher:
    """Pushes one profile's time entries with one SalesforceClient. Call push() from a worker
    thread (never the GUI thread): it does network calls and store writes."""

    def __init__(self, store: Store, client: SalesforceClient, settings: Settings, *,
                 now: Callable[[], datetime] = _utcnow, undo_grace: timedelta = UNDO_GRACE) -> None:
        self._store = store
        self._client = client
        self._settings = settings
        self._now = now
        self._undo_grace = undo_grace
        self._queue = PushQueueRepository(store)
        self._links = LinkResolver(store)

    def push(self, run_id: int | None = None) -> PushReport:
        """Push everything waiting. `run_id`: the sync run to log into; None logs a run of
        kind "push" of its own. Never raises for connection problems: `report.error` says
        what stopped it (the entries stay pending)."""
        with _push_lock:
            return self._push_logged(run_id)

    def _push_logged(self, run_id: int | None) -> PushReport:
        own_run = run_id is None
        if own_run:
            run_id = self._store.sync_log.start_run(self._now(), kind="push")
        report = PushReport()
        calls_before = self._client.api_calls
        try:
            self._queue_waiting_entries()
            target = make_target(self._settings, self._client.describe)
            report.sobject = target.sobject
            self._push(target, report)
        except PushSetupError as exc:
            report.error, report.outcome = exc.text, RunOutcome.FAILED
        except RateLimited as exc:
            report.error, report.outcome = exc.text, RunOutcome.RATE_LIMITED
        except ConnectionProblem as exc:
            report.error, report.outcome = exc.text, RunOutcome.FAILED
        except Cancelled:
            report.error, report.outcome = _PUSH_CANCELLED, RunOutcome.CANCELLED
        except Exception:
            # A bug or a store problem: the run must not read as succeeded; the caller sees it.
            report.error = _PUSH_STOPPED
            report.outcome = RunOutcome.FAILED
            logger.exception("write-back failed")
            raise
        finally:
            report.api_calls = self._client.api_calls - calls_before
            write_to_log(self._store, run_id, report)
            if own_run:
                self._store.sync_log.finish_run(
                    run_id, self._now(), report.outcome, report.error, report.api_calls)
        logger.info("%s (%d API calls)%s", report.summary(), report.api_calls,
                    f"; stopped: {report.error}" if report.error else "")
        return report

    # -- steps --------------------------------------------------------------------------------
    def _queue_waiting_entries(self) -> None:
        live = self._store.entries.all()
        links = self._links.links(e.item_id for e in live)
        self._queue.unqueue(e.id for e in live if self._too_short(e))
        self._queue.mark_queued(
            e.id for e in live
            if e.end is not None and e.sync_state is EntrySyncState.LOCAL and e.item_id in links
            and not self._too_short(e)
        )

    def _too_short(self, entry: TimeEntry) -> bool:
        """A stopped entry never sent that is too short to send (it stays local)."""
        return (entry.end is not None and not entry.remote_id
                and not self._settings.writes_back(entry.start, entry.end))

    def _push(self, target: PushTarget, report: PushReport) -> None:
        if target.upsert_field is None:
            self._recover_lost_creates(target, report)
        else:  # upserts cannot duplicate: an unknown outcome is simply sent again
            self._queue.clear_attempts(self._queue.attempts(target.sobject))
        self._take_remote_changes(target, report)

        live = self._store.entries.all()
        ready = self._queue.tombstone_ids(self._now() - self._undo_grace)
        tombstones = [t for t in self._store.entries.deleted() if t.id in ready]
        links = self._links.links(e.item_id for e in live)
        stopped = [e for e in live if e.end is not None]
        creates = [e for e in stopped if e.sync_state in _WAITING and not e.remote_id
                   and e.item_id in links and not self._too_short(e)]
        updates = [e for e in stopped if e.sync_state is EntrySyncState.PENDING and e.remote_id
                   and e.item_id in links]
        # Moved to "no task": its Salesforce copy goes. (An entry on an item that is not
        # linkable any more keeps its copy and waits, counted as skipped.)
        moved_away = [e for e in stopped if e.sync_state is EntrySyncState.PENDING
                      and e.remote_id and e.item_id is None]
        report.skipped = sum(1 for e in stopped if e.sync_state in _WAITING
                             and (e.item_id not in links or self._too_short(e))
                             and e not in moved_away)
        for tombstone in tombstones:
            if not tombstone.remote_id:
                self._store.entries.purge(tombstone.id)  # never reached Salesforce

        written: dict[str, TimeEntry] = {}
        if target.upsert_field:
            self._upsert(target, creates + updates, links, report, written)
        else:
            self._send_events("POST", target, creates, links, report, written)
            self._send_events("PATCH", target, updates, links, report, written)
        self._delete(target, [t for t in tombstones if t.remote_id], moved_away, report)
        self._read_back(target, written)

    def _recover_lost_creates(self, target: PushTarget, report: PushReport) -> None:
        attempts = self._queue.attempts(target.sobject)
        if not attempts:
            return
        found = find_lost_creates(self._client, target, attempts)
        entries = {e.client_id: e for e in self._store.entries.all() + self._store.entries.deleted()}
        links = self._links.links(e.item_id for e in entries.values())
        for client_id, record in found.items():
            entry = entries.get(client_id)
            if entry is None or entry.remote_id:
                continue
            report.recovered += 1
            if target.remote_changes(record.values, entry, links.get(entry.item_id or "")):
                self._queue.link(entry.id, record.id, record.modstamp)  # edited since: update it
            else:
                self._queue.mark_pushed(entry, record.id, record.modstamp,
                                        note_limit=target.note_limit)
            logger.info("found the %s of an entry whose create answer was lost", target.sobject)
        self._queue.clear_attempts(attempts)

    def _take_remote_changes(self, target: PushTarget, report: PushReport) -> None:
        watermark = self._queue.watermark(target.sobject)
        if watermark is None:
            return  # nothing was pushed to this object yet
        records = changed_since(self._client, target, watermark)
        pushed = {e.remote_id: (e, False) for e in self._store.entries.all() if e.remote_id}
        pushed.update({t.remote_id: (t, True) for t in self._store.entries.deleted() if t.remote_id})
        links = self._links.links(e.item_id for e, _ in pushed.values())
        for record in records:
            entry, is_tombstone = pushed.get(record.id, (None, False))
            if entry is None:
                continue
            # Stamps are whole seconds: an edit made in the same second as our write keeps
            # the stamp we read back. So a synced entry is compared by content, and a record
            # we knew deleted by whether it still is; only an entry with local edits waiting
            # trusts the stamp alone (it cannot tell an edit there from its own).
            same_stamp = record.modstamp == entry.remote_modstamp
            if same_stamp and entry.sync_state is EntrySyncState.DELETED_REMOTE:
                if record.deleted:
                    continue
            elif same_stamp and entry.sync_state is not EntrySyncState.SYNCED:
                continue
            if record.deleted:
                self._deleted_in_salesforce(entry, is_tombstone, record.modstamp, report)
                continue
            changes = target.remote_changes(record.values, entry, links.get(entry.item_id or ""))
            restored = entry.sync_state is EntrySyncState.DELETED_REMOTE  # undeleted there
            if not changes and not restored:  # our own write (whose read-back may be lost)
                if not same_stamp:
                    self._queue.set_remote_modstamps({entry.id: record.modstamp})
                continue
            self._keep_salesforce_version(target, entry, is_tombstone, changes, record, report)
        stamps = [r.modstamp for r in records if r.modstamp is not None]
        if stamps and max(stamps) > watermark:
            self._queue.set_watermark(target.sobject, max(stamps))

    def _deleted_in_salesforce(self, entry: TimeEntry, is_tombstone: bool,
                               modstamp: datetime | None, report: PushReport) -> None:
        if is_tombstone:
            self._store.entries.purge(entry.id)  # deleted on both sides
            return
        self._store.entries.set_sync_state(
            entry.id, EntrySyncState.DELETED_REMOTE, error="Deleted in Salesforce.",
            remote_modstamp=modstamp)
        report.deleted_remote += 1
        report.note(self._now(), entry.remote_id or entry.client_id, "deleted",
                    from_salesforce=True)

    def _keep_salesforce_version(self, target: PushTarget, entry: TimeEntry,
                                 is_tombstone: bool, changes: dict[str, Any], record,
                                 report: PushReport) -> None:
        """Salesforce wins: the entry takes the record's values (logged as a conflict when it
        had unpushed local changes, as modified otherwise)."""
        if entry.sync_state is EntrySyncState.DELETED_REMOTE:
            action = "restored"
        elif entry.sync_state is EntrySyncState.PENDING or is_tombstone:
            action = "conflict"
        else:
            action = "modified"
        try:
            with self._store.transaction():
                if is_tombstone:
                    self._store.entries.undelete(entry.id)
                kept = self._store.entries.update(entry.with_changes(**changes))
                self._store.entries.set_sync_state(
                    entry.id, EntrySyncState.SYNCED, remote_modstamp=record.modstamp)
                self._queue.set_pushed_note(entry.id, kept.note, target.note_limit)
            error = None
        except EntryError as exc:
            error = f"Changed in Salesforce, but that version cannot be kept here: {exc.message}"
            if not is_tombstone:
                self._store.entries.set_sync_state(
                    entry.id, EntrySyncState.ERROR, error=error, remote_modstamp=record.modstamp)
        report.conflicts += 1
        report.note(self._now(), record.id, action, error=error, from_salesforce=True)
        logger.info("%s: Salesforce's version of an entry kept (%s)", record.id, action)

    # -- writes --------------------------------------------------------------------------------
    def _send_events(self, method: str, target: PushTarget, entries: list[TimeEntry],
                     links: dict[str, Link], report: PushReport,
                     written: dict[str, TimeEntry]) -> None:
        for chunk in _chunks(entries):
            records = []
            for entry in chunk:
                record: dict[str, Any] = {"attributes": {"type": target.sobject}}
                if method == "PATCH":
                    record["Id"] = entry.remote_id
                record.update(target.values(entry, links[entry.item_id or ""]))
                records.append(record)
            if method == "POST":  # committed before sending: a lost answer is found again
                self._queue.record_attempts([e.client_id for e in chunk], target.sobject,
                                            self._client.salesforce_now() or EARLIEST_RECORD)
            results = self._client.composite_sobjects(method, records)  # type: ignore[arg-type]
            self._settle(target, chunk, results, links, report, written,
                         "created" if method == "POST" else "updated")
            if method == "POST":
                self._queue.clear_attempts(e.client_id for e in chunk)

    def _upsert(self, target: PushTarget, entries: list[TimeEntry], links: dict[str, Link],
                report: PushReport, written: dict[str, TimeEntry]) -> None:
        assert target.upsert_field is not None
        for chunk in _chunks(entries):
            records = [{"attributes": {"type": target.sobject},
                        **target.values(entry, links[entry.item_id or ""])} for entry in chunk]
            results = self._client.upsert_sobjects(target.sobject, target.upsert_field, records)
            self._settle(target, chunk, results, links, report, written, None)

    def _settle(self, target: PushTarget, chunk: Sequence[TimeEntry],
                results: list[dict[str, Any]],
                links: dict[str, Link], report: PushReport, written: dict[str, TimeEntry],
                action: str | None) -> None:
        if len(results) != len(chunk):
            raise MalformedResponse(self._client.host)
        now = self._now()
        for entry, result in zip(chunk, results, strict=True):
            name = links[entry.item_id or ""].subject
            done = action or ("created" if result.get("created") else "updated")
            if result.get("success") and isinstance(result.get("id"), str):
                self._queue.mark_pushed(entry, result["id"], note_limit=target.note_limit)
                written[result["id"]] = entry
                if done == "created":
                    report.created += 1
                else:
                    report.updated += 1
                report.note(now, result["id"], done, name=name)
                continue
            code, message, fields = _first_error(result)
            if done == "updated" and code in _GONE and not set(fields) - {"Id"}:
                self._deleted_in_salesforce(entry, False, None, report)
                continue
            self._queue.mark_failed(entry, message)
            report.failed += 1
            report.note(now, entry.remote_id or entry.client_id, done, name=name, error=message)

    def _delete(self, target: PushTarget, tombstones: list[TimeEntry],
                moved_away: list[TimeEntry], report: PushReport) -> None:
        doomed = [(t, True) for t in tombstones] + [(e, False) for e in moved_away]
        for chunk in _chunks(doomed):
            results = self._client.composite_sobjects(
                "DELETE", ids=[entry.remote_id or "" for entry, _ in chunk])
            if len(results) != len(chunk):
                raise MalformedResponse(self._client.host)
            now = self._now()
            for (entry, is_tombstone), result in zip(chunk, results, strict=True):
                code, message, _ = _first_error(result)
                if result.get("success") or code in _GONE:
                    if is_tombstone:
                        self._store.entries.purge(entry.id)
                    else:
                        self._queue.unlink(entry.id)
                    report.deleted += 1
                    report.note(now, entry.remote_id or "", "deleted")
                else:
                    self._store.entries.set_sync_state(entry.id, EntrySyncState.ERROR,
                                                       error=message)
                    report.failed += 1
                    report.note(now, entry.remote_id or "", "deleted", error=message)

    def _read_back(self, target: PushTarget, written: dict[str, TimeEntry]) -> None:
        if not written:
            return
        modstamps = read_modstamps(self._client, target.sobject, list(written))
        self._queue.set_remote_modstamps(
            {written[record_id].id: stamp for record_id, stamp in modstamps.items()
             if record_id in written})
        if modstamps and self._queue.watermark(target.sobject) is None:
            # The first records ever pushed: later changes to any of them come after this.
            self._queue.set_watermark(target.sobject, min(modstamps.values()))


def push_entries(store: Store, client: SalesforceClient, settings: Settings,
                 run_id: int | None = None,
                 now: Callable[[], datetime] = _utcnow) -> PushReport | None:
    """Push when write-back is on (settings.writeback != "off"); None when it is off."""
    if settings.writeback == "off":
        return None
    return EntryPusher(store, client, settings, now=now).push(run_id)


def push_after_pull(store: Store, client: SalesforceClient, settings: Settings, run: SyncRun,
                    now: Callable[[], datetime] = _utcnow) -> SyncRun:
    """The write-back step of a sync run: after a successful pull, push into the same run
    (its API calls and counts join the run's; a push that stops marks the run with why)."""
    if run.outcome is not RunOutcome.SUCCEEDED:
        return run
    report = push_entries(store, client, settings, run.id, now)
    if report is None:
        return run
    store.sync_log.add_api_calls(run.id, report.api_calls)
    if report.error:
        store.sync_log.finish_run(run.id, now(), report.outcome, report.error)
    return store.sync_log.get_run(run.id) or run
