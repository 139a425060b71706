"""The app's syncs, each in a process that exits when the run ends (desktop.commands.child_runs).

A sync loads the Salesforce client (simple-salesforce, zeep, lxml, requests), the keyring and
cryptography, and makes millions of short-lived objects; in the app all of it stayed resident
for the rest of the day: Python's allocator keeps an arena while any object in it lives, and a
module once imported stays. Run in a child, the app itself only reads the result from the
store (tests/bench/bench_memory_connected.py; README, "Where the memory goes"). The child
starts in a few hundred milliseconds, a small price beside a run's requests.

The Scheduler calls a SyncProcess as it would Engine.run_sync: same arguments, same SyncRun
back, progress reported as it comes, a cancel stops the child (it ends its run as
cancelled), problems raised as the classes the app knows (desktop.engine.problem_relay).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from desktop.domain.synclog import RunOutcome, SyncRun
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.engine.child_process import SYNC_COMMAND, ChildOutcome, run_child
from desktop.engine.errors import EngineError, SyncAlreadyRunning
from desktop.engine.problem_relay import problem_from_data
from desktop.platform.child_command import child_command
from desktop.platform.paths import ProfilePaths
from desktop.store import Store

log = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]


def sync_command(paths: ProfilePaths, full: bool) -> list[str]:
    return child_command(SYNC_COMMAND, paths, *(["--full"] if full else []))


class SyncProcess:
    """Runs each sync in a child process; `last_problem` tells why the last run failed."""

    def __init__(self, paths: ProfilePaths, store: Store, local_sync: threading.Lock,
                 command: Callable[[ProfilePaths, bool], list[str]] = sync_command) -> None:
        self._paths = paths
        self._store = store
        self._local_sync = local_sync  # held while a child runs: this process's pushes wait
        self._command = command
        self._problem: BaseException | None = None

    def __call__(self, full: bool, cancel: threading.Event,
                 on_progress: ProgressCallback | None = None) -> SyncRun:
        if not self._local_sync.acquire(blocking=False):
            raise SyncAlreadyRunning()
        try:
            return self._run_child(full, cancel, on_progress)
        finally:
            self._local_sync.release()

    def last_problem(self, run: SyncRun) -> BaseException | None:
        return self._problem if run.outcome is not RunOutcome.SUCCEEDED else None

    def _run_child(self, full: bool, cancel: threading.Event,
                   on_progress: ProgressCallback | None) -> SyncRun:
        self._problem = None
        log.info("sync: starting a sync process (%s)", "full" if full else "incremental")
        outcome = run_child(self._command(self._paths, full), cancel,
                            lambda values: _report_progress(on_progress, values))
        return self._result(outcome)

    def _result(self, outcome: ChildOutcome) -> SyncRun:
        last, code = outcome.result, outcome.exit_code
        if last is not None and isinstance(last.get("run"), int):
            run = self._store.sync_log.get_run(last["run"])
            if run is not None:
                problem = last.get("problem")
                self._problem = problem_from_data(problem) if problem is not None else None
                return run
        if last is not None and last.get("problem") is not None:
            raise problem_from_data(last["problem"])
        log.warning("the sync process stopped without a result (exit code %s):\n%s",
                    code, outcome.stderr or "(nothing on stderr)")
        raise EngineError(QT_TRANSLATE_NOOP(
            "EngineError",
            "The synchronization stopped unexpectedly (exit code %1); the log says more."), code)


def _report_progress(on_progress: ProgressCallback | None, values: Any) -> None:
    """(sobject, done, total) from a progress line; anything malformed is not reported."""
    if on_progress is None or not (isinstance(values, list) and len(values) == 3):
        return
    sobject, done, total = values
    if isinstance(sobject, str) and isinstance(done, int) and isinstance(total, int):
        on_progress(sobject, done, total)


class ScheduledRuns:
    """What the app's Scheduler runs: each run in a child process when a child can sign in on
    its own (the sign-in is kept in the system keyring), else in this process (a session-only
    sign-in lives here only; the demo's and the tests' secrets are handed to the engine)."""

    def __init__(self, paths: ProfilePaths, store: Store, local_sync: threading.Lock,
                 run_here: Callable[..., SyncRun],
                 problem_here: Callable[[SyncRun], BaseException | None],
                 child_can_run: Callable[[], bool]) -> None:
        self._child = SyncProcess(paths, store, local_sync)
        self._run_here = run_here
        self._problem_here = problem_here
        self._child_can_run = child_can_run  # Engine.can_run_in_child
        self._last_in_child = False

    def __call__(self, full: bool, cancel: threading.Event,
                 on_progress: ProgressCallback | None = None) -> SyncRun:
        self._last_in_child = self._child_can_run()
        if self._last_in_child:
            try:
                return self._child(full, cancel, on_progress)
            except OSError as exc:  # the child could not be started at all
                log.warning("sync: no sync process (%s); this sync runs in the app", exc)
                self._last_in_child = False
        return self._run_here(full, cancel, on_progress)

    def last_problem(self, run: SyncRun) -> BaseException | None:
        return self._child.last_problem(run) if self._last_in_child else self._problem_here(run)
