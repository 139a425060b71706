"""Server-side query cursors behind `nextRecordsUrl` (Salesforce's query locators)."""

from __future__ import annotations

import random
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_BATCH_SIZE = 2000
MIN_BATCH_SIZE = 200
MAX_BATCH_SIZE = 2000
# Salesforce lets an idle locator live for 15 minutes and keeps 10 open per user (opening
# an 11th drops that user's least recently used one).
CURSOR_IDLE_TIMEOUT = timedelta(minutes=15)
MAX_CURSORS_PER_USER = 10
_LOCATOR_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass
class Cursor:
    locator: str
    user_id: str
    records: Sequence[dict]
    total_size: int
    batch_size: int
    last_used: datetime


def clamp_batch_size(requested: int | None) -> int:
    """Salesforce honours batchSize between 200 and 2000 (it is a hint, not a promise)."""
    if requested is None:
        return DEFAULT_BATCH_SIZE
    return max(MIN_BATCH_SIZE, min(MAX_BATCH_SIZE, requested))


class PageSizes:
    """How many records each query page holds.

    Normally the batch size asked for. Salesforce does not promise it ("There's no guarantee
    that the requested batch size is the actual batch size", REST API Developer Guide, "Query
    Options Header"), so with short pages switched on (a seed, for repeatable runs) a share
    of the pages (half by default) hold fewer records, from 1 to one less than the batch size.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rng: random.Random | None = None
        self._share = 0.5
        self.seed: int | None = None

    def shorten(self, seed: int | None, share: float = 0.5) -> None:
        """Short pages from now on, drawn from `seed`, `share` of them (0..1); a None seed
        switches them off."""
        if not 0 <= share <= 1:
            raise ValueError("share must be within 0..1")
        with self._lock:
            self.seed = seed
            self._share = share
            self._rng = None if seed is None else random.Random(seed)

    def size(self, batch_size: int) -> int:
        with self._lock:
            if self._rng is None or batch_size < 2 or self._rng.random() >= self._share:
                return batch_size
            return self._rng.randint(1, batch_size - 1)


class QueryCursors:
    """Open cursors by locator, in least-recently-used order."""

    def __init__(self, now: Callable[[], datetime]) -> None:
        self._now = now
        self._lock = threading.Lock()
        self._open: OrderedDict[str, Cursor] = OrderedDict()

    def open(self, user_id: str, records: Sequence[dict], total_size: int, batch_size: int) -> Cursor:
        locator = "01g" + "".join(secrets.choice(_LOCATOR_ALPHABET) for _ in range(12)) + "AAA"
        cursor = Cursor(locator, user_id, records, total_size, batch_size, self._now())
        with self._lock:
            now = cursor.last_used
            for stale in [c for c in self._open.values() if now - c.last_used >= CURSOR_IDLE_TIMEOUT]:
                del self._open[stale.locator]
            owned = [c.locator for c in self._open.values() if c.user_id == user_id]
            for evicted in owned[: max(0, len(owned) - MAX_CURSORS_PER_USER + 1)]:
                del self._open[evicted]
            self._open[locator] = cursor
        return cursor

    def find(self, locator: str, user_id: str) -> Cursor | None:
        """The cursor if it exists, belongs to this user and has not idled out."""
        now = self._now()
        with self._lock:
            cursor = self._open.get(locator)
            if cursor is None:
                return None
            if now - cursor.last_used >= CURSOR_IDLE_TIMEOUT:
                del self._open[locator]
                return None
            if cursor.user_id != user_id:
                return None
            cursor.last_used = now
            self._open.move_to_end(locator)
            return cursor

    def __len__(self) -> int:
        with self._lock:
            return len(self._open)
