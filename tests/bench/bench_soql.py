"""Benchmark: SOQL execute() over 50,000 opportunities, plus JSON encoding, in rows/s.

Run: /work/venv/bin/python tests/bench/bench_soql.py [rows]
Prints figures; not a pass/fail test. Uses the SOQL tests' in-memory schema double.
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit" / "sandbox" / "soql"))

from soql_double import MemorySource, SchemaDouble  # noqa: E402

from desktop.sandbox.soql import compile_query, parse  # noqa: E402

QUERY = ("SELECT Id, Name, StageName, CloseDate, Amount, IsClosed, AccountId, Account.Name, "
         "SystemModstamp, IsDeleted FROM Opportunity "
         "WHERE SystemModstamp >= 2020-01-01T00:00:00Z AND SystemModstamp < 2030-01-01T00:00:00Z "
         "ORDER BY SystemModstamp, Id")


def build(rows: int) -> MemorySource:
    rng = random.Random(1)
    source = MemorySource()
    accounts = [source.add("Account", Name=f"Account {n}") for n in range(rows // 100 or 1)]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for n in range(rows):
        source.add(
            "Opportunity", Name=f"Opportunity {n}", StageName=rng.choice(["Prospecting", "Closed Won"]),
            CloseDate=(start + timedelta(days=rng.randrange(400))).date(),
            Amount=float(rng.randrange(100, 100000)), IsClosed=rng.random() < 0.3,
            AccountId=rng.choice(accounts),
            SystemModstamp=start + timedelta(milliseconds=rng.randrange(10**10)),
            IsDeleted=rng.random() < 0.05,
        )
    return source


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    source = build(rows)
    schema = SchemaDouble()
    for attempt in range(3):
        began = time.perf_counter()
        query = compile_query(parse(QUERY), schema)
        records = query.execute(source, include_deleted=True, api_version="59.0")
        executed = time.perf_counter()
        body = json.dumps({"totalSize": len(records), "done": True, "records": records})
        encoded = time.perf_counter()
        print(f"run {attempt + 1}: {len(records)} records; execute {executed - began:.3f} s "
              f"({len(records) / (executed - began):,.0f} rows/s); with JSON "
              f"{encoded - began:.3f} s ({len(records) / (encoded - began):,.0f} rows/s); "
              f"{len(body) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
