"""The page feed: pages in order with end markers, errors handed to the consumer, and a
consumer that stops early does not leave the fetching thread behind."""

from __future__ import annotations

import threading

import pytest

from desktop.salesforce.errors import ServerError
from desktop.sync.pull.page_feed import PageFeed


def page(name, done=True):
    return {"records": [name], "done": done, "totalSize": 1}


class FakeClient:
    def __init__(self, fail_after=None):
        self.fail_after = fail_after
        self.fetched = 0

    def follow_pages(self, first):
        for number in range(1, 3):
            if self.fail_after is not None and self.fetched >= self.fail_after:
                raise ServerError("example.my.salesforce.com", 503)
            self.fetched += 1
            yield page(f"{first['records'][0]}+{number}")

    def query_pages(self, soql, include_deleted=False):
        assert include_deleted
        yield page(f"{soql}:1")
        yield from self.follow_pages(page(soql))


def test_pages_come_in_plan_order_with_an_end_marker_per_query():
    plan = [("a", page("a")), ("b", "SELECT b")]
    with PageFeed(FakeClient(), plan) as feed:
        seen = [(key, p["records"][0] if p else None) for key, p in feed]
    assert seen == [("a", "a"), ("a", "a+1"), ("a", "a+2"), ("a", None),
                    ("b", "SELECT b:1"), ("b", "SELECT b+1"), ("b", "SELECT b+2"), ("b", None)]


def test_a_fetch_error_reaches_the_consumer():
    with PageFeed(FakeClient(fail_after=1), [("a", page("a"))]) as feed:
        got = []
        with pytest.raises(ServerError):
            for _key, p in feed:
                got.append(p["records"][0])
    assert got == ["a", "a+1"]


def test_closing_early_stops_the_fetching_thread():
    before = threading.active_count()
    plan = [(str(n), page(str(n))) for n in range(50)]
    with PageFeed(FakeClient(), plan, depth=1) as feed:
        next(iter(feed))
    assert threading.active_count() == before
