"""The queries Stint's sync and UI rely on compile against the sandbox org's real schema."""

from __future__ import annotations

import pytest

from desktop.sandbox.objects import build_schema
from desktop.sandbox.soql import SoqlError, compile_query, parse


@pytest.fixture(scope="module")
def real_schema():
    return build_schema()


@pytest.mark.parametrize("text", [
    "SELECT Id, Name, StageName, CloseDate, IsClosed, IsWon, AccountId, Account.Name, OwnerId, "
    "SystemModstamp, IsDeleted FROM Opportunity WHERE SystemModstamp >= 2026-05-20T00:00:00Z "
    "AND SystemModstamp < 2026-05-21T00:00:00.000+00:00 ORDER BY SystemModstamp, Id",
    "SELECT Id, CaseNumber, Subject, Status, IsClosed, ParentId, Parent.CaseNumber, "
    "Account.Name, SystemModstamp, IsDeleted FROM Case WHERE IsClosed = false",
    "SELECT Id, Subject, Status, IsClosed, WhatId, What.Type, What.Name, SystemModstamp "
    "FROM Task WHERE What.Type IN ('Opportunity', 'Case') ORDER BY SystemModstamp",
    "SELECT Id FROM Task WHERE WhatId IN (SELECT Id FROM Opportunity WHERE IsClosed = false)",
    "SELECT COUNT() FROM Opportunity WHERE IsDeleted = false",
    "SELECT Id, Opportunity__c, Case__c, Opportunity__r.Name FROM Time_Entry__c",
])
def test_stint_queries_compile(real_schema, text):
    compile_query(parse(text), real_schema)


def test_unknown_names_against_the_real_schema(real_schema):
    with pytest.raises(SoqlError) as caught:
        compile_query(parse("SELECT Id FROM Opportunities"), real_schema)
    assert caught.value.error_code == "INVALID_TYPE"
    with pytest.raises(SoqlError) as caught:
        compile_query(parse("SELECT Nme FROM Opportunity"), real_schema)
    assert caught.value.error_code == "INVALID_FIELD"
