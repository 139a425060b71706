"""One sync run in a process of its own, started by the app (desktop.engine.sync_process):
`stint _sync-run --profile DIR [--full]` (hidden from `stint --help`).

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
SIGTERM (and SIGINT) cancel the run between requests: it ends as cancelled, committed work
kept, like a cancel in the app.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from typing import Any

CHILD_COMMAND = "_sync-run"
EXIT_RUN_RECORDED = 0  # the last line names the run (whatever its outcome)
EXIT_NO_RUN = 3  # the last line names the problem that stopped the run from starting


def _emit(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message, ensure_ascii=True) + "\n")
    sys.stdout.flush()


def run(arguments: list[str]) -> int:
    """`stint _sync-run --profile DIR [--full]`; returns the exit code."""
    from desktop.engine import Engine
    from desktop.engine.problem_relay import problem_to_data

    profile, full = _parse(arguments)
    cancel = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: cancel.set())

    def progress(sobject: str, done: int, total: int) -> None:
        _emit({"progress": [sobject, done, total]})

    try:
        with Engine.open(profile) as engine:
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


def _parse(arguments: list[str]) -> tuple[str, bool]:
    rest = list(arguments)
    profile, full = None, False
    while rest:
        word = rest.pop(0)
        if word == "--profile" and rest:
            profile = rest.pop(0)
        elif word == "--full":
            full = True
        else:
            raise SystemExit(f"stint {CHILD_COMMAND}: unexpected argument {word!r}")
    if not profile:
        raise SystemExit(f"stint {CHILD_COMMAND}: --profile DIR is required")
    return profile, full
