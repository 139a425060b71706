"""The app's child processes: one sync run, one write-back push, or one sign-in, in a process
of its own, started by the app (desktop.engine.sync_process, push_process, sign_in_process):
`stint _sync-run [--profile DIR] [--full]`, `stint _push-run [--profile DIR] --wait SECONDS`
and `stint _sign-in [--profile DIR]` (hidden from `stint --help`).

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
    {"progress": {"browser_url": URL}}         a sign-in's: no browser opened, show the URL
    {"progress": {"device_code": [CODE, URL]}} a sign-in's: the code to enter, and where
    {"signed_in": true}                        a sign-in's last line when it worked
    {"in_app": true, "keyring_problem": {...}} instead: no system keyring here (the Message
                                               saying why), so a sign-in made in this process
                                               would die with it
    {"keyring_usable": true}                   a keyring check's answer when there is one
A sign-in reads what to do from stdin, one JSON object (desktop.engine.sign_in_process); the
method "check" only checks the keyring (what the app of a never-linked profile warns about).
SIGTERM (and SIGINT) cancel the run between requests: it ends as cancelled, committed work
kept, like a cancel in the app.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from typing import Any

from desktop.domain.text import Message
from desktop.engine.child_process import PUSH_COMMAND, SIGN_IN_COMMAND, SYNC_COMMAND

EXIT_RUN_RECORDED = 0  # the last line names the run (whatever its outcome)
EXIT_NO_RUN = 3  # the last line names the problem that stopped the run from starting
EXIT_IN_APP = 4  # a sign-in: the app must do it itself (no system keyring)


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


def run_sign_in(arguments: list[str]) -> int:
    """`stint _sign-in [--profile DIR]`, the request on stdin; returns the exit code."""
    from desktop.engine import Engine
    from desktop.engine.problem_relay import problem_to_data

    options = _parse(arguments, SIGN_IN_COMMAND)
    cancel = _cancelled_by_signals()
    try:
        request = json.loads(sys.stdin.read() or "{}")
        with Engine.open(options.get("profile")) as engine:
            if not engine.system_keyring_usable():
                problem = engine.connection_info().keyring_problem
                _emit({"in_app": True, "keyring_problem": problem.to_data()
                       if isinstance(problem, Message) else problem})
                return EXIT_IN_APP
            if request.get("method") == "check":
                _emit({"keyring_usable": True})
                return EXIT_RUN_RECORDED
            _sign_in(engine, request, cancel)
            engine.refresh_describes()  # what Settings shows next, so the app need not sign in
            _emit({"signed_in": True})
            return EXIT_RUN_RECORDED
    except Exception as exc:  # the sign-in failed or was cancelled; the profile cannot open
        _emit({"problem": problem_to_data(exc)})
        return EXIT_NO_RUN


def _sign_in(engine: Any, request: dict[str, Any], cancel: threading.Event) -> None:
    method = request.get("method")
    if method == "password":
        engine.connect_password(request.get("username", ""), request.get("password", ""),
                                request.get("security_token", ""),
                                login_url=request.get("login_url"), ca_file=request.get("ca_file"))
        return
    options = {name: request.get(name) for name in
               ("login_url", "consumer_key", "consumer_secret", "ca_file")}
    if method == "oauth":
        engine.connect_oauth(**options, callback_url=request.get("callback_url"), cancel=cancel,
                             show_url=lambda url: _emit({"progress": {"browser_url": url}}))
    elif method == "device":
        engine.connect_device(
            lambda code: _emit({"progress": {"device_code": [code.user_code,
                                                             code.verification_uri]}}),
            **options, cancel=cancel)
    else:
        raise SystemExit(f"stint {SIGN_IN_COMMAND}: unknown sign-in method {method!r}")


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
