"""A full pass whose pages are fetched side by side and arrive out of order (the sandbox's
latency model, pages of random length): each query's pages are committed in their order,
children only after their parents' streams, a watermark only after every page of every query
of its stream; the result and the API calls are those of fetching one query after another;
and a sync killed with SIGKILL at any point leaves a consistent store that the next sync
completes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.domain.settings import Settings
from desktop.domain.synclog import RunOutcome
from desktop.sandbox.latency import LatencyModel
from desktop.store import Store
from desktop.store.sync_state_repo import SyncStateRepository
from desktop.sync.metadata import MetadataCache
from desktop.sync.pull import page_feed
from desktop.sync.pull.page_writer import PageWriter
from desktop.sync.pull.queries import build_streams
from desktop.sync.pull.run import PullSync
from tests.support.processes import dying_with_parent
from tests.unit.sync.pull.pull_support import (
    SOBJECT_BY_PREFIX,
    client_for,
    stream_of,
    sync_store,
    tree,
)

CHILD = Path(__file__).with_name("sync_kill_child.py")


class Recorder:
    """What the sync did, in order: pages committed (stream, ids) and watermarks stored."""

    def __init__(self, monkeypatch) -> None:
        self.events: list[tuple] = []
        apply, set_watermark = PageWriter.apply, SyncStateRepository.set_watermark

        def recording_apply(writer, mapper, records, now, seen=None):
            result = apply(writer, mapper, records, now, seen)
            self.events.append(("page", mapper.stream.key, [r["Id"] for r in records]))
            return result

        def recording_watermark(state, key, moment):
            self.events.append(("watermark", key))
            return set_watermark(state, key, moment)

        monkeypatch.setattr(PageWriter, "apply", recording_apply)
        monkeypatch.setattr(SyncStateRepository, "set_watermark", recording_watermark)
        self.spilled = 0
        put = page_feed._Spill.put

        def counting_put(spill, page):
            self.spilled += 1
            return put(spill, page)

        monkeypatch.setattr(page_feed._Spill, "put", counting_put)

    def pages(self, stream: str | None = None) -> list[int]:
        return [n for n, e in enumerate(self.events)
                if e[0] == "page" and (stream is None or e[1] == stream)]


def query_results(org, store, settings: Settings) -> dict[str, list[list[str]]]:
    """Each stream's queries, each as the ids Salesforce returns for it, in its order."""
    cache = MetadataCache(store)
    metas = {n: cache.cached(n, datetime.now(UTC)) for n in ("Opportunity", "Case", "Task")}
    with client_for(org) as client:
        streams = build_streams(settings, metas, client.user_id)
        return {s.key: [[r["Id"] for page in client.query_pages(q, include_deleted=True)
                         for r in page["records"]] for q in s.queries()] for s in streams}


def check_commit_order(recorder: Recorder, results: dict[str, list[list[str]]]) -> None:
    parents = {"Case@Case": ["Case"], "Task@Opportunity": ["Opportunity"],
               "Task@Case": ["Case", "Case@Case"]}
    for stream, queries in results.items():
        # each query's pages in its order (a stream's queries may interleave)
        committed = [i for e in recorder.events if e[0] == "page" and e[1] == stream for i in e[2]]
        for ids in queries:
            wanted = set(ids)
            assert [i for i in committed if i in wanted] == ids, stream
        assert sorted(committed) == sorted(i for ids in queries for i in ids)
        # the watermark after the last page of every query of the stream
        marks = [n for n, e in enumerate(recorder.events) if e == ("watermark", stream)]
        assert len(marks) == 1 and marks[0] > max(recorder.pages(stream)), stream
        # children after every page of their parents' streams
        for parent in parents.get(stream, ()):
            assert min(recorder.pages(stream)) > max(recorder.pages(parent)), (stream, parent)


def test_pages_arriving_out_of_order_are_committed_as_one_query_after_another_would(
        slow_org, tmp_path, monkeypatch):
    settings = Settings()
    monkeypatch.setattr(page_feed, "IN_FLIGHT", 1)
    _, expected_tree, expected_marks = sync_store(slow_org, tmp_path / "reference.db", settings)
    monkeypatch.setattr(page_feed, "IN_FLIGHT", 4)
    recorder = Recorder(monkeypatch)

    run, got_tree, got_marks = sync_store(slow_org, tmp_path / "stint.db", settings)

    with Store.open(tmp_path / "stint.db") as store:
        check_commit_order(recorder, query_results(slow_org, store, settings))
    assert got_tree == expected_tree and got_marks == expected_marks
    assert run.api_calls == 1 + len(recorder.pages())  # the describes, then one call a page
    # and the test saw what it is about: pages fetched side by side, out of order. The
    # Cases (2 pages) were done before the Opportunities (5), which come first in the plan.
    assert max(recorder.pages("Case")) < max(recorder.pages("Opportunity"))
    assert recorder.spilled > 0, "children arrived before their parents were all committed"


