"""Fault injection: make the next requests slow, fail, vanish or lie, as a flaky network or org would.

Faults are armed through the Python API (`running.faults`) or the admin endpoint and consumed
by the server, one request at a time. Each fault can target a path prefix: an absolute path
("/services/oauth2/token") or one relative to the REST version root ("query",
"sobjects/Opportunity"), so a test can break exactly the call it is interested in.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from enum import StrEnum

_REST_ROOT = re.compile(r"^/services/data/v\d+\.\d+/")


class FaultKind(StrEnum):
    FAIL = "fail"                        # answer with a 5xx (503 or 500) JSON error
    DROP = "drop"                        # close the connection without any response
    TRUNCATE = "truncate"                # perform it, send the full length but half the body
                                         # (an empty body: close the connection instead)
    INVALID_SESSION = "invalid_session"  # 401 INVALID_SESSION_ID although the token is valid
    LIMIT_EXCEEDED = "limit_exceeded"    # 403 REQUEST_LIMIT_EXCEEDED although budget remains
    APPLY_THEN_DROP = "apply_then_drop"  # perform the request, then drop the connection


# Faults that only make sense for authenticated REST calls.
REST_ONLY = frozenset({FaultKind.INVALID_SESSION, FaultKind.LIMIT_EXCEEDED})


@dataclass
class Fault:
    kind: FaultKind
    remaining: int
    status: int = 503
    path_prefix: str | None = None


def _matches(prefix: str | None, path: str) -> bool:
    if prefix is None:
        return True
    if prefix.startswith("/"):
        return path.startswith(prefix)
    relative = _REST_ROOT.sub("", path, count=1)
    return relative != path and relative.startswith(prefix.lstrip("/"))


class Faults:
    """Thread-safe set of armed faults and an optional added latency."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: list[Fault] = []
        self._latency_ms = 0
        self._latency_prefix: str | None = None

    # -- arming -------------------------------------------------------------
    def arm(self, kind: FaultKind | str, count: int = 1, *, status: int = 503,
            path_prefix: str | None = None) -> None:
        kind = FaultKind(kind)
        if count < 1:
            raise ValueError("count must be at least 1")
        if kind is FaultKind.FAIL and status not in (500, 502, 503, 504):
            raise ValueError("injected failures use status 500, 502, 503 or 504")
        with self._lock:
            self._armed.append(Fault(kind, count, status, path_prefix))

    def fail_next(self, count: int = 1, status: int = 503, path_prefix: str | None = None) -> None:
        self.arm(FaultKind.FAIL, count, status=status, path_prefix=path_prefix)

    def drop_next(self, count: int = 1, path_prefix: str | None = None) -> None:
        self.arm(FaultKind.DROP, count, path_prefix=path_prefix)

    def truncate_next(self, count: int = 1, path_prefix: str | None = None) -> None:
        self.arm(FaultKind.TRUNCATE, count, path_prefix=path_prefix)

    def invalidate_sessions_next(self, count: int = 1, path_prefix: str | None = None) -> None:
        self.arm(FaultKind.INVALID_SESSION, count, path_prefix=path_prefix)

    def limit_exceeded_next(self, count: int = 1, path_prefix: str | None = None) -> None:
        self.arm(FaultKind.LIMIT_EXCEEDED, count, path_prefix=path_prefix)

    def apply_then_drop_next(self, count: int = 1, path_prefix: str | None = None) -> None:
        self.arm(FaultKind.APPLY_THEN_DROP, count, path_prefix=path_prefix)

    def set_latency(self, milliseconds: int, path_prefix: str | None = None) -> None:
        """Delay every matching request by this much (0 switches it off)."""
        if milliseconds < 0:
            raise ValueError("latency must not be negative")
        with self._lock:
            self._latency_ms = milliseconds
            self._latency_prefix = path_prefix

    def clear(self) -> None:
        with self._lock:
            self._armed.clear()
            self._latency_ms = 0
            self._latency_prefix = None

    # -- consuming (server side) ---------------------------------------------
    def latency_seconds(self, path: str) -> float:
        with self._lock:
            if self._latency_ms and _matches(self._latency_prefix, path):
                return self._latency_ms / 1000
            return 0.0

    def take(self, path: str, *, is_rest: bool) -> Fault | None:
        """Consume one use of the first armed fault that applies to this request."""
        with self._lock:
            for fault in self._armed:
                if fault.kind in REST_ONLY and not is_rest:
                    continue
                if not _matches(fault.path_prefix, path):
                    continue
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._armed.remove(fault)
                return Fault(fault.kind, 1, fault.status, fault.path_prefix)
            return None

    def describe(self) -> dict:
        """A JSON-ready view of what is armed (admin endpoint)."""
        with self._lock:
            return {
                "latency_ms": self._latency_ms,
                "latency_path_prefix": self._latency_prefix,
                "armed": [
                    {"kind": f.kind.value, "remaining": f.remaining, "status": f.status,
                     "path_prefix": f.path_prefix}
                    for f in self._armed
                ],
            }
