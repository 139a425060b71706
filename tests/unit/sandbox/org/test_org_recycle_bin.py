"""Delete to the recycle bin, cascades, undelete, and the updated/deleted replication windows."""

from datetime import timedelta

from org_testing import NOW, error_of, row


def test_delete_moves_to_the_recycle_bin(org, user, clock, make):
    record_id = make("Account")
    clock.advance(30)
    org.delete("Account", record_id, user)
    stored = row(org, record_id)
    assert stored["IsDeleted"] is True
    assert stored["SystemModstamp"] == clock.now()
    error = error_of(org.retrieve, "Account", record_id, None, user, "59.0")
    assert (error.status, error.error_code) == (404, "ENTITY_IS_DELETED")
    assert error_of(org.delete, "Account", record_id, user).error_code == "ENTITY_IS_DELETED"
    assert error_of(org.update, "Account", record_id, {"Name": "x"}, user).status == 404


def test_deleting_an_opportunity_cascades_to_its_activities(org, user, make):
    opp_id, other_opp = make("Opportunity"), make("Opportunity")
    task_id, event_id = make("Task", WhatId=opp_id), make("Event", WhatId=opp_id)
    unrelated = make("Task", WhatId=other_opp)
    entry = make("Time_Entry__c", Opportunity__c=opp_id)
    org.delete("Opportunity", opp_id, user)
    assert row(org, task_id)["IsDeleted"] and row(org, event_id)["IsDeleted"]
    assert not row(org, unrelated)["IsDeleted"]
    assert not row(org, entry)["IsDeleted"]  # a plain lookup does not cascade


def test_deleting_a_case_cascades_to_its_tasks(org, user, make):
    case_id = make("Case")
    task_id = make("Task", WhatId=case_id)
    org.delete("Case", case_id, user)
    assert row(org, task_id)["IsDeleted"]


def test_undelete_restores_the_record_and_its_cascade(org, user, clock, make):
    opp_id = make("Opportunity")
    task_id = make("Task", WhatId=opp_id)
    deleted_alone = make("Task", WhatId=opp_id)
    org.delete("Task", deleted_alone, user)
    org.delete("Opportunity", opp_id, user)
    clock.advance(5)
    org.undelete(opp_id)
    assert not row(org, opp_id)["IsDeleted"] and not row(org, task_id)["IsDeleted"]
    assert row(org, opp_id)["SystemModstamp"] == clock.now()
    assert row(org, deleted_alone)["IsDeleted"]  # deleted on its own: stays in the bin
    assert org.retrieve("Opportunity", opp_id, ["Id"], user, "59.0")["Id"] == opp_id


def test_undelete_of_a_live_or_unknown_record(org, user, make):
    error = error_of(org.undelete, make("Account"))
    assert (error.status, error.error_code) == (400, "UNDELETE_FAILED")
    assert error_of(org.undelete, "001000000000001AAA").status == 404


def test_updated_reports_ids_changed_in_the_window(org, user, clock, make):
    old = make("Account")
    clock.advance(600)
    start = clock.now()
    changed = make("Account")
    clock.advance(60)
    org.update("Account", old, {"Name": "touched"}, user)
    deleted = make("Account")
    org.delete("Account", deleted, user)
    result = org.updated("Account", start, clock.now() + timedelta(days=1))
    assert sorted(result["ids"]) == sorted([changed, old])
    assert result["latestDateCovered"] == "2026-05-20T21:00:32.000+0000"  # capped at now
    assert org.updated("Account", start + timedelta(seconds=1), clock.now())["ids"] == [old]


def test_updated_window_may_start_at_most_30_days_back(org, clock):
    assert org.updated("Account", NOW - timedelta(days=29), NOW)["ids"] == []
    error = error_of(org.updated, "Account", NOW - timedelta(days=31), NOW)
    assert (error.status, error.error_code) == (400, "INVALID_REPLICATION_DATE")
    error = error_of(org.updated, "Account", NOW, NOW - timedelta(hours=1))
    assert error.error_code == "INVALID_REPLICATION_DATE"


def test_deleted_reports_ids_and_dates(org, user, clock, make):
    opp_id = make("Opportunity")
    task_id = make("Task", WhatId=opp_id)
    clock.advance(120)
    org.delete("Opportunity", opp_id, user)
    window = (NOW, clock.now())
    assert org.deleted("Opportunity", *window)["deletedRecords"] == [
        {"id": opp_id, "deletedDate": "2026-05-20T20:51:32.000+0000"}]
    assert org.deleted("Task", *window)["deletedRecords"][0]["id"] == task_id
    assert org.deleted("Opportunity", clock.now() + timedelta(seconds=1),
                       clock.now() + timedelta(hours=1))["deletedRecords"] == []
    org.undelete(opp_id)
    assert org.deleted("Opportunity", *window)["deletedRecords"] == []


def test_deleted_window_may_start_at_most_15_days_back(org):
    assert "earliestDateAvailable" in org.deleted("Case", NOW - timedelta(days=14), NOW)
    error = error_of(org.deleted, "Case", NOW - timedelta(days=16), NOW)
    assert error.error_code == "INVALID_REPLICATION_DATE"


def test_replication_of_an_unknown_object_is_404(org):
    assert error_of(org.updated, "Nope", NOW, NOW).status == 404


def test_recycle_bin_is_emptied_after_15_days(org, user, clock, make):
    old, recent = make("Case"), make("Case")
    org.delete("Case", old, user)
    clock.advance(10 * 86400)
    org.delete("Case", recent, user)
    clock.advance(6 * 86400)  # old: 16 days in the bin, recent: 6
    total, records = org.query("SELECT Id FROM Case", include_deleted=True, user=user,
                               api_version="59.0")
    assert [r["Id"] for r in records] == [recent]
    assert org._store.get(old) is None
    assert error_of(org.undelete, old).status == 404
    result = org.deleted("Case", clock.now() - timedelta(days=14), clock.now())
    assert [r["id"] for r in result["deletedRecords"]] == [recent]
    assert result["earliestDateAvailable"] == "2026-05-20T20:49:32.000+0000"  # the purged deletion