def test_a_stream_split_in_chunks_is_done_when_all_its_queries_are(slow_org, tmp_path,
                                                                    monkeypatch):
    sf = slow_org.salesforce()
    opportunities = [r["Id"] for r in sf.query_all("SELECT Id FROM Opportunity")["records"]]
    cases = [r["Id"] for r in sf.query_all("SELECT Id FROM Case WHERE ParentId = null")["records"]]
    # about 1,800 ids a query: the Opportunities and their Tasks are three queries each
    settings = Settings(import_mode="specific", specific_ids=tuple(opportunities[:4500] + cases[:900]))
    monkeypatch.setattr(page_feed, "IN_FLIGHT", 1)
    _, expected_tree, expected_marks = sync_store(slow_org, tmp_path / "reference.db", settings)
    # more workers than usual, so the nine queries all run at once (the sandbox, like
    # Salesforce before API 56.0, keeps 10 cursors a user)
    monkeypatch.setattr(page_feed, "IN_FLIGHT", 9)
    recorder = Recorder(monkeypatch)

    _, got_tree, got_marks = sync_store(slow_org, tmp_path / "stint.db", settings)

    with Store.open(tmp_path / "stint.db") as store:
        results = query_results(slow_org, store, settings)
        assert len(results["Opportunity"]) == len(results["Task@Opportunity"]) == 3
        check_commit_order(recorder, results)
    assert got_tree == expected_tree and got_marks == expected_marks
    assert recorder.spilled > 0


def test_a_cancelled_sync_stops_its_requests_and_leaves_no_worker_behind(slow_org, tmp_path):
    slow_org.latency = LatencyModel(per_request_ms=300, per_record_ms=0.05)
    cancel = threading.Event()
    cancelled_at: list[float] = []

    def progress(_objects, _done, _total):
        cancel.set()  # after the first committed page
        cancelled_at.append(time.monotonic())

    before = threading.active_count()
    with Store.open(tmp_path / "stint.db") as store, client_for(slow_org) as client:
        run = PullSync(store, client).run(Settings(), cancel=cancel, on_progress=progress)
        stopped = time.monotonic() - cancelled_at[0]
        assert run.outcome is RunOutcome.CANCELLED
        assert len(cancelled_at) == 1 and store.items.count() <= 2001
        assert threading.active_count() == before  # no worker is left to send a request
    # the run waited only for the requests in flight (0.3 s + up to 0.1 s of records)
    assert stopped < 2.0


@pytest.mark.parametrize(("pages_before_kill", "extra_delay"),
                         [(0, 0.15), (1, 0), (3, 0.002), (6, 0), (10, 0.01)])
def test_a_sync_killed_at_any_point_leaves_a_store_the_next_sync_completes(
        slow_org, tmp_path, pages_before_kill, extra_delay):
    # at least 11 pages: 7,000 Opportunities, 2,200 Cases, 300 child Cases, 3,150 Tasks
    # under each
    settings = Settings()
    _, expected_tree, _ = sync_store(slow_org, tmp_path / "reference.db", settings)
    path = tmp_path / "stint.db"
    Store.open(path).close()
    child = subprocess.Popen(
        dying_with_parent([sys.executable, str(CHILD), str(path)]),
        stdout=subprocess.PIPE, text=True,
        env={**os.environ, "STINT_TEST_LOGIN_URL": slow_org.login_url,
             "STINT_TEST_USERNAME": slow_org.username, "STINT_TEST_PASSWORD": slow_org.password,
             "STINT_TEST_TOKEN": slow_org.security_token, "STINT_TEST_CA_FILE": slow_org.ca_file})
    try:
        assert child.stdout.readline().strip() == "syncing"
        for _ in range(pages_before_kill):
            line = child.stdout.readline()
            assert line.startswith("committed"), f"the sync ended before the kill: {line!r}"
        time.sleep(extra_delay)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
        child.stdout.close()

    # the pages kept aside waited in a file that never had a name: the kill left nothing
    # beside the store for the next start to clean up
    assert [p.name for p in tmp_path.iterdir()
            if not p.name.startswith(("reference.db", "stint.db"))] == []
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    with Store.open(path) as store:
        left = tree(store)
        marks = store.sync_state.watermarks()
    # what was committed is what Salesforce has, and a stream with a watermark is complete
    assert all(left[i] == expected_tree[i] for i in left)
    for stream in marks:
        wanted = {i for i in expected_tree
                  if i[:3] in SOBJECT_BY_PREFIX and stream_of(i, expected_tree) == stream}
        assert wanted and wanted <= set(left), f"{stream} has a watermark but misses records"

    _, resumed, _ = sync_store(slow_org, path, settings)
    assert resumed == expected_tree
