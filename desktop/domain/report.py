"""Where the time went: entries grouped by account, opportunity, case or task over a span.

An entry maps to its groups through the task tree: an activity belongs to its Opportunity or
Case (the nearest one above it), and that record's "Account" field (the Account.Name shown
with the task) names the account (a child case without one takes its parent case's). Nothing is ever dropped: an entry with no task, on a task
the cache does not know, or with no record of the asked kind above it is counted in a bucket
row with a clear name; entries on archived tasks count under their task, marked archived.
Every figure comes from domain.totals, the timesheet's own counting rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from desktop.domain.entries import TimeEntry
from desktop.domain.items import Item, ItemKind
from desktop.domain.task_names import telling_apart
from desktop.domain.totals import Totals, seconds_within
from desktop.domain.tree import PATH_SEPARATOR, TaskTree

ACCOUNT_FIELD = "Account"  # the label sync gives Account.Name (desktop/sync/metadata.py)


class GroupBy(StrEnum):
    ACCOUNT = "account"
    OPPORTUNITY = "opportunity"
    CASE = "case"
    TASK = "task"  # the task the time was tracked on: an activity, or an Opportunity/Case


class Bucket(StrEnum):
    """A row that stands for no record: where entries without one are counted."""

    NO_TASK = "no_task"
    UNKNOWN_TASK = "unknown_task"
    NO_ACCOUNT = "no_account"
    NO_OPPORTUNITY = "no_opportunity"
    NO_CASE = "no_case"


# English names for the command line; the app shows its own translated ones.
BUCKET_NAMES = {
    Bucket.NO_TASK: "No task",
    Bucket.UNKNOWN_TASK: "Task not in the cache",
    Bucket.NO_ACCOUNT: "No account",
    Bucket.NO_OPPORTUNITY: "Not on an opportunity",
    Bucket.NO_CASE: "Not on a case",
}
# The records an entry's group is looked for among, nearest first (an account: on either).
_RECORD_KINDS = {
    GroupBy.OPPORTUNITY: (ItemKind.OPPORTUNITY,),
    GroupBy.CASE: (ItemKind.CASE,),
    GroupBy.ACCOUNT: (ItemKind.OPPORTUNITY, ItemKind.CASE),
}
_MISSING = {
    GroupBy.ACCOUNT: Bucket.NO_ACCOUNT,
    GroupBy.OPPORTUNITY: Bucket.NO_OPPORTUNITY,
    GroupBy.CASE: Bucket.NO_CASE,
}


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One group. `name` is the record's path below the root ("Acme - 500 Widgets > Call
    back") or the account name; empty for a bucket. `record_id`/`sobject` name the
    Salesforce record behind it (None for accounts and buckets)."""

    key: str
    name: str
    totals: Totals
    bucket: Bucket | None = None
    record_id: str | None = None
    sobject: str | None = None
    kind: str | None = None  # "account", or the record's ItemKind value
    archived: bool = False

    def display_name(self) -> str:
        """The name, or the bucket's English name."""
        return BUCKET_NAMES[self.bucket] if self.bucket is not None else self.name


@dataclass(frozen=True, slots=True)
class Report:
    by: GroupBy
    start: datetime
    end: datetime
    rows: tuple[ReportRow, ...]  # most time first
    totals: Totals


@dataclass(frozen=True, slots=True)
class _Group:
    key: str
    name: str = ""
    bucket: Bucket | None = None
    record: Item | None = None
    kind: str | None = None
    archived: bool = False


def build_report(
    entries: Iterable[TimeEntry],
    tree: TaskTree,
    by: GroupBy,
    start: datetime,
    end: datetime,
    now: datetime,
) -> Report:
    """Group the time `entries` hold inside [start, end) by `by`."""
    groups: dict[str, _Group] = {}
    sums: dict[str, Totals] = {}
    overall = Totals()
    for entry in entries:
        seconds = seconds_within(entry, start, end, now)
        if not seconds:
            continue
        group = _group_of(tree, entry.item_id, by)
        groups.setdefault(group.key, group)
        sums[group.key] = sums.get(group.key, Totals()).plus(seconds, entry.billable)
        overall = overall.plus(seconds, entry.billable)
    rows = [
        ReportRow(
            key=group.key,
            name=group.name,
            totals=sums[group.key],
            bucket=group.bucket,
            record_id=group.record.id if group.record else None,
            sobject=group.record.sobject if group.record else None,
            kind=group.kind,
            archived=group.archived,
        )
        for group in groups.values()
    ]
    rows = _told_apart(rows, tree)
    rows.sort(key=lambda row: (-row.totals.seconds, row.bucket is not None, row.name.casefold()))
    return Report(by, start, end, tuple(rows), overall)


def _told_apart(rows: list[ReportRow], tree: TaskTree) -> list[ReportRow]:
    """Records whose rows would read the same get what differs in brackets ("Renewal 2027
    (Acme)", "Renewal 2027 (Globex)"): desktop.domain.task_names."""
    same: dict[str, list[ReportRow]] = {}
    for row in rows:
        if row.record_id is not None:
            same.setdefault(row.name.casefold(), []).append(row)
    details: dict[str, str] = {}
    for group in same.values():
        if len(group) > 1:
            details.update(telling_apart(tree, [row.record_id for row in group]))
    if not details:
        return rows
    return [replace(row, name=f"{row.name} ({details[row.record_id]})")
            if row.record_id in details else row for row in rows]


def _group_of(tree: TaskTree, item_id: str | None, by: GroupBy) -> _Group:
    """The group an entry on `item_id` counts in."""
    if item_id is None:
        return _Group(key=Bucket.NO_TASK.value, bucket=Bucket.NO_TASK)
    path = tree.path(item_id)
    if not path:
        return _Group(key=Bucket.UNKNOWN_TASK.value, bucket=Bucket.UNKNOWN_TASK)
    if by is GroupBy.TASK:
        return _record_group(path)
    kinds = _RECORD_KINDS[by]
    for depth in range(len(path), 0, -1):  # the nearest record of those kinds, upwards
        record = path[depth - 1]
        if record.kind not in kinds:
            continue
        if by is not GroupBy.ACCOUNT:
            return _record_group(path[:depth])
        account = (record.field(ACCOUNT_FIELD) or "").strip()
        if account:  # else a record further up may name it (a child case's parent case)
            return _Group(key=f"account:{account.casefold()}", name=account, kind="account")
    missing = _MISSING[by]
    return _Group(key=missing.value, bucket=missing)


def _record_group(path: list[Item]) -> _Group:
    record = path[-1]
    names = [item.name for item in path if not item.is_root] or [record.name]
    return _Group(
        key=f"record:{record.id}",
        name=PATH_SEPARATOR.join(names),
        record=record,
        kind=record.kind.value,
        # out of the picker when it, or a record above it, is archived
        archived=any(item.archived for item in path),
    )
