"""Org.query with the SystemModstamp / CreatedDate / LastModifiedDate index answers exactly
what a full scan answers: a differential test over random histories of writes."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

import pytest
from org_testing import NOW

from desktop.sandbox.generator import generate_org
from desktop.sandbox.queries import QuerySnapshot
from desktop.sandbox.soql import compile_query, parse

API = "59.0"
FIELDS = "Id, Name, StageName, IsDeleted, CreatedDate, LastModifiedDate, SystemModstamp"


class ScanOnly:
    """The org's snapshot without rows_since: the engine scans every row, as before."""

    def __init__(self, snapshot: QuerySnapshot) -> None:
        self.rows = snapshot.rows
        self.get = snapshot.get


class ScanSpy(QuerySnapshot):
    """The org's snapshot, recording which objects the engine had to scan in full."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.scanned: list[str] = []

    def rows(self, sobject: str, include_deleted: bool) -> list[dict]:
        self.scanned.append(sobject)
        return super().rows(sobject, include_deleted)


def snapshot_args(org, user):
    return org._store, org._lock, org._visibility(user)


def both_ways(org, user, soql: str, include_deleted: bool) -> tuple[list[dict], list[str]]:
    """(records, objects scanned) through the index, after checking them against a full scan
    and against Org.query itself."""
    # first: a queryAll may empty the recycle bin
    total, via_org = org.query(soql, include_deleted=include_deleted, user=user, api_version=API)
    compiled = compile_query(parse(soql), org.schema)
    spy = ScanSpy(*snapshot_args(org, user))
    indexed = compiled.execute(spy, include_deleted=include_deleted, api_version=API)
    scan = ScanOnly(QuerySnapshot(*snapshot_args(org, user)))
    scanned = compiled.execute(scan, include_deleted=include_deleted, api_version=API)
    assert indexed == scanned == via_org, soql
    if compiled.is_count:
        assert total == compiled.count(scan, include_deleted=include_deleted), soql
        assert compiled.count(QuerySnapshot(*snapshot_args(org, user)),
                              include_deleted=include_deleted) == total, soql
    return indexed, spy.scanned


def literal(moment) -> str:
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond // 1000:03d}Z"


def queries_at(moment) -> list[str]:
    at = literal(moment)
    base = f"SELECT {FIELDS} FROM Opportunity WHERE"
    return [
        f"{base} SystemModstamp >= {at} ORDER BY SystemModstamp, Id",
        f"{base} SystemModstamp > {at} ORDER BY SystemModstamp, Id",
        f"{base} SystemModstamp >= {at}",  # no ORDER BY: the scan's (table) order
        f"{base} SystemModstamp >= {at} ORDER BY SystemModstamp",  # ties in table order
        f"{base} SystemModstamp >= {at} AND StageName != 'Closed Lost' "
        "ORDER BY SystemModstamp DESC, Id LIMIT 3 OFFSET 1",
        f"{base} (StageName = 'Prospecting' AND (SystemModstamp > {at})) ORDER BY Name, Id",
        f"{base} CreatedDate >= {at} AND LastModifiedDate > {at} ORDER BY CreatedDate, Id",
        f"{base} SystemModstamp >= {at} OR StageName = 'Prospecting' ORDER BY Id",
        "SELECT Id, Subject, WhatId, SystemModstamp FROM Task WHERE "
        f"SystemModstamp >= {at} AND WhatId IN (SELECT Id FROM Opportunity) "
        "ORDER BY SystemModstamp, Id",
        f"SELECT Id FROM Task WHERE SystemModstamp > {at} AND WhatId NOT IN "
        "(SELECT Id FROM Opportunity WHERE StageName = 'Prospecting' AND IsDeleted = false)",
        f"SELECT Id FROM Task WHERE SystemModstamp > {at} AND WhatId IN "
        f"(SELECT Id FROM Opportunity WHERE SystemModstamp < {at})",
        f"SELECT Id FROM Opportunity WHERE SystemModstamp >= {at} AND AccountId IN "
        "(SELECT Id FROM Account) ORDER BY SystemModstamp, Id",
        f"SELECT COUNT() FROM Opportunity WHERE SystemModstamp >= {at}",
    ]


def thresholds(org, user) -> list:
    """Every stored stamp (equal to the bound matters for >= vs >), a millisecond either
    side of some, and instants before and after everything."""
    rows = org._store.rows("Opportunity")
    stamps = sorted({row[name] for row in rows
                     for name in ("SystemModstamp", "CreatedDate", "LastModifiedDate")})
    if not stamps:
        return [NOW]
    picked = stamps[:: max(1, len(stamps) // 3)] + [stamps[-1]]
    ms = timedelta(milliseconds=1)
    return [stamps[0] - timedelta(days=1), *picked, picked[1 % len(picked)] + ms,
            stamps[-1] - ms, stamps[-1] + ms]


def check_all(org, user) -> None:
    for moment in thresholds(org, user):
        for soql in queries_at(moment):
            for include_deleted in (False, True):
                both_ways(org, user, soql, include_deleted)


def random_history(org, user, make, rng: random.Random, steps: int) -> Counter:
    """Creates, updates, deletes, undeletes, hiding, a rolled-back transaction, and a clock
    that stands still (equal stamps), steps forward, and is set back. Returns what it did."""
    opportunities: list[str] = []
    done: Counter = Counter()
    # accounts in the recycle bin keep their opportunities: a semi-join case to get right
    accounts = [make("Account", Name=f"Account {n}") for n in range(3)]
    for step in range(steps):
        action = rng.random()
        # the api user cannot write the records hidden from it
        live = [i for i in opportunities
                if not org.stored(i)["IsDeleted"] and i not in org._hidden]
        gone = [i for i in opportunities if org.stored(i)["IsDeleted"]]
        live_accounts = [i for i in accounts if not org.stored(i)["IsDeleted"]] or [None]
        if action < 0.3 or not live:
            done["create"] += 1
            opportunities.append(make("Opportunity", Name=f"Deal {step}",
                                      StageName=rng.choice(["Prospecting", "Closed Lost"]),
                                      AccountId=rng.choice(live_accounts)))
            if rng.random() < 0.5:
                make("Task", Subject=f"Task {step}", WhatId=opportunities[-1])
            elif rng.random() < 0.3:
                make("Task", Subject=f"Loose task {step}")  # WhatId null
        elif action < 0.55:  # moves the row to the end of the modstamp order
            done["update"] += 1
            org.update("Opportunity", rng.choice(live), {"Name": f"Renamed {step}"}, user)
        elif action < 0.65:
            done["delete"] += 1
            org.delete("Opportunity", rng.choice(live), user)
        elif action < 0.7 and gone:
            done["undelete"] += 1
            org.undelete(rng.choice(gone))
        elif action < 0.74:
            account = rng.choice(accounts)
            if org.stored(account)["IsDeleted"]:
                org.undelete(account)
            else:
                done["delete account"] += 1
                org.delete("Account", account, user)
        elif action < 0.8:
            done["hide"] += 1
            org.set_hidden(rng.choice(opportunities), rng.random() < 0.7)
        elif action < 0.85:
            done["rollback"] += 1
            with pytest.raises(RuntimeError), org.transaction():
                org.update("Opportunity", rng.choice(live), {"Name": "Rolled back"}, user)
                make("Opportunity", Name="Never stored")
                raise RuntimeError("roll back")
        if step % 15 == 14:
            check_all(org, user)
        clock_move = rng.random()
        if clock_move < 0.4:
            done["same millisecond"] += 1  # equal stamps
        elif clock_move < 0.85:
            org.clock.advance(rng.choice([0.001, 1, 60]))
        else:
            done["clock set back"] += 1
            org.clock.advance(-rng.choice([0.001, 30, 600]))
    check_all(org, user)
    return done


@pytest.mark.parametrize("seed", range(3))
def test_index_answers_like_a_scan_over_a_random_history(org, user, make, seed):
    done = random_history(org, user, make, random.Random(seed), steps=60)
    assert set(done) == {"create", "update", "delete", "undelete", "delete account", "hide",
                         "rollback", "same millisecond", "clock set back"}


def test_modstamp_queries_do_not_scan_the_object(org, user, make):
    first = make("Opportunity", Name="First")
    make("Task", Subject="Call", WhatId=first)
    org.clock.advance(60)
    second = make("Opportunity", Name="Second")
    since = literal(org.clock.now())
    records, scanned = both_ways(
        org, user, f"SELECT Id FROM Opportunity WHERE SystemModstamp >= {since} "
        "AND IsDeleted = false ORDER BY SystemModstamp, Id", include_deleted=True)
    assert [r["Id"] for r in records] == [second]
    assert scanned == []
    # no Task changed since: the semi-join's subquery is not even run
    tasks = (f"SELECT Id FROM Task WHERE SystemModstamp >= {since} "
             "AND WhatId IN (SELECT Id FROM Opportunity WHERE Name != 'Second')")
    assert both_ways(org, user, tasks, include_deleted=True) == ([], [])
    # a few changed: their parents are looked up by id, Opportunity is still not listed
    task = make("Task", Subject="Follow up", WhatId=first)
    make("Task", Subject="On the second", WhatId=second)
    records, scanned = both_ways(org, user, tasks, include_deleted=True)
    assert [r["Id"] for r in records] == [task] and scanned == []
    # a bound the index cannot serve (under OR) scans, with the same answer
    _, scanned = both_ways(org, user, f"SELECT Id FROM Opportunity WHERE "
                           f"SystemModstamp >= {since} OR Name = 'First'", include_deleted=False)
    assert scanned == ["Opportunity"]


def test_update_moves_a_row_after_the_bound_and_purge_drops_it(org, user, make):
    old = make("Opportunity", Name="Old")
    org.clock.advance(3600)
    since = literal(org.clock.now())
    soql = (f"SELECT Id, Name FROM Opportunity WHERE SystemModstamp >= {since} "
            "ORDER BY SystemModstamp, Id")
    assert both_ways(org, user, soql, include_deleted=True)[0] == []
    org.update("Opportunity", old, {"Name": "Touched"}, user)
    assert [r["Name"] for r in both_ways(org, user, soql, include_deleted=True)[0]] == ["Touched"]
    org.delete("Opportunity", old, user)
    assert both_ways(org, user, soql, include_deleted=False)[0] == []
    assert [r["Id"] for r in both_ways(org, user, soql, include_deleted=True)[0]] == [old]
    org.clock.advance(16 * 86400)  # queryAll empties the recycle bin of 15-day-old rows
    assert both_ways(org, user, soql, include_deleted=True)[0] == []
    assert org.stored(old) is None


def test_a_window_over_most_of_a_big_table_scans_with_the_same_answer():
    org = generate_org("small", tasks=3000)  # the generator spreads stamps over months
    user = org.api_user
    stamps = sorted(row["SystemModstamp"] for row in org._store.rows("Task"))
    recent, most = stamps[-50], stamps[len(stamps) // 2]
    soql = "SELECT Id, WhatId FROM Task WHERE SystemModstamp >= {} AND WhatId IN " \
           "(SELECT Id FROM Opportunity) ORDER BY SystemModstamp, Id"
    records, scanned = both_ways(org, user, soql.format(literal(recent)), include_deleted=True)
    assert len(records) > 0 and scanned == []
    records, scanned = both_ways(org, user, soql.format(literal(most)), include_deleted=True)
    assert len(records) > 0 and scanned == ["Task", "Opportunity"]


def test_a_purge_rolled_back_with_its_transaction_leaves_the_index_whole(org, user, make):
    kept, binned = make("Opportunity", Name="Kept"), make("Opportunity", Name="Binned")
    org.delete("Opportunity", binned, user)
    soql = f"SELECT Id FROM Opportunity WHERE SystemModstamp >= {literal(NOW)} ORDER BY Id"
    both_ways(org, user, soql, include_deleted=False)  # builds the index
    org.clock.advance(16 * 86400)
    with pytest.raises(RuntimeError), org.transaction():
        org.query("SELECT Id FROM Opportunity", include_deleted=True, user=user)  # purges
        assert org.stored(binned) is None
        raise RuntimeError("roll back")
    assert org.stored(binned) is not None
    records, scanned = both_ways(org, user, soql.replace(" ORDER BY Id", ""), include_deleted=False)
    assert [r["Id"] for r in records] == [kept] and scanned == []
