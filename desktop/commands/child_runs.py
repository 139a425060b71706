"""The app's child processes: one sync run, or one write-back push, in a process of its own,
started by the app (desktop.engine.sync_process, push_process):
`stint _sync-run [--profile DIR] [--full]` and `stint _push-run [--profile DIR] --wait SECONDS`
(hidden from `stint --help`).

It opens the profile as `stint sync` does (its own keyring access and Salesforce sign-in),
runs one sync (pull, then the write-back push when it is on) holding the profile's sync lock,
and records it in the store like any run; the app reads the run back from there.

What it writes on stdout, one JSON object a line (nothing else goes there: the log goes to
the profile's log file, Python's own complaints to stderr):
    {"progress": ["Opportunity", 200, 1500]}   while records arrive
    {"run": 42, "problem": null | {...}}       last: the run's id, and for a failed run the
                                               problem behind it (desktop.engine.problem_relay)
    {"problem": {...}}                         instead, when no run could start (not
                                               connected, the sign-in fails, a sync is running)
    {"report": null | {...}}                   a push's last line: what it sent
                                               (desktop.engine.push_process), null when it
                                               sent nothing (off, paused, not connected, busy)
SIGTERM (and SIGINT) cancel the run between requests: it ends as cancelled, committed work
kept, like a cancel in the app.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from typing import Any

from desktop.engine.child_process import PUSH_COMMAND, SYNC_COMMAND

EXIT_RUN_RECORDED = 0  # the last line names the run (whatever its outcome)
EXIT_NO_RUN = 3  # the last line names the problem that stopped the run from starting


def _emit(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=True) + "\n")
    sys.stdout.flush()


def run_sync(arguments: list[str]) -> int:
    """`stint _sync-run [--profile DIR] [--full]`; returns the exit code."""
    from desktop.engine import Engine
    from desktop.engine.problem_relay import problem_to_data

    options = _parse(arguments, SYNC_COMMAND)
    profile, full = options.get("profile"), bool(options.get("full"))
    cancel = _cancelled_by_signals()

    def progress(sobject: str, done: int, total: int) -> None:
        _emit({"progress": [sobject, done, total]})

    try:
        with Engine.open(profile) as engine:
            engine.keeps_session = True  # one sign-in for a day of syncs, not one each
            try:
                sync_run = engine.run_sync(full, cancel, progress)
            except Exception as exc:  # not connected, the sign-in fails, a sync is running
                _emit({"problem": problem_to_data(exc)})
                return EXIT_NO_RUN
            problem = engine.last_problem(sync_run)
            _emit({"run": sync_run.id,
                   "problem": None if problem is None else problem_to_data(problem)})
            return EXIT_RUN_RECORDED
    except Exception as exc:  # the profile or its store cannot be opened
        _emit({"problem": problem_to_data(exc)})
        return EXIT_NO_RUN


def run_push(arguments: list[str]) -> int:
    """`stint _push-run [--profile DIR] --wait SECONDS`; returns the exit code."""
    from desktop.engine import Engine
    from desktop.engine.push_process import report_to_data

    options = _parse(arguments, PUSH_COMMAND)
    cancel = _cancelled_by_signals()
    with Engine.open(options.get("profile")) as engine:
        engine.keeps_session = True
        report = engine.push_now(wait_seconds=float(options.get("wait", 0)), cancel=cancel)
        _emit({"report": None if report is None else report_to_data(report)})
    return EXIT_RUN_RECORDED


def _cancelled_by_signals() -> threading.Event:
    cancel = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: cancel.set())
    return cancel


def _parse(arguments: list[str], command: str) -> dict[str, Any]:
    rest = list(arguments)
    options: dict[str, Any] = {}
    while rest:
        word = rest.pop(0)
        if word in ("--profile", "--wait") and rest:
            options[word[2:]] = rest.pop(0)
        elif word == "--full":
            options["full"] = True
        else:
            raise SystemExit(f"stint {command}: unexpected argument {word!r}")
    return options  # no --profile: STINT_HOME, else the default profile (as any command)
