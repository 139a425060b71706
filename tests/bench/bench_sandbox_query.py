"""Benchmark: a full queryAll of 50,000 opportunities served by the sandbox (target >= 20,000 records/s).

    /work/venv/bin/python tests/bench/bench_sandbox_query.py [--size large] [--opportunities 50000]

Times the same paged queryAll twice: through simple-salesforce's query_all_iter (what Stint
does) and with plain requests following nextRecordsUrl (the server's share), best of --runs.
"""

from __future__ import annotations

import argparse
import statistics
import time

from desktop.sandbox.harness import start_sandbox

SOQL = ("SELECT Id, Name, StageName, CloseDate, Amount, Probability, IsClosed, IsWon, AccountId, "
        "Account.Name, OwnerId, LastModifiedDate, SystemModstamp, IsDeleted FROM Opportunity")


def with_simple_salesforce(running) -> int:
    sf = running.salesforce()
    return sum(1 for _ in sf.query_all_iter(SOQL, include_deleted=True))


def with_plain_requests(running) -> int:
    session = running.http_session()
    sf = running.salesforce()
    headers = {"Authorization": f"Bearer {sf.session_id}"}
    url = f"{running.instance_url}/services/data/v59.0/queryAll/"
    page = session.get(url, params={"q": SOQL}, headers=headers).json()
    count = len(page["records"])
    while not page["done"]:
        page = session.get(running.instance_url + page["nextRecordsUrl"], headers=headers).json()
        count += len(page["records"])
    return count


def rates(label: str, run, running, runs: int) -> list[float]:
    measured = []
    for _ in range(runs):
        started = time.perf_counter()
        count = run(running)
        elapsed = time.perf_counter() - started
        measured.append(count / elapsed)
        print(f"  {label:<20} {count:>7} records in {elapsed:6.2f} s = {count / elapsed:>9,.0f} records/s")
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=("small", "large"))
    parser.add_argument("--opportunities", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    running = start_sandbox(size=args.size, seed=1, opportunities=args.opportunities)
    print(f"org '{args.size}' with {args.opportunities} opportunities ready in "
          f"{time.perf_counter() - started:.1f} s at {running.instance_url}")
    try:
        results = {
            "simple-salesforce": rates("simple-salesforce", with_simple_salesforce, running, args.runs),
            "plain requests": rates("plain requests", with_plain_requests, running, args.runs),
        }
    finally:
        running.stop()
    for label, measured in results.items():
        best, median = max(measured), statistics.median(measured)
        verdict = "OK" if median >= 20_000 else "BELOW TARGET"
        print(f"{label:<18} best {best:>9,.0f}  median {median:>9,.0f} records/s  "
              f"(target 20,000 median: {verdict})")


if __name__ == "__main__":
    main()
