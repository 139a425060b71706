"""Benchmark: write-back of 500 time entries to the sandbox, for both targets.

Run: /work/venv/bin/python tests/bench/bench_push.py [entries]
Prints figures; not a pass/fail test. Target: ceil(N/200) collection calls for the records,
plus one composite call reading back up to 1,000 SystemModstamps; a push with nothing to do
costs one query (changes made in Salesforce since the last push).
"""

from __future__ import annotations

import math
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.domain.entries import TimeEntry
from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.domain.settings import Settings
from desktop.salesforce.connection import connect_with_password
from desktop.sandbox.harness import start_sandbox
from desktop.store.store import Store
from desktop.sync.push.pusher import EntryPusher

T0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def _store_with_entries(path: Path, sf, count: int) -> Store:
    store = Store.open(path, display_tz=UTC)
    rows = sf.query("SELECT Id, Name FROM Opportunity ORDER BY Id LIMIT 20")["records"]
    store.items.upsert_many(Item(id=r["Id"], kind=ItemKind.OPPORTUNITY, name=r["Name"],
                                 parent_id=ROOT_ID, sobject="Opportunity") for r in rows)
    for n in range(count):
        start = T0 + timedelta(hours=n)
        store.entries.add(TimeEntry(start=start, end=start + timedelta(minutes=45),
                                    item_id=rows[n % len(rows)]["Id"], note=f"entry {n}"))
    return store


def bench(target: str, count: int, workdir: Path) -> None:
    with start_sandbox(size="small", seed=1) as sandbox:
        sf = sandbox.salesforce()
        store = _store_with_entries(workdir / f"{target}.db", sf, count)
        client = connect_with_password(sandbox.login_url, sandbox.username, sandbox.password,
                                       sandbox.security_token, ca_file=sandbox.ca_file)
        settings = Settings(writeback=target, writeback_object="Time_Entry__c"
                            if target == "custom_object" else "")
        pusher = EntryPusher(store, client, settings)
        started = time.perf_counter()
        first = pusher.push()
        elapsed = time.perf_counter() - started
        collections = math.ceil(count / 200)
        describes = 1 if target == "custom_object" else 0  # field detection, once per client
        print(f"{target}: pushed {first.created} of {count} entries in {elapsed:.2f} s "
              f"({first.created / elapsed:,.0f} entries/s), {first.api_calls} API calls "
              f"(collections ceil({count}/200) = {collections} + read-back "
              f"{first.api_calls - collections - describes} + describe {describes})")
        for entry in store.entries.all()[:100]:
            store.entries.update(entry.with_changes(note=entry.note + " (edited)"))
        started = time.perf_counter()
        edits = pusher.push()
        print(f"  100 edits: {edits.updated} updated in {time.perf_counter() - started:.2f} s, "
              f"{edits.api_calls} API calls (change check + 1 collection + read-back)")
        idle = pusher.push()
        print(f"  nothing to do: {idle.api_calls} API call(s)")
        client.close()
        store.close()


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as workdir:
        for target in ("event", "custom_object"):
            bench(target, count, Path(workdir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
