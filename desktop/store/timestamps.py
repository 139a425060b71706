"""How the store writes times: ISO-8601 UTC text with milliseconds, e.g. 2026-11-21T07:05:09.123Z.

Fixed width, so text order is time order and SQL range queries work on the strings.
"""

from __future__ import annotations

from datetime import UTC, datetime


def truncate_to_ms(moment: datetime) -> datetime:
    """`moment` in UTC without sub-millisecond digits (what the store can keep)."""
    if moment.utcoffset() is None:
        raise ValueError("the store only takes timezone-aware datetimes")
    moment = moment.astimezone(UTC)
    return moment.replace(microsecond=moment.microsecond - moment.microsecond % 1000)


def to_db(moment: datetime) -> str:
    if moment.tzinfo is not UTC:
        if moment.utcoffset() is None:
            raise ValueError("the store only takes timezone-aware datetimes")
        moment = moment.astimezone(UTC)
    # isoformat truncates to the millisecond; "+00:00" becomes "Z"
    return moment.isoformat(timespec="milliseconds")[:-6] + "Z"


def to_db_or_none(moment: datetime | None) -> str | None:
    return None if moment is None else to_db(moment)


def from_db(text: str) -> datetime:
    # fromisoformat understands "Z" from Python 3.11 on
    return datetime.fromisoformat(text)


def from_db_or_none(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
