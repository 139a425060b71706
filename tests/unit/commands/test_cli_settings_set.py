"""`stint settings set` checks a value down to its parts and refuses with one plain line
(issue 11, point 11); `null` clears a setting that can be empty."""

from __future__ import annotations

import pytest


def _settings(stint) -> dict:
    return stint("settings", "--json").json()["settings"]


@pytest.mark.parametrize(("key", "value", "message"), [
    ("extra_fields", '{"Opportunity": "notalist"}',
     "stint: extra_fields: the value for 'Opportunity' must be a list of names, e.g. "
     '{"Opportunity": ["StageName", "Amount"]} (not "notalist").'),
    ("extra_fields", '{"Opportunity": ["StageName", 3]}',
     "stint: extra_fields: the value for 'Opportunity' must be a list of names"),
    ("extra_fields", '["StageName"]', "stint: extra_fields is a JSON object"),
    ("extra_fields", "{nope", "stint: extra_fields is a JSON object"),
    ("extra_fields", '{"Opp ortunity": ["Name"]}',
     "stint: extra_fields: 'Opp ortunity' is not a Salesforce API name"),
    ("extra_fields", '{"Opportunity": ["Stage Name"]}',
     "stint: These are not Salesforce field names: Stage Name."),
    ("child_relationships", '{"Case": "Tasks"}',
     "stint: child_relationships: the value for 'Case' must be a list of names"),
    ("writeback_field_map", '{"minutes": 5}',
     "stint: writeback_field_map: the value for 'minutes' must be a field's API name"),
    ("writeback_field_map", '{"hours": "Hours__c"}',
     "stint: writeback_field_map: 'hours' is none of opportunity, case, start, minutes"),
    ("only_mine", "null", "stint: only_mine cannot be cleared: it is true or false."),
    ("sync_interval_minutes", "null",
     "stint: sync_interval_minutes cannot be cleared: it is a whole number."),
    ("login_url", "null", "stint: The login URL must start with https://"),
    ("opportunity_stage_trigger", "Closed Won",
     "stint: Stint does not know this org's opportunity stages yet: connect (`stint connect`) "
     "and sync once, then set the stage filter."),
])
def test_a_value_of_the_wrong_shape_is_refused_and_nothing_changes(stint, key, value, message):
    before = _settings(stint)
    refused = stint("settings", "set", key, value)
    assert refused.code == 1 and refused.out == ""
    assert refused.err.startswith(message) and refused.err.count("\n") == 1, refused.err
    assert _settings(stint) == before


def test_well_formed_values_are_stored_and_null_clears(stint):
    assert stint("settings", "set", "extra_fields",
                 '{"Opportunity": ["StageName"], "Case": []}').code == 0
    assert _settings(stint)["extra_fields"] == {"Opportunity": ["StageName"], "Case": []}
    assert stint("settings", "set", "writeback_field_map", '{"minutes": "Minutes__c"}').code == 0
    assert stint("settings", "set", "extra_fields", "null").code == 0
    assert stint("settings", "set", "writeback_field_map", "null").code == 0
    assert stint("settings", "set", "consumer_key", "null").code == 0
    assert stint("settings", "set", "specific_ids", "null").code == 0
    shown = _settings(stint)
    assert (shown["extra_fields"], shown["writeback_field_map"]) == ({}, {})
    assert (shown["consumer_key"], shown["specific_ids"]) == ("", [])


def test_the_stage_filter_takes_only_a_stage_of_the_org(connected_cli, sandbox):
    assert connected_cli("sync").code == 0
    refused = connected_cli("settings", "set", "opportunity_stage_trigger", "Signed")
    assert refused.code == 1 and refused.err.startswith(
        "stint: The org has no opportunity stage 'Signed'. Its stages: Prospecting, ")
    assert "Closed Won" in refused.err and refused.err.count("\n") == 1
    assert _settings(connected_cli)["opportunity_stage_trigger"] is None

    taken = connected_cli("settings", "set", "opportunity_stage_trigger", "closed won")
    assert (taken.code, taken.out) == (0, "opportunity_stage_trigger = Closed Won\n")
    assert connected_cli("sync").code == 0  # and the syncs go on working

    assert connected_cli("settings", "set", "opportunity_stage_trigger", "null").code == 0
    assert _settings(connected_cli)["opportunity_stage_trigger"] is None


def test_without_a_kept_describe_the_stages_are_asked_of_salesforce(connected_cli):
    # connected, never synced: no describe kept yet, so the stage is looked up in the org
    taken = connected_cli("settings", "set", "opportunity_stage_trigger", "Closed Won")
    assert (taken.code, taken.err) == (0, "")
    refused = connected_cli("settings", "set", "opportunity_stage_trigger", "Won Big")
    assert refused.code == 1 and "Its stages: Prospecting, " in refused.err
