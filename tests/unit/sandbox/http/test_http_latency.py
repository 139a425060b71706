"""The latency model: a cost per request plus a cost per record returned, slept on the
request's own thread so that concurrent requests overlap (desktop/sandbox/latency.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import pytest
import requests

from desktop.sandbox.latency import OFF, SALESFORCE, LatencyModel, parse_latency, records_in


def timed(action):
    started = time.monotonic()
    result = action()
    return time.monotonic() - started, result


def test_parse_names_and_figures():
    assert parse_latency("salesforce") == SALESFORCE == LatencyModel(150, 0.25)
    assert parse_latency(" Off ") == OFF and OFF.is_off
    assert parse_latency("80") == LatencyModel(80, 0)
    assert parse_latency("80,0.5") == LatencyModel(80, 0.5)
    for bad in ("fast", "1,2,3", "-5", "nan", "80,inf", ""):
        with pytest.raises(ValueError, match="milliseconds"):
            parse_latency(bad)


def test_records_are_counted_in_query_pages_and_composite_query_answers():
    assert records_in({"totalSize": 3, "done": True, "records": [{}, {}, {}]}) == 3
    assert records_in({"compositeResponse": [
        {"httpStatusCode": 200, "body": {"records": [{}, {}]}},
        {"httpStatusCode": 201, "body": {"id": "001", "success": True}},
        {"httpStatusCode": 400, "body": [{"errorCode": "MALFORMED_QUERY"}]},
        {"httpStatusCode": 200, "body": {"records": [{}]}},
    ]}) == 3
    assert records_in([{"id": "001", "success": True}]) == 0
    assert records_in(None) == 0


def test_each_request_costs_its_per_request_time(sandbox, sf):
    sandbox.latency = LatencyModel(per_request_ms=250)
    elapsed, answer = timed(lambda: sf.query("SELECT COUNT() FROM Account"))
    assert answer["totalSize"] > 0 and elapsed >= 0.25
    elapsed, _ = timed(lambda: sf.restful("limits"))
    assert elapsed >= 0.25


def test_records_cost_their_per_record_time_once_per_answer(sandbox, sf):
    sandbox.latency = LatencyModel(per_record_ms=2)
    quick, _ = timed(lambda: sf.query("SELECT COUNT() FROM Opportunity"))  # no records
    slow, page = timed(lambda: sf.query("SELECT Id FROM Opportunity LIMIT 150"))
    assert len(page["records"]) == 150
    assert slow >= 0.3 and quick < 0.3
    # A composite holds its answer for all its query subrequests' records (Salesforce runs
    # them one after the other).
    path = f"/services/data/v{sf.sf_version}/query/?q="
    subrequests = [{"method": "GET", "referenceId": f"q{n}",
                    "url": path + "SELECT+Id+FROM+Opportunity+LIMIT+100"} for n in range(2)]
    elapsed, _ = timed(lambda: sf.restful("composite", method="POST",
                                          json={"compositeRequest": subrequests}))
    assert elapsed >= 0.4


def test_concurrent_requests_overlap_as_against_salesforce(sandbox):
    # "There isn't a limit on the number of concurrent requests shorter than 20 seconds"
    # (Salesforce Developer Limits and Allocations Quick Reference, "API Request Limits and
    # Allocations"): each request waits on its own, it does not queue behind the others.
    clients = [sandbox.salesforce() for _ in range(4)]
    sandbox.latency = LatencyModel(per_request_ms=400, per_record_ms=1)
    durations: list[float] = []

    def one(sf):
        durations.append(timed(lambda: sf.query("SELECT Id FROM Opportunity LIMIT 100"))[0])

    threads = [threading.Thread(target=one, args=(sf,)) for sf in clients]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    wall = time.monotonic() - started
    assert len(durations) == 4 and min(durations) >= 0.5
    assert wall < 2 * 0.5 + 0.5, f"4 requests of 0.5 s each took {wall:.2f} s together"


def test_the_admin_endpoint_sets_the_model_and_clearing_faults_keeps_it(sandbox, http):
    admin = sandbox.admin_url
    state = http.post(f"{admin}/latency", json={"model": "salesforce"}).json()
    assert state["latency"] == {"per_request_ms": 150, "per_record_ms": 0.25}
    assert sandbox.latency == SALESFORCE
    http.delete(f"{admin}/faults")
    assert http.get(admin).json()["latency"] == {"per_request_ms": 150, "per_record_ms": 0.25}
    started = time.monotonic()
    assert http.get(admin).status_code == 200
    assert time.monotonic() - started < 0.15, "the admin endpoint itself is not slowed"
    state = http.post(f"{admin}/latency", json={"per_request_ms": 20, "per_record_ms": 0.5}).json()
    assert state["latency"] == {"per_request_ms": 20.0, "per_record_ms": 0.5}
    for bad in ({"model": "fast"}, {}, {"per_request_ms": -1}, {"per_record_ms": "1"},
                {"per_request_ms": 10, "jitter_ms": 3}):
        answer = http.post(f"{admin}/latency", json=bad)
        assert answer.status_code == 400 and answer.json()[0]["errorCode"] == "INVALID_INPUT"
    assert http.post(f"{admin}/latency", json={"model": "off"}).json()["latency"] == {
        "per_request_ms": 0, "per_record_ms": 0}


def test_the_command_line_switches_the_model_on_and_refuses_a_bad_one():
    refused = subprocess.run([sys.executable, "-m", "desktop", "sandbox", "--latency", "fast"],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.strip().splitlines() == [
        "stint sandbox: latency 'fast': give 'salesforce', 'off' or milliseconds per request "
        "and per record, e.g. '150,0.25'"]
    process = subprocess.Popen([sys.executable, "-m", "desktop.sandbox", "--size", "small",
                                "--latency", "120,0.5"], stdout=subprocess.PIPE, text=True)
    try:
        details = json.loads(process.stdout.readline())
        with requests.Session() as session:
            session.trust_env = False
            session.verify = details["ca_file"]
            state = session.get(details["admin_url"], timeout=10).json()
        assert state["latency"] == {"per_request_ms": 120.0, "per_record_ms": 0.5}
    finally:
        process.terminate()
        process.wait(30)
        process.stdout.close()
