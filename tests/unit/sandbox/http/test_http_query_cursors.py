"""Query locators: batch size bounds, idle expiry, ownership."""

from datetime import UTC, datetime, timedelta

from desktop.sandbox.query_cursors import QueryCursors, clamp_batch_size


def test_batch_size_is_clamped_to_salesforce_bounds():
    assert clamp_batch_size(None) == 2000
    assert clamp_batch_size(10) == 200
    assert clamp_batch_size(500) == 500
    assert clamp_batch_size(5000) == 2000


class FakeNow:
    def __init__(self):
        self.value = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)

    def __call__(self):
        return self.value


def test_cursor_belongs_to_its_user_and_idles_out():
    now = FakeNow()
    cursors = QueryCursors(now)
    cursor = cursors.open("005A", [{}] * 10, 10, 200)
    assert len(cursor.locator) == 18 and cursor.locator.startswith("01g")
    assert cursors.find(cursor.locator, "005B") is None
    now.value += timedelta(minutes=14)
    assert cursors.find(cursor.locator, "005A") is cursor
    now.value += timedelta(minutes=15)
    assert cursors.find(cursor.locator, "005A") is None


def test_each_user_keeps_ten_cursors_the_least_recently_used_go_first():
    cursors = QueryCursors(FakeNow())
    first = [cursors.open("005A", [{}], 1, 200) for _ in range(10)]
    other = cursors.open("005B", [{}], 1, 200)
    assert cursors.find(first[0].locator, "005A") is first[0]  # touched: now the most recent
    eleventh = cursors.open("005A", [{}], 1, 200)
    assert cursors.find(first[1].locator, "005A") is None
    assert cursors.find(first[0].locator, "005A") is first[0]
    assert cursors.find(eleventh.locator, "005A") is eleventh
    assert cursors.find(other.locator, "005B") is other
    assert len(cursors) == 11


def test_idle_cursors_are_forgotten_when_new_ones_open():
    now = FakeNow()
    cursors = QueryCursors(now)
    cursors.open("005A", [{}], 1, 200)
    now.value += timedelta(minutes=20)
    cursors.open("005B", [{}], 1, 200)
    assert len(cursors) == 1
