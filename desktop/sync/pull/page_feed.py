"""Query pages fetched one step ahead on a helper thread, so the network is busy while the
sync commits the page before.

The feed walks the queries in order: for each, its first page (already fetched in the
composite, or fetched here when the plan gives the SOQL) then every further page (one API call
each), then an end marker. Only the consumer
writes to the store, so commit order and crash safety are the same as without the feed.
Errors raised while fetching (a ConnectionProblem, Cancelled) come out of the consumer's loop.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from desktop.salesforce.client import SalesforceClient

_DONE = object()


class _Stopped(Exception):
    pass


class PageFeed:
    def __init__(
        self,
        client: SalesforceClient,
        plan: Sequence[tuple[str, dict[str, Any] | str]],
        depth: int = 4,
    ) -> None:
        self._client = client
        self._plan = list(plan)
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, name="stint-sync-pages", daemon=True)

    def __enter__(self) -> PageFeed:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._stop.set()
        # Unblock a producer waiting on a full queue.
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._thread.join(timeout=30)

    def __iter__(self) -> Iterator[tuple[str, dict[str, Any] | None]]:
        """(stream key, page) pairs; (key, None) after a stream's last page."""
        while True:
            entry = self._queue.get()
            if entry is _DONE:
                return
            if isinstance(entry, BaseException):
                raise entry
            yield entry

    def _produce(self) -> None:
        try:
            for key, source in self._plan:
                if isinstance(source, str):  # SOQL: queryAll, every page here
                    pages = self._client.query_pages(source, include_deleted=True)
                else:
                    self._put((key, source))
                    pages = self._client.follow_pages(source)
                for page in pages:
                    self._put((key, page))
                self._put((key, None))
            self._put(_DONE)
        except _Stopped:
            return
        except BaseException as exc:  # handed to the consumer, which raises it
            try:
                self._put(exc)
            except _Stopped:
                return

    def _put(self, entry: object) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(entry, timeout=0.1)
                return
            except queue.Full:
                continue
        raise _Stopped()
