"""The objects of the sandbox org: the standard ones Stint uses plus the custom Time_Entry__c.

Field names, types, lengths and labels follow Salesforce's standard objects; key prefixes are the
real ones (a0X for the custom object is made up, as custom prefixes are per org).
"""

from __future__ import annotations

from desktop.sandbox.schema import FieldInfo, ObjectInfo, PicklistEntry, Schema

_LENGTHS = {"id": 18, "reference": 18, "email": 80, "phone": 40, "url": 255, "picklist": 255}
_NUMBER_SHAPES = {  # (precision, scale, digits)
    "currency": (18, 2, 0),
    "double": (18, 2, 0),
    "percent": (3, 0, 0),
    "int": (0, 0, 9),
}

# Stages of the OpportunityStage table: (label, closed, won, default probability).
OPPORTUNITY_STAGES = [
    ("Prospecting", False, False, 10.0),
    ("Qualification", False, False, 10.0),
    ("Needs Analysis", False, False, 20.0),
    ("Value Proposition", False, False, 50.0),
    ("Id. Decision Makers", False, False, 60.0),
    ("Perception Analysis", False, False, 70.0),
    ("Proposal/Price Quote", False, False, 75.0),
    ("Negotiation/Review", False, False, 90.0),
    ("Closed Won", True, True, 100.0),
    ("Closed Lost", True, False, 0.0),
    # an org-specific closed stage: closed but neither won nor lost
    ("Closed - Merged", True, False, 0.0),
]
# (label, closed, default)
CASE_STATUSES = [
    ("New", False, True),
    ("Working", False, False),
    ("Escalated", False, False),
    ("On Hold", False, False),
    ("Closed", True, False),
]
TASK_STATUSES = [
    ("Not Started", False, True),
    ("In Progress", False, False),
    ("Completed", True, False),
    ("Waiting on someone else", False, False),
    ("Deferred", False, False),
]


def _f(name: str, type_: str, label: str, **attrs) -> FieldInfo:
    attrs.setdefault("length", _LENGTHS.get(type_, 0))
    precision, scale, digits = _NUMBER_SHAPES.get(type_, (0, 0, 0))
    attrs.setdefault("precision", precision)
    attrs.setdefault("scale", scale)
    attrs.setdefault("digits", digits)
    if name.endswith("__c"):
        attrs.setdefault("custom", True)
    return FieldInfo(name=name, type=type_, label=label, **attrs)


def _read_only(name: str, type_: str, label: str, **attrs) -> FieldInfo:
    return _f(name, type_, label, createable=False, updateable=False, derived=True, **attrs)


def _picklist(values: list[str], default: str | None = None) -> tuple[PicklistEntry, ...]:
    return tuple(PicklistEntry(v, v, True, v == default) for v in values)


def _ref(name: str, label: str, targets: list[str], relationship: str, **attrs) -> FieldInfo:
    return _f(name, "reference", label, reference_to=targets, relationship_name=relationship, **attrs)


def _system_fields(*, owner: bool) -> list[FieldInfo]:
    fields = [
        _f("Id", "id", "Record ID", nillable=False, createable=False, updateable=False,
           defaulted_on_create=True, id_lookup=True),
        _f("IsDeleted", "boolean", "Deleted", nillable=False, createable=False,
           updateable=False, defaulted_on_create=True),
        _read_only("CreatedDate", "datetime", "Created Date", nillable=False, defaulted_on_create=True),
        _f("CreatedById", "reference", "Created By ID", reference_to=["User"],
           relationship_name="CreatedBy", nillable=False, createable=False, updateable=False,
           derived=True, defaulted_on_create=True),
        _read_only("LastModifiedDate", "datetime", "Last Modified Date", nillable=False,
                   defaulted_on_create=True),
        _f("LastModifiedById", "reference", "Last Modified By ID", reference_to=["User"],
           relationship_name="LastModifiedBy", nillable=False, createable=False,
           updateable=False, derived=True, defaulted_on_create=True),
        _read_only("SystemModstamp", "datetime", "System Modstamp", nillable=False,
                   defaulted_on_create=True),
    ]
    if owner:
        fields.append(
            _ref("OwnerId", "Owner ID", ["User"], "Owner", nillable=False, defaulted_on_create=True)
        )
    return fields


def _status_object(name: str, label: str, plural: str, extra: list[FieldInfo]) -> ObjectInfo:
    fields = _system_fields(owner=False) + [
        _f("MasterLabel", "string", "Master Label", length=255, nillable=False, name_field=True),
        _f("ApiName", "string", "Api Name", length=255, nillable=False),
        _f("SortOrder", "int", "Sort Order"),
        *extra,
    ]
    for f in fields:
        f.createable = f.updateable = False
    return ObjectInfo(name, label, plural, "01J", fields,
                      createable=False, updateable=False, deletable=False)


