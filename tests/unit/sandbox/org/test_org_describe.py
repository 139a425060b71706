"""describe / describeGlobal bodies: the keys and values a client reads."""

import json

import pytest

FIELD_KEYS = {"name", "label", "type", "length", "nillable", "createable", "updateable",
              "calculated", "externalId", "unique", "referenceTo", "relationshipName",
              "picklistValues", "defaultedOnCreate", "soapType", "precision", "scale", "digits",
              "custom", "nameField", "idLookup", "restrictedPicklist", "autoNumber"}


def field(describe: dict, name: str) -> dict:
    return next(f for f in describe["fields"] if f["name"] == name)


def test_describe_global(org):
    body = org.describe_global()
    assert (body["encoding"], body["maxBatchSize"]) == ("UTF-8", 200)
    by_name = {o["name"]: o for o in body["sobjects"]}
    assert {"Account", "Contact", "User", "Opportunity", "OpportunityStage", "Case",
            "CaseStatus", "Task", "TaskStatus", "Event", "Time_Entry__c"} <= set(by_name)
    assert by_name["Opportunity"]["keyPrefix"] == "006"
    assert by_name["Time_Entry__c"]["custom"] is True
    assert by_name["Opportunity"]["urls"]["describe"] == \
        "/services/data/v59.0/sobjects/Opportunity/describe"
    json.dumps(body)  # JSON-ready


def test_sobject_info(org):
    body = org.sobject_info("case", "60.0")
    assert body["recentItems"] == []
    assert body["objectDescribe"]["name"] == "Case"
    assert body["objectDescribe"]["urls"]["sobject"] == "/services/data/v60.0/sobjects/Case"


@pytest.mark.parametrize("sobject", ["Account", "Contact", "User", "Opportunity", "Case",
                                     "Task", "Event", "Time_Entry__c", "OpportunityStage"])
def test_every_field_has_the_describe_keys(org, sobject):
    body = org.describe(sobject)
    assert body["name"] == sobject and body["label"] and body["labelPlural"]
    for described in body["fields"]:
        assert set(described) >= FIELD_KEYS, described["name"]
    json.dumps(body)


def test_opportunity_fields(org):
    body = org.describe("Opportunity")
    stage = field(body, "StageName")
    assert stage["type"] == "picklist" and stage["restrictedPicklist"]
    assert [p["value"] for p in stage["picklistValues"]][-3:] == [
        "Closed Won", "Closed Lost", "Closed - Merged"]
    assert field(body, "IsClosed")["createable"] is False
    assert field(body, "IsWon")["updateable"] is False
    assert field(body, "Amount")["type"] == "currency"
    assert field(body, "CloseDate")["nillable"] is False
    account = field(body, "AccountId")
    assert (account["referenceTo"], account["relationshipName"], account["soapType"]) == (
        ["Account"], "Account", "tns:ID")
    assert field(body, "Name")["nameField"] is True


def test_child_relationships(org):
    children = {(c["childSObject"], c["field"]): c for c in org.describe("Opportunity")[
        "childRelationships"]}
    assert children[("Task", "WhatId")]["relationshipName"] == "Tasks"
    assert children[("Task", "WhatId")]["cascadeDelete"] is True
    assert children[("Event", "WhatId")]["relationshipName"] == "Events"
    assert children[("Time_Entry__c", "Opportunity__c")]["relationshipName"] == "Time_Entries__r"
    case_children = {(c["childSObject"], c["field"]): c["relationshipName"]
                     for c in org.describe("Case")["childRelationships"]}
    assert case_children[("Case", "ParentId")] == "Cases"


def test_polymorphic_what_id(org):
    what = field(org.describe("Task"), "WhatId")
    assert set(what["referenceTo"]) == {"Account", "Opportunity", "Case"}
    assert what["relationshipName"] == "What" and what["polymorphicForeignKey"] is True


def test_picklist_defaults_and_custom_fields(org):
    case = org.describe("Case")
    priority = field(case, "Priority")
    assert [p["value"] for p in priority["picklistValues"] if p["defaultValue"]] == ["Medium"]
    status = field(case, "Status")
    assert [p["value"] for p in status["picklistValues"] if p["defaultValue"]] == ["New"]
    entry = org.describe("Time_Entry__c")
    client_id = field(entry, "Stint_Client_Id__c")
    assert client_id["externalId"] and client_id["unique"] and client_id["custom"]
    assert field(entry, "Name")["autoNumber"] is True
    assert field(entry, "Minutes__c")["type"] == "double"
    assert field(entry, "Start__c")["soapType"] == "xsd:dateTime"
