"""The pull sync: Salesforce -> the local task tree, incremental or full, crash-safe.

One run:
1. describes (cached a day in the store) -> the streams (desktop.sync.pull.queries);
2. incremental runs: composite requests carry the first page of every query (queryAll, so
   deletions come back with IsDeleted = true), 5 queries each as Salesforce allows; full
   passes send each query on its own instead (their first pages are big: a composite would
   hold them all back until the slowest is ready, as Salesforce runs its subrequests one
   after the other); further pages are one call each (nextRecordsUrl). A stream is one query,
   or one per chunk of ids when many specific items are imported. The page feed fetches the
   pages of up to 4 queries at once (desktop.sync.pull.page_feed), so a first sync takes
   about as long as its longest query, not as long as all of them;
3. each page is committed in one transaction (items + sync log counts + record changes), a
   query's pages in their order, a child stream's only once its parents' streams are all
   committed (the writer imports a child only under a stored parent);
4. a stream's watermark (the newest SystemModstamp it returned) is stored only after all its
   pages are committed, so a kill at any point makes the next run redo the window, which is
   idempotent (upsert by Id);
5. incremental runs then fetch the existing children of parents that became imported;
6. a full pass finally archives every imported item that no query returned ("not visible").

A run is full when asked, on the first sync, when the settings changed what the queries select
(fingerprint), or when the last full pass is older than settings.full_sync_interval_hours.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from desktop.domain.archive import REASON_NOT_VISIBLE
from desktop.domain.bulk import gc_paused
from desktop.domain.settings import Settings
from desktop.domain.synclog import RunOutcome, SyncRun
from desktop.domain.text import QT_TRANSLATE_NOOP, Message
from desktop.platform.clock import SYSTEM_CLOCK, Clock
from desktop.salesforce.client import SalesforceClient, subrequest_problem
from desktop.salesforce.errors import (
    Cancelled,
    ConnectionProblem,
    MalformedResponse,
    RateLimited,
)
from desktop.salesforce.request_limits import MAX_COMPOSITE_QUERIES
from desktop.store import Store, StoreError
from desktop.sync.metadata import MetadataCache, ObjectMeta
from desktop.sync.pull.mapping import RecordMapper
from desktop.sync.pull.page_feed import PageFeed, PlannedQuery
from desktop.sync.pull.page_writer import PageWriter
from desktop.sync.pull.queries import (
    Stream,
    build_streams,
    objects_to_describe,
    streams_fingerprint,
)

log = logging.getLogger(__name__)

FINGERPRINT_KEY = "streams_fingerprint"
# Relationship name -> the object it usually points to, so the first describe call can fetch
# the children together with the parents (a guess; a wrong one costs one more call).
_LIKELY_CHILDREN = {"Tasks": "Task", "Cases": "Case", "Events": "Event"}

ProgressCallback = Callable[[str, int, int], None]  # (sobject, records done, records total)


class SyncCancelled(Exception):
    pass


class PullSync:
    """Runs pull syncs for one store and one signed-in client. One run at a time."""

    def __init__(
        self,
        store: Store,
        client: SalesforceClient,
        *,
        clock: Clock = SYSTEM_CLOCK,
        metadata: MetadataCache | None = None,
    ) -> None:
        self._store = store
        self._client = client
        self._clock = clock
        self._metadata = metadata or MetadataCache(store)
        self._lock = threading.Lock()
        self.last_problem: BaseException | None = None  # why the latest run failed, if it did

    @property
    def client(self) -> SalesforceClient:
        return self._client

    def needs_full_pass(self, settings: Settings, fingerprint: str | None = None) -> bool:
        state = self._store.sync_state
        last_full = state.last_full_sync()
        if last_full is None:
            return True
        if fingerprint is not None and state.get_value(FINGERPRINT_KEY) != fingerprint:
            return True
        return self._clock.now() - last_full >= timedelta(hours=settings.full_sync_interval_hours)

    def run(
        self,
        settings: Settings,
        *,
        full: bool = False,
        cancel: threading.Event | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> SyncRun:
        """One sync run; never raises for Salesforce problems: the outcome says what happened."""
        if not self._lock.acquire(blocking=False):
            raise RuntimeError("a sync is already running")
        try:
            return self._run(settings, full, cancel or threading.Event(), on_progress)
        finally:
            self._lock.release()

    # -- the run ---------------------------------------------------------------------------

    def _run(
        self,
        settings: Settings,
        full: bool,
        cancel: threading.Event,
        on_progress: ProgressCallback | None,
    ) -> SyncRun:
        log_repo = self._store.sync_log
        started = self._clock.now()
        calls_before = self._client.api_calls
        run_id = log_repo.start_run(started, "full" if full else "incremental")
        outcome, error = RunOutcome.SUCCEEDED, None
        self.last_problem = None
        try:
            metas = self._describe(settings, started)
            streams = build_streams(settings, metas, self._client.user_id)
            fingerprint = streams_fingerprint(streams)
            is_full = full or self.needs_full_pass(settings, fingerprint)
            if is_full and not full:
                log_repo.set_run_kind(run_id, "full")
            # Millions of short-lived dicts (JSON pages) and Items: the cyclic GC would walk
            # every live object again and again for nothing.
            with self._store.bulk_writes(), gc_paused():
                _Run(
                    self._store, self._client, self._clock, settings, streams, metas, run_id,
                    is_full, cancel, on_progress,
                ).execute()
            if is_full:
                with self._store.transaction():
                    self._store.sync_state.set_last_full_sync(started)
                    self._store.sync_state.set_value(FINGERPRINT_KEY, fingerprint)
        except (Cancelled, SyncCancelled):
            outcome, error = RunOutcome.CANCELLED, Message("SyncRun", QT_TRANSLATE_NOOP(
                "SyncRun", "The sync was cancelled."))
        except RateLimited as exc:
            outcome, error, self.last_problem = RunOutcome.RATE_LIMITED, exc.text, exc
        except ConnectionProblem as exc:
            outcome, error, self.last_problem = RunOutcome.FAILED, exc.text, exc
        except ValueError as exc:  # settings that cannot work with this org (stage filter)
            outcome, error, self.last_problem = RunOutcome.FAILED, str(exc), exc
        except StoreError as exc:  # the profile's disk is full, read-only, the store busy
            outcome, error, self.last_problem = RunOutcome.FAILED, exc.text, exc
        except Exception as exc:
            self.last_problem = exc
            log.exception("sync run %d failed unexpectedly", run_id)
            outcome, error = RunOutcome.FAILED, Message("SyncRun", QT_TRANSLATE_NOOP(
                "SyncRun", "The sync stopped on an internal error (see the log)."))
        calls = self._client.api_calls - calls_before
        log_repo.finish_run(run_id, self._clock.now(), outcome, error, api_calls=calls)
        log.info("sync run %d: %s, %d API calls%s", run_id, outcome.value, calls,
                 f" ({error})" if error else "")
        latest = log_repo.runs(limit=1)
        return latest[0] if latest and latest[0].id == run_id else log_repo.get_run(run_id)

    def _describe(self, settings: Settings, now: datetime) -> dict[str, ObjectMeta]:
        parents = objects_to_describe(settings)
        likely = [
            _LIKELY_CHILDREN[name]
            for parent in parents
            for name in settings.child_relationships.get(parent, ())
            if name in _LIKELY_CHILDREN
        ]
        metas = self._metadata.get(self._client, parents + likely, now)
        wanted = []
        for parent in parents:
            for name in settings.child_relationships.get(parent, ()):
                link = metas[parent].child_relationship(name)
                if link is not None and link.child_sobject not in metas:
                    wanted.append(link.child_sobject)
        if wanted:
            metas.update(self._metadata.get(self._client, wanted, now))
        return metas


class _Run:
    """The state of one run (kept apart from PullSync so a run's data dies with it)."""

    def __init__(
        self,
        store: Store,
        client: SalesforceClient,
        clock: Clock,
        settings: Settings,
        streams: list[Stream],
        metas: Mapping[str, ObjectMeta],
        run_id: int,
        full: bool,
        cancel: threading.Event,
        on_progress: ProgressCallback | None,
    ) -> None:
        self.store = store
        self.client = client
        self.clock = clock
        self.streams = streams
        self.full = full
        self.cancel = cancel
        self.on_progress = on_progress
        # Where each stream's modstamp window starts (None: never synced, read it whole).
        self.watermarks = {s.key: store.sync_state.watermark(s.key) for s in streams}
        self.writer = PageWriter(
            store, run_id,
            unchanged_below=None if full else {k: w for k, w in self.watermarks.items() if w},
            known_ids=store.items.all_ids() if full else None,
        )
        trigger = settings.opportunity_stage_trigger
        self.mappers = {
            s.key: RecordMapper(s, metas[s.sobject], trigger if s.sobject == "Opportunity" else None)
            for s in streams
        }
        self.seen: set[str] | None = set() if full else None
        self.newly_active: dict[str, list[str]] = {}

    def execute(self) -> None:
        state = self.store.sync_state
        # Each query of each stream under its own key ("Case@Case#0"): a stream with many
        # specific items is several queries, and is done when all of them are.
        owners: dict[str, Stream] = {}
        queries: list[tuple[str, str]] = []
        for stream in self.streams:
            since = None if self.full else self.watermarks[stream.key]
            for index, soql in enumerate(stream.queries(since)):
                key = _reference(f"{stream.key}#{index}")
                owners[key] = stream
                queries.append((key, soql))
        # Full passes: large answers, each query's first page a call of its own, so the page
        # feed fetches them side by side (a composite would hold every first page back until
        # the slowest is ready); same call count as sum(ceil(N / 2000)). Incremental runs:
        # small answers, composites carry the first pages, so no change costs
        # ceil(queries / 5) calls.
        sources: Mapping[str, dict[str, Any] | str] = (
            dict(queries) if self.full else self._composite_queries(queries)
        )
        plan = _plan([key for key, _ in queries], sources, owners, self.streams)

        def stream_done(stream: Stream, newest: datetime | None) -> None:
            # Every page of the stream is committed: only now may its watermark move, to the
            # newest SystemModstamp Salesforce returned (its clock, not ours: a local clock
            # running ahead must not skip changes). A stream that never returned anything
            # keeps no watermark and is simply queried whole, which is empty and cheap.
            if newest is not None and (
                state.watermark(stream.key) is None or newest > state.watermark(stream.key)
            ):
                state.set_watermark(stream.key, newest)

        self._consume(plan, owners, stream_done)
        if not self.full:
            self._fetch_children_of_new_parents()
        if self.full and self.seen is not None:
            self._check_cancel()
            self.writer.archive_missing(self.seen, REASON_NOT_VISIBLE, self.clock.now())

    def _consume(
        self,
        plan: list[PlannedQuery],
        owners: Mapping[str, Stream],
        stream_done: Callable[[Stream, datetime | None], None] | None = None,
    ) -> None:
        """Apply every page of every planned query (a first page, or the SOQL to run),
        committing page by page; `stream_done` once all the queries of a stream are.
        Progress counts the records of all the queries together (their pages interleave)."""
        queries_left = Counter(owners[q.key].key for q in plan)
        newest: dict[str, datetime | None] = {}
        label = ", ".join(dict.fromkeys(owners[q.key].sobject for q in plan))
        done = 0
        with PageFeed(self.client, plan, spill_dir=self.store.path.parent) as feed:
            for key, page in feed:
                self._check_cancel()
                stream = owners[key]
                if page is None:
                    queries_left[stream.key] -= 1
                    if stream_done is not None and queries_left[stream.key] == 0:
                        stream_done(stream, newest.get(stream.key))
                    continue
                records = page["records"]
                result = self.writer.apply(self.mappers[stream.key], records, self.clock.now(),
                                           self.seen)
                stamp = result.max_modstamp
                if stamp and (newest.get(stream.key) is None or stamp > newest[stream.key]):
                    newest[stream.key] = stamp
                if result.newly_active:
                    self.newly_active.setdefault(stream.sobject, []).extend(result.newly_active)
                done += len(records)
                if self.on_progress is not None:
                    self.on_progress(label, done, max(done, feed.expected_records))

    def _fetch_children_of_new_parents(self) -> None:
        """Parents that became imported in this run (trigger stage reached, reopened, ...)
        bring their existing children, which the modstamp window does not show."""
        queries: list[tuple[str, str]] = []
        owners: dict[str, Stream] = {}
        for stream in self.streams:
            parent_ids = self.newly_active.get(stream.parent_sobject or "", [])
            if not stream.is_child or not parent_ids:
                continue
            for index, soql in enumerate(stream.children_of(sorted(set(parent_ids)))):
                reference = _reference(f"{stream.key}#new{index}")
                queries.append((reference, soql))
                owners[reference] = stream
        if not queries:
            return
        pages = self._composite_queries(queries)
        self._consume(_plan([key for key, _ in queries], pages, owners, self.streams), owners)

    def _composite_queries(self, queries: list[tuple[str, str]]) -> dict[str, dict[str, Any]]:
        """First pages of several queries (key, SOQL) by key: five per composite call, the
        most Salesforce allows."""
        self._check_cancel()
        pages: dict[str, dict[str, Any]] = {}
        for start in range(0, len(queries), MAX_COMPOSITE_QUERIES):
            batch = queries[start : start + MAX_COMPOSITE_QUERIES]
            subrequests = [
                self.client.query_subrequest(key, soql, include_deleted=True)
                for key, soql in batch
            ]
            answers = self.client.composite(subrequests)
            for (key, _), (status, body) in zip(batch, answers, strict=True):
                if status != 200:
                    raise subrequest_problem(status, body)
                if not isinstance(body, dict) or not isinstance(body.get("records"), list):
                    raise MalformedResponse(self.client.host)
                pages[key] = body
        return pages

    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise SyncCancelled()


def _plan(
    keys: list[str],
    sources: Mapping[str, dict[str, Any] | str],
    owners: Mapping[str, Stream],
    streams: list[Stream],
) -> list[PlannedQuery]:
    """The queries in stream order, each after every query of the earlier streams that hold
    its parents: Tasks of Cases after the Cases and the child Cases, child Cases after the
    Cases, so every child is committed once the parent it needs is stored."""
    position = {stream.key: index for index, stream in enumerate(streams)}
    keys_of: dict[str, list[str]] = {}
    for key in keys:
        keys_of.setdefault(owners[key].key, []).append(key)
    plan = []
    for key in keys:
        stream = owners[key]
        parents = [
            earlier.key
            for earlier in streams[: position[stream.key]]
            if stream.parent_sobject is not None and earlier.sobject == stream.parent_sobject
        ]
        after = frozenset(k for parent in parents for k in keys_of.get(parent, ()))
        plan.append(PlannedQuery(key, sources[key], after))
    return plan


def _reference(key: str) -> str:
    """Composite reference ids allow letters, digits and underscores only."""
    return "".join(c if c.isalnum() else "_" for c in key)
