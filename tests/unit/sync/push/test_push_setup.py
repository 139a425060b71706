"""The settings page can offer the org's custom time-entry objects."""

from push_helpers import connect

from desktop.sync.push.time_entry_objects import find_time_entry_objects


def test_the_sandbox_time_entry_object_is_found_with_its_fields(sandbox):
    with connect(sandbox) as client:
        [found] = find_time_entry_objects(client)
        assert (found.name, found.label) == ("Time_Entry__c", "Time Entry")
        assert (found.fields.opportunity, found.fields.case, found.fields.external_id) == (
            "Opportunity__c", "Case__c", "Stint_Client_Id__c")
        assert client.api_calls == 2  # the object list, one describe
