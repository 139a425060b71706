"""Stored Python values per Salesforce field type, and their JSON form on the REST API.

Stored: id/reference/text types -> str, boolean -> bool, int -> int, double/currency/percent ->
float, date -> datetime.date, datetime -> aware UTC datetime in whole seconds (Salesforce
drops the milliseconds it is sent), None for null. JSON: datetimes as
"2026-05-20T20:49:32.000+0000", dates as "2026-05-20".
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, Protocol

TEXT_TYPES = frozenset({"string", "textarea", "picklist", "email", "phone", "url", "combobox",
                        "multipicklist", "encryptedstring"})
ID_TYPES = frozenset({"id", "reference"})
NUMBER_TYPES = frozenset({"int", "double", "currency", "percent"})

_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_DATETIME_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?"
    r"(Z|[+-]\d{2}:?\d{2})?",
    re.ASCII,
)
_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)


class FieldLike(Protocol):
    name: str
    type: str


class FieldValueError(ValueError):
    """A JSON value that cannot be stored in a field; the org answers it with a 400."""

    error_code = "JSON_PARSER_ERROR"

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name
        self.message = message


def format_datetime(value: datetime) -> str:
    """Salesforce's wire form: UTC, milliseconds, "+0000"."""
    if value.tzinfo is UTC:  # the stored form: C-level isoformat, then Salesforce's offset
        return value.isoformat(timespec="milliseconds")[:-6] + "+0000"
    if value.tzinfo is not None and value.utcoffset():
        value = value.astimezone(UTC)
    return (f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:"
            f"{value.minute:02d}:{value.second:02d}.{value.microsecond // 1000:03d}+0000")


def to_json(field_type: str, value: Any) -> Any:
    """The JSON value Salesforce sends for a stored value of a field of this type."""
    if value is None:
        return None
    if field_type == "datetime":
        return format_datetime(value)
    if field_type == "date":
        return value.isoformat()
    return value


def json_converter(field_type: str):
    """A one-argument converter for hot loops, or None when values go out unchanged."""
    if field_type == "datetime":
        return lambda value: None if value is None else format_datetime(value)
    if field_type == "date":
        return lambda value: None if value is None else value.isoformat()
    return None


def parse_datetime(text: str) -> datetime:
    """An ISO datetime (Z, +0000, +00:00 or no zone = UTC; any fraction, dropped) -> aware
    UTC in whole seconds, as Salesforce stores it."""
    match = _DATETIME_RE.fullmatch(text.strip())
    if match is None:
        raise ValueError(text)
    year, month, day, hour, minute = (int(g) for g in match.groups()[:5])
    second = int(match.group(6) or 0)
    zone_text = match.group(8)
    zone = UTC
    if zone_text and zone_text != "Z":
        digits = zone_text[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        if offset >= timedelta(hours=24):
            raise ValueError(text)
        zone = timezone(-offset if zone_text[0] == "-" else offset)
    moment = datetime(year, month, day, hour, minute, second, tzinfo=zone)
    return moment.astimezone(UTC)


def parse_date(text: str) -> date:
    match = _DATE_RE.fullmatch(text.strip())
    if match is None:
        raise ValueError(text)
    return date(*(int(g) for g in match.groups()))


def from_json(field: FieldLike, raw: Any) -> Any:
    """The stored value for a JSON value sent for `field`; raises FieldValueError."""
    if raw is None:
        return None
    field_type = field.type
    try:
        if field_type in TEXT_TYPES or field_type in ID_TYPES:
            return _text(raw)
        if field_type == "boolean":
            return _boolean(raw)
        if field_type == "int":
            return _integer(raw)
        if field_type in NUMBER_TYPES:
            return _double(raw)
        if field_type == "date":
            if isinstance(raw, str):
                return parse_date(raw)
        elif field_type == "datetime":
            if isinstance(raw, str):
                return parse_datetime(raw)
        else:
            return raw  # a type this module does not know: keep the JSON value
    except (ValueError, OverflowError):
        pass
    raise FieldValueError(field.name, _deserialize_message(_java_type(field_type), raw))


def _text(raw: Any) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, (int, float)):
        return str(raw)
    raise ValueError(raw)


def _boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    raise ValueError(raw)


def _integer(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and re.fullmatch(r"[+-]?\d+", raw.strip(), re.ASCII):
        return int(raw)
    raise ValueError(raw)


def _double(raw: Any) -> float:
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, (int, float)) or isinstance(raw, str) and _NUMBER_RE.fullmatch(raw.strip()):
        number = float(raw)
    else:
        raise ValueError(raw)
    if not math.isfinite(number):
        raise ValueError(raw)
    return number


def _java_type(field_type: str) -> str:
    return {"int": "int", "boolean": "boolean", "date": "date", "datetime": "datetime",
            "double": "double", "currency": "double", "percent": "double"}.get(field_type, "String")


def _deserialize_message(java_type: str, raw: Any) -> str:
    """Salesforce's JSON_PARSER_ERROR wording for a value of the wrong shape."""
    if isinstance(raw, str):
        token = "VALUE_STRING"
    elif isinstance(raw, bool):
        token = "VALUE_TRUE" if raw else "VALUE_FALSE"
    elif isinstance(raw, int):
        token = "VALUE_NUMBER_INT"
    elif isinstance(raw, float):
        token = "VALUE_NUMBER_FLOAT"
    elif isinstance(raw, dict):
        token = "START_OBJECT"
    else:
        token = "START_ARRAY"
    shown = raw if isinstance(raw, (str, int, float)) else ""
    return (f"Cannot deserialize instance of {java_type} from {token} value {shown} "
            f"or request may be missing a required field")
