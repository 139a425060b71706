"""composite (subrequests, references, one API call) and composite/sobjects collections."""

from __future__ import annotations


def usage(sf) -> int:
    return sf.api_usage["api-usage"].used


def test_composite_with_references_counts_as_one_call(sf):
    sf.limits()
    before = usage(sf)
    result = sf.restful("composite", method="POST", json={
        "allOrNone": True,
        "compositeRequest": [
            {"method": "POST", "url": "/services/data/v59.0/sobjects/Account", "referenceId": "acct",
             "body": {"Name": "Northwind"}},
            {"method": "POST", "url": "/services/data/v59.0/sobjects/Opportunity", "referenceId": "opp",
             "body": {"Name": "Northwind deal", "StageName": "Prospecting", "CloseDate": "2026-06-30",
                      "AccountId": "@{acct.id}"}},
            {"method": "GET", "url": "/services/data/v59.0/sobjects/Opportunity/@{opp.id}?fields=Name,AccountId",
             "referenceId": "read"},
            {"method": "GET", "referenceId": "q",
             "url": "/services/data/v59.0/query/?q=SELECT+Id+FROM+Opportunity+WHERE+AccountId+=+'@{acct.id}'"},
        ],
    })
    responses = {r["referenceId"]: r for r in result["compositeResponse"]}
    assert [r["httpStatusCode"] for r in result["compositeResponse"]] == [201, 201, 200, 200]
    account_id = responses["acct"]["body"]["id"]
    assert responses["acct"]["httpHeaders"]["Location"] == f"/services/data/v59.0/sobjects/Account/{account_id}"
    assert responses["read"]["body"]["AccountId"] == account_id
    assert responses["q"]["body"]["totalSize"] == 1
    assert usage(sf) == before + 1
    assert sf.limits()["DailyApiRequests"]["Remaining"] == 15000 - (before + 2)


def test_all_or_none_rolls_everything_back(sf):
    before = sf.query("SELECT COUNT() FROM Account")["totalSize"]
    result = sf.restful("composite", method="POST", json={
        "allOrNone": True,
        "compositeRequest": [
            {"method": "POST", "url": "/services/data/v59.0/sobjects/Account", "referenceId": "ok",
             "body": {"Name": "Will vanish"}},
            {"method": "POST", "url": "/services/data/v59.0/sobjects/Opportunity", "referenceId": "bad",
             "body": {"Name": "No stage"}},
            {"method": "POST", "url": "/services/data/v59.0/sobjects/Account", "referenceId": "never",
             "body": {"Name": "Never runs"}},
        ],
    })
    codes = [(r["referenceId"], r["httpStatusCode"], r["body"][0]["errorCode"]) for r in result["compositeResponse"]]
    assert codes == [("ok", 400, "PROCESSING_HALTED"), ("bad", 400, "REQUIRED_FIELD_MISSING"),
                     ("never", 400, "PROCESSING_HALTED")]
    assert sf.query("SELECT COUNT() FROM Account")["totalSize"] == before
    assert sf.query("SELECT COUNT() FROM Account WHERE Name = 'Will vanish'", include_deleted=True)["totalSize"] == 0


def test_without_all_or_none_independent_subrequests_still_run(sf):
    result = sf.restful("composite", method="POST", json={
        "compositeRequest": [
            {"method": "POST", "url": "/services/data/v59.0/sobjects/Opportunity", "referenceId": "bad",
             "body": {"Name": "No stage"}},
            {"method": "PATCH", "url": "/services/data/v59.0/sobjects/Opportunity/@{bad.id}",
             "referenceId": "dependent", "body": {"Name": "x"}},
            {"method": "POST", "url": "/services/data/v59.0/sobjects/Account", "referenceId": "ok",
             "body": {"Name": "Survivor"}},
        ],
    })
    statuses = {r["referenceId"]: r["httpStatusCode"] for r in result["compositeResponse"]}
    assert statuses == {"bad": 400, "dependent": 400, "ok": 201}
    dependent = result["compositeResponse"][1]["body"][0]
    assert dependent["errorCode"] == "PROCESSING_HALTED" and "Invalid reference" in dependent["message"]


def test_composite_limits(sandbox, http, bearer):
    url = f"{sandbox.instance_url}/services/data/v59.0/composite"
    subrequests = [{"method": "GET", "url": "/services/data/v59.0/limits", "referenceId": f"r{i}"}
                   for i in range(26)]
    too_many = http.post(url, json={"compositeRequest": subrequests}, headers=bearer)
    assert too_many.status_code == 400 and too_many.json()[0]["errorCode"]
    nested = http.post(url, headers=bearer, json={"compositeRequest": [
        {"method": "POST", "url": "/services/data/v59.0/composite", "referenceId": "x", "body": {}}]})
    assert nested.json()["compositeResponse"][0]["httpStatusCode"] == 400


def _query(ref: str, resource: str = "query") -> dict:
    return {"method": "GET", "referenceId": ref,
            "url": f"/services/data/v59.0/{resource}/?q=SELECT+Id+FROM+Account+LIMIT+1"}


