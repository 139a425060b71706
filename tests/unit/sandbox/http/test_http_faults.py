"""Fault arming and consumption (the HTTP behaviour is in test_injected_faults.py)."""

import pytest

from desktop.sandbox.faults import FaultKind, Faults


def test_one_shot_faults_are_consumed_in_order():
    faults = Faults()
    faults.fail_next(2, status=500)
    faults.drop_next()
    taken = [faults.take("/services/data/v59.0/query/", is_rest=True) for _ in range(4)]
    assert [f.kind if f else None for f in taken] == [FaultKind.FAIL, FaultKind.FAIL, FaultKind.DROP, None]
    assert taken[0].status == 500


def test_path_prefix_absolute_and_relative_to_the_rest_root():
    faults = Faults()
    faults.truncate_next(path_prefix="query")
    faults.fail_next(path_prefix="/services/oauth2/token")
    assert faults.take("/services/data/v59.0/sobjects/Account", is_rest=True) is None
    assert faults.take("/services/oauth2/token", is_rest=False).kind is FaultKind.FAIL
    assert faults.take("/services/data/v60.0/queryAll/", is_rest=True).kind is FaultKind.TRUNCATE
    assert faults.describe()["armed"] == []


def test_session_and_limit_faults_only_hit_rest_calls():
    faults = Faults()
    faults.invalidate_sessions_next()
    assert faults.take("/services/Soap/u/59.0", is_rest=False) is None
    assert faults.take("/services/data/v59.0/limits/", is_rest=True).kind is FaultKind.INVALID_SESSION


def test_latency_applies_to_matching_paths_and_clears():
    faults = Faults()
    faults.set_latency(250, path_prefix="sobjects")
    assert faults.latency_seconds("/services/data/v59.0/sobjects/Case") == 0.25
    assert faults.latency_seconds("/services/data/v59.0/query/") == 0.0
    faults.clear()
    assert faults.latency_seconds("/services/data/v59.0/sobjects/Case") == 0.0


@pytest.mark.parametrize("kwargs", [{"count": 0}, {"status": 404}])
def test_invalid_faults_are_refused(kwargs):
    with pytest.raises(ValueError):
        Faults().arm("fail", **{"count": 1, **kwargs})


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        Faults().arm("explode")
