"""Counts that say what happened (issue 15): a sync counts closed, deleted and no-longer-visible
items separately; `archived` stays their sum; each archived record's log line says why."""

from __future__ import annotations

import pytest

from desktop.domain.items import ItemKind
from desktop.domain.synclog import ObjectCounts, RunOutcome


@pytest.fixture
def synced(connected):
    assert connected.sync().outcome is RunOutcome.SUCCEEDED
    return connected


def active_cases(engine):
    return [i for i in engine.store.items.all() if i.kind is ItemKind.CASE
            and i.parent_id == "salesforce"]


def test_closed_deleted_and_hidden_records_are_counted_apart(synced, sf, sandbox):
    closed, deleted, hidden = active_cases(synced)[:3]
    hidden_tasks = [i for i in synced.store.items.all() if i.parent_id == hidden.id]
    sf.Case.update(closed.id, {"Status": "Closed"})
    sf.Case.delete(deleted.id)
    sandbox.org.set_hidden(hidden.id, True)

    run = synced.sync(full=True)  # a full pass: it also notices what is no longer visible
    assert run.outcome is RunOutcome.SUCCEEDED, run.error
    case = run.counts["Case"]
    assert (case.closed, case.deleted, case.not_visible, case.excluded) == (1, 1, 1, 0)
    assert case.archived == 3 and case.archived_unexplained == 0
    if hidden_tasks:  # its activities went out of sight with it
        assert run.counts["Task"].not_visible >= len([t for t in hidden_tasks if not t.archived])

    logged = {c.record_id: c for c in synced.store.sync_log.recent_changes()
              if c.action == "archived"}
    assert logged[closed.id].reason == "closed"
    assert logged[deleted.id].reason == "deleted"
    assert logged[hidden.id].reason == "not visible"
    # read back from the store as they were written
    stored = synced.store.sync_log.get_run(run.id).counts["Case"]
    assert stored == case


def test_counts_of_runs_logged_before_reasons_were_kept_still_read(synced):
    """A run of an older Stint has `archived` only: nothing is lost, the rest is unexplained."""
    log = synced.store.sync_log
    run_id = log.start_run(synced.clock.now(), "full")
    log.add_counts(run_id, {"Case": ObjectCounts(archived=4)})
    counts = log.get_run(run_id).counts["Case"]
    assert counts.archived == 4 and counts.archived_unexplained == 4
