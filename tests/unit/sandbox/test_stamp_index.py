"""StampIndex: ids by an indexed datetime, kept current by cheap appends."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from desktop.sandbox.stamp_index import StampIndex

T0 = datetime(2026, 11, 21, 7, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def row(record_id: str, seconds: float | None) -> dict:
    return {"Id": record_id, "SystemModstamp": None if seconds is None else at(seconds)}


def test_lists_ids_at_or_after_the_instant_in_value_then_id_order():
    index = StampIndex("SystemModstamp", [row("b", 5), row("a", 5), row("c", 1), row("d", 9)])
    assert index.ids_from(at(5)) == ["a", "b", "d"]
    assert index.ids_from(at(5.001)) == ["d"]
    assert index.ids_from(at(0)) == ["c", "a", "b", "d"]
    assert index.ids_from(at(10)) == []


def test_a_rewritten_row_is_listed_once_at_its_new_value():
    index = StampIndex("SystemModstamp", [row("a", 1), row("b", 2)])
    index.note(row("a", 3))
    index.note(row("a", 3))  # written again in the same millisecond
    assert index.ids_from(at(0)) == ["b", "a"]
    index.note(row("a", 1))  # back to an old value (the clock was set back)
    assert index.ids_from(at(0)) == ["a", "b"]
    assert index.ids_from(at(2)) == ["b"]


def test_forgotten_and_null_rows_are_not_listed():
    index = StampIndex("SystemModstamp", [row("a", 1), row("b", None), row("c", 2)])
    index.forget("a")
    index.note(row("c", None))
    assert index.ids_from(at(0)) == []
    assert len(index) == 0


def test_matches_a_sort_of_the_current_values_after_random_writes():
    rng = random.Random(3)
    values: dict[str, float] = {}
    index = StampIndex("SystemModstamp")
    now = 0.0
    for step in range(3000):
        now += rng.choice([0, 0, 1, 2, -50])  # equal stamps, forward, and set back
        record_id = f"r{rng.randrange(200)}"
        if rng.random() < 0.05:
            index.forget(record_id)
            values.pop(record_id, None)
        else:
            index.note(row(record_id, now))
            values[record_id] = now
        if step % 100 == 0:
            bound = now - rng.randrange(200)
            expected = sorted((at(v), i) for i, v in values.items() if at(v) >= at(bound))
            assert index.ids_from(at(bound)) == [i for _, i in expected]
    # stale entries were dropped along the way: the lists stay near the live size
    assert len(index._sorted) <= 2 * len(index) + 64
