"""Pure parts of the sync: describe slices, SOQL built from settings, record mapping."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop.domain.items import ROOT_ID, ItemKind
from desktop.domain.settings import Settings
from desktop.sync.metadata import ObjectMeta, meta_from_describe
from desktop.sync.pull.mapping import RecordMapper, display_text
from desktop.sync.pull.queries import (
    ID_LIST_CHARS,
    build_streams,
    soql_datetime,
    soql_string,
    streams_fingerprint,
    trigger_stages,
)

USER = "005000000000000AAA"
STAGES = ["Prospecting", "Negotiation/Review", "Closed Won", "Closed Lost", "Closed - Merged"]


def field(name, label, type_="string", relationship=None, refs=(), name_field=False, values=()):
    return {"name": name, "label": label, "type": type_, "relationshipName": relationship,
            "referenceTo": list(refs), "nameField": name_field,
            "picklistValues": [{"value": v, "active": True} for v in values]}


def describe(name, prefix, fields, children=()):
    system = [field("Id", "Record ID", "id"), field("IsDeleted", "Deleted", "boolean"),
              field("SystemModstamp", "System Modstamp", "datetime"),
              field("OwnerId", "Owner ID", "reference", "Owner", ["User"])]
    return {"name": name, "keyPrefix": prefix, "fields": system + fields,
            "childRelationships": [{"relationshipName": r, "childSObject": c, "field": f}
                                   for r, c, f in children]}


@pytest.fixture
def metas():
    opportunity = meta_from_describe(describe("Opportunity", "006", [
        field("Name", "Name", name_field=True),
        field("AccountId", "Account ID", "reference", "Account", ["Account"]),
        field("StageName", "Stage", "picklist", values=STAGES),
        field("Amount", "Amount", "currency"), field("CloseDate", "Close Date", "date"),
        field("IsClosed", "Closed", "boolean"), field("IsWon", "Won", "boolean"),
    ], children=[("Tasks", "Task", "WhatId")]))
    opportunity = ObjectMeta.from_json({**opportunity.to_json(),
                                        "closed_stages": ["Closed Won", "Closed Lost",
                                                          "Closed - Merged"]})
    case = meta_from_describe(describe("Case", "500", [
        field("CaseNumber", "Case Number", name_field=True), field("Subject", "Subject"),
        field("IsClosed", "Closed", "boolean"), field("Priority", "Priority", "picklist"),
        field("Status", "Status", "picklist"),
        field("ParentId", "Parent Case ID", "reference", "Parent", ["Case"]),
        field("AccountId", "Account ID", "reference", "Account", ["Account"]),
    ], children=[("Tasks", "Task", "WhatId"), ("Cases", "Case", "ParentId")]))
    task = meta_from_describe(describe("Task", "00T", [
        field("Subject", "Subject", "combobox", name_field=True),
        field("WhatId", "Related To ID", "reference", "What", ["Opportunity", "Case"]),
        field("IsClosed", "Closed", "boolean"), field("Priority", "Priority", "picklist"),
    ]))
    return {"Opportunity": opportunity, "Case": case, "Task": task}


def test_describe_slice_survives_the_cache_round_trip(metas):
    opp = metas["Opportunity"]
    again = ObjectMeta.from_json(opp.to_json())
    assert again == opp and again.key_prefix == "006"
    assert opp.picklist("StageName") == tuple(STAGES)
    assert opp.resolve_path("account.name") == "Account.name"  # behind it: not described
    assert opp.resolve_path("Nope__c") is None and opp.resolve_path("Nope__r.Name") is None
    assert opp.label_for("Account.Name") == "Account" and opp.label_for("StageName") == "Stage"
    assert opp.child_relationship("tasks").field == "WhatId"


def test_default_streams_parents_first_then_child_cases_then_tasks(metas):
    streams = build_streams(Settings(), metas, USER)
    assert [s.key for s in streams] == ["Opportunity", "Case", "Case@Case", "Task@Opportunity",
                                        "Task@Case"]
    opp, case, child_case, opp_tasks, _ = streams
    assert opp.where == () and opp.extra_fields == ("Account.Name", "StageName", "Amount",
                                                    "CloseDate")
    assert case.where == ("ParentId = null",)
    assert child_case.where == ("ParentId != null",)  # no self semi-join in Salesforce
    assert opp_tasks.where == ("WhatId IN (SELECT Id FROM Opportunity)",)
    since = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)
    assert opp.soql(since).endswith(
        "FROM Opportunity WHERE SystemModstamp >= 2026-05-20T11:50:00Z "
        "ORDER BY SystemModstamp, Id")
    assert [opp.soql(since)] == opp.queries(since)


def test_filters_reach_the_queries(metas):
    settings = Settings(only_mine=True, import_mode="specific",
                        specific_ids=("006000000000001AAA", "500000000000001AAA"),
                        opportunity_stage_trigger="Negotiation/Review")
    opp, case, child_case, opp_tasks, case_tasks = build_streams(settings, metas, USER)
    assert opp.where == (f"OwnerId = '{USER}'", "StageName IN ('Negotiation/Review', "
                         "'Closed Won', 'Closed Lost', 'Closed - Merged')")
    assert opp.chunks == ("Id IN ('006000000000001AAA')",)
    assert case.chunks == ("Id IN ('500000000000001AAA')",)
    since = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)
    [query] = opp.queries(since)
    assert f"WHERE SystemModstamp >= 2026-05-20T11:50:00Z AND OwnerId = '{USER}' AND" in query
    assert query.endswith("AND Id IN ('006000000000001AAA') ORDER BY SystemModstamp, Id")
    assert child_case.where == ("ParentId != null",)
    assert child_case.chunks == ("ParentId IN ('500000000000001AAA')",)
    assert opp_tasks.where == ()
    assert opp_tasks.chunks[0].startswith("WhatId IN (SELECT Id FROM Opportunity WHERE OwnerId")
    assert opp_tasks.chunks[0].endswith("AND Id IN ('006000000000001AAA'))")
    assert "ParentId = null" not in case_tasks.chunks[0]  # tasks of child cases count too


def test_thousands_of_specific_items_are_split_into_queries_salesforce_takes(metas):
    """5,000 specific items: every id in exactly one query of its stream, no id list longer
    than ID_LIST_CHARS and no query near Salesforce's 100,000 characters (SOQL and SOSL
    limits); children follow their parents' chunks."""
    opportunities = [f"006{i:012d}AAA" for i in range(2500)]
    cases = [f"500{i:012d}AAA" for i in range(2500)]
    settings = Settings(import_mode="specific", specific_ids=(*opportunities, *cases))
    streams = {s.key: s for s in build_streams(settings, metas, USER)}
    for key, ids in (("Opportunity", opportunities), ("Case", cases)):
        stream = streams[key]
        assert len(stream.chunks) == 2
        found = [i for chunk in stream.chunks for i in chunk[len("Id IN ("):-1].split(", ")]
        assert found == [f"'{i}'" for i in ids]
        assert all(len(chunk) <= ID_LIST_CHARS + 10 for chunk in stream.chunks)
    since = datetime(2026, 5, 20, 12, 0, tzinfo=UTC)
    for stream in streams.values():
        assert len(stream.queries(since)) == 2
        assert all(len(query) < 60_000 for query in stream.queries(since))
    assert streams["Case@Case"].chunks[1].startswith("ParentId IN ('500000000001")
    assert "Id IN ('006000000001" in streams["Task@Opportunity"].chunks[1]


