"""Describe, record create/retrieve/update/upsert/delete and the replication resources."""

from __future__ import annotations

from datetime import timedelta

import pytest
from simple_salesforce.exceptions import SalesforceMalformedRequest, SalesforceResourceNotFound


def test_versions_and_resources(sandbox, http, bearer):
    versions = http.get(f"{sandbox.instance_url}/services/data/").json()
    assert {"label": "Winter '24", "url": "/services/data/v59.0", "version": "59.0"} in versions
    resources = http.get(f"{sandbox.instance_url}/services/data/v59.0/", headers=bearer).json()
    assert resources["query"] == "/services/data/v59.0/query"
    assert resources["sobjects"] == "/services/data/v59.0/sobjects"


def test_describe_global_and_object(sf):
    names = {entry["name"] for entry in sf.describe()["sobjects"]}
    assert {"Account", "Opportunity", "Case", "Task", "Event", "Time_Entry__c"} <= names
    describe = sf.Opportunity.describe()
    assert describe["name"] == "Opportunity" and describe["keyPrefix"] == "006"
    fields = {field["name"]: field for field in describe["fields"]}
    assert fields["StageName"]["type"] == "picklist"
    assert fields["IsClosed"]["updateable"] is False
    assert sf.opportunity.metadata()["objectDescribe"]["name"] == "Opportunity"


def test_unknown_object_is_404(sf):
    with pytest.raises(SalesforceResourceNotFound) as failure:
        sf.Nope.describe()
    assert failure.value.content[0]["errorCode"] == "NOT_FOUND"


def test_create_retrieve_update_delete(sf):
    created = sf.Account.create({"Name": "Fabrikam"})
    assert created["success"] is True and created["errors"] == []
    record_id = created["id"]
    assert len(record_id) == 18 and record_id.startswith("001")

    record = sf.Account.get(record_id)
    assert record["Name"] == "Fabrikam"
    assert record["attributes"] == {"type": "Account", "url": f"/services/data/v59.0/sobjects/Account/{record_id}"}
    assert record["CreatedDate"].endswith("+0000")

    assert sf.Account.update(record_id, {"Name": "Fabrikam Inc"}) == 204
    assert sf.Account.get(record_id)["Name"] == "Fabrikam Inc"

    assert sf.Account.delete(record_id) == 204
    with pytest.raises(SalesforceResourceNotFound):
        sf.Account.get(record_id)


def test_retrieve_with_fields_parameter(sf):
    record_id = sf.Account.create({"Name": "Contoso"})["id"]
    record = sf.Account.get(record_id, params={"fields": "Name,Id"})
    assert record["Name"] == "Contoso"
    assert "CreatedDate" not in record
    with pytest.raises(SalesforceMalformedRequest) as failure:
        sf.Account.get(record_id, params={"fields": "Name,Nope"})
    assert failure.value.content[0]["errorCode"] == "INVALID_FIELD"


def test_upsert_by_external_id_creates_then_updates(sf):
    opportunity = sf.query("SELECT Id FROM Opportunity LIMIT 1")["records"][0]["Id"]
    body = {"Opportunity__c": opportunity, "Minutes__c": 30.0, "Start__c": "2026-05-20T09:00:00.000+0000"}
    created = sf.Time_Entry__c.upsert("Stint_Client_Id__c/entry-1", body, raw_response=True)
    assert created.status_code == 201
    assert created.json()["created"] is True and created.json()["success"] is True
    entry_id = created.json()["id"]

    assert sf.Time_Entry__c.upsert("Stint_Client_Id__c/entry-1", {**body, "Minutes__c": 45.0}) == 204
    fetched = sf.Time_Entry__c.get_by_custom_id("Stint_Client_Id__c", "entry-1")
    assert fetched["Id"] == entry_id and fetched["Minutes__c"] == 45.0
    assert sf.query("SELECT COUNT() FROM Time_Entry__c WHERE Stint_Client_Id__c = 'entry-1'")["totalSize"] == 1


def test_upsert_on_a_field_that_is_not_an_external_id_is_refused(sf):
    with pytest.raises(SalesforceResourceNotFound):
        sf.Time_Entry__c.upsert("Note__c/x", {"Minutes__c": 1.0})


