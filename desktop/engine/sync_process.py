"""The app's syncs, each in a process that exits when the run ends (desktop.engine.sync_child).

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

import json
import logging
import os
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from desktop.domain.synclog import RunOutcome, SyncRun
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.engine.errors import EngineError, SyncAlreadyRunning
from desktop.engine.problem_relay import problem_from_data
from desktop.engine.sync_child import CHILD_COMMAND
from desktop.platform.paths import ProfilePaths
from desktop.store import Store

log = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int, int], None]
# Where a child sync has been run and tested: Linux (pip-installed and the bundle). Windows'
# windowed bundle has no standard streams to report on, and neither it nor macOS has been tried
# (installer/README.md): there the app syncs in its own process, as before.
CHILD_PROCESS_PLATFORM = sys.platform.startswith("linux")
CANCEL_GRACE_SECONDS = 20.0  # a cancelled child ends its current request, then is killed
STDERR_KEPT_LINES = 20  # of a child that failed, for the log


def child_command(paths: ProfilePaths, full: bool) -> list[str]:
    """How to start the child: through `stint` itself, whether installed by pip (python -m
    desktop) or bundled (the bundle's executable is the `stint` command)."""
    stint = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "desktop"]
    return [*stint, CHILD_COMMAND, "--profile", str(paths.root), *(["--full"] if full else [])]


class SyncProcess:
    """Runs each sync in a child process; `last_problem` tells why the last run failed."""

    def __init__(self, paths: ProfilePaths, store: Store, local_sync: threading.Lock,
                 command: Callable[[ProfilePaths, bool], list[str]] = child_command) -> None:
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
        command = self._command(self._paths, full)
        log.info("sync: starting a sync process (%s)", "full" if full else "incremental")
        child = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", errors="replace", env=_child_environment(),
        )  # OSError when it cannot start: ScheduledRuns runs that sync here instead
        stderr: deque[str] = deque(maxlen=STDERR_KEPT_LINES)
        readers = [threading.Thread(target=lambda: stderr.extend(child.stderr), daemon=True,
                                    name="sync process stderr")]  # type: ignore[arg-type]
        stopper = threading.Thread(target=_stop_when_cancelled, args=(child, cancel),
                                   daemon=True, name="sync process cancel")
        readers.append(stopper)
        for thread in readers:
            thread.start()
        last: dict[str, Any] | None = None
        for line in child.stdout:  # type: ignore[union-attr]
            message = _parsed(line)
            if "progress" in message and on_progress is not None:
                _report_progress(on_progress, message["progress"])
            elif "run" in message or "problem" in message:
                last = message
        code = child.wait()  # the cancel watcher ends with the child
        readers[0].join(5)
        return self._result(last, code, list(stderr))

    def _result(self, last: dict[str, Any] | None, code: int, stderr: list[str]) -> SyncRun:
        if last is not None and isinstance(last.get("run"), int):
            run = self._store.sync_log.get_run(last["run"])
            if run is not None:
                problem = last.get("problem")
                self._problem = problem_from_data(problem) if problem is not None else None
                return run
        if last is not None and last.get("problem") is not None:
            raise problem_from_data(last["problem"])
        log.warning("the sync process stopped without a result (exit code %s):\n%s",
                    code, "".join(stderr).rstrip() or "(nothing on stderr)")
        raise EngineError(QT_TRANSLATE_NOOP(
            "EngineError",
            "The synchronization stopped unexpectedly (exit code %1); the log says more."), code)


def _child_environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment.pop("STINT_REPORT_STARTUP", None)  # the app's benchmark switches are not its
    environment.pop("STINT_EXIT_AFTER_FIRST_PAINT", None)
    return environment


def _stop_when_cancelled(child: subprocess.Popen, cancel: threading.Event) -> None:
    """Ask the child to cancel its run (SIGTERM) once `cancel` is set; kill it if it has not
    ended CANCEL_GRACE_SECONDS later."""
    while child.poll() is None:
        if cancel.wait(0.2):
            if child.poll() is None:
                log.info("sync: cancelling the sync process")
                child.terminate()
                try:
                    child.wait(CANCEL_GRACE_SECONDS)
                except subprocess.TimeoutExpired:
                    log.warning("sync: the sync process did not stop when asked; killed")
                    child.kill()
            return


def _parsed(line: str) -> dict[str, Any]:
    try:
        message = json.loads(line)
    except ValueError:
        log.warning("sync process said something unexpected: %r", line[:200])
        return {}
    return message if isinstance(message, dict) else {}


def _report_progress(on_progress: ProgressCallback, values: Any) -> None:
    if (isinstance(values, list) and len(values) == 3 and isinstance(values[0], str)
            and isinstance(values[1], int) and isinstance(values[2], int)):
        on_progress(values[0], values[1], values[2])


class ScheduledRuns:
    """What the app's Scheduler runs: each run in a child process when a child can sign in on
    its own (the sign-in is kept in the system keyring), else in this process (a session-only
    sign-in lives here only; the demo's and the tests' secrets are handed to the engine)."""

    def __init__(self, paths: ProfilePaths, store: Store, local_sync: threading.Lock,
                 run_here: Callable[..., SyncRun],
                 problem_here: Callable[[SyncRun], BaseException | None],
                 child_can_sign_in: Callable[[], bool]) -> None:
        self._child = SyncProcess(paths, store, local_sync)
        self._run_here = run_here
        self._problem_here = problem_here
        self._child_can_sign_in = child_can_sign_in
        self._last_in_child = False

    def __call__(self, full: bool, cancel: threading.Event,
                 on_progress: ProgressCallback | None = None) -> SyncRun:
        self._last_in_child = CHILD_PROCESS_PLATFORM and self._child_can_sign_in()
        if self._last_in_child:
            try:
                return self._child(full, cancel, on_progress)
            except OSError as exc:  # the child could not be started at all
                log.warning("sync: no sync process (%s); this sync runs in the app", exc)
                self._last_in_child = False
        return self._run_here(full, cancel, on_progress)

    def last_problem(self, run: SyncRun) -> BaseException | None:
        return self._child.last_problem(run) if self._last_in_child else self._problem_here(run)
