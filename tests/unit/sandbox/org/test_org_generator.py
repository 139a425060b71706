"""The seeded org generator: deterministic, sized, with believable and consistent data."""

from collections import Counter

import pytest
from org_testing import NOW

from desktop.sandbox.clock import Clock
from desktop.sandbox.generator import SIZES, generate_org
from desktop.sandbox.ids import normalize
from desktop.sandbox.objects import OPPORTUNITY_STAGES


def snapshot(org) -> dict:
    return {info.name: org._store.rows(info.name) for info in org.schema}


def test_same_seed_and_clock_give_an_identical_org():
    first = generate_org("small", seed=7, clock=Clock(NOW, frozen=True))
    second = generate_org("small", seed=7, clock=Clock(NOW, frozen=True))
    assert snapshot(first) == snapshot(second)
    assert first.api_user.id == second.api_user.id


def test_another_seed_gives_another_org():
    first = generate_org("demo", seed=1, clock=Clock(NOW, frozen=True))
    second = generate_org("demo", seed=2, clock=Clock(NOW, frozen=True))
    assert snapshot(first) != snapshot(second)


@pytest.mark.parametrize("size", ["demo", "small"])
def test_sizes_and_count_overrides(size):
    org = generate_org(size, clock=Clock(NOW, frozen=True))
    assert org._store.count("Opportunity") == SIZES[size]["opportunities"]
    assert org._store.count("Task") == SIZES[size]["tasks"]
    custom = generate_org(size, opportunities=7, cases=3, tasks=5)
    assert (custom._store.count("Opportunity"), custom._store.count("Case")) == (7, 3)


def test_bad_size_or_count():
    with pytest.raises(ValueError):
        generate_org("huge")
    with pytest.raises(TypeError):
        generate_org("demo", widgets=3)


@pytest.fixture(scope="module")
def small():
    return generate_org("small", seed=1, clock=Clock(NOW, frozen=True))


def test_api_user_owns_about_half(small):
    owners = Counter(r["OwnerId"] for r in small._store.rows("Opportunity"))
    share = owners[small.api_user.id] / sum(owners.values())
    assert 0.4 < share < 0.75
    assert len(owners) > 2


def test_stage_mix_covers_every_kind_of_closed_stage(small):
    stages = Counter(r["StageName"] for r in small._store.rows("Opportunity"))
    assert set(stages) == {label for label, *_ in OPPORTUNITY_STAGES}
    assert stages["Closed Won"] > 10 and stages["Closed Lost"] > 5
    for opp in small._store.rows("Opportunity"):
        closed, won = next((c, w) for label, c, w, _ in OPPORTUNITY_STAGES
                           if label == opp["StageName"])
        assert (opp["IsClosed"], opp["IsWon"]) == (closed, won)


def test_cases_tasks_and_events_are_consistent(small):
    cases = small._store.rows("Case")
    assert any(c["IsClosed"] and c["ClosedDate"] for c in cases)
    assert all((c["Status"] == "Closed") == c["IsClosed"] for c in cases)
    assert all(c["IsClosed"] == (c["ClosedDate"] is not None) for c in cases)
    assert sum(c["ParentId"] is not None for c in cases) >= 10
    numbers = [c["CaseNumber"] for c in cases]
    assert len(set(numbers)) == len(numbers) and numbers[0] == "00001000"
    tasks = small._store.rows("Task")
    what_types = Counter(small._store.get(t["WhatId"])[0] for t in tasks)
    assert what_types["Opportunity"] > 100 and what_types["Case"] > 100
    assert {t["IsClosed"] for t in tasks} == {True, False}
    for event in small._store.rows("Event"):
        assert event["EndDateTime"] > event["StartDateTime"]


def test_system_fields_are_in_the_past_and_ids_are_valid(small):
    for info in small.schema:
        for record in small._store.rows(info.name):
            assert normalize(record["Id"]) == record["Id"]
            assert record["CreatedDate"] <= record["SystemModstamp"] <= NOW
            assert record["SystemModstamp"].microsecond == 0
            assert set(record) == set(info.field_names)


def test_demo_org_has_hostile_and_accented_names():
    org = generate_org("demo", clock=Clock(NOW, frozen=True))
    account_names = {r["Name"] for r in org._store.rows("Account")}
    assert "<b>bold</b><img src=x onerror=alert(1)>" in account_names
    assert "Société Générale — Crème brûlée" in account_names
    assert any(len(name) > 150 for name in account_names)
    assert any("<b>" in r["Subject"] for r in org._store.rows("Case"))
    opp_names = [r["Name"] for r in org._store.rows("Opportunity")]
    assert any(" - " in name for name in opp_names)
    assert all(len(name) <= 120 for name in opp_names)


def test_generated_org_accepts_normal_writes():
    small = generate_org("small", seed=1, clock=Clock(NOW, frozen=True))
    opp = small._store.rows("Opportunity")[0]
    entry = small.create("Time_Entry__c", {"Opportunity__c": opp["Id"], "Minutes__c": 15},
                         small.api_user)
    assert entry.startswith("a0X")
    case_id = small.create("Case", {"Subject": "new"}, small.api_user)
    numbers = sorted(r["CaseNumber"] for r in small._store.rows("Case"))
    assert small._store.get(case_id)[1]["CaseNumber"] == numbers[-1] == f"{1000 + 200:08d}"
