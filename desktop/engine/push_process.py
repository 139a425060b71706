"""The app's write-back pushes in a child process, as its syncs (desktop.engine.sync_process):
a push signs in and sends through the Salesforce client, which would otherwise stay loaded in
the app for the rest of the day after the first timer stopped.

A PushProcess is called as Engine.push_now is (the app's WriteBackService calls it through
Engine.push_from_app) and gives back what the push did: the report's counts and error, read
from the child's last line (the record changes it made are in the store's sync log).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from desktop.domain.synclog import RunOutcome
from desktop.domain.text import Message
from desktop.engine.child_process import PUSH_COMMAND, run_child
from desktop.engine.sync_locks import SyncLocks
from desktop.platform.child_command import child_command
from desktop.platform.paths import ProfilePaths
from desktop.sync.push.report import PushReport

log = logging.getLogger(__name__)

_COUNTS = ("created", "updated", "deleted", "failed", "conflicts", "deleted_remote",
           "recovered", "skipped", "api_calls")


def report_to_data(report: PushReport) -> dict[str, Any]:
    return {
        "sobject": report.sobject, "outcome": report.outcome.value,
        "error": None if report.error is None else report.error.to_data(),
        **{name: getattr(report, name) for name in _COUNTS},
    }


def report_from_data(data: Any) -> PushReport | None:
    if not isinstance(data, dict):
        return None
    counts = {name: value for name in _COUNTS if isinstance(value := data.get(name), int)}
    try:
        outcome = RunOutcome(data.get("outcome"))
    except ValueError:
        outcome = RunOutcome.FAILED
    sobject = data.get("sobject")
    return PushReport(sobject=sobject if isinstance(sobject, str) else "", outcome=outcome,
                      error=Message.from_data(data.get("error")), **counts)


class PushProcess:
    """Runs a push in a child; holds this process's sync lock meanwhile, as a push here would."""

    def __init__(self, paths: ProfilePaths, locks: SyncLocks) -> None:
        self._paths = paths
        self._locks = locks

    def __call__(self, wait_seconds: float, cancel: threading.Event) -> PushReport | None:
        """None when nothing was sent (write-back off, paused, not connected, the profile
        stayed busy, the child failed: the entries stay pending for the next push or sync)."""
        deadline = time.monotonic() + wait_seconds
        if not self._locks.wait_local(wait_seconds, cancel):  # a sync of this app
            return None
        try:
            left = max(0.0, deadline - time.monotonic())
            log.info("write-back: starting a push process")
            outcome = run_child(child_command(PUSH_COMMAND, self._paths, "--wait", f"{left:.0f}"),
                                cancel)
        finally:
            self._locks.local.release()
        if outcome.result is None or "report" not in outcome.result:
            log.warning("the push process stopped without a result (exit code %s):\n%s",
                        outcome.exit_code, outcome.stderr or "(nothing on stderr)")
            return None
        return report_from_data(outcome.result["report"])
