"""How long Salesforce takes to answer: a cost per request plus a cost per record returned.

The sandbox answers at local speed; Salesforce does not. With a model switched on, every
request (except the admin endpoint) waits its per-request cost before it is handled, and an
answer carrying query records (query, queryAll, a nextRecordsUrl page, composite query
subrequests, which Salesforce runs one after the other) is held until its per-record cost has
passed since handling began. The waiting is a sleep on the request's own thread, so answers to
concurrent requests overlap as they do against Salesforce; faults' `set_latency` adds to it.

The `salesforce` model's figures are an assumption, not a measurement: no published
measurement of REST query latency per record could be found. 150 ms per request stands for a
desktop's TLS round trip to its instance plus Salesforce's own time (trust.salesforce.com has
long reported its average transaction time as well under 300 ms: "Learning Apex Programming",
Packt 2015, "Obeying the speed limit"); 0.25 ms per record makes a page of 2,000 narrow
records (Stint's queries select about ten fields) 0.65 s, about 3,000 records a second for one
query. Whoever knows their org's figures passes them instead (`--latency 120,0.4`).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LatencyModel:
    per_request_ms: float = 0.0
    per_record_ms: float = 0.0

    def __post_init__(self) -> None:
        for name in ("per_request_ms", "per_record_ms"):
            value = getattr(self, name)
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not number or not 0 <= value <= 60_000:
                raise ValueError(f"{name} must be a number of milliseconds from 0 to 60000")

    @property
    def is_off(self) -> bool:
        return not (self.per_request_ms or self.per_record_ms)

    def request_seconds(self) -> float:
        return self.per_request_ms / 1000

    def hold_answer(self, records: int, handling_started: float) -> None:
        """Sleep until `records` records' cost has passed since handling began (monotonic)."""
        if not records or not self.per_record_ms:
            return
        remaining = handling_started + records * self.per_record_ms / 1000 - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)

    def describe(self) -> dict[str, float]:
        return {"per_request_ms": self.per_request_ms, "per_record_ms": self.per_record_ms}


OFF = LatencyModel()
# The assumed figures (see the module's docstring).
SALESFORCE = LatencyModel(per_request_ms=150, per_record_ms=0.25)
NAMED = {"off": OFF, "salesforce": SALESFORCE}


def parse_latency(text: str) -> LatencyModel:
    """`salesforce`, `off`, or `REQUEST_MS[,RECORD_MS]` (milliseconds, e.g. `150,0.25`)."""
    named = NAMED.get(text.strip().lower())
    if named is not None:
        return named
    parts = text.split(",")
    try:
        if len(parts) > 2:
            raise ValueError
        figures = [float(part) for part in parts]
    except ValueError:
        raise ValueError(
            f"latency {text!r}: give 'salesforce', 'off' or milliseconds per request and per "
            "record, e.g. '150,0.25'"
        ) from None
    return LatencyModel(*figures)


def records_in(body: Any) -> int:
    """Query records an answer carries: a query page's, or those of a composite's query
    subresponses (other answers carry none)."""
    if not isinstance(body, Mapping):
        return 0
    records = body.get("records")
    if isinstance(records, list):
        return len(records)
    responses = body.get("compositeResponse")
    if isinstance(responses, list):
        return sum(records_in(r.get("body")) for r in responses if isinstance(r, Mapping))
    return 0
