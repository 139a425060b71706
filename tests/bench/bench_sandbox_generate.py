"""Benchmark: build the `large` sandbox org, then query it through Org.query.

Run: /work/venv/bin/python tests/bench/bench_sandbox_generate.py [size] [seed]
Prints figures; not a pass/fail test. Target: `large` (50,000 opportunities, 50,000 cases,
100,000 tasks, plus accounts, contacts and events) generated in under ~20 s on 2 cores.
"""

from __future__ import annotations

import gc
import resource
import sys
import time

from desktop.sandbox.generator import SIZES, generate_org

SYNC_QUERY = ("SELECT Id, Name, StageName, CloseDate, Amount, IsClosed, IsWon, AccountId, "
              "Account.Name, OwnerId, SystemModstamp, IsDeleted FROM Opportunity "
              "WHERE SystemModstamp >= 2000-01-01T00:00:00Z ORDER BY SystemModstamp, Id")


def main() -> int:
    size = sys.argv[1] if len(sys.argv) > 1 else "large"
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    gc.collect()
    started = time.perf_counter()
    org = generate_org(size, seed=seed)
    elapsed = time.perf_counter() - started
    rows = sum(org._store.count(info.name) for info in org.schema)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"generate_org({size!r}, seed={seed}): {elapsed:.2f} s for {rows:,} rows "
          f"({rows / elapsed:,.0f} rows/s), peak RSS {peak_mb:,.0f} MB")
    print("  counts:", {name: org._store.count(name) for name in
                        ("User", "Account", "Contact", "Opportunity", "Case", "Task", "Event")})
    print("  size table:", SIZES[size])

    for label, soql, include_deleted in (
        ("queryAll, every opportunity with Account.Name", SYNC_QUERY, True),
        ("COUNT() of open tasks", "SELECT COUNT() FROM Task WHERE IsClosed = false", False),
    ):
        started = time.perf_counter()
        total, records = org.query(soql, include_deleted=include_deleted, user=org.api_user,
                                   api_version="59.0")
        elapsed = time.perf_counter() - started
        rate = f", {total / elapsed:,.0f} records/s" if records else ""
        print(f"Org.query {label}: {total:,} in {elapsed:.3f} s{rate}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
