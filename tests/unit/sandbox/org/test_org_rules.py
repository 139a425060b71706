"""Derived fields and object rules: stages, statuses, auto numbers, Event timing, validation."""

from datetime import UTC, datetime, timedelta

import pytest
from org_testing import NOW, error_of, row


@pytest.mark.parametrize(("stage", "closed", "won", "probability"), [
    ("Prospecting", False, False, 10.0),
    ("Negotiation/Review", False, False, 90.0),
    ("Closed Won", True, True, 100.0),
    ("Closed Lost", True, False, 0.0),
    ("Closed - Merged", True, False, 0.0),
])
def test_opportunity_closed_and_won_follow_the_stage(org, make, stage, closed, won, probability):
    stored = row(org, make("Opportunity", StageName=stage))
    assert (stored["IsClosed"], stored["IsWon"], stored["Probability"]) == (closed, won, probability)


def test_stage_change_resets_probability_unless_given(org, user, make):
    record_id = make("Opportunity", Probability=35)
    assert row(org, record_id)["Probability"] == 35.0
    org.update("Opportunity", record_id, {"StageName": "Closed Won"}, user)
    assert row(org, record_id)["Probability"] == 100.0
    org.update("Opportunity", record_id, {"StageName": "Closed Lost", "Probability": 5}, user)
    assert (row(org, record_id)["Probability"], row(org, record_id)["IsWon"]) == (5.0, False)


def test_case_defaults_number_and_closing(org, user, clock, make):
    first, second = make("Case"), make("Case")
    stored = row(org, first)
    assert (stored["CaseNumber"], row(org, second)["CaseNumber"]) == ("00001000", "00001001")
    assert (stored["Status"], stored["Priority"], stored["IsClosed"]) == ("New", "Medium", False)
    assert stored["ClosedDate"] is None
    clock.advance(3600)
    org.update("Case", first, {"Status": "Closed"}, user)
    closed_at = clock.now()
    assert (row(org, first)["IsClosed"], row(org, first)["ClosedDate"]) == (True, closed_at)
    clock.advance(60)
    org.update("Case", first, {"Subject": "still closed"}, user)
    assert row(org, first)["ClosedDate"] == closed_at  # closing time is kept
    org.update("Case", first, {"Status": "Working"}, user)
    assert (row(org, first)["IsClosed"], row(org, first)["ClosedDate"]) == (False, None)


def test_child_cases_and_self_parenting(org, user, make):
    parent = make("Case")
    child = make("Case", ParentId=parent)
    assert row(org, child)["ParentId"] == parent
    error = error_of(org.update, "Case", parent, {"ParentId": parent}, user)
    assert (error.error_code, error.fields) == ("FIELD_INTEGRITY_EXCEPTION", ["ParentId"])


def test_task_status_decides_is_closed(org, user, make):
    record_id = make("Task")
    assert (row(org, record_id)["Status"], row(org, record_id)["IsClosed"]) == ("Not Started", False)
    assert row(org, record_id)["Priority"] == "Normal"
    org.update("Task", record_id, {"Status": "Completed"}, user)
    assert row(org, record_id)["IsClosed"] is True


def test_contact_name_is_built_from_its_parts(org, user, make):
    record_id = make("Contact", FirstName="Zoë", LastName="Müller")
    assert row(org, record_id)["Name"] == "Zoë Müller"


START = datetime(2026, 5, 21, 9, 0, tzinfo=UTC)


def test_event_end_is_derived_from_duration(org, make):
    stored = row(org, make("Event", DurationInMinutes=90))
    assert stored["EndDateTime"] == START + timedelta(minutes=90)
    assert (stored["ActivityDateTime"], stored["ActivityDate"]) == (START, START.date())


def test_event_duration_is_derived_from_end(org, user):
    record_id = org.create("Event", {"Subject": "x", "StartDateTime": "2026-05-21T09:00:00Z",
                                     "EndDateTime": "2026-05-21T09:45:00Z"}, user)
    assert row(org, record_id)["DurationInMinutes"] == 45


def test_event_needs_an_end_or_a_duration(org, user):
    error = error_of(org.create, "Event",
                     {"Subject": "x", "StartDateTime": "2026-05-21T09:00:00Z"}, user)
    assert (error.status, error.error_code, error.fields) == (
        400, "REQUIRED_FIELD_MISSING", ["DurationInMinutes"])


def test_all_day_event_needs_no_duration(org, user):
    record_id = org.create("Event", {"Subject": "Offsite", "IsAllDayEvent": True,
                                     "StartDateTime": "2026-05-21T15:00:00Z"}, user)
    stored = row(org, record_id)
    assert stored["DurationInMinutes"] == 1440
    assert stored["StartDateTime"] == datetime(2026, 5, 21, tzinfo=UTC)


def test_event_end_before_start_is_rejected(org, user):
    error = error_of(org.create, "Event", {"Subject": "x", "StartDateTime": "2026-05-21T09:00:00Z",
                                           "EndDateTime": "2026-05-21T08:00:00Z"}, user)
    assert (error.error_code, error.fields) == ("FIELD_INTEGRITY_EXCEPTION", ["EndDateTime"])


def test_event_update_keeps_duration_when_start_moves(org, user, make):
    record_id = make("Event", DurationInMinutes=30)
    org.update("Event", record_id, {"StartDateTime": "2026-05-22T10:00:00Z"}, user)
    assert row(org, record_id)["EndDateTime"] == datetime(2026, 5, 22, 10, 30, tzinfo=UTC)
    org.update("Event", record_id, {"EndDateTime": "2026-05-22T11:00:00Z"}, user)
    assert row(org, record_id)["DurationInMinutes"] == 60
    org.update("Event", record_id, {"DurationInMinutes": 15}, user)
    assert row(org, record_id)["EndDateTime"] == datetime(2026, 5, 22, 10, 15, tzinfo=UTC)


def test_event_start_is_required(org, user):
    error = error_of(org.create, "Event", {"Subject": "x", "DurationInMinutes": 5}, user)
    assert error.fields == ["StartDateTime"]


@pytest.mark.parametrize("minutes", [0, -5, 1440.5, None])
def test_time_entry_validation_rule(org, make, minutes):
    error = error_of(make, "Time_Entry__c", Minutes__c=minutes)
    assert (error.status, error.error_code, error.fields) == (
        400, "FIELD_CUSTOM_VALIDATION_EXCEPTION", ["Minutes__c"])


def test_time_entry_validation_rule_on_update(org, user, make):
    record_id = make("Time_Entry__c", Minutes__c=1440)
    error = error_of(org.update, "Time_Entry__c", record_id, {"Minutes__c": 2000}, user)
    assert error.error_code == "FIELD_CUSTOM_VALIDATION_EXCEPTION"
    assert row(org, record_id)["Minutes__c"] == 1440.0


def test_time_entry_name_is_an_auto_number(org, make):
    assert row(org, make("Time_Entry__c"))["Name"] == "TE-000001"
    assert row(org, make("Time_Entry__c"))["Name"] == "TE-000002"
    assert row(org, make("Time_Entry__c", Billable__c=None))["Billable__c"] is False


def test_failed_write_leaves_the_record_unchanged(org, user, clock, make):
    record_id = make("Opportunity")
    clock.advance(10)
    error_of(org.update, "Opportunity", record_id, {"Name": "new", "StageName": "bogus"}, user)
    assert row(org, record_id)["Name"] == "Acme Corp - 500 Widgets"
    assert row(org, record_id)["SystemModstamp"] == NOW
