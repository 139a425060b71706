"""Random sequences of timer and editing operations never break the entry invariants."""

import random
import threading
from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.entries import EntryError, TimeEntry

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def check_invariants(entries):
    running = [e for e in entries if e.running]
    assert len(running) <= 1
    stopped = sorted((e for e in entries if not e.running), key=lambda e: e.start)
    for entry in stopped:
        assert entry.end > entry.start
    for earlier, later in zip(stopped, stopped[1:], strict=False):
        assert earlier.end <= later.start, (earlier, later)
    for entry in running:
        assert not any(s.start <= entry.start < s.end for s in stopped)
    assert len({e.client_id for e in entries}) == len(entries)


@pytest.mark.parametrize("seed", range(6))
def test_random_operations_keep_entries_consistent(store, seed):
    rng = random.Random(seed)
    now = T0
    for _ in range(150):
        now += timedelta(minutes=rng.randint(0, 30))
        action = rng.choice(["start", "start", "stop", "add", "update", "delete", "undelete"])
        entries = store.entries.all()
        try:
            if action == "start":
                store.entries.start_timer(rng.choice(["A", "B", None]), now)
            elif action == "stop":
                store.entries.stop_timer(now)
            elif action == "add":
                start = now - timedelta(minutes=rng.randint(-60, 600))
                end = start + timedelta(minutes=rng.randint(-5, 120))
                store.entries.add(TimeEntry(start=start, end=end, item_id="C"))
            elif action == "update" and entries:
                entry = rng.choice(entries)
                shift = timedelta(minutes=rng.randint(-60, 60))
                end = None if entry.end is None else entry.end + shift
                store.entries.update(entry.with_changes(start=entry.start + shift, end=end))
            elif action == "delete" and entries:
                store.entries.delete(rng.choice(entries).id)
            elif action == "undelete":
                deleted = store.entries.deleted()
                if deleted:
                    store.entries.undelete(rng.choice(deleted).id)
        except EntryError:
            pass  # refused with a message: fine, as long as nothing broke
        check_invariants(store.entries.all())


def test_timer_switches_from_many_threads_stay_consistent(store):
    clock = iter(T0 + timedelta(seconds=n) for n in range(10_000))
    clock_lock = threading.Lock()
    errors = []

    def switch(item_id):
        try:
            for _ in range(40):
                # take the time inside the write lock, as the app's clock would be read
                with store.transaction(), clock_lock:
                    store.entries.start_timer(item_id, next(clock))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    workers = [threading.Thread(target=switch, args=(name,)) for name in "ABCD"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors
    entries = store.entries.all()
    assert len(entries) == 160
    check_invariants(entries)
    assert sum(e.running for e in entries) == 1
