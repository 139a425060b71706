"""The org is shared by the HTTP server's threads: concurrent writes and queries stay consistent."""

from concurrent.futures import ThreadPoolExecutor


def test_concurrent_creates_updates_and_queries(org, user, make):
    account = make("Account")

    def work(index: int) -> str:
        record_id = make("Case", AccountId=account, Subject=f"case {index}")
        org.update("Case", record_id, {"Status": "Closed"}, user)
        org.query("SELECT Id, Account.Name FROM Case WHERE IsClosed = true", include_deleted=False,
                  user=user, api_version="59.0")
        return record_id

    with ThreadPoolExecutor(max_workers=8) as pool:
        created = list(pool.map(work, range(200)))
    assert len(set(created)) == 200
    total, records = org.query("SELECT CaseNumber FROM Case WHERE IsClosed = true",
                               include_deleted=False, user=user, api_version="59.0")
    assert total == 200
    assert len({r["CaseNumber"] for r in records}) == 200
