"""Fixtures for the SOQL tests: the schema double and a small, varied data set."""

from __future__ import annotations

import pytest
from soql_double import MemorySource, SchemaDouble, at, on

from desktop.sandbox.soql import compile_query, parse


@pytest.fixture
def schema() -> SchemaDouble:
    return SchemaDouble()


@pytest.fixture
def source() -> MemorySource:
    """Accounts, opportunities (some without account / amount), cases with parents, tasks."""
    data = MemorySource()
    owner = data.add("User", Name="Olga Owner", Email="olga@example.com")
    acme = data.add("Account", Name="Acme", Industry="Energy", OwnerId=owner,
                    AnnualRevenue=1000.0, NumberOfEmployees=50)
    globex = data.add("Account", Name="Globex", Industry=None, OwnerId=None,
                      AnnualRevenue=None, NumberOfEmployees=7)
    rows = [
        ("Big Deal", "Prospecting", "2026-05-20", 5000.0, acme, "2026-05-20T20:49:32.000", False),
        ("small deal", "Closed Won", "2026-04-01", 100.0, acme, "2026-05-21T08:00:00.500", True),
        ("Renewal_2026", "Closed Lost", "2026-06-30", None, globex, "2026-05-19T23:59:59.999", True),
        ("100% Pure", "Negotiation", None, 2500.5, None, "2026-05-20T20:49:32.001", False),
        ("O'Brien's \"quote\"", "prospecting", "2026-05-20", 0.0, globex, "2026-05-22T00:00:00.000", False),
    ]
    for name, stage, close, amount, account, modstamp, closed in rows:
        data.add("Opportunity", Name=name, StageName=stage,
                 CloseDate=on(close) if close else None, Amount=amount, AccountId=account,
                 SystemModstamp=at(modstamp), IsClosed=closed, IsWon=stage == "Closed Won",
                 Description="line one\nline two" if amount == 0.0 else None,
                 NextStep="line one\nline two" if amount == 0.0 else None, OwnerId=owner)
    gone = data.add("Opportunity", Name="Deleted Deal", StageName="Prospecting",
                    AccountId=acme, SystemModstamp=at("2026-05-23T00:00:00"), IsClosed=False)
    data.by_id[gone][1]["IsDeleted"] = True
    parent_case = data.add("Case", CaseNumber="00001000", Subject="Parent case", Status="New",
                           AccountId=acme, IsClosed=False)
    child_case = data.add("Case", CaseNumber="00001001", Subject="Child case", Status="Closed",
                          ParentId=parent_case, AccountId=globex, IsClosed=True,
                          ClosedDate=at("2026-05-20T10:00:00"))
    first_opp = data.tables["Opportunity"][0]["Id"]
    data.add("Task", Subject="Call Acme", Status="Completed", WhatId=first_opp, IsClosed=True)
    data.add("Task", Subject="Fix the child case", Status="Open", WhatId=child_case,
             IsClosed=False, ActivityDate=on("2026-05-25"))
    data.add("Task", Subject="Loose task", Status="Open", WhatId=None, IsClosed=False)
    data.add("Task", Subject="Deleted parent", Status="Open", WhatId=gone, IsClosed=False)
    return data


@pytest.fixture
def run(schema, source):
    """run(soql, include_deleted=False) -> JSON records."""

    def run_query(text: str, include_deleted: bool = False) -> list[dict]:
        query = compile_query(parse(text), schema)
        return query.execute(source, include_deleted=include_deleted, api_version="59.0")

    return run_query


@pytest.fixture
def names(run):
    """names(soql) -> the Name (or Subject/CaseNumber) of each returned record, in order."""

    def record_names(text: str, include_deleted: bool = False) -> list[str]:
        records = run(text, include_deleted)
        return [r.get("Name", r.get("Subject", r.get("CaseNumber"))) for r in records]

    return record_names
