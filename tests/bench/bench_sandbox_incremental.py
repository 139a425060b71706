"""Benchmark: the incremental sync's queryAll queries on the large sandbox org, in-process.

Run: /work/venv/bin/python tests/bench/bench_sandbox_incremental.py [--size large] [--repeat 5]

Times the five stream queries of a sync (`SystemModstamp >= <10 minutes ago> ... ORDER BY
SystemModstamp, Id`, shaped like desktop/sync/pull/queries.py builds them): right after the
generator ran (its last 10 minutes hold thousands of changes), then an hour later with 0 and
100 recent changes, and with a window covering every row (the worst case for the index).
Each once through Org.query (which uses the SystemModstamp index) and once over a source that
only offers the full scan, as the sandbox did before the index. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import timedelta

from desktop.sandbox.generator import generate_org
from desktop.sandbox.queries import QuerySnapshot
from desktop.sandbox.soql import compile_query, parse

API_VERSION = "62.0"
QUERIES = {
    "Opportunity": ("SELECT Id, Name, StageName, IsClosed, IsWon, OwnerId, IsDeleted, "
                    "SystemModstamp FROM Opportunity WHERE SystemModstamp >= {since}"),
    "Case": ("SELECT Id, CaseNumber, Subject, IsClosed, ParentId, OwnerId, IsDeleted, "
             "SystemModstamp FROM Case WHERE SystemModstamp >= {since} AND ParentId = null"),
    "Case@Case": ("SELECT Id, CaseNumber, Subject, IsClosed, ParentId, OwnerId, IsDeleted, "
                  "SystemModstamp FROM Case WHERE SystemModstamp >= {since} AND ParentId != null"),
    "Task@Opportunity": ("SELECT Id, Subject, WhatId, IsClosed, OwnerId, IsDeleted, "
                         "SystemModstamp FROM Task WHERE SystemModstamp >= {since} "
                         "AND WhatId IN (SELECT Id FROM Opportunity)"),
    "Task@Case": ("SELECT Id, Subject, WhatId, IsClosed, OwnerId, IsDeleted, SystemModstamp "
                  "FROM Task WHERE SystemModstamp >= {since} AND WhatId IN (SELECT Id FROM Case)"),
}


class ScanOnly:
    """The org's snapshot without `rows_since`: every query scans all rows."""

    def __init__(self, snapshot: QuerySnapshot) -> None:
        self.rows = snapshot.rows
        self.get = snapshot.get


def time_queries(org, since: str, repeat: int) -> tuple[dict[str, float], dict[str, float], int]:
    """(indexed seconds per query, scan seconds per query, records), best of `repeat`."""
    user = org.api_user
    # the bench reaches into the org for a snapshot the SOQL engine can scan without the index
    scan = ScanOnly(QuerySnapshot(org._store, org._lock, org._visibility(user)))
    indexed: dict[str, float] = {}
    scanned: dict[str, float] = {}
    records = 0
    for key, template in QUERIES.items():
        soql = template.format(since=since) + " ORDER BY SystemModstamp, Id"
        best_indexed = best_scan = float("inf")
        for _ in range(repeat):
            began = time.perf_counter()
            total, found = org.query(soql, include_deleted=True, user=user,
                                     api_version=API_VERSION)
            best_indexed = min(best_indexed, time.perf_counter() - began)
            began = time.perf_counter()
            expected = compile_query(parse(soql), org.schema).execute(
                scan, include_deleted=True, api_version=API_VERSION)
            best_scan = min(best_scan, time.perf_counter() - began)
            assert found == expected, key
        indexed[key], scanned[key] = best_indexed, best_scan
        records += total
    return indexed, scanned, records


def report(label: str, indexed: dict[str, float], scanned: dict[str, float], records: int) -> None:
    print(f"{label}: {records} records; all five queries {sum(indexed.values()) * 1000:6.1f} ms "
          f"with the index, {sum(scanned.values()) * 1000:6.1f} ms scanning")
    for key in QUERIES:
        print(f"    {key:17s} {indexed[key] * 1000:6.1f} ms indexed  {scanned[key] * 1000:6.1f} ms scan")


def change_records(org, count: int, rng: random.Random) -> None:
    """`count` updates spread over opportunities, cases and tasks, as a user would make."""
    user = org.api_user
    pools = {name: [row["Id"] for row in org._store.rows(name) if not row["IsDeleted"]]
             for name in ("Opportunity", "Case", "Task")}
    for number in range(count):
        sobject = ("Opportunity", "Case", "Task")[number % 3]
        field = "NextStep" if sobject == "Opportunity" else "Subject"
        org.update(sobject, rng.choice(pools[sobject]), {field: f"Bench {number}"}, user)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="large", choices=("small", "large"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    began = time.perf_counter()
    org = generate_org(args.size)
    print(f"{args.size} org generated in {time.perf_counter() - began:.1f} s")
    since = (org.clock.now() - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    began = time.perf_counter()
    org.query(QUERIES["Opportunity"].format(since=since), include_deleted=True,
              user=org.api_user, api_version=API_VERSION)
    print(f"first indexed query (builds the Opportunity index): "
          f"{(time.perf_counter() - began) * 1000:.0f} ms")
    report("the generator's last 10 minutes", *time_queries(org, since, args.repeat))
    # An hour after the generator's burst of recent changes: a quiet org.
    org.clock.advance(3600)
    since = (org.clock.now() - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    report("an hour later, 0 recent changes", *time_queries(org, since, args.repeat))
    change_records(org, 100, random.Random(7))
    report("100 recent changes", *time_queries(org, since, args.repeat))
    report("window over every row", *time_queries(org, "2000-01-01T00:00:00Z", 1))


if __name__ == "__main__":
    main()
