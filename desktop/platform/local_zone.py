"""The computer's time zone with its rules for every date (DST, changed offsets), not just
today's offset: "local days" in March are an hour off with October's offset.

From $TZ (an IANA name such as Europe/Berlin, or a zone file path), else /etc/localtime, as a
zoneinfo.ZoneInfo. A $TZ that names no zone file (a POSIX rule such as "CET-1CEST,M3.5.0,
M10.5.0/3") and systems without zone files get the C library's local time, asked per date.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_SYSTEM_ZONE_FILE = Path("/etc/localtime")
_EPOCH = datetime(1970, 1, 1)


def local_zone(environ: dict[str, str] | None = None) -> tzinfo:
    """The local zone: a ZoneInfo when one can be found, else the C library's rules."""
    env = os.environ if environ is None else environ
    name = env.get("TZ", "").lstrip(":")
    if name:
        zone = _zone_named(name)
        return zone if zone is not None else CLibraryZone()
    try:
        with _SYSTEM_ZONE_FILE.open("rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime")
    except (OSError, ValueError):
        return CLibraryZone()


def _zone_named(name: str) -> ZoneInfo | None:
    try:
        if name.startswith("/"):
            with open(name, "rb") as handle:
                return ZoneInfo.from_file(handle, key=name)
        return ZoneInfo(name)
    except (OSError, ValueError, ZoneInfoNotFoundError):
        return None


class CLibraryZone(tzinfo):
    """Local time as the C library computes it (mktime/localtime), for each date asked."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return timedelta(seconds=time.localtime().tm_gmtoff)
        stamp = time.mktime((dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second,
                             0, 0, -1))
        return timedelta(seconds=time.localtime(stamp).tm_gmtoff)

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str:
        return time.strftime("%Z", time.localtime())

    def fromutc(self, dt: datetime) -> datetime:
        stamp = (dt.replace(tzinfo=None) - _EPOCH).total_seconds()
        return dt + timedelta(seconds=time.localtime(stamp).tm_gmtoff)