def test_a_closed_trigger_stage_is_an_outcome_not_a_step(metas):
    settings = Settings(opportunity_stage_trigger="Closed Won")
    assert trigger_stages(settings, metas["Opportunity"]) == ("Closed Won", "Closed Lost")
    with pytest.raises(ValueError, match="does not have"):
        trigger_stages(Settings(opportunity_stage_trigger="Signed"), metas["Opportunity"])


def test_specific_mode_without_ids_of_an_object_skips_its_stream(metas):
    settings = Settings(import_mode="specific", specific_ids=("006000000000001AAA",))
    assert [s.key for s in build_streams(settings, metas, USER)] == ["Opportunity",
                                                                     "Task@Opportunity"]


def test_the_fingerprint_follows_what_the_queries_select(metas):
    base = streams_fingerprint(build_streams(Settings(), metas, USER))
    assert base == streams_fingerprint(build_streams(Settings(), metas, USER))
    assert base != streams_fingerprint(build_streams(Settings(only_mine=True), metas, USER))
    fields = Settings(extra_fields={"Opportunity": ("Amount",), "Case": (), "Task": ()})
    assert base != streams_fingerprint(build_streams(fields, metas, USER))


def test_literals_are_escaped_and_children_come_in_chunks(metas):
    assert soql_string("O'Reilly \\ Sons") == "'O\\'Reilly \\\\ Sons'"
    # whole seconds, rounded down: Salesforce keeps no milliseconds
    assert soql_datetime(datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)) == \
        "2026-01-02T03:04:05Z"
    tasks = build_streams(Settings(), metas, USER)[3]
    queries = tasks.children_of([f"006{i:015d}" for i in range(3000)])
    assert len(queries) == 2 and "SystemModstamp >=" not in queries[0]
    assert queries[0].count("'006") + queries[1].count("'006") == 3000


