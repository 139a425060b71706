"""PATCH composite/sobjects/{O}/{ExternalIdField}: upsert collections by external id."""

import uuid


def _entry(client_id: str, minutes: float, opportunity_id: str | None = None) -> dict:
    record = {"attributes": {"type": "Time_Entry__c"}, "Stint_Client_Id__c": client_id,
              "Start__c": "2026-11-20T09:00:00.000+0000", "Minutes__c": minutes}
    if opportunity_id:
        record["Opportunity__c"] = opportunity_id
    return record


def test_upsert_creates_then_updates_by_external_id(sf):
    opportunity = sf.query("SELECT Id FROM Opportunity LIMIT 1")["records"][0]["Id"]
    keys = [str(uuid.uuid4()) for _ in range(3)]
    path = "composite/sobjects/Time_Entry__c/Stint_Client_Id__c"
    first = sf.restful(path, method="PATCH", json={
        "allOrNone": False, "records": [_entry(k, 30, opportunity) for k in keys]})
    assert [r["success"] for r in first] == [True] * 3
    assert [r["created"] for r in first] == [True] * 3

    again = sf.restful(path, method="PATCH", json={"records": [_entry(keys[0], 45)]})
    assert again == [{"id": first[0]["id"], "success": True, "errors": [], "created": False}]
    rows = sf.query(f"SELECT Id, Minutes__c FROM Time_Entry__c WHERE Stint_Client_Id__c = '{keys[0]}'")
    assert rows["totalSize"] == 1 and rows["records"][0]["Minutes__c"] == 45


def test_a_failing_record_does_not_stop_the_others(sf):
    path = "composite/sobjects/Time_Entry__c/Stint_Client_Id__c"
    result = sf.restful(path, method="PATCH", json={"records": [
        _entry(str(uuid.uuid4()), 30), _entry(str(uuid.uuid4()), 5000),
        {"attributes": {"type": "Time_Entry__c"}, "Minutes__c": 10}]})
    assert [r["success"] for r in result] == [True, False, False]
    assert result[1]["errors"][0]["statusCode"] == "FIELD_CUSTOM_VALIDATION_EXCEPTION"
    assert result[1]["errors"][0]["fields"] == ["Minutes__c"]
    assert result[2]["errors"][0]["statusCode"] == "MISSING_ARGUMENT"


def test_all_or_none_rolls_the_upserts_back(sf):
    path = "composite/sobjects/Time_Entry__c/Stint_Client_Id__c"
    good = str(uuid.uuid4())
    result = sf.restful(path, method="PATCH", json={"allOrNone": True, "records": [
        _entry(good, 30), _entry(str(uuid.uuid4()), 0)]})
    assert [r["success"] for r in result] == [False, False]
    assert result[0]["errors"][0]["statusCode"] == "ALL_OR_NONE_OPERATION_ROLLED_BACK"
    query = f"SELECT COUNT() FROM Time_Entry__c WHERE Stint_Client_Id__c = '{good}'"
    assert sf.query(query)["totalSize"] == 0


def test_upsert_needs_an_external_id_field(sandbox, http, bearer):
    url = f"{sandbox.instance_url}/services/data/v59.0/composite/sobjects/Time_Entry__c/Note__c"
    response = http.patch(url, headers=bearer, json={"records": [_entry("x", 1)]})
    assert response.status_code == 400
    assert response.json()[0]["errorCode"] == "INVALID_FIELD"
