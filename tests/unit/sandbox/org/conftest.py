"""Fixtures for the sandbox org tests: an empty org on a frozen clock, and its api user."""

from __future__ import annotations

import pytest
from org_testing import NOW

from desktop.sandbox.clock import Clock
from desktop.sandbox.org import Org


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW, frozen=True)


@pytest.fixture
def org(clock):
    return Org(clock)


@pytest.fixture
def user(org):
    return org.api_user


@pytest.fixture
def make(org, user):
    """create() with sensible required values, overridable: make("Opportunity", Name="x")."""
    defaults = {
        "Account": {"Name": "Acme Corp"},
        "Contact": {"LastName": "Doe"},
        "Opportunity": {"Name": "Acme Corp - 500 Widgets", "StageName": "Prospecting",
                        "CloseDate": "2026-06-30"},
        "Case": {"Subject": "Login page times out"},
        "Task": {"Subject": "Call"},
        "Event": {"Subject": "Demo", "StartDateTime": "2026-05-21T09:00:00Z",
                  "DurationInMinutes": 60},
        "Time_Entry__c": {"Minutes__c": 30, "Start__c": "2026-05-20T08:00:00Z"},
    }

    def create(sobject: str, **values) -> str:
        return org.create(sobject, {**defaults.get(sobject, {}), **values}, user)

    return create

