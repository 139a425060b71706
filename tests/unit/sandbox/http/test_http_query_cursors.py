"""Query locators: batch size bounds, idle expiry, ownership."""

from datetime import UTC, datetime, timedelta

from desktop.sandbox.query_cursors import PageSizes, QueryCursors, clamp_batch_size


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


def test_short_pages_are_seeded_and_can_be_switched_off():
    """REST API Developer Guide, "Query Options Header": "There's no guarantee that the
    requested batch size is the actual batch size"; with a seed the sandbox shortens about
    half the pages, the same way for the same seed."""
    sizes = PageSizes()
    assert {sizes.size(2000) for _ in range(50)} == {2000}
    sizes.shorten(seed=7)
    drawn = [sizes.size(2000) for _ in range(200)]
    assert all(1 <= size <= 2000 for size in drawn)
    assert 40 < sum(size < 2000 for size in drawn) < 160
    again = PageSizes()
    again.shorten(seed=7)
    assert [again.size(2000) for _ in range(200)] == drawn
    sizes.shorten(seed=7, share=1.0)
    assert all(size < 2000 for size in (sizes.size(2000) for _ in range(100)))
    sizes.shorten(None)
    assert sizes.size(2000) == 2000


def test_a_short_page_still_leads_to_every_record_once(sandbox, sf):
    sandbox.page_sizes.shorten(seed=3)
    expected = sf.query("SELECT COUNT() FROM Opportunity")["totalSize"]
    headers = {"Sforce-Query-Options": "batchSize=200"}
    page = sf.query("SELECT Id FROM Opportunity ORDER BY Id", headers=headers)
    sizes, ids = [], []
    while True:
        sizes.append(len(page["records"]))
        ids += [r["Id"] for r in page["records"]]
        assert page["totalSize"] == expected
        if page["done"]:
            break
        page = sf.query_more(page["nextRecordsUrl"], identifier_is_url=True, headers=headers)
    assert ids == sorted(set(ids)) and len(ids) == expected
    assert any(size < 200 for size in sizes[:-1])  # short pages that were not the last


def test_short_pages_through_the_admin_endpoint(sandbox, http):
    response = http.post(f"{sandbox.admin_url}/short-pages", json={"seed": 11})
    assert response.json()["short_pages_seed"] == 11 and sandbox.page_sizes.seed == 11
    assert http.post(f"{sandbox.admin_url}/short-pages", json={"seed": None}).json()[
        "short_pages_seed"] is None
    assert http.post(f"{sandbox.admin_url}/short-pages", json={"seed": "x"}).status_code == 400
    assert http.post(f"{sandbox.admin_url}/short-pages",
                     json={"seed": 1, "share": 2}).status_code == 400
    http.post(f"{sandbox.admin_url}/short-pages", json={"seed": 1, "share": 1.0})
    assert sandbox.page_sizes.size(500) < 500
