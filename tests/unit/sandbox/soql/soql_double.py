"""A small in-memory Schema and RecordSource for the SOQL tests and benchmark.

Objects: User, Account (Owner -> User), Opportunity (Account -> Account), Case (Parent -> Case,
Account -> Account), Task (What -> Opportunity | Case, polymorphic).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from desktop.sandbox import ids


@dataclass
class FieldDouble:
    name: str
    type: str
    reference_to: list[str] = field(default_factory=list)
    relationship_name: str | None = None


@dataclass
class ObjectDouble:
    name: str
    key_prefix: str
    fields: list[FieldDouble]
    name_field_name: str = "Name"

    @property
    def name_field(self) -> FieldDouble | None:
        return self.field(self.name_field_name)

    def field(self, name: str) -> FieldDouble | None:
        return next((f for f in self.fields if f.name.lower() == name.lower()), None)

    def relationship(self, name: str) -> FieldDouble | None:
        return next((f for f in self.fields if f.relationship_name
                     and f.relationship_name.lower() == name.lower()), None)


def _system(*fields: FieldDouble) -> list[FieldDouble]:
    return [FieldDouble("Id", "id"), *fields, FieldDouble("IsDeleted", "boolean"),
            FieldDouble("CreatedDate", "datetime"), FieldDouble("SystemModstamp", "datetime")]


def _ref(name: str, targets: list[str], relationship: str) -> FieldDouble:
    return FieldDouble(name, "reference", targets, relationship)


OBJECTS = [
    ObjectDouble("User", "005", _system(FieldDouble("Name", "string"),
                                        FieldDouble("Email", "email"))),
    ObjectDouble("Account", "001", _system(
        FieldDouble("Name", "string"), FieldDouble("Industry", "picklist"),
        FieldDouble("AnnualRevenue", "currency"), FieldDouble("NumberOfEmployees", "int"),
        _ref("OwnerId", ["User"], "Owner"))),
    ObjectDouble("Opportunity", "006", _system(
        FieldDouble("Name", "string"), FieldDouble("StageName", "picklist"),
        FieldDouble("CloseDate", "date"), FieldDouble("Amount", "currency"),
        FieldDouble("Probability", "percent"), FieldDouble("IsClosed", "boolean"),
        FieldDouble("IsWon", "boolean"), FieldDouble("Description", "textarea"),
        FieldDouble("NextStep", "string"),
        _ref("AccountId", ["Account"], "Account"), _ref("OwnerId", ["User"], "Owner"))),
    ObjectDouble("Case", "500", _system(
        FieldDouble("CaseNumber", "string"), FieldDouble("Subject", "string"),
        FieldDouble("Status", "picklist"), FieldDouble("IsClosed", "boolean"),
        FieldDouble("ClosedDate", "datetime"), _ref("ParentId", ["Case"], "Parent"),
        _ref("AccountId", ["Account"], "Account")), name_field_name="CaseNumber"),
    ObjectDouble("Task", "00T", _system(
        FieldDouble("Subject", "string"), FieldDouble("Status", "picklist"),
        FieldDouble("ActivityDate", "date"), FieldDouble("IsClosed", "boolean"),
        _ref("WhatId", ["Opportunity", "Case"], "What"))),
]


class SchemaDouble:
    def __init__(self) -> None:
        self._objects = {obj.name.lower(): obj for obj in OBJECTS}

    def sobject(self, name: str) -> ObjectDouble | None:
        return self._objects.get(name.lower())


_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def make_id(prefix: str, number: int) -> str:
    digits = ""
    for _ in range(9):
        number, rest = divmod(number, 62)
        digits = _BASE62[rest] + digits
    return ids.to_18(prefix + "5g0" + digits)


class MemorySource:
    """Rows per object in insertion order; get() hides deleted rows, as the org does."""

    def __init__(self) -> None:
        self.tables: dict[str, list[dict]] = {obj.name: [] for obj in OBJECTS}
        self.by_id: dict[str, tuple[str, dict]] = {}
        self.get_calls = 0
        self._counter = 0

    def add(self, sobject: str, **values) -> str:
        self._counter += 1
        prefix = next(obj.key_prefix for obj in OBJECTS if obj.name == sobject)
        row = {"Id": make_id(prefix, self._counter), "IsDeleted": False,
               "CreatedDate": datetime(2026, 1, 1, tzinfo=UTC),
               "SystemModstamp": datetime(2026, 1, 1, tzinfo=UTC), **values}
        self.tables[sobject].append(row)
        self.by_id[row["Id"]] = (sobject, row)
        return row["Id"]

    def rows(self, sobject: str, include_deleted: bool):
        rows = self.tables[sobject]
        if include_deleted:
            return iter(rows)
        return (row for row in rows if not row["IsDeleted"])

    def get(self, record_id: str):
        self.get_calls += 1
        entry = self.by_id.get(record_id)
        if entry is None or entry[1]["IsDeleted"]:
            return None
        return entry


def at(text: str) -> datetime:
    """An aware UTC datetime from '2026-05-20T20:49:32.123'."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def on(text: str) -> date:
    return date.fromisoformat(text)
