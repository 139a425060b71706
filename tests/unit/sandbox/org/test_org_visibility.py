"""set_hidden: a record leaves the api user's sharing without being changed."""

from datetime import timedelta

from org_testing import NOW, error_of, row


def test_hidden_record_is_invisible_to_the_api_user(org, user, make):
    record_id = make("Opportunity")
    org.set_hidden(record_id, True)
    assert row(org, record_id)["SystemModstamp"] == NOW  # sharing changes do not touch the record
    assert error_of(org.retrieve, "Opportunity", record_id, None, user, "59.0").status == 404
    assert error_of(org.update, "Opportunity", record_id, {"Name": "x"}, user).status == 404
    assert org.updated("Opportunity", NOW - timedelta(days=1), NOW)["ids"] == []


def test_hidden_record_stays_visible_to_other_users(org, make):
    other = org.add_user("admin@example.com", "Ada", "Admin", password="pw", security_token="t")
    record_id = make("Opportunity")
    org.set_hidden(record_id, True)
    assert org.retrieve("Opportunity", record_id, ["Id"], other, "59.0")["Id"] == record_id


def test_unhiding_restores_visibility(org, user, make):
    record_id = make("Case")
    org.set_hidden(record_id, True)
    org.set_hidden(record_id, False)
    assert org.retrieve("Case", record_id, ["Id"], user, "59.0")["Id"] == record_id


def test_hidden_parent_cannot_be_referenced(org, user, make):
    opp_id = make("Opportunity")
    org.set_hidden(opp_id, True)
    error = error_of(make, "Time_Entry__c", Opportunity__c=opp_id)
    assert (error.error_code, error.fields) == ("INVALID_CROSS_REFERENCE_KEY", ["Opportunity__c"])


def test_hiding_an_unknown_record_is_404(org):
    assert error_of(org.set_hidden, "006000000000001AAA", True).status == 404


def test_users_and_api_access(org):
    assert org.user_by_username("STINT.USER@example.com") is org.api_user
    assert org.user_by_id(org.api_user.id[:15]) is org.api_user
    assert org.user_by_id("garbage") is None
    org.set_api_enabled("stint.user@example.com", False)
    assert org.api_user.api_enabled is False
