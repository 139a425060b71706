"""create / update / upsert / retrieve and each error Salesforce answers a bad write with."""

from datetime import UTC, date, datetime

import pytest
from org_testing import NOW, error_of, row

from desktop.sandbox.errors import SandboxError


def test_create_fills_system_fields_from_clock_and_user(org, user, make):
    account_id = make("Account")
    stored = row(org, account_id)
    assert account_id.startswith("001") and len(account_id) == 18
    assert stored["CreatedDate"] == stored["LastModifiedDate"] == stored["SystemModstamp"] == NOW
    assert stored["CreatedById"] == stored["LastModifiedById"] == stored["OwnerId"] == user.id
    assert stored["IsDeleted"] is False


def test_sobject_and_field_names_are_case_insensitive(org, user):
    record_id = org.create("account", {"name": "Acme", "BILLINGCITY": "Lyon"}, user)
    assert org.retrieve("ACCOUNT", record_id, ["Name", "billingcity"], user, "59.0") == {
        "attributes": {"type": "Account",
                       "url": f"/services/data/v59.0/sobjects/Account/{record_id}"},
        "Name": "Acme", "BillingCity": "Lyon",
    }


def test_retrieve_returns_every_field_as_json(org, user, make):
    record_id = make("Opportunity", Amount=1200.5)
    body = org.retrieve("Opportunity", record_id, None, user, "59.0")
    assert body["CloseDate"] == "2026-06-30"
    assert body["CreatedDate"] == "2026-05-20T20:49:32.000+0000"
    assert body["Amount"] == 1200.5
    assert list(body)[1:] == org.schema.sobject("Opportunity").field_names


def test_retrieve_accepts_15_character_ids(org, user, make):
    record_id = make("Account")
    assert org.retrieve("Account", record_id[:15], ["Id"], user, "59.0")["Id"] == record_id


def test_update_bumps_modification_stamps_only(org, user, clock, make):
    record_id = make("Account")
    clock.advance(60)
    org.update("Account", record_id, {"Name": "Acme Europe"}, user)
    stored = row(org, record_id)
    assert stored["Name"] == "Acme Europe"
    assert stored["CreatedDate"] == NOW
    assert stored["LastModifiedDate"] == stored["SystemModstamp"] == clock.now()


def test_update_of_a_parent_does_not_touch_its_children(org, user, clock, make):
    account_id = make("Account")
    opp_id = make("Opportunity", AccountId=account_id)
    clock.advance(60)
    org.update("Account", account_id, {"Name": "Renamed"}, user)
    assert row(org, opp_id)["SystemModstamp"] == NOW


def test_update_ignores_the_records_own_id_in_the_body(org, user, make):
    record_id = make("Account")
    org.update("Account", record_id, {"Id": record_id[:15], "Name": "B"}, user)
    assert row(org, record_id)["Name"] == "B"


def test_unknown_sobject_is_404(org, user):
    error = error_of(org.create, "Foo__c", {}, user)
    assert (error.status, error.error_code, error.message) == (
        404, "NOT_FOUND", "The requested resource does not exist")
    assert error_of(org.describe, "Nope").status == 404


def test_unknown_field_is_invalid_field(org, user):
    error = error_of(org.create, "Account", {"Name": "A", "Colour__c": "red"}, user)
    assert (error.status, error.error_code) == (400, "INVALID_FIELD")
    assert "Colour__c" in error.message


@pytest.mark.parametrize(("sobject", "field", "value"), [
    ("Opportunity", "IsClosed", True),
    ("Opportunity", "IsWon", True),
    ("Case", "CaseNumber", "00009999"),
    ("Account", "SystemModstamp", "2026-01-01T00:00:00Z"),
    ("Account", "CreatedDate", "2026-01-01T00:00:00Z"),
    ("Account", "Id", "001000000000000AAA"),
    ("Time_Entry__c", "Name", "TE-1"),
])
def test_read_only_fields_are_rejected(org, user, make, sobject, field, value):
    error = error_of(make, sobject, **{field: value})
    assert (error.status, error.error_code, error.fields) == (
        400, "INVALID_FIELD_FOR_INSERT_UPDATE", [field])


def test_read_only_fields_are_rejected_on_update_too(org, user, make):
    record_id = make("Opportunity")
    error = error_of(org.update, "Opportunity", record_id, {"LastModifiedDate": None}, user)
    assert error.error_code == "INVALID_FIELD_FOR_INSERT_UPDATE"


def test_bad_restricted_picklist_value(org, user, make):
    error = error_of(make, "Opportunity", StageName="Won-ish")
    assert (error.error_code, error.fields) == (
        "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", ["StageName"])
    assert "Won-ish" in error.message


def test_missing_required_fields_are_listed(org, user):
    error = error_of(org.create, "Opportunity", {"Name": "x"}, user)
    assert (error.status, error.error_code, error.fields) == (
        400, "REQUIRED_FIELD_MISSING", ["StageName", "CloseDate"])


def test_clearing_a_required_field_on_update(org, user, make):
    record_id = make("Opportunity")
    error = error_of(org.update, "Opportunity", record_id, {"CloseDate": None}, user)
    assert (error.error_code, error.fields) == ("REQUIRED_FIELD_MISSING", ["CloseDate"])


def test_wrong_value_type_is_a_json_parser_error(org, user, make):
    error = error_of(make, "Opportunity", CloseDate="next tuesday")
    assert (error.status, error.error_code) == (400, "JSON_PARSER_ERROR")
    assert error_of(make, "Opportunity", Amount="lots").error_code == "JSON_PARSER_ERROR"


