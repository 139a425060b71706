"""What the Settings choosers offer from a describe: fields by label (parent names one level
deep, custom fields marked, bare ids left out) and the subtask relationships the sync imports."""

from __future__ import annotations

from desktop.services.field_choices import (
    Choice,
    field_choices,
    object_choices,
    subtask_choices,
    summary,
)
from desktop.sync.metadata import meta_from_describe


def _field(name, label, type_="string", **extra):
    return {"name": name, "label": label, "type": type_, **extra}


CASE = meta_from_describe({
    "name": "Case",
    "fields": [
        _field("Id", "Case ID", "id"),
        _field("CaseNumber", "Case Number"),
        _field("Priority", "Priority", "picklist"),
        _field("ParentId", "Parent Case ID", "reference", relationshipName="Parent",
               referenceTo=["Case"]),
        _field("AccountId", "Account ID", "reference", relationshipName="Account",
               referenceTo=["Account"]),
        _field("Partner__c", "Partner", "reference", relationshipName="Partner__r",
               referenceTo=["Account"]),
        _field("Legacy__c", "Legacy Ref", "reference", referenceTo=["Account"]),  # no name
        _field("Severity__c", "Severity", "double"),
        _field("BillingAddress", "Billing Address", "address"),
    ],
    "childRelationships": [
        {"relationshipName": "Tasks", "childSObject": "Task", "field": "WhatId"},
        {"relationshipName": "Cases", "childSObject": "Case", "field": "ParentId"},
        {"relationshipName": "Events", "childSObject": "Event", "field": "WhatId"},
        {"relationshipName": "CaseComments", "childSObject": "CaseComment", "field": "ParentId"},
        {"relationshipName": None, "childSObject": "Task", "field": "Other"},
    ],
})


def test_fields_by_label_with_parent_names_and_custom_fields():
    choices = field_choices(CASE)
    assert [c.label for c in choices] == [
        "Account Name", "Case Number", "Parent Case Number", "Partner Name", "Priority", "Severity",
    ]
    by_label = {c.label: c for c in choices}
    assert by_label["Account Name"] == Choice("Account.Name", "Account Name", "Account.Name")
    assert by_label["Parent Case Number"].value == "Parent.CaseNumber"
    assert by_label["Partner Name"].value == "Partner__r.Name" and by_label["Partner Name"].custom
    assert by_label["Severity"].custom and not by_label["Priority"].custom


def test_only_relationships_the_sync_imports_as_subtasks():
    assert [(c.value, c.detail) for c in subtask_choices(CASE)] == [
        ("Cases", "Case records linked by ParentId"),
        ("Events", "Event records linked by WhatId"),
        ("Tasks", "Task records linked by WhatId"),
    ]


def test_summary_uses_labels_and_keeps_unknown_values():
    choices = object_choices(CASE)
    assert summary(["Account.Name", "Gone__c"], choices) == "Account Name, Gone__c"
    assert summary(["account.name"], None) == "account.name"
    assert summary([], choices, empty="None") == "None"
