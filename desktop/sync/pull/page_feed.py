"""Query pages fetched a few at a time, handed to the one thread that commits them in an order
that keeps the sync's guarantees.

Up to IN_FLIGHT workers each take the next query of the plan (in plan order) and fetch its
pages one after the other: its first page (already fetched in a composite, or fetched here when
the plan gives the SOQL) then every further page (nextRecordsUrl, one API call each), then an
end marker. So at most IN_FLIGHT requests are in flight and at most IN_FLIGHT query cursors
are open at once, whatever the number of queries; the calls are exactly those of fetching the
pages one after another.

The consumer gets (key, page) pairs and (key, None) once a query's pages are all out:
- a query's pages in their order, its end marker last;
- none of a query's pages before the end marker of every query it comes `after` (children
  after their parents' queries: the page writer imports a child only when its parent is
  stored), so the consumer commits in an order the sequential sync could have had;
- otherwise pages of the queries others wait for first, then in the order they arrived.
A page that may not be handed out yet waits in an unnamed temporary file, not in memory;
pages that may be handed out wait in memory. A worker sends a request only while the pages
waiting in memory and the requests in flight are fewer than `ahead` (the number of workers):
when answers are slow the consumer keeps up and every worker has a request out; when they
come faster than the commits, about one has, as in a one-page-ahead fetch, so memory stays
bounded and the workers do not crowd the interpreter (the GUI thread's too) with answers that
would only wait. (Spilled pages do not count: a child query is fetched while its parents'
are, however long they take.) Only the consumer writes to the store: commit order and crash
safety are the consumer's, as before.
An error raised while fetching (a ConnectionProblem, Cancelled) comes out of the consumer's
loop at its next page, and the other workers stop after their current request; one waiting
to retry a request stops waiting and sends nothing more.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

import orjson

from desktop.salesforce.client import SalesforceClient

# Requests in flight at once. Salesforce limits concurrent requests that run 20 seconds or
# longer (25 per production org, 5 per Developer Edition org), not shorter ones, and counts
# calls, not concurrency (Developer Limits and Allocations Quick Reference, "API Request
# Limits and Allocations"): 4 stays within even a Developer Edition's 5 if every page were slow.
IN_FLIGHT = 4
# The workers' first requests leave this far apart: answers sent at the same moment arrive in
# one burst, and the GUI thread would wait for the interpreter behind all their decoding.
STAGGER_SECONDS = 0.05


@dataclass(frozen=True)
class PlannedQuery:
    key: str
    source: dict[str, Any] | str  # its first page (from a composite), or the SOQL to run
    after: frozenset[str] = frozenset()  # queries whose pages must all be handed out first


@dataclass
class _Entry:
    order: int = 0  # arrival order across queries (set when queued)
    page: dict[str, Any] | None = None  # in memory
    spilled: tuple[int, int] | None = None  # (offset, length) in the spill file
    end: bool = False


class _Stopped(Exception):
    pass


class _Spill:
    """Pages kept out of memory until they may be committed: JSON (orjson: a tenth of the
    time json takes, with the interpreter held) in one unnamed temporary file beside the
    store (Salesforce data stays in the profile; nothing is left behind)."""

    def __init__(self, directory: Path | None) -> None:
        self._directory = directory
        self._file: Any = None
        self._closed = False
        self._lock = threading.Lock()

    def put(self, page: dict[str, Any]) -> tuple[int, int]:
        data = orjson.dumps(page)
        with self._lock:
            if self._closed:  # a worker outliving close() (30 s on one request)
                raise _Stopped()
            if self._file is None:
                # closed in close(), whoever stops the feed
                self._file = tempfile.TemporaryFile(prefix="stint-sync-", dir=self._directory)  # noqa: SIM115
            self._file.seek(0, 2)
            offset = self._file.tell()
            self._file.write(data)
        return offset, len(data)

    def get(self, where: tuple[int, int]) -> dict[str, Any]:
        offset, length = where
        with self._lock:
            self._file.seek(offset)
            data = self._file.read(length)
        return orjson.loads(data)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._file is not None:
                self._file.close()
                self._file = None


class PageFeed:
    """The pages of a plan of queries, fetched by up to IN_FLIGHT workers (see above); use
    as a context manager, which stops the workers on the way out."""

    def __init__(
        self,
        client: SalesforceClient,
        plan: Sequence[PlannedQuery],
        *,
        workers: int | None = None,
        ahead: int | None = None,
        spill_dir: Path | None = None,
    ) -> None:
        self._client = client
        self._plan = list(plan)
        keys = {q.key for q in self._plan}
        self._after = {q.key: q.after & keys for q in self._plan}
        self._awaited = {key for after in self._after.values() for key in after}
        self._queues: dict[str, deque[_Entry]] = {q.key: deque() for q in self._plan}
        self._finished: set[str] = set()  # end marker handed out
        count = max(1, min(workers or IN_FLIGHT, len(self._plan)))
        self._ahead = max(1, ahead or count)  # pages in memory + requests in flight
        self._in_memory = 0
        self._fetching = 0
        self._arrivals = 0
        self._next_query = 0
        self._expected = 0
        self._error: BaseException | None = None
        self._stopped = False
        # Set with _stopped or _error: a worker waiting to retry a request gives up at once
        # (the client's `stop`), instead of sending it for nothing after the run ended.
        self._halt = threading.Event()
        self._changed = threading.Condition()
        self._spill = _Spill(spill_dir)
        self._threads = [
            threading.Thread(target=self._work, args=(n * STAGGER_SECONDS,),
                             name=f"stint-sync-pages-{n}", daemon=True)
            for n in range(count)
        ]

    def __enter__(self) -> PageFeed:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers: each ends after its current request (30 s at most in all; they
        are daemon threads)."""
        with self._changed:
            self._stopped = True
            self._halt.set()
            self._changed.notify_all()
        deadline = time.monotonic() + 30
        for thread in self._threads:
            if thread.ident is not None:
                thread.join(timeout=max(0.0, deadline - time.monotonic()))
        self._spill.close()

    @property
    def expected_records(self) -> int:
        """The totalSize of every query whose first page has been fetched so far."""
        with self._changed:
            return self._expected

    # -- the consumer's side ---------------------------------------------------------------

    def __iter__(self) -> Iterator[tuple[str, dict[str, Any] | None]]:
        """(query key, page) pairs; (key, None) after a query's last page."""
        while True:
            with self._changed:
                while True:
                    if self._error is not None:
                        raise self._error
                    if len(self._finished) == len(self._plan):
                        return
                    taken = self._take()
                    if taken is not None:
                        break
                    self._changed.wait()
            key, entry = taken
            if entry.end:
                yield key, None
            elif entry.spilled is not None:
                yield key, self._spill.get(entry.spilled)
            else:
                yield key, entry.page

    def _take(self) -> tuple[str, _Entry] | None:
        """The entry to hand out next (called with the lock held): of those that may go, a
        page of a query others wait for first (the sooner it is done, the sooner they may
        go), then the earliest arrived."""
        best: tuple[str, _Entry] | None = None
        best_rank: tuple[bool, int] | None = None
        for key, queue in self._queues.items():
            if not queue or not self._may_hand(key):
                continue
            rank = (key not in self._awaited, queue[0].order)
            if best_rank is None or rank < best_rank:
                best, best_rank = (key, queue[0]), rank
        if best is None:
            return None
        key, entry = best
        self._queues[key].popleft()
        if entry.end:
            self._finished.add(key)
        elif entry.spilled is None:
            self._in_memory -= 1
        self._changed.notify_all()
        return best

    def _may_hand(self, key: str) -> bool:
        return self._after[key] <= self._finished

    # -- the workers' side -----------------------------------------------------------------

    def _work(self, delay: float) -> None:
        with self._changed:
            self._changed.wait_for(lambda: self._stopped, timeout=delay)
        try:
            while (query := self._next()) is not None:
                if isinstance(query.source, str):  # SOQL: queryAll, every page here
                    pages = self._client.query_pages(query.source, include_deleted=True,
                                                     stop=self._halt)
                else:
                    pages = chain([query.source],
                                  self._client.follow_pages(query.source, stop=self._halt))
                first = True
                while True:
                    self._start_fetch()
                    try:
                        page = next(pages, None)  # a request (none for a composite's page)
                    except BaseException:
                        self._end_fetch()
                        raise
                    self._hand(query.key, page, first=first)
                    if page is None:
                        break
                    first = False
        except _Stopped:
            return
        except BaseException as exc:  # handed to the consumer, which raises it
            with self._changed:
                if self._error is None:
                    self._error = exc
                self._halt.set()
                self._changed.notify_all()

    def _next(self) -> PlannedQuery | None:
        with self._changed:
            if self._stopped or self._error is not None or self._next_query >= len(self._plan):
                return None
            query = self._plan[self._next_query]
            self._next_query += 1
            return query

    def _start_fetch(self) -> None:
        """Wait for room for one more page (see the module's docstring), then count it as
        being fetched."""
        with self._changed:
            while self._in_memory + self._fetching >= self._ahead:
                if self._stopped or self._error is not None:
                    raise _Stopped()
                self._changed.wait()
            if self._stopped or self._error is not None:
                raise _Stopped()
            self._fetching += 1

    def _end_fetch(self) -> None:
        with self._changed:
            self._fetching -= 1
            self._changed.notify_all()

    def _hand(self, key: str, page: dict[str, Any] | None, *, first: bool = False) -> None:
        """Queue a fetched page (None: the end marker) for the consumer: in memory if it may
        be handed out now, else spilled to the temporary file."""
        with self._changed:
            self._fetching -= 1
            if self._stopped or self._error is not None:
                self._changed.notify_all()
                raise _Stopped()
            if page is None:
                self._queue(key, _Entry(end=True))
                return
            if first:
                self._expected += int(page.get("totalSize") or 0)
            if self._may_hand(key):
                self._in_memory += 1
                self._queue(key, _Entry(page=page))
                return
            self._fetching += 1  # still on its way until it is in the spill file
        try:
            where = self._spill.put(page)  # outside the lock: the other workers go on
        finally:
            self._end_fetch()
        with self._changed:
            self._queue(key, _Entry(spilled=where))

    def _queue(self, key: str, entry: _Entry) -> None:
        entry.order = self._arrivals
        self._arrivals += 1
        self._queues[key].append(entry)
        self._changed.notify_all()