def build_schema() -> Schema:
    user = ObjectInfo("User", "User", "Users", "005", _system_fields(owner=False) + [
        _f("Username", "string", "Username", length=80, nillable=False, unique=True, id_lookup=True),
        _f("LastName", "string", "Last Name", length=80, nillable=False),
        _f("FirstName", "string", "First Name", length=40),
        _read_only("Name", "string", "Full Name", length=121, name_field=True),
        _f("Alias", "string", "Alias", length=8, nillable=False),
        _f("Email", "email", "Email", nillable=False),
        _f("Title", "string", "Title", length=80),
        _f("IsActive", "boolean", "Active", nillable=False, defaulted_on_create=True, default_value=True),
    ], createable=False, updateable=False, deletable=False)

    account = ObjectInfo("Account", "Account", "Accounts", "001", _system_fields(owner=True) + [
        _f("Name", "string", "Account Name", length=255, nillable=False, name_field=True),
        _f("Type", "picklist", "Account Type", picklist=_picklist(
            ["Prospect", "Customer - Direct", "Customer - Channel", "Partner", "Other"])),
        _f("Industry", "picklist", "Industry", picklist=_picklist(
            ["Banking", "Consulting", "Education", "Energy", "Healthcare", "Manufacturing",
             "Media", "Retail", "Technology", "Transportation", "Other"])),
        _f("BillingCity", "string", "Billing City", length=40),
        _f("BillingCountry", "string", "Billing Country", length=80),
        _f("Phone", "phone", "Account Phone"),
        _f("Website", "url", "Website"),
        _f("Description", "textarea", "Account Description", length=32000),
    ])

    contact = ObjectInfo("Contact", "Contact", "Contacts", "003", _system_fields(owner=True) + [
        _f("FirstName", "string", "First Name", length=40),
        _f("LastName", "string", "Last Name", length=80, nillable=False),
        _read_only("Name", "string", "Full Name", length=121, name_field=True),
        _ref("AccountId", "Account ID", ["Account"], "Account", child_relationship_name="Contacts"),
        _f("Title", "string", "Title", length=128),
        _f("Email", "email", "Email"),
        _f("Phone", "phone", "Business Phone"),
    ])

    opportunity = ObjectInfo("Opportunity", "Opportunity", "Opportunities", "006",
                             _system_fields(owner=True) + [
        _f("Name", "string", "Name", length=120, nillable=False, name_field=True),
        _ref("AccountId", "Account ID", ["Account"], "Account",
             child_relationship_name="Opportunities"),
        _f("StageName", "picklist", "Stage", nillable=False, picklist_source="OpportunityStage",
           restricted_picklist=True),
        _f("CloseDate", "date", "Close Date", nillable=False),
        _f("Amount", "currency", "Amount"),
        _f("Probability", "percent", "Probability (%)", defaulted_on_create=True),
        _read_only("IsClosed", "boolean", "Closed", nillable=False, defaulted_on_create=True),
        _read_only("IsWon", "boolean", "Won", nillable=False, defaulted_on_create=True),
        _f("Type", "picklist", "Opportunity Type", picklist=_picklist(
            ["New Customer", "Existing Customer - Upgrade", "Existing Customer - Replacement",
             "Existing Customer - Downgrade"])),
        _f("LeadSource", "picklist", "Lead Source", picklist=_picklist(
            ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"])),
        _f("NextStep", "string", "Next Step", length=255),
        _f("Description", "textarea", "Description", length=32000),
    ])

    case = ObjectInfo("Case", "Case", "Cases", "500", _system_fields(owner=True) + [
        _f("CaseNumber", "string", "Case Number", length=30, nillable=False, createable=False,
           updateable=False, auto_number=True, name_field=True, defaulted_on_create=True,
           id_lookup=True),
        _f("Subject", "string", "Subject", length=255),
        _f("Description", "textarea", "Description", length=32000),
        _f("Status", "picklist", "Status", picklist_source="CaseStatus", restricted_picklist=True,
           defaulted_on_create=True),
        _read_only("IsClosed", "boolean", "Closed", nillable=False, defaulted_on_create=True),
        _read_only("ClosedDate", "datetime", "Closed Date"),
        _ref("ParentId", "Parent Case ID", ["Case"], "Parent", child_relationship_name="Cases"),
        _ref("AccountId", "Account ID", ["Account"], "Account", child_relationship_name="Cases"),
        _ref("ContactId", "Contact ID", ["Contact"], "Contact", child_relationship_name="Cases"),
        _f("Priority", "picklist", "Priority", restricted_picklist=True, defaulted_on_create=True,
           picklist=_picklist(["High", "Medium", "Low"], default="Medium")),
        _f("Origin", "picklist", "Case Origin", picklist=_picklist(["Phone", "Email", "Web"])),
    ])

    def activity_links(child_name: str) -> list[FieldInfo]:
        return [
            _ref("WhatId", "Related To ID", ["Account", "Opportunity", "Case"], "What",
                 child_relationship_name=child_name, cascade_delete=True),
            _ref("WhoId", "Name ID", ["Contact"], "Who", child_relationship_name=child_name,
                 cascade_delete=True),
        ]

    task = ObjectInfo("Task", "Task", "Tasks", "00T", _system_fields(owner=True) + [
        _f("Subject", "combobox", "Subject", length=255, name_field=True),
        *activity_links("Tasks"),
        _f("ActivityDate", "date", "Due Date Only"),
        _f("Status", "picklist", "Status", nillable=False, picklist_source="TaskStatus",
           restricted_picklist=True, defaulted_on_create=True),
        _f("Priority", "picklist", "Priority", nillable=False, restricted_picklist=True,
           defaulted_on_create=True, picklist=_picklist(["High", "Normal", "Low"], default="Normal")),
        _read_only("IsClosed", "boolean", "Closed", nillable=False, defaulted_on_create=True),
        _f("Description", "textarea", "Description", length=32000),
    ])

    event = ObjectInfo("Event", "Event", "Events", "00U", _system_fields(owner=True) + [
        _f("Subject", "combobox", "Subject", length=255, name_field=True),
        *activity_links("Events"),
        _f("StartDateTime", "datetime", "Start Date Time"),
        _f("EndDateTime", "datetime", "End Date Time"),
        _f("DurationInMinutes", "int", "Duration"),
        _f("ActivityDateTime", "datetime", "Due Date Time"),
        _read_only("ActivityDate", "date", "Due Date Only"),
        _f("IsAllDayEvent", "boolean", "All-Day Event", nillable=False, defaulted_on_create=True,
           default_value=False),
        _f("Location", "string", "Location", length=255),
        _f("Description", "textarea", "Description", length=32000),
    ])

    time_entry = ObjectInfo("Time_Entry__c", "Time Entry", "Time Entries", "a0X",
                            _system_fields(owner=True) + [
        _f("Name", "string", "Time Entry Number", length=80, nillable=False, createable=False,
           updateable=False, auto_number=True, name_field=True, defaulted_on_create=True,
           custom=False),
        _ref("Opportunity__c", "Opportunity", ["Opportunity"], "Opportunity__r",
             child_relationship_name="Time_Entries__r"),
        _ref("Case__c", "Case", ["Case"], "Case__r", child_relationship_name="Time_Entries__r"),
        _f("Start__c", "datetime", "Start"),
        _f("Minutes__c", "double", "Minutes"),
        _f("Note__c", "textarea", "Note", length=32768),
        _f("Billable__c", "boolean", "Billable", nillable=False, defaulted_on_create=True,
           default_value=False),
        _f("Stint_Client_Id__c", "string", "Stint Client Id", length=36, external_id=True,
           unique=True, id_lookup=True),
    ], custom=True)

    opportunity_stage = _status_object("OpportunityStage", "Opportunity Stage",
                                       "Opportunity Stages", [
        _f("IsActive", "boolean", "Is Active", nillable=False),
        _f("IsClosed", "boolean", "Closed", nillable=False),
        _f("IsWon", "boolean", "Won", nillable=False),
        _f("DefaultProbability", "percent", "Probability (%)"),
        _f("ForecastCategoryName", "string", "Forecast Category", length=40),
    ])
    case_status = _status_object("CaseStatus", "Case Status Value", "Case Status Values", [
        _f("IsDefault", "boolean", "Is Default", nillable=False),
        _f("IsClosed", "boolean", "Closed", nillable=False),
    ])
    task_status = _status_object("TaskStatus", "Task Status Value", "Task Status Values", [
        _f("IsDefault", "boolean", "Is Default", nillable=False),
        _f("IsClosed", "boolean", "Closed", nillable=False),
    ])
    return Schema([account, contact, user, opportunity, opportunity_stage, case, case_status,
                   task, task_status, event, time_entry])
