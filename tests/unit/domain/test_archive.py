import pytest

from desktop.domain.archive import (
    REASON_CLOSED,
    REASON_DELETED,
    REASON_NOT_VISIBLE,
    Change,
    RecordState,
    apply_archive_reason,
    archive_reason,
    classify_change,
)
from desktop.domain.items import ROOT_ID, Item, ItemKind


@pytest.mark.parametrize(
    ("stage", "is_closed", "expected"),
    [
        ("Closed Won", True, REASON_CLOSED),
        ("Closed Lost", True, REASON_CLOSED),
        ("Closed - Duplicate", True, None),  # another closed stage stays active
        ("Closed Won - Pending Signature", True, None),
        ("Negotiation/Review", False, None),
        ("Prospecting", False, None),
        (None, False, None),
    ],
)
def test_opportunity_archived_only_for_closed_won_or_lost(stage, is_closed, expected):
    state = RecordState(ItemKind.OPPORTUNITY, is_closed=is_closed, stage_name=stage)
    assert archive_reason(state) == expected


@pytest.mark.parametrize("kind", [ItemKind.CASE, ItemKind.ACTIVITY])
def test_case_and_activity_archived_when_closed(kind):
    assert archive_reason(RecordState(kind, is_closed=True)) == REASON_CLOSED
    assert archive_reason(RecordState(kind, is_closed=False)) is None


@pytest.mark.parametrize("kind", [ItemKind.OPPORTUNITY, ItemKind.CASE, ItemKind.ACTIVITY])
def test_deleted_or_invisible_records_are_archived(kind):
    assert archive_reason(RecordState(kind, is_deleted=True)) == REASON_DELETED
    assert archive_reason(RecordState(kind, visible=False)) == REASON_NOT_VISIBLE
    # deletion wins over every other fact
    assert archive_reason(RecordState(kind, is_deleted=True, is_closed=True)) == REASON_DELETED


def test_root_project_is_never_archived():
    assert archive_reason(RecordState(ItemKind.PROJECT, is_closed=True)) is None


def _item(**changes):
    values = dict(id="500A", kind=ItemKind.CASE, name="Case", parent_id=ROOT_ID)
    values.update(changes)
    return Item(**values)


def test_apply_archive_reason_archives_and_restores():
    active = _item()
    archived = apply_archive_reason(active, REASON_CLOSED)
    assert archived.archived and archived.archive_reason == REASON_CLOSED
    assert apply_archive_reason(archived, REASON_CLOSED) is archived
    assert apply_archive_reason(archived, REASON_DELETED).archive_reason == REASON_DELETED
    restored = apply_archive_reason(archived, None)  # reopened / undeleted
    assert not restored.archived and restored.archive_reason is None
    assert apply_archive_reason(active, None) is active


def test_classify_change():
    active = _item()
    assert classify_change(None, active) is Change.CREATED
    assert classify_change(active, active) is Change.UNCHANGED
    assert classify_change(active, _item(name="Renamed")) is Change.MODIFIED
    assert classify_change(active, active.archive(REASON_CLOSED)) is Change.ARCHIVED
    assert classify_change(active.archive(REASON_CLOSED), active) is Change.RESTORED
    # a new modstamp alone is not a change worth logging
    from datetime import UTC, datetime

    assert classify_change(active, _item(modstamp=datetime(2026, 1, 1, tzinfo=UTC))) is Change.UNCHANGED
