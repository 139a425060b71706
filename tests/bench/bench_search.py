"""Search benchmark: p50/p95 per query over 200,000 realistic items (target p95 <= 16 ms).

Run: /work/venv/bin/python tests/bench/bench_search.py [--count N] [--repeat R]

Queries are what people type, keystroke by keystroke: every prefix of "acme widgets",
"00001234", "crème", "call back acme", ..., plus phrases taken from random generated items.
Each query runs R times (with 20 recent task ids, as the picker passes them); the figures are
wall-clock milliseconds. The index build time and the process's peak memory are printed too.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from item_generator import generate_items  # noqa: E402

from desktop.domain.search import SearchIndex  # noqa: E402
from desktop.domain.search_scan import search_items  # noqa: E402

PHRASES = [
    "acme widgets", "acme wid", "00001234", "crème", "creme brulee", "call back acme",
    "globex renewal", "prospecting", "café", "müller gmbh", "invoice wrong", "send quote stark",
    "negotiation", "500 widgets", "2026-03", "escalate", "zürich", "dget", "urgent printer",
]


def typed_prefixes(phrase: str) -> list[str]:
    return [phrase[: n + 1] for n in range(len(phrase)) if not phrase[n].isspace()]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def phrases_from_items(items, count, rng):
    phrases = []
    for item in rng.sample(items, count):
        words = item.name.split()
        if item.fields and rng.random() < 0.5:
            words = [rng.choice(item.fields)[1].split()[0], *words]
        phrases.append(" ".join(words[: rng.randint(1, 2)]).lower())
    return phrases


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-freeze", action="store_true",
                        help="leave the long-lived objects in the GC's scans (see gc.freeze)")
    args = parser.parse_args()
    rng = random.Random(11)
    items = generate_items(args.count)
    recent = [item.id for item in rng.sample(items, 20)]

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    index = SearchIndex(items)
    build = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if not args.no_freeze:
        gc.freeze()  # long-lived objects leave the GC's scans (recommended after a load)
    print(f"index of {len(index):,} items built in {build:.2f} s; peak RSS grew by "
          f"{(rss_after - rss_before) / 1024:.0f} MB (to {rss_after / 1024:.0f} MB)")

    print(f"\n{'query':<24}{'hits':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  first result")
    everything: list[float] = []
    for group, phrases in (("fixed", PHRASES), ("from items", phrases_from_items(items, 25, rng))):
        group_times: list[float] = []
        for phrase in phrases:
            for query in typed_prefixes(phrase):
                times = []
                for _ in range(args.repeat):
                    started = time.perf_counter()
                    results = index.search(query, limit=50, recent_ids=recent)
                    times.append((time.perf_counter() - started) * 1000)
                group_times += times
                if group == "fixed" or query == phrase:
                    first = results[0].name if results else "-"
                    print(f"{query!r:<24}{len(results):>5}{statistics.median(times):>9.2f}"
                          f"{percentile(times, 0.95):>9.2f}{max(times):>9.2f}  {first[:40]}")
        everything += group_times
        print(f"-- {group}: {len(group_times)} timed queries, p50 "
              f"{statistics.median(group_times):.2f} ms, p95 {percentile(group_times, 0.95):.2f} ms, "
              f"max {max(group_times):.2f} ms\n")
    started = time.perf_counter()
    search_items(items, "acme wid", limit=50, recent_ids=recent)
    print(f"one-off search_items('acme wid') without an index (the CLI): "
          f"{time.perf_counter() - started:.2f} s")
    print(f"ALL {len(everything)} timed queries: p50 {statistics.median(everything):.2f} ms, "
          f"p95 {percentile(everything, 0.95):.2f} ms, p99 {percentile(everything, 0.99):.2f} ms, "
          f"max {max(everything):.2f} ms (target p95 <= 16 ms); load average "
          f"{' '.join(Path('/proc/loadavg').read_text().split()[:3])}")


if __name__ == "__main__":
    main()
