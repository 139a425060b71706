"""Idempotent write-back: a create whose answer is lost (request applied, reply dropped) and a
push killed with SIGKILL mid-way never leave duplicates in Salesforce."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from push_helpers import PushWorld

from desktop.domain.entries import EntrySyncState
from desktop.store.push_queue_repo import PushQueueRepository
from tests.support.processes import dying_with_parent, wait_until


@pytest.fixture
def world(sandbox, tmp_path):
    built = PushWorld(sandbox, tmp_path / "stint.db", writeback="event")
    yield built
    built.close()


def _client_ids_in_salesforce(world) -> Counter:
    return Counter(e["Description"].rsplit("[stint:", 1)[1].rstrip("]")
                   for e in world.stint_events())


def test_a_dropped_create_answer_is_found_instead_of_created_again(world, sandbox):
    entries = [world.add(note=f"entry {n}") for n in range(3)]
    sandbox.faults.apply_then_drop_next(path_prefix="composite/sobjects")
    lost = world.push()

    assert lost.error is not None and lost.created == 0
    assert len(world.stint_events()) == 3  # Salesforce did create them
    assert {world.entry(e).sync_state for e in entries} == {EntrySyncState.PENDING}
    assert set(PushQueueRepository(world.store).attempts("Event")) == {e.client_id for e in entries}

    # Meanwhile the user edits one of them: it is found, then updated, not re-created.
    world.store.entries.update(world.entry(entries[0]).with_changes(note="edited"))
    again = world.push()
    assert (again.recovered, again.created, again.updated, again.error) == (3, 0, 1, None)
    assert _client_ids_in_salesforce(world) == Counter({e.client_id: 1 for e in entries})
    by_id = {e["Id"]: e for e in world.stint_events()}
    for entry in entries:
        assert world.entry(entry).sync_state is EntrySyncState.SYNCED
        assert world.entry(entry).remote_id in by_id
    assert by_id[world.entry(entries[0]).remote_id]["Description"].startswith("edited\n")
    assert PushQueueRepository(world.store).attempts("Event") == {}


def test_without_salesforces_time_the_marker_alone_finds_a_lost_create(
        world, sandbox, monkeypatch):
    """Issue 11: attempts are dated on Salesforce's clock (its Date header); an answer with no
    Date at all leaves the search unbounded in time, never bounded by the computer's clock."""
    monkeypatch.setattr(world.client, "salesforce_now", lambda: None)
    entry = world.add()
    sandbox.clock.advance(-3 * 3600)  # and Salesforce's clock hours behind the computer's
    sandbox.faults.apply_then_drop_next(path_prefix="composite/sobjects")
    assert world.push().error is not None
    report = world.push()
    assert (report.recovered, report.created) == (1, 0)
    assert _client_ids_in_salesforce(world) == Counter({entry.client_id: 1})


def test_a_create_that_never_arrived_is_sent_again(world, sandbox):
    entry = world.add()
    sandbox.faults.drop_next(path_prefix="composite/sobjects")  # dropped before applying
    assert world.push().error is not None
    report = world.push()
    assert (report.recovered, report.created) == (0, 1)
    assert _client_ids_in_salesforce(world) == Counter({entry.client_id: 1})


def test_a_deleted_entry_whose_create_answer_was_lost(world, sandbox):
    entry = world.add()
    sandbox.faults.apply_then_drop_next(path_prefix="composite/sobjects")
    world.push()
    world.store.entries.delete(entry.id, now=entry.end + timedelta(days=1))
    report = world.push()
    assert (report.recovered, report.deleted) == (1, 1)
    assert world.stint_events() == []
    assert world.store.entries.deleted() == []


def _push_in_child(world, sandbox, db_path: Path, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "STINT_TEST_LOGIN_URL": sandbox.login_url,
           "STINT_TEST_USERNAME": sandbox.username, "STINT_TEST_PASSWORD": sandbox.password,
           "STINT_TEST_TOKEN": sandbox.security_token, "STINT_TEST_CA_FILE": sandbox.ca_file,
           "PYTHONPATH": os.pathsep.join([str(Path.cwd()), os.environ.get("PYTHONPATH", "")])}
    script = Path(__file__).with_name("push_kill_child.py")
    with log_path.open("w") as log:
        return subprocess.Popen(dying_with_parent([sys.executable, str(script), str(db_path)]),
                                env=env, stdout=log, stderr=subprocess.STDOUT)


def _attempts_recorded(db_path: Path) -> int:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as conn:
        return conn.execute("SELECT count(*) FROM push_attempts").fetchone()[0]


def test_kill_9_mid_push_then_rerun_leaves_no_duplicate(world, sandbox, tmp_path):
    entries = [world.add(minutes=15) for _ in range(450)]
    db_path = world.store.path
    # Each collection call now takes 3 s before Salesforce applies it: the child is killed
    # while its first batch of 200 creates is in flight.
    sandbox.faults.set_latency(3000, path_prefix="composite/sobjects")
    child = _push_in_child(world, sandbox, db_path, tmp_path / "child.log")
    try:
        wait_until(lambda: _attempts_recorded(db_path), 30, "the child to send its first batch")
        time.sleep(1.0)  # the attempts are committed just before the batch is sent
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    # The server still applies the batch whose answer nobody reads any more.
    wait_until(lambda: len(world.stint_events()) == 200, 15, "the in-flight batch to land",
               interval=0.2)
    sandbox.faults.clear()
    assert {world.entry(e).sync_state for e in entries} == {EntrySyncState.PENDING}

    report = world.push()
    assert (report.recovered, report.created, report.error) == (200, 250, None)
    counts = _client_ids_in_salesforce(world)
    assert len(counts) == 450 and set(counts.values()) == {1}
    assert set(counts) == {e.client_id for e in entries}
    assert {world.entry(e).sync_state for e in entries} == {EntrySyncState.SYNCED}
