from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.entries import (
    EntryError,
    EntrySyncState,
    TimeEntry,
    describe_span,
    find_overlap,
    overlaps,
    validate_entry,
)

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def entry(start_min, end_min, **kw) -> TimeEntry:
    return TimeEntry(start=at(start_min), end=None if end_min is None else at(end_min), **kw)


def test_defaults_and_client_id():
    first, second = entry(0, 10), entry(0, 10)
    assert first.client_id != second.client_id  # a fresh uuid4 each
    assert len(first.client_id) == 36
    assert first.item_id is None  # "no task"
    assert first.sync_state is EntrySyncState.LOCAL
    assert not first.running and entry(0, None).running


def test_times_must_be_timezone_aware():
    with pytest.raises(ValueError, match="timezone-aware"):
        TimeEntry(start=datetime(2026, 1, 1))


def test_duration_comes_from_timestamps_only():
    assert entry(0, 90).duration(now=at(1000)) == timedelta(minutes=90)
    running = entry(0, None)
    assert running.duration(now=at(5)) == timedelta(minutes=5)
    assert running.duration(now=at(-5)) == timedelta(0)  # clock went back: never negative


def test_overlaps_are_half_open():
    assert not overlaps(entry(0, 10), entry(10, 20))
    assert overlaps(entry(0, 11), entry(10, 20))
    assert overlaps(entry(5, 6), entry(0, 20))
    # an open end runs forever unless "now" is given
    assert overlaps(entry(0, None), entry(100, 110))
    assert not overlaps(entry(0, None), entry(100, 110), now=at(50))


def test_find_overlap_returns_the_earliest_clash_and_ignores_itself():
    stored = [entry(30, 40, id=2), entry(0, 10, id=1), entry(50, 60, id=3)]
    assert find_overlap(stored, entry(5, 35)).id == 1
    assert find_overlap(stored, entry(10, 30)) is None
    edited = stored[0].with_changes(start=at(29))
    assert find_overlap(stored, edited) is None  # same id: not a clash with itself


@pytest.mark.parametrize("end", [0, -10])
def test_zero_and_negative_durations_are_rejected(end):
    with pytest.raises(EntryError, match="must end after it starts") as info:
        validate_entry(entry(0, end), [], tz=UTC)
    assert "09:00:00" in str(info.value)


def test_overlap_message_names_the_conflicting_times():
    stored = [entry(0, 90, id=7)]
    with pytest.raises(EntryError) as info:
        validate_entry(entry(60, 120), stored, tz=UTC)
    assert str(info.value) == (
        "This entry (10:00–11:00 on 2026-11-20) overlaps the entry 09:00–10:30 on 2026-11-20."
    )
    assert info.value.conflict.id == 7


def test_overlap_with_running_timer_is_named_as_such():
    with pytest.raises(EntryError, match="running timer started at 09:00"):
        validate_entry(entry(60, 120), [entry(0, None, id=1)], tz=UTC)


def test_describe_span_across_midnight():
    start = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)
    assert str(describe_span(start, start + timedelta(hours=2), UTC)) == (
        "2026-11-20 23:00 – 2026-11-21 01:00"
    )


def test_client_ids_are_random_version_4_uuids():
    import uuid

    from desktop.domain.entries import new_client_id

    ids = {new_client_id() for _ in range(500)}
    assert len(ids) == 500
    for text in ids:
        parsed = uuid.UUID(text)
        assert (parsed.version, parsed.variant, str(parsed)) == (4, uuid.RFC_4122, text)
