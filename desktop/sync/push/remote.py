"""The reads of a push: lost creates found again, records changed in Salesforce since the last
push, and the SystemModstamp of what was just written. All batched: one query (page) for the
searches, one composite call for up to 1,000 read-backs.

How an Event create survives a lost answer (issue 5): before a batch of creates is sent, the
entries' client ids are committed to push_attempts. Each Event carries "[stint:<client id>]" in
its Description. Description is a long text area, which SOQL cannot filter, so the next push
reads the Events this user created since the first unresolved attempt and matches the marker
locally; a match becomes the entry's Salesforce Id instead of a second create. Attempt times are
Salesforce's time (SalesforceClient.salesforce_now, from its Date header), never the computer's
clock, which may be hours off (issue 11). Without a Date from Salesforce an attempt is dated
EARLIEST_RECORD: the search then covers all of the user's Events and the marker alone decides.
The custom object needs none of this: it is upserted on its external id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from desktop.salesforce.client import SalesforceClient
from desktop.salesforce.errors import MalformedResponse
from desktop.salesforce.request_limits import MAX_COMPOSITE_QUERIES
from desktop.sync.push.mapping import from_salesforce_datetime
from desktop.sync.push.targets import PushTarget

# Attempt times are Salesforce's own (never ahead of it); the margin only absorbs rounding to
# the second and a record stamped a moment before its request was answered.
ATTEMPT_SEARCH_MARGIN = timedelta(minutes=5)
# Before any Salesforce record: an attempt whose Salesforce time is unknown.
EARLIEST_RECORD = datetime(1999, 1, 1, tzinfo=UTC)
# Records committed late (long transactions) can carry a SystemModstamp a little in the past.
CHANGE_LOOKBACK = timedelta(minutes=10)
READBACK_IDS_PER_QUERY = 200  # about 4,400 characters of SOQL in a composite body
_SALESFORCE_ID = re.compile(r"^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$")


@dataclass(frozen=True)
class RemoteRecord:
    id: str
    modstamp: datetime | None
    deleted: bool
    values: dict[str, Any]


def soql_datetime(moment: datetime) -> str:
    return f"{moment:%Y-%m-%dT%H:%M:%SZ}"


def _quoted_ids(ids: Sequence[str]) -> str:
    bad = [i for i in ids if not _SALESFORCE_ID.match(i)]
    if bad:
        raise ValueError(f"not Salesforce Ids: {bad[:3]}")
    return ", ".join(f"'{i}'" for i in ids)


def _record(raw: Any) -> RemoteRecord:
    if not isinstance(raw, dict) or not isinstance(raw.get("Id"), str):
        raise ValueError("a record without an Id")
    return RemoteRecord(
        id=raw["Id"],
        modstamp=from_salesforce_datetime(raw.get("SystemModstamp")),
        deleted=bool(raw.get("IsDeleted")),
        values=raw,
    )


def _records(client: SalesforceClient, soql: str, include_deleted: bool) -> Iterator[RemoteRecord]:
    for page in client.query_pages(soql, include_deleted=include_deleted):
        for raw in page["records"]:
            yield _record(raw)


def find_lost_creates(
    client: SalesforceClient, target: PushTarget, attempts: dict[str, datetime]
) -> dict[str, RemoteRecord]:
    """{client id: record} for unresolved create attempts that did reach Salesforce."""
    if not attempts:
        return {}
    since = min(attempts.values()) - ATTEMPT_SEARCH_MARGIN
    soql = (
        f"SELECT Id, SystemModstamp, {', '.join(target.fields())} FROM {target.sobject} "
        f"WHERE CreatedById = '{client.user_id}' AND CreatedDate >= {soql_datetime(since)} "
        f"ORDER BY CreatedDate, Id"
    )
    found: dict[str, RemoteRecord] = {}
    for record in _records(client, soql, include_deleted=False):
        client_id = target.client_id_of(record.values)
        if client_id in attempts and client_id not in found:
            found[client_id] = record
    return found


def changed_since(
    client: SalesforceClient, target: PushTarget, watermark: datetime
) -> list[RemoteRecord]:
    """Records of this user's entries changed or deleted in Salesforce since the watermark."""
    if target.upsert_field:
        owned = f"{target.upsert_field} != null"
    else:
        owned = f"CreatedById = '{client.user_id}'"
    soql = (
        f"SELECT Id, IsDeleted, SystemModstamp, {', '.join(target.fields())} "
        f"FROM {target.sobject} WHERE {owned} AND "
        f"SystemModstamp >= {soql_datetime(watermark - CHANGE_LOOKBACK)} "
        f"ORDER BY SystemModstamp, Id"
    )
    return list(_records(client, soql, include_deleted=True))


def read_modstamps(
    client: SalesforceClient, sobject: str, ids: Sequence[str]
) -> dict[str, datetime]:
    """{Id: SystemModstamp} of records just written: 200 ids a query, 5 queries a call."""
    result: dict[str, datetime] = {}
    per_call = READBACK_IDS_PER_QUERY * MAX_COMPOSITE_QUERIES
    for start in range(0, len(ids), per_call):
        group = ids[start:start + per_call]
        subrequests = [
            client.query_subrequest(
                f"readback{n}",
                f"SELECT Id, SystemModstamp FROM {sobject} WHERE Id IN "
                f"({_quoted_ids(group[i:i + READBACK_IDS_PER_QUERY])})",
            )
            for n, i in enumerate(range(0, len(group), READBACK_IDS_PER_QUERY))
        ]
        for status, body in client.composite(subrequests):
            if status != 200 or not isinstance(body, dict):
                raise MalformedResponse(client.host)
            for raw in body.get("records", []):
                record = _record(raw)
                if record.modstamp is not None:
                    result[record.id] = record.modstamp
    return result

