"""Excluding an item in "all items" mode (issue 15), against the sandbox: the excluded
Opportunity or Case and its subtasks leave the tree at the next sync (archived "excluded"),
entries on them stay with their task's name, and they come back once included again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.domain.archive import REASON_DELETED, REASON_EXCLUDED
from desktop.domain.entries import TimeEntry
from desktop.domain.items import ItemKind
from desktop.domain.synclog import RunOutcome
from desktop.engine.status import task_path


@pytest.fixture
def synced(connected):
    assert connected.sync().outcome is RunOutcome.SUCCEEDED
    return connected


def resync(engine, full=False):
    run = engine.sync(full)
    assert run.outcome is RunOutcome.SUCCEEDED, run.error
    return run


def with_children(engine, kind):
    """An active item of `kind` with active children, and those children."""
    items = engine.store.items.all()
    for parent in (i for i in items if i.kind is kind and i.parent_id == "salesforce"):
        children = [i for i in items if i.parent_id == parent.id]
        if children:
            return parent, children
    raise AssertionError(f"the sandbox has no {kind} with subtasks")


def test_an_excluded_opportunity_and_its_tasks_leave_and_come_back(synced, sf):
    opp, tasks = with_children(synced, ItemKind.OPPORTUNITY)
    now = synced.clock.now()
    entry = synced.store.entries.add(TimeEntry(
        start=now - timedelta(hours=2), end=now - timedelta(hours=1), item_id=tasks[0].id))
    path_before = task_path(synced.store, tasks[0].id)

    synced.settings.update(excluded_ids=(opp.id,))
    run = resync(synced)  # the next sync, an incremental one: no full pass needed
    assert run.kind == "incremental" and run.api_calls == 1
    for item_id in [opp.id, *(t.id for t in tasks)]:
        item = synced.store.items.by_id(item_id)
        assert item.archived and item.archive_reason == REASON_EXCLUDED, item
    assert run.counts["Opportunity"].excluded == 1
    assert run.counts["Task"].excluded == len(tasks)
    # the entry stays, and still shows where it was tracked
    assert synced.store.entries.get(entry.id).item_id == tasks[0].id
    assert task_path(synced.store, tasks[0].id) == path_before

    # Salesforce keeps changing it: it stays out, and a new subtask is not imported
    sf.Opportunity.update(opp.id, {"Name": "Renamed while excluded"})
    new_task = sf.Task.create({"Subject": "Born while excluded", "WhatId": opp.id,
                               "Status": "Not Started"})["id"]
    resync(synced)
    assert synced.store.items.by_id(opp.id).archive_reason == REASON_EXCLUDED
    assert synced.store.items.by_id(new_task) is None

    synced.settings.update(excluded_ids=())
    run = resync(synced)  # including again makes it a full pass: unchanged records return
    assert run.kind == "full"
    back = synced.store.items.by_id(opp.id)
    assert not back.archived and back.name == "Renamed while excluded"
    assert all(not synced.store.items.by_id(t.id).archived for t in tasks)
    assert not synced.store.items.by_id(new_task).archived
    assert run.counts["Opportunity"].restored == 1


def test_a_case_excluded_takes_its_subtasks_along_and_a_deletion_still_reads_deleted(
    synced, sf
):
    case, children = with_children(synced, ItemKind.CASE)
    synced.settings.update(excluded_ids=(case.id,))
    resync(synced)
    assert synced.store.items.by_id(case.id).archive_reason == REASON_EXCLUDED
    assert all(synced.store.items.by_id(c.id).archive_reason == REASON_EXCLUDED
               for c in children)
    sf.Case.delete(case.id)
    resync(synced)
    assert synced.store.items.by_id(case.id).archive_reason == REASON_DELETED


def test_exclusions_only_apply_to_all_items_mode(synced):
    opp, _tasks = with_children(synced, ItemKind.OPPORTUNITY)
    synced.settings.update(import_mode="specific", specific_ids=(opp.id,), excluded_ids=(opp.id,))
    resync(synced)
    assert not synced.store.items.by_id(opp.id).archived
