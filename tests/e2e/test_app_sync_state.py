"""One sync state in the real app (issue 11 point 9): a restart after a failed sync retries
within seconds, and Force synchronization on a profile that is not connected opens the
sign-in form instead of error notices."""

from __future__ import annotations


def test_a_restart_after_a_failed_sync_retries_within_seconds(stint):
    stint.connect_and_sync_with_cli("Yarrow Quill renewal")
    stint.sandbox.faults.fail_next(50)  # Salesforce answers 503 for a while
    failed = stint.cli("sync", check=False)
    assert failed.returncode == 1
    failed_run = stint.status()["last_sync"]
    assert failed_run["outcome"] == "failed", failed_run
    stint.sandbox.faults.clear()  # Salesforce is back

    stint.launch()
    # The interval is 60 minutes: before, the first sync came an hour after the last run.
    run = stint.wait_for_sync_after(failed_run["id"], timeout=30)
    assert run["outcome"] == "succeeded", run


def test_force_synchronization_while_not_connected_opens_the_sign_in(stint):
    stint.launch()
    stint.wait_for_log("integration page shows state 'never'")
    stint.keys("ctrl+1")  # away from Settings (where a profile never connected starts)
    stint.keys("ctrl+r")
    stint.wait_for_log("synchronization asked for while not connected: showing the sign-in")
    stint.screenshot("sync-while-not-connected")
    assert not stint.log_lines("Stint cannot synchronize")
    assert not stint.log_lines("not connected to Salesforce yet")