def test_at_most_five_query_or_collection_subrequests_per_composite(sandbox, http, bearer):
    """REST API Developer Guide, "Send Multiple Requests Using Composite": of the 25
    subrequests, at most 5 may be query/queryAll or sObject Collections operations. Over
    that, the sandbox refuses the whole request (Salesforce does not document the error text,
    so the sandbox is the stricter of the two readings)."""
    url = f"{sandbox.instance_url}/services/data/v59.0/composite"
    before = sandbox.budget.used
    limits = [{"method": "GET", "url": "/services/data/v59.0/limits", "referenceId": f"l{i}"}
              for i in range(20)]
    five = [_query("q0"), _query("q1", "queryAll"), _query("q2"), _query("q3"), _query("q4")]
    allowed = http.post(url, json={"compositeRequest": five + limits}, headers=bearer)
    assert allowed.status_code == 200
    assert [r["httpStatusCode"] for r in allowed.json()["compositeResponse"]] == [200] * 25

    six = [*five, _query("q5", "queryAll")]
    refused = http.post(url, json={"compositeRequest": six}, headers=bearer)
    assert refused.status_code == 400
    [error] = refused.json()
    assert error["errorCode"] == "LIMIT_EXCEEDED" and "5 query or sObject Collections" in error["message"]

    collection = {"method": "DELETE", "referenceId": "c",
                  "url": "/services/data/v59.0/composite/sobjects?ids=001000000000000AAA"}
    also_refused = http.post(url, json={"compositeRequest": [*five, collection]}, headers=bearer)
    assert also_refused.status_code == 400
    assert sandbox.budget.used == before + 3  # each attempt was one API call


def test_collection_create_update_delete(sf):
    records = [{"attributes": {"type": "Account"}, "Name": f"Bulk {i}"} for i in range(3)]
    records.append({"attributes": {"type": "Opportunity"}, "Name": "No stage"})
    created = sf.restful("composite/sobjects", method="POST", json={"allOrNone": False, "records": records})
    assert [entry["success"] for entry in created] == [True, True, True, False]
    failure = created[3]
    assert failure["errors"][0]["statusCode"] == "REQUIRED_FIELD_MISSING"
    assert "StageName" in failure["errors"][0]["fields"]
    ids = [entry["id"] for entry in created[:3]]

    updated = sf.restful("composite/sobjects", method="PATCH", json={"records": [
        {"attributes": {"type": "Account"}, "Id": ids[0], "Name": "Renamed"}]})
    assert updated == [{"id": ids[0], "success": True, "errors": []}]
    assert sf.Account.get(ids[0])["Name"] == "Renamed"

    deleted = sf.restful("composite/sobjects", method="DELETE", params={"ids": ",".join(ids)})
    assert [entry["success"] for entry in deleted] == [True, True, True]
    assert sf.query(f"SELECT COUNT() FROM Account WHERE Id IN ('{ids[0]}', '{ids[1]}')")["totalSize"] == 0


def test_collection_all_or_none_rolls_back(sf):
    records = [{"attributes": {"type": "Account"}, "Name": "Rolled back"},
               {"attributes": {"type": "Opportunity"}, "Name": "No stage"}]
    result = sf.restful("composite/sobjects", method="POST", json={"allOrNone": True, "records": records})
    assert [entry["success"] for entry in result] == [False, False]
    assert result[0]["errors"][0]["statusCode"] == "ALL_OR_NONE_OPERATION_ROLLED_BACK"
    assert sf.query("SELECT COUNT() FROM Account WHERE Name = 'Rolled back'")["totalSize"] == 0


def test_collection_record_limit(sandbox, http, bearer):
    records = [{"attributes": {"type": "Account"}, "Name": f"n{i}"} for i in range(201)]
    response = http.post(f"{sandbox.instance_url}/services/data/v59.0/composite/sobjects",
                         json={"records": records}, headers=bearer)
    assert response.status_code == 400
    assert response.json()[0]["errorCode"] == "EXCEEDED_ID_LIMIT"


def test_collection_items_that_are_not_records_fail_alone(sf):
    result = sf.restful("composite/sobjects", method="POST", json={"records": [
        1, "x", {"attributes": {"type": "Nope"}, "Name": "n"}, {"attributes": {"type": "Account"}, "Name": "ok"}]})
    assert [entry["success"] for entry in result] == [False, False, False, True]
    assert all("id" not in entry for entry in result[:3])
    assert result[2]["errors"][0]["statusCode"] == "INVALID_TYPE"
    bad = sf.restful("composite/sobjects", method="DELETE", params={"ids": "zzz"})
    assert bad == [{"success": False,
                    "errors": [{"statusCode": "MALFORMED_ID", "message": "malformed id zzz", "fields": []}]}]


def test_a_failed_delete_result_names_no_id(sf):
    """REST API Developer Guide, "Delete Records Using sObject Collections" (response body
    example): a DeleteResult that failed has success false and errors, but no id; results
    follow the order of the ids asked for."""
    account = sf.Account.create({"Name": "Delete me"})["id"]
    sf.Account.delete(account)
    opportunity = sf.query("SELECT Id FROM Opportunity LIMIT 1")["records"][0]["Id"]
    result = sf.restful("composite/sobjects", method="DELETE",
                        params={"ids": f"{account},{opportunity}"})
    assert result[0]["success"] is False and "id" not in result[0]
    assert result[0]["errors"][0]["statusCode"] == "ENTITY_IS_DELETED"
    assert result[1] == {"id": opportunity, "success": True, "errors": []}
