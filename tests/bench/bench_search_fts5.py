"""SQLite FTS5 as the picker's search index? The same keystroke queries as bench_search.py,
answered by an FTS5 trigram index over the same folded texts, against SearchIndex.

The FTS5 side gets the easy version of the job: the first 50 matches in rowid order (the
index's tie-break order), without the ranking tiers (word starts, name before fields, own
before parent) that SearchIndex computes; its figures are a lower bound. A parent's words
are copied into its children's rows (FTS5 cannot look them up). Query words of one or two
letters cannot use a trigram index and fall back to LIKE, a scan. The FTS5 table lives in a
file beside a copy of nothing else (its pages stay out of this process's memory but for
SQLite's page cache, 2 MB by default).

Run: .venv/bin/python tests/bench/bench_search_fts5.py [--count N]
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_search import PHRASES, percentile, typed_prefixes  # noqa: E402
from item_generator import generate_items  # noqa: E402

from desktop.domain.item_table import ItemTable  # noqa: E402
from desktop.domain.search import SearchIndex, query_terms  # noqa: E402
from desktop.domain.search_texts import SearchTexts  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fts5_database(path: Path, index: SearchIndex, texts: SearchTexts, table: ItemTable) -> None:
    """One row per indexed item, rowid = its place in the index's order."""
    connection = sqlite3.connect(path)
    connection.execute("CREATE VIRTUAL TABLE search USING fts5(own, parent, tokenize='trigram')")
    rows = []
    for rank, position in enumerate(index._order):  # noqa: SLF001 - a benchmark's look inside
        parent = table.parent_at(position)
        parent_text = texts.text(parent) if parent >= 0 else ""
        rows.append((rank, texts.text(position), parent_text))
    connection.executemany("INSERT INTO search (rowid, own, parent) VALUES (?, ?, ?)", rows)
    connection.commit()
    connection.close()


def fts5_search(connection: sqlite3.Connection, text: str, limit: int = 50) -> list[int]:
    terms = query_terms(text)
    if not terms:
        return [row[0] for row in connection.execute(
            "SELECT rowid FROM search ORDER BY rowid LIMIT ?", (limit,))]
    long_terms = [term for term in terms if len(term) >= 3]
    short_terms = [term for term in terms if len(term) < 3]
    where, params = [], []
    if long_terms:
        where.append("search MATCH ?")
        params.append(" AND ".join('"' + term.replace('"', '""') + '"' for term in long_terms))
    for term in short_terms:
        where.append("(own LIKE ? OR parent LIKE ?)")
        params += [f"%{term}%"] * 2
    sql = f"SELECT rowid FROM search WHERE {' AND '.join(where)} ORDER BY rowid LIMIT ?"
    return [row[0] for row in connection.execute(sql, (*params, limit))]


def timed(search, queries: list[str]) -> list[float]:
    times = []
    for query in queries:
        started = time.perf_counter()
        search(query)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    args = parser.parse_args()
    table = ItemTable.of_items(generate_items(args.count))
    texts = SearchTexts(table)
    before = peak_mb()
    started = time.perf_counter()
    index = SearchIndex.over(table, range(len(table)), texts)
    print(f"SearchIndex over {len(index):,} items: built in {time.perf_counter() - started:.1f} s, "
          f"{index.nbytes() / 1e6:.0f} MB of index + {texts.nbytes() / 1e6:.0f} MB of texts "
          f"(peak RSS grew {peak_mb() - before:.0f} MB)")
    queries = [query for phrase in PHRASES for query in typed_prefixes(phrase)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "search.sqlite3"
        started = time.perf_counter()
        fts5_database(path, index, texts, table)
        print(f"FTS5 trigram table: built in {time.perf_counter() - started:.1f} s, "
              f"{path.stat().st_size / 1e6:.0f} MB on disk")
        connection = sqlite3.connect(path)
        fts5_search(connection, "warm up")
        for label, search in (("SearchIndex (ranked)", lambda q: index.search(q, 50)),
                              ("FTS5 (unranked, rowid order)", lambda q: fts5_search(connection, q))):
            times = timed(search, queries) + timed(search, queries)
            print(f"{label:<30} {len(times)} queries: p50 {statistics.median(times):6.2f} ms, "
                  f"p95 {percentile(times, 0.95):6.2f} ms, max {max(times):7.2f} ms")
        fts5_times = timed(lambda q: fts5_search(connection, q), queries)
        slowest = sorted(zip(fts5_times, queries, strict=True))[-3:]
        print("FTS5's slowest: " + ", ".join(f"{query!r} {ms:.0f} ms" for ms, query in slowest))
        connection.close()
    print(f"load: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")


if __name__ == "__main__":
    main()
