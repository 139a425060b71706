"""The engine narrows rows through a source's optional rows_since() when the WHERE requires
a lower bound on a datetime field, and still applies the whole WHERE."""

from __future__ import annotations

import pytest
from soql_double import MemorySource, at

from desktop.sandbox.soql import compile_query, parse


class IndexedSource(MemorySource):
    """MemorySource plus rows_since over SystemModstamp and CreatedDate, recording calls."""

    INDEXED = ("SystemModstamp", "CreatedDate")

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple] = []
        self.scans: list[str] = []

    def rows(self, sobject: str, include_deleted: bool):
        self.scans.append(sobject)
        return super().rows(sobject, include_deleted)

    def rows_since(self, sobject, field, instant, include_deleted, *, by_value=False):
        self.calls.append((sobject, field, instant, by_value))
        if field not in self.INDEXED:
            return None
        rows = [row for row in MemorySource.rows(self, sobject, include_deleted)
                if row[field] is not None and row[field] >= instant]
        return sorted(rows, key=lambda row: (row[field], row["Id"])) if by_value else rows


@pytest.fixture
def indexed(source) -> IndexedSource:
    """The conftest's data set, served by an IndexedSource."""
    copy = IndexedSource()
    copy.tables, copy.by_id = source.tables, source.by_id
    return copy


def ids(schema, source, soql: str, include_deleted: bool = False) -> list[str]:
    query = compile_query(parse(soql), schema)
    return [r["Id"] for r in query.execute(source, include_deleted=include_deleted,
                                           api_version="59.0")]


@pytest.mark.parametrize("where", [
    "SystemModstamp >= 2026-05-20T20:49:32Z",
    "SystemModstamp > 2026-05-20T20:49:32Z",
    "SystemModstamp >= 2026-05-20T20:49:32Z AND IsClosed = false",
    "IsClosed = false AND (StageName != null AND SystemModstamp > 2026-05-20T00:00:00Z)",
    "SystemModstamp >= 2026-05-20T20:49:32Z AND CreatedDate >= 2025-01-01T00:00:00Z",
])
@pytest.mark.parametrize("include_deleted", [False, True])
def test_indexed_and_scanned_answers_are_identical(schema, source, indexed, where,
                                                   include_deleted):
    for order in ("", " ORDER BY SystemModstamp, Id", " ORDER BY Name DESC LIMIT 2"):
        soql = f"SELECT Id FROM Opportunity WHERE {where}{order}"
        assert ids(schema, indexed, soql, include_deleted) == ids(schema, source, soql,
                                                                  include_deleted)
    assert indexed.calls and "Opportunity" not in indexed.scans


def test_the_latest_bound_is_used_first(schema, indexed):
    ids(schema, indexed, "SELECT Id FROM Opportunity WHERE SystemModstamp >= "
        "2026-01-01T00:00:00Z AND CreatedDate > 2026-05-20T00:00:00Z")
    assert indexed.calls[0] == ("Opportunity", "CreatedDate", at("2026-05-20T00:00:00"), False)


def test_a_field_the_source_cannot_index_falls_back_to_the_scan(schema, indexed, source):
    soql = "SELECT Id FROM Case WHERE ClosedDate >= 2026-05-01T00:00:00Z"
    assert ids(schema, indexed, soql) == ids(schema, source, soql) != []
    assert indexed.calls == [("Case", "ClosedDate", at("2026-05-01T00:00:00"), False)]
    assert indexed.scans == ["Case"]


@pytest.mark.parametrize("where", [
    "SystemModstamp >= 2026-05-20T00:00:00Z OR IsClosed = true",  # not required of every row
    "NOT (SystemModstamp < 2026-05-20T00:00:00Z)",
    "SystemModstamp <= 2026-05-20T00:00:00Z",  # upper bounds are not indexed
    "SystemModstamp = 2026-05-20T20:49:32Z",
    "Account.CreatedDate >= 2026-01-01T00:00:00Z",  # a parent's field
    "CloseDate >= 2026-05-01",  # a date, not a datetime
])
def test_other_conditions_scan(schema, indexed, where):
    ids(schema, indexed, f"SELECT Id FROM Opportunity WHERE {where}")
    assert indexed.calls == [] and indexed.scans == ["Opportunity"]


def test_the_whole_where_applies_to_what_the_index_returns(schema, source):
    class Sloppy(MemorySource):
        """Returns every row: the engine must still filter."""

        def rows_since(self, sobject, field, instant, include_deleted, *, by_value=False):
            return list(self.rows(sobject, include_deleted))

    sloppy = Sloppy()
    sloppy.tables, sloppy.by_id = source.tables, source.by_id
    soql = ("SELECT Id FROM Opportunity WHERE SystemModstamp > 2026-05-20T20:49:32Z "
            "ORDER BY SystemModstamp")
    assert ids(schema, sloppy, soql) == ids(schema, source, soql) != []


def test_a_semi_join_runs_only_when_a_row_needs_it(schema, indexed):
    late = "SELECT Id FROM Task WHERE SystemModstamp > 2027-01-01T00:00:00Z AND WhatId IN " \
           "(SELECT Id FROM Opportunity)"
    assert ids(schema, indexed, late) == []
    assert indexed.scans == []  # no candidate Task: the Opportunity subquery never ran
    early = late.replace("2027", "2025")
    assert len(ids(schema, indexed, early)) == 1  # the task on a live opportunity
    assert indexed.scans == ["Opportunity"]


@pytest.mark.parametrize(("order", "by_value"), [
    ("SystemModstamp, Id", True),
    ("SystemModstamp ASC NULLS LAST, Id ASC", True),
    ("SystemModstamp", False),  # ties would come in index order, not the scan's
    ("SystemModstamp DESC, Id", False),
    ("SystemModstamp, Id DESC", False),
    ("CreatedDate, Id", False),  # not the bound's field
    ("SystemModstamp, Id, Name", False),
])
def test_rows_come_sorted_from_the_index_only_for_its_own_order(schema, source, indexed, order,
                                                                 by_value):
    soql = ("SELECT Id FROM Opportunity WHERE SystemModstamp >= 2026-05-20T20:49:32Z "
            f"ORDER BY {order}")
    assert ids(schema, indexed, soql, True) == ids(schema, source, soql, True)
    assert indexed.calls[0][3] is by_value
