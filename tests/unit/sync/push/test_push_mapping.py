"""Pure parts of write-back: the client-id marker, datetimes, custom-object field detection."""

from datetime import UTC, datetime

import pytest

from desktop.sync.push.mapping import (
    PushSetupError,
    detect_fields,
    from_salesforce_datetime,
    marked_client_id,
    to_salesforce_datetime,
    with_marker,
    without_marker,
)

CLIENT_ID = "0b5d7c9e-3f1a-4c2b-9d8e-7a6b5c4d3e2f"


def test_marker_round_trip():
    text = with_marker("Call notes\nsecond line", CLIENT_ID, 32000)
    assert text == f"Call notes\nsecond line\n\n[stint:{CLIENT_ID}]"
    assert marked_client_id(text) == CLIENT_ID
    assert without_marker(text) == "Call notes\nsecond line"
    assert with_marker("", CLIENT_ID, 32000) == f"[stint:{CLIENT_ID}]"
    assert marked_client_id("no marker here") is None and marked_client_id(None) is None


def test_a_long_note_is_shortened_but_the_marker_stays():
    text = with_marker("x" * 100, CLIENT_ID, 60)
    assert len(text) <= 60 and marked_client_id(text) == CLIENT_ID


def test_datetimes():
    moment = datetime(2026, 11, 16, 8, 0, 5, 123456, tzinfo=UTC)
    assert to_salesforce_datetime(moment) == "2026-11-16T08:00:05.123Z"
    assert from_salesforce_datetime("2026-11-16T08:00:05.123+0000") == moment.replace(
        microsecond=123000)
    assert from_salesforce_datetime(None) is None


def _field(name, type_, **extra):
    return {"name": name, "type": type_, "custom": name.endswith("__c"), "createable": True,
            "label": name, "externalId": False, "referenceTo": [], "length": 0, **extra}


DESCRIBE = {"name": "Work_Log__c", "fields": [
    _field("Id", "id", custom=False, createable=False),
    _field("CreatedDate", "datetime", custom=False, createable=False),
    _field("Matter__c", "reference", referenceTo=["Opportunity"]),
    _field("Ticket__c", "reference", referenceTo=["Case"]),
    _field("Began__c", "datetime"),
    _field("Duration_Minutes__c", "double"),
    _field("Comments__c", "textarea", length=4000),
    _field("Is_Billable__c", "boolean"),
    _field("Sync_Key__c", "string", externalId=True, length=36),
]}


def test_fields_are_detected_from_describe():
    found = detect_fields(DESCRIBE, {})
    assert (found.opportunity, found.case, found.start, found.minutes) == (
        "Matter__c", "Ticket__c", "Began__c", "Duration_Minutes__c")
    assert (found.note, found.note_length, found.billable, found.external_id) == (
        "Comments__c", 4000, "Is_Billable__c", "Sync_Key__c")


def test_settings_override_detection_and_missing_fields_are_named():
    describe = {**DESCRIBE, "fields": [*DESCRIBE["fields"], _field("Logged__c", "datetime")]}
    assert detect_fields(describe, {"start": "logged__c"}).start == "Logged__c"
    with pytest.raises(PushSetupError, match="field Nope__c set for 'note' does not exist"):
        detect_fields(DESCRIBE, {"note": "Nope__c"})
    bare = {"name": "Thing__c", "fields": [_field("Began__c", "datetime")]}
    with pytest.raises(PushSetupError) as caught:
        detect_fields(bare, {})
    assert "external_id, minutes, a lookup to Opportunity or Case" in caught.value.message


def test_event_times_compare_at_salesforce_precision():
    """Issue 11 follow-up a: Salesforce keeps Event times to the second and may set the end
    from the whole minutes of DurationInMinutes; neither is a change made in Salesforce."""
    from desktop.domain.entries import TimeEntry
    from desktop.sync.push.targets import EventTarget, Link

    start = datetime(2026, 11, 16, 8, 0, 5, 700000, tzinfo=UTC)
    end = datetime(2026, 11, 16, 9, 0, 44, 300000, tzinfo=UTC)  # 1 h 0 min 38.6 s
    entry = TimeEntry(start=start, end=end, item_id="006A", note="n", client_id=CLIENT_ID)
    link = Link("006A", "Opportunity", "Deal")
    target = EventTarget()

    def record(start_text: str, end_text: str) -> dict:
        return {"StartDateTime": start_text, "EndDateTime": end_text, "WhatId": "006A",
                "Description": with_marker("n", CLIENT_ID, 32000)}

    as_pushed = record("2026-11-16T08:00:05.000+0000", "2026-11-16T09:00:44.000+0000")
    assert target.remote_changes(as_pushed, entry, link) == {}
    end_from_minutes = record("2026-11-16T08:00:05.000+0000", "2026-11-16T09:00:05.000+0000")
    assert target.remote_changes(end_from_minutes, entry, link) == {}
    moved = record("2026-11-16T08:30:05.000+0000", "2026-11-16T09:30:05.000+0000")
    assert set(target.remote_changes(moved, entry, link)) == {"start", "end"}
    shortened = record("2026-11-16T08:00:05.000+0000", "2026-11-16T08:30:05.000+0000")
    assert target.remote_changes(shortened, entry, link)["end"] == datetime(
        2026, 11, 16, 8, 30, 5, tzinfo=UTC)
