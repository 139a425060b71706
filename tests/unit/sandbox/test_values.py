"""Stored values <-> Salesforce JSON values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from desktop.sandbox import values
from desktop.sandbox.values import FieldValueError, from_json, to_json


@dataclass
class Field:
    name: str
    type: str


def test_to_json_datetime_is_utc_with_milliseconds_and_plus_0000():
    moment = datetime(2026, 5, 20, 20, 49, 32, 123456, tzinfo=UTC)
    assert to_json("datetime", moment) == "2026-05-20T20:49:32.123+0000"
    assert to_json("datetime", moment.replace(microsecond=0)) == "2026-05-20T20:49:32.000+0000"
    other_zone = moment.astimezone(timezone(timedelta(hours=-5)))
    assert to_json("datetime", other_zone) == "2026-05-20T20:49:32.123+0000"


def test_to_json_other_types():
    assert to_json("date", date(2026, 5, 2)) == "2026-05-02"
    assert to_json("datetime", None) is None
    assert to_json("date", None) is None
    assert to_json("string", "x") == "x"
    assert to_json("currency", 12.5) == 12.5
    assert to_json("boolean", False) is False


@pytest.mark.parametrize("raw", [
    "2026-05-20T20:49:32.000+0000", "2026-05-20T20:49:32.000Z", "2026-05-20T20:49:32Z",
    "2026-05-20T20:49:32+00:00", "2026-05-20T22:49:32.000+02:00", "2026-05-20T15:49:32-0500",
    "2026-05-20T20:49:32",
])
def test_from_json_datetime_forms(raw):
    assert from_json(Field("When", "datetime"), raw) == datetime(2026, 5, 20, 20, 49, 32,
                                                                tzinfo=UTC)


def test_from_json_datetime_is_stored_to_the_second():
    """Salesforce keeps datetimes to the second; what a client sends with milliseconds comes
    back as ".000" (SALESFORCE_NOTES: "Datetimes are stored to the second")."""
    stored = from_json(Field("When", "datetime"), "2026-05-20T20:49:32.923987Z")
    assert stored == datetime(2026, 5, 20, 20, 49, 32, tzinfo=UTC)
    assert to_json("datetime", stored) == "2026-05-20T20:49:32.000+0000"
    assert stored.tzinfo is UTC


@pytest.mark.parametrize(("field_type", "raw", "stored"), [
    ("string", "Acme", "Acme"), ("textarea", "a\nb", "a\nb"), ("picklist", "New", "New"),
    ("string", 42, "42"), ("id", "0065g0000000001AAA", "0065g0000000001AAA"),
    ("reference", "0015g0000000001AAA", "0015g0000000001AAA"),
    ("boolean", True, True), ("boolean", "false", False),
    ("int", 7, 7), ("int", "7", 7), ("int", 7.0, 7),
    ("double", 1, 1.0), ("currency", "12.50", 12.5), ("percent", 50.5, 50.5),
    ("date", "2026-05-20", date(2026, 5, 20)),
    ("string", None, None), ("date", None, None),
])
def test_from_json_accepts(field_type, raw, stored):
    value = from_json(Field("F", field_type), raw)
    assert value == stored
    assert type(value) is type(stored)


@pytest.mark.parametrize(("field_type", "raw", "message"), [
    ("date", "abc", "Cannot deserialize instance of date from VALUE_STRING value abc or request "
                    "may be missing a required field"),
    ("date", "2026-02-30", "Cannot deserialize instance of date from VALUE_STRING value "
                           "2026-02-30 or request may be missing a required field"),
    ("date", 20260520, "Cannot deserialize instance of date from VALUE_NUMBER_INT value "
                       "20260520 or request may be missing a required field"),
    ("datetime", "yesterday", "Cannot deserialize instance of datetime from VALUE_STRING value "
                              "yesterday or request may be missing a required field"),
    ("boolean", "abc", "Cannot deserialize instance of boolean from VALUE_STRING value abc or "
                       "request may be missing a required field"),
    ("boolean", 1, "Cannot deserialize instance of boolean from VALUE_NUMBER_INT value 1 or "
                   "request may be missing a required field"),
    ("int", 1.5, "Cannot deserialize instance of int from VALUE_NUMBER_FLOAT value 1.5 or "
                 "request may be missing a required field"),
    ("int", True, "Cannot deserialize instance of int from VALUE_TRUE value True or request may "
                  "be missing a required field"),
    ("double", "NaN", "Cannot deserialize instance of double from VALUE_STRING value NaN or "
                      "request may be missing a required field"),
    ("currency", "12,5", "Cannot deserialize instance of double from VALUE_STRING value 12,5 or "
                         "request may be missing a required field"),
    ("string", {"a": 1}, "Cannot deserialize instance of String from START_OBJECT value  or "
                         "request may be missing a required field"),
    ("string", [1], "Cannot deserialize instance of String from START_ARRAY value  or request "
                    "may be missing a required field"),
])
def test_from_json_rejects(field_type, raw, message):
    with pytest.raises(FieldValueError) as caught:
        from_json(Field("CloseDate", field_type), raw)
    assert caught.value.field_name == "CloseDate"
    assert caught.value.message == message
    assert caught.value.error_code == "JSON_PARSER_ERROR"


def test_round_trip():
    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)  # stored values are whole seconds
    field = Field("When", "datetime")
    assert from_json(field, to_json("datetime", moment)) == moment
    assert from_json(Field("D", "date"), to_json("date", date(2026, 1, 2))) == date(2026, 1, 2)


def test_json_converter_is_none_for_pass_through_types():
    assert values.json_converter("string") is None
    assert values.json_converter("datetime")(None) is None
    assert values.json_converter("date")(date(2026, 1, 2)) == "2026-01-02"
