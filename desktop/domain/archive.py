"""Archive rules: when an imported item leaves the active tree, and when it comes back.

Exactly as agreed in issue 3: an Opportunity is archived only when its stage is "Closed Won"
or "Closed Lost" (other closed stages stay active); a Case and an activity (Task) when closed;
anything deleted in Salesforce or no longer visible to the user. An item is restored as soon
as none of these holds any more (reopened, undeleted, visible again).

Issue 15 adds one reason of the user's own: an Opportunity or Case excluded in "all items"
mode (settings.excluded_ids) is archived as "excluded" with its subtasks, and comes back
once included again.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles each field's annotation
# given as a string (a ForwardRef each: ~0.3 ms of the app's first paint for RecordState).
from enum import StrEnum
from typing import NamedTuple

from desktop.domain.items import Item, ItemKind

REASON_CLOSED = "closed"
REASON_DELETED = "deleted"
REASON_NOT_VISIBLE = "not visible"
REASON_EXCLUDED = "excluded"

ARCHIVING_OPPORTUNITY_STAGES = frozenset({"Closed Won", "Closed Lost"})


class RecordState(NamedTuple):
    """The facts about a Salesforce record that the archive rules look at. (A NamedTuple:
    this module loads before the app's first paint, where a dataclass costs ~3.6 M
    instructions to make and a NamedTuple ~0.7 M.)"""

    kind: ItemKind
    is_deleted: bool = False
    visible: bool = True
    is_closed: bool = False
    stage_name: str | None = None


def opportunity_archive_reason(stage_name: str | None) -> str | None:
    if stage_name is not None and stage_name.strip() in ARCHIVING_OPPORTUNITY_STAGES:
        return REASON_CLOSED
    return None


def case_archive_reason(is_closed: bool) -> str | None:
    return REASON_CLOSED if is_closed else None


def activity_archive_reason(is_closed: bool) -> str | None:
    return REASON_CLOSED if is_closed else None


def archive_reason(state: RecordState) -> str | None:
    """Why this record is archived, or None when it belongs in the active tree."""
    if state.is_deleted:
        return REASON_DELETED
    if not state.visible:
        return REASON_NOT_VISIBLE
    if state.kind is ItemKind.OPPORTUNITY:
        return opportunity_archive_reason(state.stage_name)
    if state.kind is ItemKind.CASE:
        return case_archive_reason(state.is_closed)
    if state.kind is ItemKind.ACTIVITY:
        return activity_archive_reason(state.is_closed)
    return None  # the root project is never archived


_REASON_TEXT = {
    REASON_CLOSED: "closed in Salesforce",
    REASON_DELETED: "deleted in Salesforce",
    REASON_NOT_VISIBLE: "no longer visible to you in Salesforce",
    REASON_EXCLUDED: "excluded from synchronization",
}


def archive_reason_text(reason: str | None) -> str:
    """Why an item is archived, for a sentence: "closed in Salesforce"."""
    return _REASON_TEXT.get(reason or "", "archived")


def archived_step(path: list[Item]) -> Item | None:
    """The item of a task's path (root first) that archives it: the nearest archived one (an
    activity under a closed Opportunity is archived with it); None when all are active."""
    return next((step for step in reversed(path) if step.archived), None)


def apply_archive_reason(item: Item, reason: str | None) -> Item:
    """The item archived with `reason`, or restored when `reason` is None."""
    if reason is None:
        return item.restore() if item.archived else item
    if item.archived and item.archive_reason == reason:
        return item
    return item.archive(reason)


class Change(StrEnum):
    """What an incoming version of an item does to the stored one (for the sync log)."""

    CREATED = "created"
    MODIFIED = "modified"
    ARCHIVED = "archived"
    RESTORED = "restored"
    UNCHANGED = "unchanged"


def classify_change(before: Item | None, after: Item) -> Change:
    if before is None:
        return Change.CREATED
    if not before.archived and after.archived:
        return Change.ARCHIVED
    if before.archived and not after.archived:
        return Change.RESTORED
    if _content(before) != _content(after):
        return Change.MODIFIED
    return Change.UNCHANGED


def _content(item: Item) -> tuple:
    return (
        item.kind,
        item.name,
        item.parent_id,
        item.sobject,
        item.fields,
        item.archive_reason,
        item.owner_id,
    )