def test_records_become_items(metas):
    streams = {s.key: s for s in build_streams(Settings(), metas, USER)}
    stamp = "2026-05-20T20:49:32.000+0000"
    opp = RecordMapper(streams["Opportunity"], metas["Opportunity"])
    record = {"Id": "006000000000001AAA", "Name": " Acme - 500 Widgets ", "StageName": "Closed Won",
              "Account": {"Name": "Acme"}, "Amount": 1234.5, "CloseDate": "2026-06-30",
              "OwnerId": USER, "SystemModstamp": stamp, "IsDeleted": False}
    item = opp.item(record, opp.parent_id(record), opp.archive_reason(record))
    assert item.name == "Acme - 500 Widgets" and item.parent_id == ROOT_ID
    lowercase = Settings(extra_fields={"Opportunity": ("account.name", "amount"), "Case": (),
                                       "Task": ()})
    spelled = RecordMapper(build_streams(lowercase, metas, USER)[0], metas["Opportunity"])
    assert spelled.item(record, ROOT_ID).fields == (("Account", "Acme"), ("Amount", "1,234.50"))
    assert item.fields == (("Account", "Acme"), ("Stage", "Closed Won"), ("Amount", "1,234.50"),
                           ("Close Date", "2026-06-30"))
    assert item.archived and item.archive_reason == "closed"
    assert item.modstamp == datetime(2026, 5, 20, 20, 49, 32, tzinfo=UTC)
    triggered = RecordMapper(streams["Opportunity"], metas["Opportunity"], "Closed Won")
    assert triggered.archive_reason(record) is None
    assert triggered.archive_reason({**record, "StageName": "Closed Lost"}) == "closed"
    assert opp.archive_reason({**record, "StageName": "Closed - Merged"}) is None
    assert opp.archive_reason({**record, "StageName": "Prospecting", "IsDeleted": True}) == "deleted"

    case = RecordMapper(streams["Case@Case"], metas["Case"])
    child = {"Id": "500000000000002AAA", "CaseNumber": "00001002", "Subject": "Printer on fire",
             "ParentId": "500000000000001AAA", "IsClosed": False, "SystemModstamp": stamp}
    item = case.item(child, case.parent_id(child), case.archive_reason(child))
    assert item.kind is ItemKind.CASE and item.name == "00001002 Printer on fire"
    assert item.parent_id == "500000000000001AAA" and not item.archived
    assert case.parent_id({**child, "ParentId": None}) is None

    task = RecordMapper(streams["Task@Case"], metas["Task"])
    closed = {"Id": "00T000000000001AAA", "Subject": None, "WhatId": "500000000000001AAA",
              "IsClosed": True, "SystemModstamp": stamp}
    item = task.item(closed, task.parent_id(closed), task.archive_reason(closed))
    assert item.name == "(no subject)" and item.archive_reason == "closed"
    assert item.kind is ItemKind.ACTIVITY


@pytest.mark.parametrize(("value", "kind", "text"), [
    (None, "string", ""), (True, "boolean", "Yes"), (False, "boolean", "No"),
    (1234.5, "currency", "1,234.50"), (75.0, "percent", "75 %"), (3.0, "int", "3"),
    ("<b>bold</b>", "string", "<b>bold</b>"),  # plain text, kept as it is
])
def test_display_text(value, kind, text):
    assert display_text(value, kind) == text



def test_excluded_items_stay_out_of_the_soql_and_of_the_fingerprint(metas):
    """Issue 15: thousands of excluded ids must not make a query too long for Salesforce
    (a NOT IN list cannot be split across queries): they are filtered locally, so the SOQL
    and the fingerprint stay the same, and excluding needs no full pass."""
    excluded = tuple(f"006{n:015d}" for n in range(5000))  # 105,000 characters quoted
    plain = build_streams(Settings(), metas, USER)
    excluding = build_streams(Settings(excluded_ids=excluded), metas, USER)
    assert [s.queries() for s in excluding] == [s.queries() for s in plain]
    assert streams_fingerprint(excluding) == streams_fingerprint(plain)
    assert all(s.excluded_ids == frozenset(excluded) for s in excluding)
    # "specific items" mode imports only what is picked: nothing to exclude there
    specific = Settings(import_mode="specific", specific_ids=(excluded[0],), excluded_ids=excluded)
    assert all(not s.excluded_ids for s in build_streams(specific, metas, USER))
