"""The page feed: pages fetched by a few workers at once, handed out per query in order, after
the queries they depend on, with memory bounded, errors handed to the consumer, and no thread
left behind."""

from __future__ import annotations

import threading
import time
from collections import defaultdict

import pytest

from desktop.salesforce.errors import ServerError
from desktop.sync.pull.page_feed import PageFeed, PlannedQuery


class FakeClient:
    """Queries named by their SOQL; page n of query q holds the one record f"{q}{n}"."""

    def __init__(self, pages: dict[str, int], delay: dict[str, float] | None = None,
                 fail: tuple[str, int] | None = None) -> None:
        self.pages = pages
        self.delay = delay or {}
        self.fail = fail
        self.lock = threading.Lock()
        self.in_flight = self.most_in_flight = 0
        self.fetched: list[str] = []

    def page(self, name: str, number: int) -> dict:
        total = self.pages[name]
        return {"name": name, "records": [f"{name}{number}"], "done": number == total,
                "totalSize": total}

    def query_pages(self, soql, include_deleted=False, *, stop=None):
        assert include_deleted
        for number in range(1, self.pages[soql] + 1):
            yield self._fetch(soql, number)

    def follow_pages(self, first, *, stop=None):
        for number in range(2, self.pages[first["name"]] + 1):
            yield self._fetch(first["name"], number)

    def _fetch(self, name: str, number: int) -> dict:
        with self.lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        fetched = False
        try:
            time.sleep(self.delay.get(name, 0.0))
            if self.fail == (name, number):
                raise ServerError("example.my.salesforce.com", 503)
            fetched = True
            return self.page(name, number)
        finally:
            with self.lock:  # one step: a page is in flight or fetched, never both
                self.in_flight -= 1
                if fetched:
                    self.fetched.append(f"{name}{number}")


def drain(feed) -> list[tuple[str, str | None]]:
    return [(key, page["records"][0] if page else None) for key, page in feed]


def test_each_query_comes_whole_in_order_with_its_end_marker_last():
    pages = {"a": 3, "b": 1, "c": 4, "d": 2, "e": 3}
    client = FakeClient(pages, delay={"a": 0.02, "c": 0.005, "e": 0.01})
    plan = [PlannedQuery("a", "a"), PlannedQuery("b", client.page("b", 1)), PlannedQuery("c", "c"),
            PlannedQuery("d", client.page("d", 1)), PlannedQuery("e", "e")]
    with PageFeed(client, plan, workers=3) as feed:
        seen = drain(feed)
        assert feed.expected_records == sum(pages.values())
    per_query = defaultdict(list)
    for key, record in seen:
        per_query[key].append(record)
    assert per_query == {name: [f"{name}{n}" for n in range(1, count + 1)] + [None]
                         for name, count in pages.items()}


def test_a_query_comes_after_the_queries_it_depends_on_though_fetched_before():
    # The parent is slow, its children fast: they are fetched while it is still coming,
    # kept aside (in the spill file), and handed out only after its end marker.
    client = FakeClient({"parent": 4, "child": 3, "grandchild": 2, "other": 2},
                        delay={"parent": 0.05})
    plan = [PlannedQuery("parent", "parent"), PlannedQuery("other", "other"),
            PlannedQuery("child", "child", frozenset({"parent"})),
            PlannedQuery("grandchild", "grandchild", frozenset({"child", "parent"}))]
    with PageFeed(client, plan, workers=4) as feed:
        seen = drain(feed)
        spilled = feed._spill._file is not None
    assert client.fetched.index("child3") < client.fetched.index("parent4")  # out of order
    assert spilled
    order = [f"{key}-end" if record is None else record
             for key, record in seen]
    assert order.index("parent-end") < order.index("child1")
    assert order.index("child-end") < order.index("grandchild1")
    assert order.index("other1") < order.index("parent4")  # independent queries interleave
    assert [r for r in order if r.startswith("child")] == ["child1", "child2", "child3", "child-end"]


def test_at_most_the_workers_are_in_flight_and_they_overlap():
    client = FakeClient({f"q{n}": 3 for n in range(8)}, delay={f"q{n}": 0.02 for n in range(8)})
    plan = [PlannedQuery(f"q{n}", f"q{n}") for n in range(8)]
    with PageFeed(client, plan, workers=3) as feed:
        assert len(drain(feed)) == 8 * 4
    assert client.most_in_flight == 3


def test_a_slow_consumer_holds_the_workers_back():
    # Pages waiting for the consumer plus requests in flight stay within `ahead`: answers
    # faster than the commits are not fetched only to wait (in memory, and for the
    # interpreter), and when the consumer keeps up every worker has a request out.
    client = FakeClient({f"q{n}": 6 for n in range(4)}, delay={f"q{n}": 0.002 for n in range(4)})
    plan = [PlannedQuery(f"q{n}", f"q{n}") for n in range(4)]
    pipeline = []
    with PageFeed(client, plan, workers=4, ahead=2) as feed:
        consumed = 0
        for _key, page in feed:
            if page is not None:
                consumed += 1
                with client.lock:
                    pipeline.append(len(client.fetched) - consumed + client.in_flight)
                time.sleep(0.01)  # a slow commit
        assert feed._spill._file is None  # nothing had to wait for another query
    assert max(pipeline) <= 2 and client.most_in_flight <= 2
    assert len(pipeline) == 4 * 6


def test_a_fetch_error_reaches_the_consumer_and_stops_the_workers():
    before = threading.active_count()
    client = FakeClient({"a": 5, "b": 50}, delay={"b": 0.01}, fail=("a", 2))
    plan = [PlannedQuery("a", "a"), PlannedQuery("b", "b")]
    with pytest.raises(ServerError), PageFeed(client, plan) as feed:
        drain(feed)
    assert threading.active_count() == before
    assert "b50" not in client.fetched


def test_closing_early_stops_every_worker_and_removes_the_spill_file():
    before = threading.active_count()
    client = FakeClient({f"q{n}": 5 for n in range(10)}, delay={"q0": 0.05})
    plan = [PlannedQuery("q0", "q0")] + [
        PlannedQuery(f"q{n}", f"q{n}", frozenset({"q0"})) for n in range(1, 10)]
    with PageFeed(client, plan, workers=4, ahead=2) as feed:
        next(iter(feed))
        time.sleep(0.1)  # the other workers spill their pages meanwhile
        spill = feed._spill._file
        assert spill is not None
    assert spill.closed
    assert threading.active_count() == before
