from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.synclog import (
    ChangeStatus,
    Direction,
    ObjectCounts,
    RecordChange,
    RunOutcome,
)
from desktop.store import Store, sync_log_repo

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def change(n, **kw):
    values = dict(at=T0 + timedelta(seconds=n), sobject="Case", record_id=f"500{n:015d}",
                  action="modified", direction=Direction.FROM_SALESFORCE, record_name=f"Case {n}")
    values.update(kw)
    return RecordChange(**values)


def test_a_run_with_counts_per_object(store):
    run_id = store.sync_log.start_run(T0, "full")
    assert store.sync_log.last_run().outcome is RunOutcome.RUNNING
    store.sync_log.add_counts(run_id, {"Opportunity": ObjectCounts(created=10),
                                       "Case": ObjectCounts(created=2, archived=1)})
    store.sync_log.add_counts(run_id, {"Opportunity": ObjectCounts(created=5, modified=1)})
    store.sync_log.add_api_calls(run_id, 2)
    store.sync_log.finish_run(run_id, T0 + timedelta(seconds=3), RunOutcome.SUCCEEDED)
    run = store.sync_log.get_run(run_id)
    assert run.kind == "full" and run.outcome is RunOutcome.SUCCEEDED
    assert (run.started_at, run.finished_at) == (T0, T0 + timedelta(seconds=3))
    assert run.api_calls == 2 and run.error is None
    assert run.counts == {
        "Case": ObjectCounts(created=2, archived=1),
        "Opportunity": ObjectCounts(created=15, modified=1),
    }
    assert run.counts["Opportunity"].total == 16


def test_failed_run_keeps_its_error(store):
    run_id = store.sync_log.start_run(T0, "incremental")
    store.sync_log.finish_run(run_id, T0, RunOutcome.FAILED, error="Salesforce is unreachable.",
                              api_calls=1)
    run = store.sync_log.last_run()
    assert (run.outcome, run.error, run.api_calls, run.counts) == (
        RunOutcome.FAILED, "Salesforce is unreachable.", 1, {})
    assert store.sync_log.get_run(run_id + 1) is None


def test_runs_newest_first_and_interrupted_runs(store):
    first = store.sync_log.start_run(T0, "full")
    second = store.sync_log.start_run(T0 + timedelta(hours=1), "incremental")
    assert [r.id for r in store.sync_log.runs()] == [second, first]
    assert store.sync_log.mark_interrupted(T0 + timedelta(hours=2)) == 2
    assert {r.outcome for r in store.sync_log.runs()} == {RunOutcome.INTERRUPTED}


def test_old_runs_are_trimmed(store, monkeypatch):
    monkeypatch.setattr(sync_log_repo, "RUNS_KEPT", 3)
    ids = [store.sync_log.start_run(T0, "incremental") for _ in range(5)]
    assert [r.id for r in store.sync_log.runs(limit=10)] == ids[:1:-1]


def test_only_the_last_100_record_changes_are_kept(store):
    run_id = store.sync_log.start_run(T0, "full")
    store.sync_log.record_changes([change(n, run_id=run_id) for n in range(70)])
    store.sync_log.record_changes([change(n) for n in range(70, 150)])
    recent = store.sync_log.recent_changes()
    assert len(recent) == 100
    assert recent[0].record_id == change(149).record_id  # newest first
    assert recent[-1].record_id == change(50).record_id
    count = store._db.connect().execute("SELECT count(*) FROM record_changes").fetchone()[0]
    assert count == 100


def test_record_change_round_trip(store):
    failed = change(1, action="pushed", direction=Direction.TO_SALESFORCE,
                    status=ChangeStatus.ERROR, error="FIELD_CUSTOM_VALIDATION_EXCEPTION: too long")
    store.sync_log.record_changes([failed])
    (stored,) = store.sync_log.recent_changes()
    assert stored.id is not None
    assert stored == RecordChange(**{**{f: getattr(failed, f) for f in failed.__slots__},
                                     "id": stored.id})


def test_log_writes_roll_back_with_the_batch(store):
    run_id = store.sync_log.start_run(T0, "full")
    with pytest.raises(RuntimeError), store.transaction():
        store.sync_log.add_counts(run_id, {"Case": ObjectCounts(created=1)})
        store.sync_log.record_changes([change(1)])
        raise RuntimeError("interrupted")
    assert store.sync_log.get_run(run_id).counts == {}
    assert store.sync_log.recent_changes() == []


def test_deleting_runs_keeps_changes(tmp_path):
    with Store.open(tmp_path / "s.db") as store:
        run_id = store.sync_log.start_run(T0, "full")
        store.sync_log.record_changes([change(1, run_id=run_id)])
        with store.transaction() as conn:
            conn.execute("DELETE FROM sync_runs")
        assert store.sync_log.recent_changes()[0].run_id is None


def test_run_kind_can_be_corrected(store):
    run_id = store.sync_log.start_run(T0, "incremental")
    store.sync_log.set_run_kind(run_id, "full")
    assert store.sync_log.get_run(run_id).kind == "full"
