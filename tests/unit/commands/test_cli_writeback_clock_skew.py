"""Write-back through the CLI when the computer's clock and Salesforce's disagree by hours
(issue 11, point 1): a create whose answer is lost is found again, never created twice."""

from __future__ import annotations

from collections import Counter

import pytest


def _stint_client_ids(sandbox) -> Counter:
    records = sandbox.salesforce().query_all("SELECT Id, Description FROM Event")["records"]
    return Counter(e["Description"].rsplit("[stint:", 1)[1].rstrip("]")
                   for e in records if "[stint:" in (e["Description"] or ""))


@pytest.mark.parametrize("salesforce_offset_hours", [-3, 3])
def test_a_lost_create_answer_never_duplicates_events_under_clock_skew(
        stint, sandbox, salesforce_offset_hours):
    # -3: Salesforce's clock is 3 h behind the computer's (the computer's clock is ahead).
    sandbox.clock.advance(salesforce_offset_hours * 3600)
    assert stint("connect", "--login-url", sandbox.login_url, "--username", sandbox.username,
                 "--password-stdin", "--ca-file", sandbox.ca_file,
                 stdin=f"{sandbox.password}\n{sandbox.security_token}\n").code == 0
    assert stint("sync").code == 0
    opportunities = [t for t in stint("tasks", "--json").json() if t["kind"] == "opportunity"]
    for task in opportunities[:3]:  # three entries: each start stops the one before
        assert stint("start", task["id"]).code == 0
        stint.clock.advance(20 * 60)

    # The stop's push sends all three: Salesforce creates the Events, the answer never arrives.
    assert stint("settings", "set", "writeback", "event").code == 0
    sandbox.faults.apply_then_drop_next(path_prefix="composite/sobjects")
    stopped = stint("stop")
    assert stopped.code == 0 and stopped.err == ""  # the push goes on in the background
    [push_run] = [r for r in stint("log", "--json").json()["runs"] if r["kind"] == "push"]
    assert push_run["outcome"] == "failed" and "closed the connection" in push_run["error"]
    entries = stint("entries", "--json").json()
    assert len(entries) == 3 and len(_stint_client_ids(sandbox)) == 3  # created there

    assert stint("sync").code == 0
    assert _stint_client_ids(sandbox) == Counter({e["client_id"]: 1 for e in entries})
    assert stint("sync").code == 0  # and nothing more later
    assert sum(_stint_client_ids(sandbox).values()) == 3
