"""Kill -9 a process in the middle of writing and check the store it leaves behind."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta

import pytest

from desktop.store import Store

BATCH = 500

WRITER = textwrap.dedent(
    f"""
    import sys
    from datetime import UTC, datetime, timedelta
    from desktop.domain.items import Item, ItemKind
    from desktop.domain.synclog import ObjectCounts
    from desktop.store import Store

    store = Store.open(sys.argv[1])
    pause_in_batch = int(sys.argv[2])
    t0 = datetime(2026, 11, 20, tzinfo=UTC)
    run_id = store.sync_log.start_run(t0, "full")
    for batch in range(10_000):
        items = [
            Item(id=f"500{{batch:07d}}{{n:08d}}", kind=ItemKind.CASE, name=f"Case {{batch}}/{{n}}",
                 parent_id="salesforce", fields=(("Case Number", f"{{n:08d}}"),))
            for n in range({BATCH})
        ]
        # one sync batch: records, counts and watermark commit together
        with store.transaction():
            store.items.upsert_many(items[: {BATCH} // 2])
            print("writing", batch, flush=True)  # the parent kills us about here
            if batch == pause_in_batch:
                sys.stdin.readline()  # hold the transaction open until the kill lands
            store.items.upsert_many(items[{BATCH} // 2 :])
            store.sync_log.add_counts(run_id, {{"Case": ObjectCounts(created={BATCH})}})
            store.sync_state.set_watermark("Case", t0 + timedelta(minutes=batch + 1))
        # the timer: each switch stops the previous entry and starts a new one atomically
        store.entries.start_timer(items[0].id, t0 + timedelta(minutes=batch))
        print("committed", batch, flush=True)
    """
)


TIMER_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime, timedelta
    from desktop.store import Store

    store = Store.open(sys.argv[1])
    t0 = datetime(2026, 11, 20, tzinfo=UTC)
    for n in range(100_000):
        store.entries.start_timer(f"task{n % 7}", t0 + timedelta(seconds=n))
        print("writing", n, flush=True)
    """
)


def run_and_kill(db_path, batches_before_kill, extra_delay, script=WRITER):
    """Start the writer; SIGKILL it once it is inside the transaction of batch number
    `batches_before_kill` (0-based), `extra_delay` seconds later. Without a delay the writer
    waits inside that transaction, so a busy machine cannot let it run ahead of the kill."""
    pause_in_batch = batches_before_kill if extra_delay == 0 else -1
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(db_path), str(pause_in_batch)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        while True:
            line = child.stdout.readline()
            assert line, "the writer stopped early"
            if line.split() == ["writing", str(batches_before_kill)]:
                break
        time.sleep(extra_delay)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        child.stdin.close()
    return batches_before_kill


@pytest.mark.parametrize(
    ("batches_before_kill", "extra_delay"),
    [(0, 0), (1, 0), (4, 0.0005), (6, 0.002), (9, 0.005), (12, 0.02)],
)
def test_sigkill_mid_write_leaves_a_consistent_store(tmp_path, batches_before_kill, extra_delay):
    path = tmp_path / "stint.db"
    run_and_kill(path, batches_before_kill, extra_delay)
    with Store.open(path) as store:
        conn = store._db.connect()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        cases = conn.execute("SELECT count(*) FROM items WHERE sobject IS NULL AND id != 'salesforce'").fetchone()[0]
        # whole batches only, and the watermark and log counts moved with them
        assert cases % BATCH == 0
        batches = cases // BATCH
        # killed inside batch N's transaction: exactly N batches committed (more after a delay)
        assert batches >= batches_before_kill
        if extra_delay == 0:
            assert batches == batches_before_kill
        t0 = datetime(2026, 11, 20, tzinfo=UTC)
        expected_watermark = t0 + timedelta(minutes=batches) if batches else None
        assert store.sync_state.watermark("Case") == expected_watermark
        counts = store.sync_log.last_run().counts
        assert (counts["Case"].created if batches else counts) == (cases if batches else {})
        # every reported timer switch is there; at most one entry runs; no overlaps
        entries = store.entries.all()
        assert batches - 1 <= len(entries) <= batches
        assert sum(1 for e in entries if e.running) == (1 if entries else 0)
        for earlier, later in zip(entries, entries[1:], strict=False):
            assert earlier.end == later.start
        # and the store is usable: the next "sync" and timer switch just carry on
        store.entries.stop_timer(t0 + timedelta(days=30))
        assert store.entries.running() is None


@pytest.mark.parametrize("extra_delay", [0, 0.001, 0.01])
def test_sigkill_during_timer_switches_keeps_one_running_entry(tmp_path, extra_delay):
    path = tmp_path / "stint.db"
    run_and_kill(path, 200, extra_delay, script=TIMER_WRITER)
    with Store.open(path) as store:
        conn = store._db.connect()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        entries = store.entries.all()
        assert len(entries) >= 201  # every switch reported before the kill is there
        assert [e.running for e in entries] == [False] * (len(entries) - 1) + [True]
        for earlier, later in zip(entries, entries[1:], strict=False):
            assert earlier.end == later.start  # each switch stopped the previous one
        t0 = datetime(2026, 11, 20, tzinfo=UTC)
        assert entries[-1].start == t0 + timedelta(seconds=len(entries) - 1)
