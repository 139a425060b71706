"""`stint entries --from/--to` picks entries by their start within local days, each day's
midnights with that date's offset (issue 11, point 6), through the CLI on a profile synced
with the sandbox; entries added with `stint add` in local time."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

# Days around each zone's 2026 offset changes, and a day in each half of the year.
ZONE_DAYS = {
    "Europe/Berlin": ["2026-01-15", "2026-03-29", "2026-07-15", "2026-10-25"],
    # 04-04 lasts 25 h (23:00 comes twice); 09-06 starts at 01:00 (midnight is skipped)
    "America/Santiago": ["2026-01-15", "2026-04-04", "2026-04-05", "2026-07-15", "2026-09-06"],
    "Australia/Lord_Howe": ["2026-01-15", "2026-04-05", "2026-07-15", "2026-10-04"],
    "Asia/Kolkata": ["2026-01-15", "2026-07-15"],
}


@pytest.fixture
def local_time_zone(monkeypatch):
    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def task_id(connected_cli) -> str:
    assert connected_cli("sync").code == 0
    return next(t["id"] for t in connected_cli("tasks", "--json").json()
                if t["kind"] == "opportunity")


def _exists(wall: datetime, zone: ZoneInfo) -> bool:
    return wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall


def _walls_around(days: list[date]) -> list[datetime]:
    """Ten minutes before each midnight, and five after the day begins."""
    walls = set()
    for day in days:
        for offset in (-1, 0, 1):
            midnight = datetime.combine(day + timedelta(days=offset), datetime.min.time())
            walls |= {midnight - timedelta(minutes=10), midnight + timedelta(minutes=5),
                      midnight + timedelta(hours=1, minutes=5)}
    return sorted(walls)


@pytest.mark.parametrize("zone_name", list(ZONE_DAYS))
def test_entries_are_picked_by_their_start_in_local_days(
        connected_cli, task_id, local_time_zone, zone_name):
    local_time_zone(zone_name)
    zone = ZoneInfo(zone_name)
    days = [date.fromisoformat(d) for d in ZONE_DAYS[zone_name]]
    started: dict[str, date] = {}  # UTC start as printed by --json -> its local date
    for wall in _walls_around(days):
        if not _exists(wall, zone):
            continue
        added = connected_cli("add", task_id, "--start", f"{wall:%Y-%m-%d %H:%M}",
                              "--duration", "5m", "--json")
        assert added.code == 0, added.err
        start = added.json()["start"]
        assert datetime.fromisoformat(start) == wall.replace(tzinfo=zone).astimezone(UTC)
        started[start] = wall.date()

    for day in days:
        listed = connected_cli("entries", "--from", str(day), "--to", str(day), "--json")
        assert listed.code == 0, listed.err
        picked = sorted(e["start"] for e in listed.json())
        assert picked == sorted(s for s, on in started.items() if on == day), (zone_name, day)
    first, last = min(days), max(days)
    everything = connected_cli("entries", "--from", str(first), "--to", str(last), "--json")
    assert len(everything.json()) == sum(1 for on in started.values() if first <= on <= last)


def test_an_entry_across_midnight_counts_once_in_the_range_it_starts_in(
        connected_cli, task_id, local_time_zone):
    local_time_zone("Europe/Berlin")
    assert connected_cli("add", task_id, "--start", "2026-01-31 23:00",
                         "--end", "2026-02-01 01:00").code == 0
    january = connected_cli("entries", "--from", "2026-01-01", "--to", "2026-01-31", "--json")
    february = connected_cli("entries", "--from", "2026-02-01", "--to", "2026-02-28", "--json")
    assert [e["duration_seconds"] for e in january.json()] == [7200]
    assert february.json() == []
    text = connected_cli("entries", "--from", "2026-01-01", "--to", "2026-01-31").out
    assert "2026-01-31 23:00-01:00" in text and "Total 2:00 in 1 entries" in text


@pytest.mark.parametrize(("option", "day"), [
    ("--from", "0001-01-01"), ("--to", "9999-12-31"), ("--to", "0001-01-01")])
def test_dates_out_of_range_get_a_clear_error(connected_cli, local_time_zone, option, day):
    local_time_zone("Asia/Kolkata")
    result = connected_cli("entries", option, day)
    assert result.code == 1 and result.out == ""
    assert result.err == (f"stint: The {option} date {day} is out of range; "
                          "use a date from 0001-01-02 to 9999-12-30.\n")


def test_the_earliest_day_lists_without_overflow(connected_cli, local_time_zone):
    local_time_zone("Australia/Lord_Howe")
    result = connected_cli("entries", "--to", "0001-01-03", "--json")
    assert (result.code, result.json()) == (0, [])
