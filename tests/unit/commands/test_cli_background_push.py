"""Write-back after `stint start`/`stop`/`add` runs in a detached `stint push` (issue 16): the
command returns at once, the entry reaches Salesforce without anything more from the user,
and entries ended in quick succession each arrive exactly once. Real `stint` processes, a
real Secret Service (private gnome-keyring) and the sandbox over HTTPS."""

from __future__ import annotations

import time
from collections import Counter
from datetime import date, timedelta

from tests.unit.commands.test_cli_processes import connect_password

PUSH_LATENCY_MS = 3000  # every Event write waits this long in the sandbox


def _stint_client_ids(sandbox) -> Counter:
    records = sandbox.salesforce().query_all("SELECT Id, Description FROM Event")["records"]
    return Counter(e["Description"].rsplit("[stint:", 1)[1].rstrip("]")
                   for e in records if "[stint:" in (e["Description"] or ""))


def _wait_for(condition, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def _pushes_done(stint_process) -> bool:
    runs = stint_process("log", "--json").json()["runs"]
    return all(run["outcome"] != "running" for run in runs)


def test_stop_returns_at_once_and_the_entry_arrives_later(stint_process, sandbox):
    assert connect_password(stint_process, sandbox).code == 0
    for key, value in (("writeback", "event"), ("writeback_short_entries", "true")):
        assert stint_process("settings", "set", key, value).code == 0
    assert stint_process("sync").code == 0
    tasks = [t for t in stint_process("tasks", "--json").json() if t["kind"] == "opportunity"]
    sandbox.faults.set_latency(PUSH_LATENCY_MS, path_prefix="composite/sobjects")

    assert stint_process("start", tasks[0]["id"]).code == 0
    time.sleep(1.1)  # entries are stored to the millisecond; keep them clearly apart
    switched = stint_process("start", tasks[1]["id"])  # ends the first entry: pushed
    time.sleep(1.1)
    began = time.monotonic()
    stopped = stint_process("stop", "--json")
    took = time.monotonic() - began
    assert (stopped.code, stopped.err, switched.code, switched.err) == (0, "", 0, "")
    assert took < PUSH_LATENCY_MS / 1000  # it did not wait for Salesforce

    entries = stint_process("entries", "--json").json()
    _wait_for(lambda: sum(_stint_client_ids(sandbox).values()) >= 2)
    _wait_for(lambda: _pushes_done(stint_process))
    assert _stint_client_ids(sandbox) == Counter({e["client_id"]: 1 for e in entries})

    assert stint_process("sync").code == 0  # and nothing is sent twice later
    assert sum(_stint_client_ids(sandbox).values()) == 2


def test_an_added_entry_goes_in_the_background_too(stint_process, sandbox):
    assert connect_password(stint_process, sandbox).code == 0
    assert stint_process("settings", "set", "writeback", "event").code == 0
    assert stint_process("sync").code == 0
    task = next(t for t in stint_process("tasks", "--json").json() if t["kind"] == "case")
    yesterday = date.today() - timedelta(days=1)
    added = stint_process("add", task["id"], "--start", f"{yesterday} 09:00", "--duration", "45m",
                          "--json")
    assert (added.code, added.err) == (0, "")
    _wait_for(lambda: _stint_client_ids(sandbox) == Counter({added.json()["client_id"]: 1}))
    _wait_for(lambda: _pushes_done(stint_process))
