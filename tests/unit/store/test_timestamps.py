from datetime import UTC, datetime, timedelta, timezone

import pytest

from desktop.store.timestamps import from_db, from_db_or_none, to_db, truncate_to_ms


def test_text_is_utc_with_milliseconds_and_sorts_like_time():
    paris = timezone(timedelta(hours=1))
    moment = datetime(2026, 11, 21, 8, 5, 9, 123456, tzinfo=paris)
    assert to_db(moment) == "2026-11-21T07:05:09.123Z"
    earlier = datetime(2026, 11, 21, 7, 5, 9, 122999, tzinfo=UTC)
    assert to_db(earlier) < to_db(moment)


def test_round_trip_keeps_milliseconds_in_utc():
    moment = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    back = from_db(to_db(moment))
    assert back == truncate_to_ms(moment) == moment.replace(microsecond=678000)
    assert back.utcoffset() == timedelta(0)
    assert from_db_or_none(None) is None


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        to_db(datetime(2026, 1, 1))
