"""Taking an away span out of the running entry (domain.timer.plan_idle_resolution)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.entries import EntryError, TimeEntry
from desktop.domain.timer import IdleChoice, plan_idle_resolution

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


RUNNING = TimeEntry(start=at(0), item_id="006A", note="design", billable=True, id=7)


def test_keep_changes_nothing():
    plan = plan_idle_resolution(RUNNING, at(30), at(60), IdleChoice.KEEP)
    assert (plan.shortened, plan.given, plan.resumed, plan.dropped) == (None, None, None, None)


def test_discard_ends_the_entry_at_the_away_start_and_runs_on_from_the_return():
    plan = plan_idle_resolution(RUNNING, at(30), at(60), IdleChoice.DISCARD)
    assert plan.shortened == RUNNING.with_changes(end=at(30))
    assert plan.given is None and plan.dropped is None
    resumed = plan.resumed
    assert resumed.running and resumed.start == at(60) and resumed.id is None
    assert (resumed.item_id, resumed.note, resumed.billable) == ("006A", "design", True)
    assert resumed.client_id != RUNNING.client_id


def test_discard_and_stop_keeps_the_time_before_only():
    plan = plan_idle_resolution(RUNNING, at(30), at(60), IdleChoice.DISCARD_AND_STOP)
    assert plan.shortened == RUNNING.with_changes(end=at(30))
    assert plan.resumed is None and plan.given is None and plan.dropped is None


def test_giving_the_span_to_another_task_splits_it_in_three():
    plan = plan_idle_resolution(RUNNING, at(30), at(60), IdleChoice.GIVE_TO_TASK, "500B")
    assert plan.shortened.end == at(30)
    assert (plan.given.start, plan.given.end, plan.given.item_id) == (at(30), at(60), "500B")
    assert plan.resumed.start == at(60) and plan.resumed.item_id == "006A"
    kept = (plan.shortened.end - plan.shortened.start) + (plan.given.end - plan.given.start)
    assert kept == at(60) - at(0)  # not a second lost up to the return


def test_an_away_span_from_before_the_start_is_clipped_to_the_entry():
    running = RUNNING.with_changes(start=at(20))
    plan = plan_idle_resolution(running, at(0), at(50), IdleChoice.DISCARD)
    # nothing of the entry came before the away time: the entry itself starts at the return
    assert plan.shortened is None
    assert plan.resumed == running.with_changes(start=at(50))
    stop = plan_idle_resolution(running, at(0), at(50), IdleChoice.DISCARD_AND_STOP)
    assert stop.dropped == running and stop.shortened is None and stop.resumed is None
    give = plan_idle_resolution(running, at(0), at(50), IdleChoice.GIVE_TO_TASK, None)
    assert (give.given.start, give.given.end, give.given.item_id) == (at(20), at(50), None)
    assert give.resumed.id == running.id and give.resumed.start == at(50)


def test_nothing_left_to_take_is_refused():
    with pytest.raises(EntryError):
        plan_idle_resolution(RUNNING.with_changes(start=at(60)), at(0), at(30), IdleChoice.DISCARD)
    with pytest.raises(EntryError, match="no longer running"):
        plan_idle_resolution(RUNNING.with_changes(end=at(90)), at(30), at(60), IdleChoice.DISCARD)