def test_values_are_stored_in_their_python_types(org, user, make):
    record_id = make("Time_Entry__c", Minutes__c="45", Billable__c=True,
                     Start__c="2026-05-20T10:00:00+02:00")
    stored = row(org, record_id)
    assert stored["Minutes__c"] == 45.0
    assert stored["Billable__c"] is True
    assert stored["Start__c"] == datetime(2026, 5, 20, 8, 0, tzinfo=UTC)
    assert row(org, make("Opportunity"))["CloseDate"] == date(2026, 6, 30)


def test_text_longer_than_the_field_is_rejected(org, user, make):
    error = error_of(make, "Case", Subject="x" * 256)
    assert (error.error_code, error.fields) == ("STRING_TOO_LONG", ["Subject"])


def test_malformed_reference(org, user, make):
    error = error_of(make, "Opportunity", AccountId="not-an-id")
    assert (error.error_code, error.fields) == ("MALFORMED_ID", ["AccountId"])


def test_reference_to_the_wrong_object(org, user, make):
    case_id = make("Case")
    error = error_of(make, "Opportunity", AccountId=case_id)
    assert (error.error_code, error.fields) == ("FIELD_INTEGRITY_EXCEPTION", ["AccountId"])


def test_reference_to_a_missing_record(org, user, make):
    error = error_of(make, "Opportunity", AccountId="001000000000001AAA")
    assert (error.error_code, error.fields) == ("INVALID_CROSS_REFERENCE_KEY", ["AccountId"])


def test_reference_to_a_deleted_record(org, user, make):
    opp_id = make("Opportunity")
    org.delete("Opportunity", opp_id, user)
    error = error_of(make, "Time_Entry__c", Opportunity__c=opp_id)
    assert (error.error_code, error.fields) == ("ENTITY_IS_DELETED", ["Opportunity__c"])


def test_polymorphic_reference_accepts_each_target(org, user, make):
    for target in ("Opportunity", "Case", "Account"):
        parent = make(target)
        assert row(org, make("Task", WhatId=parent))["WhatId"] == parent
    error = error_of(make, "Task", WhatId=make("Contact"))
    assert error.error_code == "FIELD_INTEGRITY_EXCEPTION"


def test_unknown_or_malformed_record_id_is_404(org, user, make):
    assert error_of(org.retrieve, "Account", "001000000000001AAA", None, user, "59.0").status == 404
    error = error_of(org.update, "Account", "garbage", {"Name": "x"}, user)
    assert (error.status, error.error_code) == (404, "NOT_FOUND")
    # an id of another object is not a record of this one
    error = error_of(org.retrieve, "Account", make("Case"), None, user, "59.0")
    assert error.status == 404


def test_non_createable_objects(org, user):
    error = error_of(org.create, "OpportunityStage", {"MasterLabel": "x"}, user)
    assert (error.status, error.error_code) == (400, "INVALID_TYPE_FOR_OPERATION")


def test_upsert_creates_then_updates_by_external_id(org, user, make):
    opp_id = make("Opportunity")
    body = {"Opportunity__c": opp_id, "Minutes__c": 30, "Start__c": "2026-05-20T08:00:00Z"}
    created_id, created = org.upsert("Time_Entry__c", "Stint_Client_Id__c", "uuid-1", body, user)
    assert created
    again_id, created = org.upsert("time_entry__c", "stint_client_id__c", "UUID-1",
                                   {**body, "Minutes__c": 45}, user)
    assert (again_id, created) == (created_id, False)
    assert row(org, created_id)["Minutes__c"] == 45.0
    assert row(org, created_id)["Stint_Client_Id__c"] == "uuid-1"
    assert len(org._store.table("Time_Entry__c")) == 1


def test_upsert_by_a_field_that_is_not_an_external_id(org, user):
    error = error_of(org.upsert, "Time_Entry__c", "Note__c", "x", {}, user)
    assert (error.status, error.error_code) == (404, "NOT_FOUND")
    error = error_of(org.upsert, "Time_Entry__c", "Nope__c", "x", {}, user)
    assert error.status == 404


def test_unique_external_id_rejects_duplicates(org, user, make):
    make("Time_Entry__c", Stint_Client_Id__c="abc")
    error = error_of(make, "Time_Entry__c", Stint_Client_Id__c="ABC")
    assert (error.status, error.error_code) == (400, "DUPLICATE_VALUE")


def test_error_body_shape(org, user):
    error = error_of(org.create, "Opportunity", {"Name": "x"}, user)
    assert error.to_json() == [{
        "message": "Required fields are missing: [StageName, CloseDate]",
        "errorCode": "REQUIRED_FIELD_MISSING",
        "fields": ["StageName", "CloseDate"],
    }]


def test_composite_attributes_marker_is_ignored(org, user):
    record_id = org.create("Account", {"attributes": {"type": "Account"}, "Name": "A"}, user)
    assert row(org, record_id)["Name"] == "A"


def test_retrieve_of_unknown_field_is_invalid_field(org, user, make):
    error = error_of(org.retrieve, "Account", make("Account"), ["Name", "Bogus"], user, "59.0")
    assert (error.status, error.error_code) == (400, "INVALID_FIELD")


def test_transaction_undoes_everything_when_the_block_raises(org, user, make):
    kept = make("Opportunity")
    with pytest.raises(SandboxError), org.transaction():
        make("Account", Name="rolled back")
        org.update("Opportunity", kept, {"Name": "rolled back"}, user)
        org.delete("Opportunity", kept, user)
        make("Opportunity", StageName="bogus")
    assert row(org, kept)["Name"] == "Acme Corp - 500 Widgets" and not row(org, kept)["IsDeleted"]
    assert [r["Name"] for r in org._store.rows("Account")] == []
    with org.transaction():
        created = make("Account")
    assert row(org, created)["Name"] == "Acme Corp"
