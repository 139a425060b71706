from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.entries import EntryError, TimeEntry
from desktop.domain.timer import CLOCK_CHANGE_MINIMUM, plan_start, stop_running

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_start_without_a_running_timer():
    plan = plan_start(None, "006A", at(0), note="kick-off", billable=True)
    assert plan.stopped is None
    started = plan.started
    assert (started.item_id, started.start, started.end) == ("006A", at(0), None)
    assert started.note == "kick-off" and started.billable


def test_starting_a_new_timer_stops_the_running_one_at_the_same_instant():
    running = TimeEntry(start=at(0), item_id="006A", id=1)
    plan = plan_start(running, "500B", at(25), others=[running])
    assert plan.stopped.entry.end == at(25)
    assert plan.stopped.entry.id == 1
    assert plan.started.start == at(25) and plan.started.item_id == "500B"


def test_start_is_refused_inside_a_stopped_entry():
    later = TimeEntry(start=at(0), end=at(60), id=4)
    with pytest.raises(EntryError, match="falls inside the entry 09:00–10:00") as info:
        plan_start(None, "006A", at(30), others=[later], tz=UTC)
    assert info.value.conflict is later


def test_stop_clips_at_the_next_entry():
    running = TimeEntry(start=at(0), id=1)
    following = TimeEntry(start=at(45), end=at(60), id=2)
    result = stop_running(running, at(90), [following])
    assert result.entry.end == at(45)


def test_a_timer_that_held_no_time_is_dropped():
    running = TimeEntry(start=at(10), id=1)
    result = stop_running(running, at(10))
    assert result.entry is None and result.dropped is running
    # less than a second before its start: the same instant (a sub-second clock wobble)
    wobble = stop_running(running, at(10) - timedelta(milliseconds=600))
    assert wobble.entry is None and not wobble.clock_went_back


def test_a_timer_stopped_well_before_its_start_is_kept_not_lost():
    """The wall clock was set back while it ran; without a monotonic reading the entry keeps
    the 1-second minimum (the user sees it and fixes its end)."""
    running = TimeEntry(start=at(10), id=1)
    result = stop_running(running, at(5))
    assert result.dropped is None and result.clock_went_back
    assert result.entry.end == at(10) + CLOCK_CHANGE_MINIMUM
    exactly_a_second = stop_running(running, at(10) - timedelta(seconds=1))
    assert exactly_a_second.entry is not None and exactly_a_second.clock_went_back


def test_a_short_timer_after_its_start_is_kept():
    running = TimeEntry(start=at(10), id=1)
    result = stop_running(running, at(10) + timedelta(milliseconds=300))
    assert result.entry.end == at(10) + timedelta(milliseconds=300)


def test_stopping_a_stopped_entry_is_an_error():
    with pytest.raises(EntryError):
        stop_running(TimeEntry(start=at(0), end=at(1)), at(2))
