from datetime import timedelta

import pytest

from desktop.domain.durations import (
    DurationError,
    format_decimal_hours,
    format_entry_length,
    format_hm,
    format_hms,
    parse_duration,
)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00:00"), (59.9, "0:00:59"), (61, "0:01:01"), (3723, "1:02:03"), (36000, "10:00:00"),
     (90061, "25:01:01"), (-61, "-0:01:01")],
)
def test_format_hms(seconds, text):
    assert format_hms(timedelta(seconds=seconds)) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (29, "0:00"), (30, "0:01"), (5400, "1:30"), (3599, "1:00"), (-5400, "-1:30")],
)
def test_format_hm_rounds_to_minutes(seconds, text):
    assert format_hm(timedelta(seconds=seconds)) == text


def test_format_decimal_hours():
    assert format_decimal_hours(timedelta(minutes=90)) == "1.50"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1h30", 90), ("1h 30", 90), ("1h30m", 90), ("1h 30m", 90), ("90m", 90), ("90 min", 90),
        ("90", 90), ("1:30", 90), ("1:30:00", 90), ("01:05", 65), ("2h", 120), ("1.5h", 90),
        ("1,5h", 90), ("0:45", 45), ("45min", 45), (" 2 hours ", 120), ("10m", 10),
    ],
)
def test_parse_duration(text, minutes):
    assert parse_duration(text) == timedelta(minutes=minutes)


def test_parse_duration_with_seconds():
    assert parse_duration("1:02:03") == timedelta(hours=1, minutes=2, seconds=3)
    assert parse_duration("1m 30s") == timedelta(seconds=90)


@pytest.mark.parametrize("text", ["", "  ", "abc", "1:75", "h", "1h75", "1:30pm", "-5", "1..5h"])
def test_parse_duration_rejects_nonsense(text):
    with pytest.raises(DurationError):
        parse_duration(text)


@pytest.mark.parametrize("text", ["0", "0:00", "0h", "0m"])
def test_parse_duration_rejects_zero(text):
    with pytest.raises(DurationError, match="longer than zero"):
        parse_duration(text)


def test_error_message_quotes_the_input():
    with pytest.raises(DurationError, match="“soon” is not a duration"):
        parse_duration("soon")


@pytest.mark.parametrize(("seconds", "shown"), [
    (0, "0 s"), (0.9, "0 s"), (29, "29 s"), (45, "45 s"), (59.99, "59 s"), (60, "0:01"),
    (89, "0:01"), (5400, "1:30"),
])
def test_entry_lengths_show_seconds_under_a_minute(seconds, shown):
    assert format_entry_length(timedelta(seconds=seconds)) == shown


def test_format_duration_follows_the_chosen_style():
    from desktop.domain.durations import format_duration

    length = timedelta(hours=1, minutes=30, seconds=5)
    assert format_duration(length) == "1:30"
    assert format_duration(length, "hm", live=True) == "1:30:05"
    assert format_duration(length, "decimal") == "1.50 h"
    assert format_duration(length, "decimal", live=True) == "1.50 h"
    assert format_duration(timedelta(minutes=20), "decimal", decimal_point=",") == "0,33 h"
    # what the decimal style shows is read back by the duration field of the entry editor
    assert parse_duration(format_duration(timedelta(minutes=45), "decimal")) == timedelta(minutes=45)


def test_an_entry_under_a_minute_shows_seconds_in_either_style():
    from desktop.domain.durations import format_duration

    assert format_duration(timedelta(seconds=42), "decimal", entry=True) == "42 s"
    assert format_duration(timedelta(seconds=42), "hm", entry=True) == "42 s"
    assert format_duration(timedelta(seconds=42), "hm", live=True, entry=True) == "0:00:42"
