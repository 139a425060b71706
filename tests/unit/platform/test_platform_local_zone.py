"""The local time zone with its rules for every date (issue 11, point 6)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.platform.local_zone import CLibraryZone, local_zone


def _offset(zone, year: int, month: int, day: int) -> timedelta:
    return datetime(year, month, day, 12, tzinfo=zone).utcoffset()


@pytest.mark.parametrize("tz", ["Europe/Berlin", ":Europe/Berlin",
                                "/usr/share/zoneinfo/Europe/Berlin"])
def test_tz_names_a_zone_with_its_rules_for_each_date(tz):
    zone = local_zone({"TZ": tz})
    assert isinstance(zone, ZoneInfo)
    assert _offset(zone, 2026, 1, 15) == timedelta(hours=1)
    assert _offset(zone, 2026, 7, 15) == timedelta(hours=2)


def test_without_tz_the_systems_zone_file():
    zone = local_zone({})
    assert isinstance(zone, ZoneInfo | CLibraryZone)
    now = datetime.now().astimezone()
    assert datetime.now(zone).utcoffset() == now.utcoffset()


@pytest.fixture
def posix_rule_tz(monkeypatch):
    rule = "CET-1CEST,M3.5.0,M10.5.0/3"  # no zone file has this name
    monkeypatch.setenv("TZ", rule)
    time.tzset()
    yield rule
    monkeypatch.undo()
    time.tzset()


def test_a_posix_rule_uses_the_c_librarys_rules_per_date(posix_rule_tz):
    zone = local_zone({"TZ": posix_rule_tz})
    assert isinstance(zone, CLibraryZone)
    assert _offset(zone, 2026, 1, 15) == timedelta(hours=1)
    assert _offset(zone, 2026, 7, 15) == timedelta(hours=2)
    utc_noon = datetime(2026, 7, 15, 12, tzinfo=ZoneInfo("UTC"))
    assert utc_noon.astimezone(zone).hour == 14
