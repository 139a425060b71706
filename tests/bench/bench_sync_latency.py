"""First full sync of the large org with the sandbox answering as slowly as Salesforce (its
latency model), against (a) the same pages fetched one after another and (b) the longest
single query's pages fetched alone, the physical limit of a sync that reads each query's
pages in order. Target (issue 12): the sync <= 1.25 x (b), with the minimum number of API
calls (1 for the describes + sum ceil(N / 2000) over the queries).

Run: .venv/bin/python tests/bench/bench_sync_latency.py [--size large] [--latency salesforce]
     [--rounds 2] [--no-sequential-sync]
(--no-sequential-sync skips the figure for the sync with one request in flight, as before
issue 12.)
The sandbox runs in its own process, as Salesforce would. The machine is shared: each round
measures (b) again and compares the sync with the mean of the (b) figures around it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench_sync import SandboxProcess, download_pages, first_sync

from desktop.engine import Engine
from desktop.platform.secrets import MemorySecretStore
from desktop.sandbox.latency import parse_latency
from desktop.sync.metadata import MetadataCache
from desktop.sync.pull import page_feed
from desktop.sync.pull.queries import build_streams, child_objects, objects_to_describe


def planned_queries(sandbox: SandboxProcess, profile: Path) -> list[tuple[str, str]]:
    """(stream, SOQL) of every query a first sync runs, from the describes alone."""
    engine = Engine.open(profile, secret_store=MemorySecretStore(), policy={}, log_to_file=False)
    try:
        engine.connect_password(sandbox.username, sandbox.password, sandbox.security_token,
                                login_url=sandbox.login_url, ca_file=sandbox.ca_file)
        client = engine.connection.client()
        settings = engine.settings.current()
        cache, now = MetadataCache(engine.store), datetime.now(UTC)
        metas = cache.get(client, objects_to_describe(settings), now)
        metas.update(cache.get(client, child_objects(settings, metas), now))
        streams = build_streams(settings, metas, client.user_id)
        return [(stream.key, soql) for stream in streams for soql in stream.queries()]
    finally:
        engine.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="large", choices=("small", "large"))
    parser.add_argument("--latency", default="salesforce")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-sequential-sync", action="store_true")
    args = parser.parse_args()
    model = parse_latency(args.latency)
    load = os.getloadavg()
    started = time.perf_counter()
    sandbox = SandboxProcess(args.size, args.latency)
    try:
        with tempfile.TemporaryDirectory() as home:
            print(f"sandbox org ({args.size}) ready in {time.perf_counter() - started:.1f} s; "
                  f"latency {model.per_request_ms:g} ms a request + {model.per_record_ms:g} ms "
                  f"a record; load average {load[0]:.1f}, {os.cpu_count()} CPUs", flush=True)
            run(sandbox, Path(home), args.rounds, not args.no_sequential_sync)
    finally:
        sandbox.stop()


def run(sandbox: SandboxProcess, home: Path, rounds: int, sequential: bool) -> None:
    queries = planned_queries(sandbox, home / "describes")
    seconds, records, calls, pages = download_pages(sandbox, [soql for _, soql in queries])
    longest = max(range(len(queries)), key=lambda n: pages[n])
    stream, soql = queries[longest]
    print(f"(a) every page one after another: {seconds:6.2f} s, {calls} requests, "
          f"{records} records in {len(queries)} queries", flush=True)

    def longest_alone() -> float:
        return download_pages(sandbox, [soql])[0]

    alone = [longest_alone()]
    print(f"(b) the longest query alone ({stream}, {pages[longest]} pages): {alone[0]:6.2f} s",
          flush=True)
    ratios, walls = [], []
    for number in range(rounds):
        _engine, wall, cpu, sync_calls = first_sync(sandbox, home / f"round{number}")
        items = _engine.store.items.count(include_archived=True) - 1
        _engine.close()
        alone.append(longest_alone())
        baseline = (alone[-2] + alone[-1]) / 2
        ratios.append(wall / baseline)
        walls.append(wall)
        print(f"round {number + 1}: first full sync {wall:6.2f} s ({cpu:.2f} s CPU, {items} "
              f"items stored, {sync_calls} API calls); (b) {alone[-2]:.2f} / {alone[-1]:.2f} s; "
              f"{wall / baseline:.2f} x (b)", flush=True)
    if sequential:
        in_flight, page_feed.IN_FLIGHT = page_feed.IN_FLIGHT, 1
        try:
            engine, wall, _cpu, _calls = first_sync(sandbox, home / "sequential")
            engine.close()
        finally:
            page_feed.IN_FLIGHT = in_flight
        print(f"the same sync with one request in flight (before issue 12): {wall:6.2f} s",
              flush=True)
    minimum = 1 + sum(pages)
    print()
    print(f"first full sync, {page_feed.IN_FLIGHT} requests in flight: median "
          f"{statistics.median(walls):.2f} s = {statistics.median(ratios):.2f} x (b) "
          f"(target <= 1.25 x (b)); {statistics.median(walls) / seconds:.2f} x (a), "
          f"{seconds / statistics.median(walls):.1f} times faster than one page after another")
    print(f"API calls: {sync_calls} (target: the minimum, 1 for the describes + "
          f"{sum(pages)} = sum ceil(N/2000) = {minimum})")


if __name__ == "__main__":
    main()