def test_write_errors_are_salesforce_shaped(sf):
    with pytest.raises(SalesforceMalformedRequest) as failure:
        sf.Opportunity.create({"Name": "No stage"})
    [error] = failure.value.content
    assert error["errorCode"] == "REQUIRED_FIELD_MISSING"
    assert "StageName" in error["fields"]
    with pytest.raises(SalesforceMalformedRequest) as failure:
        sf.Account.create({"Name": "x", "Nope__c": 1})
    assert failure.value.content[0]["errorCode"] == "INVALID_FIELD"


def test_malformed_json_body_is_json_parser_error(sandbox, http, bearer):
    response = http.post(f"{sandbox.instance_url}/services/data/v59.0/sobjects/Account/",
                         data="{not json", headers={**bearer, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()[0]["errorCode"] == "JSON_PARSER_ERROR"


def test_updated_and_deleted_windows(sandbox, sf):
    start = sandbox.clock.now() - timedelta(minutes=1)
    changed = sf.Case.create({"Subject": "Printer on fire", "Status": "New", "Origin": "Phone"})["id"]
    doomed = sf.query(f"SELECT Id FROM Case WHERE Id != '{changed}' LIMIT 1")["records"][0]["Id"]
    sf.Case.delete(doomed)
    sandbox.clock.advance(120)
    end = sandbox.clock.now()

    updated = sf.Case.updated(start, end)
    assert changed in updated["ids"]
    assert updated["latestDateCovered"].endswith("+0000")
    deleted = sf.Case.deleted(start, end)
    assert [entry["id"] for entry in deleted["deletedRecords"]] == [doomed]
    assert deleted["deletedRecords"][0]["deletedDate"].endswith("+0000")

    later = sf.Case.updated(end, end + timedelta(hours=1))
    assert changed not in later["ids"]


def test_replication_dates_must_be_readable(sandbox, http, bearer):
    url = f"{sandbox.instance_url}/services/data/v59.0/sobjects/Case/updated/"
    response = http.get(url, params={"start": "yesterday", "end": "2026-05-20T00:00:00+00:00"}, headers=bearer)
    assert response.status_code == 400
    assert response.json()[0]["errorCode"] == "INVALID_REPLICATION_DATE"


def test_describe_urls_follow_the_requested_version(sandbox):
    sf = sandbox.salesforce(version="61.0")
    account = next(entry for entry in sf.describe()["sobjects"] if entry["name"] == "Account")
    assert account["urls"]["sobject"] == "/services/data/v61.0/sobjects/Account"
    assert sf.Account.describe()["urls"]["describe"] == "/services/data/v61.0/sobjects/Account/describe"


def test_head_sends_the_get_headers_without_a_body(sandbox, http, bearer):
    response = http.head(f"{sandbox.instance_url}/services/data/v59.0/limits/", headers=bearer)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert int(response.headers["Content-Length"]) > 0 and response.content == b""


def test_datetimes_are_stored_to_the_second(sf):
    """Salesforce's datetime fields keep no milliseconds (SALESFORCE_NOTES, "Datetimes are
    stored to the second"): every dateTime comes back with ".000" in the format of REST API
    Developer Guide, "Valid Date and DateTime Formats", what a client sent with
    milliseconds included."""
    what = sf.query("SELECT Id FROM Opportunity LIMIT 1")["records"][0]["Id"]
    created = sf.Event.create({"Subject": "Call", "WhatId": what,
                               "StartDateTime": "2026-05-20T09:30:15.987Z",
                               "EndDateTime": "2026-05-20T10:00:00.001+00:00"})
    event = sf.Event.get(created["id"])
    assert event["StartDateTime"] == "2026-05-20T09:30:15.000+0000"
    assert event["EndDateTime"] == "2026-05-20T10:00:00.000+0000"
    for stamp in ("CreatedDate", "LastModifiedDate", "SystemModstamp"):
        assert event[stamp].endswith(".000+0000")
    rows = sf.query_all("SELECT SystemModstamp FROM Opportunity")["records"]
    assert all(row["SystemModstamp"].endswith(".000+0000") for row in rows)
