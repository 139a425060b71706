"""A small write-back world for the push tests: a store holding a few of the sandbox org's
Opportunities/Cases (and a Task) as items, a SalesforceClient on the org, and shortcuts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop.domain.entries import TimeEntry
from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.domain.settings import Settings
from desktop.salesforce.client import SalesforceClient
from desktop.salesforce.connection import connect_with_password
from desktop.salesforce.retry import RetryPolicy
from desktop.store.store import Store
from desktop.sync.push.pusher import EntryPusher
from desktop.sync.push.report import PushReport

FAST_RETRY = RetryPolicy(max_retries=2, base_delay=0.01, max_delay=0.02)
T0 = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)


def connect(sandbox, retry: RetryPolicy = FAST_RETRY) -> SalesforceClient:
    return connect_with_password(sandbox.login_url, sandbox.username, sandbox.password,
                                 sandbox.security_token, ca_file=sandbox.ca_file, retry=retry)


class PushWorld:
    def __init__(self, sandbox, store_path, writeback: str = "event") -> None:
        self.sandbox = sandbox
        self.sf = sandbox.salesforce()
        self.store = Store.open(store_path, display_tz=UTC)
        self.client = connect(sandbox)
        self.settings = Settings(writeback=writeback,
                                 writeback_object="Time_Entry__c" if writeback == "custom_object"
                                 else "")
        self.opportunities = self._import("Opportunity", "Name", ItemKind.OPPORTUNITY)
        self.cases = self._import("Case", "Subject", ItemKind.CASE)
        self.task = self._import_task(self.opportunities[0])
        self._next_slot = 0

    def _import(self, sobject: str, name_field: str, kind: ItemKind) -> list[Item]:
        rows = self.sf.query(f"SELECT Id, {name_field} FROM {sobject} ORDER BY Id LIMIT 3")
        items = [Item(id=r["Id"], kind=kind, name=r[name_field] or r["Id"], parent_id=ROOT_ID,
                      sobject=sobject) for r in rows["records"]]
        self.store.items.upsert_many(items)
        return items

    def _import_task(self, parent: Item) -> Item:
        created = self.sf.Task.create({"Subject": "Call back", "WhatId": parent.id})
        task = Item(id=created["id"], kind=ItemKind.ACTIVITY, name="Call back",
                    parent_id=parent.id, sobject="Task")
        self.store.items.upsert_many([task])
        return task

    def pusher(self, **options) -> EntryPusher:
        options.setdefault("undo_grace", timedelta(0))
        return EntryPusher(self.store, self.client, self.settings, **options)

    def push(self, **options) -> PushReport:
        return self.pusher(**options).push()

    def add(self, item: Item | None = None, minutes: float = 30, note: str = "",
            billable: bool = False) -> TimeEntry:
        """A stopped entry in the next free slot (slots are 2 days apart: never overlapping)."""
        start = T0 + timedelta(days=2 * self._next_slot)
        self._next_slot += 1
        item = item if item is not None else self.opportunities[0]
        return self.store.entries.add(TimeEntry(
            start=start, end=start + timedelta(minutes=minutes), item_id=item.id if item else None,
            note=note, billable=billable))

    def entry(self, entry: TimeEntry) -> TimeEntry:
        stored = self.store.entries.get(entry.id)
        assert stored is not None
        return stored

    def events(self, where: str = "") -> list[dict]:
        soql = ("SELECT Id, WhatId, Subject, StartDateTime, EndDateTime, DurationInMinutes, "
                f"Description FROM Event {where} ORDER BY StartDateTime")
        return self.sf.query_all(soql)["records"]

    def stint_events(self) -> list[dict]:
        return [e for e in self.events() if "[stint:" in (e["Description"] or "")]

    def time_entries(self) -> list[dict]:
        return self.sf.query_all(
            "SELECT Id, Opportunity__c, Case__c, Start__c, Minutes__c, Note__c, Billable__c, "
            "Stint_Client_Id__c FROM Time_Entry__c ORDER BY Start__c")["records"]

    def close(self) -> None:
        self.client.close()
        self.store.close()
