"""A smoke test against a real Salesforce org (a free Developer Edition works): connect, a
full and an incremental sync, a change made in the org seen by the next sync, and write-back
of one time entry and its removal.

It changes the org only with records it creates and deletes again: one Task on an open
Opportunity and one Event (the written-back entry). Skipped unless STINT_LIVE_* variables name
the org (tests/live/conftest.py); never run in CI.
"""

from __future__ import annotations

import sys
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from simple_salesforce import Salesforce

from desktop.domain.entries import TimeEntry
from desktop.domain.synclog import RunOutcome
from desktop.engine import Engine
from desktop.platform.secrets import MemorySecretStore
from desktop.salesforce.http import make_http_session


class ShiftedClock:
    """The system clock moved forward (a deleted entry's undo grace is over at once)."""

    def __init__(self, ahead: timedelta) -> None:
        self.ahead = ahead

    def now(self) -> datetime:
        return datetime.now(UTC) + self.ahead

    def monotonic(self) -> float:
        import time

        return time.monotonic()


def connect(engine: Engine, org, capsys) -> None:
    if org.username and org.password:
        engine.connect_password(org.username, org.password, org.security_token,
                                login_url=org.login_url, ca_file=org.ca_file or "")
        return

    def show_code(code) -> None:
        with capsys.disabled():
            print(f"\nLive check: open {code.verification_uri} and enter the code "
                  f"{code.user_code}", file=sys.stderr, flush=True)

    engine.connect_device(show_code, login_url=org.login_url, consumer_key=org.consumer_key,
                          consumer_secret=org.consumer_secret, ca_file=org.ca_file or "")


def salesforce(engine: Engine, org) -> Salesforce:
    """simple-salesforce on the engine's session, to change the org as another user would."""
    session = engine.connection.client().session_info
    http = make_http_session(org.ca_file)
    return Salesforce(session_id=session.access_token, instance_url=session.instance_url,
                      session=http)


def test_connect_sync_see_a_change_and_write_back(live_org, tmp_path, capsys):
    secrets = MemorySecretStore()
    engine = Engine.open(tmp_path / "profile", secret_store=secrets, policy={},
                         log_to_file=False)
    created: list[tuple[str, str]] = []  # (sObject, Id) to delete whatever happens
    sf = None
    try:
        connect(engine, live_org, capsys)
        assert engine.connection_info().connected

        full = engine.sync(full=True)
        assert full.outcome is RunOutcome.SUCCEEDED, full.error
        incremental = engine.sync()
        assert incremental.outcome is RunOutcome.SUCCEEDED, incremental.error
        assert incremental.kind == "incremental"

        opportunities = [item for item in engine.store.items.all()
                         if item.sobject == "Opportunity"]
        if not opportunities:
            pytest.skip("the org has no open Opportunity this user can see")
        opportunity = opportunities[0]

        # A change made in the org: the next incremental sync brings it.
        sf = salesforce(engine, live_org)
        subject = f"Stint live check {uuid.uuid4().hex[:8]}"
        task = sf.Task.create({"Subject": subject, "WhatId": opportunity.id,
                               "Status": "Not Started"})
        created.append(("Task", task["id"]))
        seen = engine.sync()
        assert seen.outcome is RunOutcome.SUCCEEDED, seen.error
        item = engine.store.items.by_id(task["id"])
        assert item is not None and item.name == subject and item.parent_id == opportunity.id

        # Write-back of one entry as an Event, then its removal.
        engine.settings.update(writeback="event")
        start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
        entry = engine.store.entries.add(TimeEntry(start=start, end=start + timedelta(minutes=25),
                                                   item_id=opportunity.id,
                                                   note="Stint live check"))
        report = engine.push_now()
        assert report is not None and (report.created, report.failed) == (1, 0), report
        remote_id = engine.store.entries.get(entry.id).remote_id
        assert remote_id
        created.append(("Event", remote_id))
        event = sf.Event.get(remote_id)
        assert event["WhatId"] == opportunity.id and event["DurationInMinutes"] == 25

        engine.store.entries.delete(entry.id)
        engine.close()
        engine = Engine.open(tmp_path / "profile", secret_store=secrets, policy={},
                             log_to_file=False, clock=ShiftedClock(timedelta(minutes=5)))
        removal = engine.push_now()
        assert removal is not None and removal.deleted == 1, removal
        gone = sf.query_all(f"SELECT Id FROM Event WHERE Id = '{remote_id}'")
        assert gone["totalSize"] == 0
        created.remove(("Event", remote_id))
    finally:
        if sf is not None:
            for sobject, record_id in created:
                try:
                    getattr(sf, sobject).delete(record_id)
                except Exception as error:  # report, but finish cleaning up
                    print(f"could not delete {sobject} {record_id}: {error}", file=sys.stderr)
        engine.disconnect()  # revokes a refresh token; the profile is a temporary one
        engine.close()
