"""Running one of the app's syncs, write-back pushes or sign-ins in a child `stint` process, and
hearing what it says (desktop.commands.child_runs speaks; sync_process, push_process and
sign_in_process listen).

Each child reports on stdout, one JSON object a line: progress while it works, a result last.
A cancel asks it to stop (SIGTERM: it ends its work as cancelled, committed work kept) and
kills it if it has not ended CANCEL_GRACE_SECONDS later.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

SYNC_COMMAND = "_sync-run"  # the `stint` words that start them (hidden from --help)
PUSH_COMMAND = "_push-run"
SIGN_IN_COMMAND = "_sign-in"
CANCEL_GRACE_SECONDS = 20.0
STDERR_KEPT_LINES = 20  # of a child that failed, for the log
BENCHMARK_SWITCHES = ("STINT_REPORT_STARTUP", "STINT_EXIT_AFTER_FIRST_PAINT")  # the app's only


@dataclass(frozen=True)
class ChildOutcome:
    result: dict[str, Any] | None  # the last line that was not progress
    exit_code: int
    stderr: str  # its last lines


def run_child(command: list[str], cancel: threading.Event,
              on_progress: Callable[[Any], None] | None = None,
              request: dict[str, Any] | None = None) -> ChildOutcome:
    """Run `command` to its end (or until `cancel`), passing each progress line's value to
    `on_progress`; `request` goes to its stdin as JSON (a password never goes on a command
    line, which any user of the machine can read). OSError when it cannot be started."""
    environment = {k: v for k, v in os.environ.items() if k not in BENCHMARK_SWITCHES}
    child = subprocess.Popen(
        command, stdin=subprocess.DEVNULL if request is None else subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, encoding="utf-8", errors="replace", env=environment,
    )
    if request is not None:  # small: written whole before reading; a child that died at
        # once says why on stderr (kept below)
        with contextlib.suppress(BrokenPipeError), child.stdin:  # type: ignore[union-attr]
            child.stdin.write(json.dumps(request))  # type: ignore[union-attr]
    stderr: deque[str] = deque(maxlen=STDERR_KEPT_LINES)
    stderr_reader = threading.Thread(target=lambda: stderr.extend(child.stderr),  # type: ignore[arg-type]
                                     daemon=True, name="child stderr")
    stderr_reader.start()
    threading.Thread(target=_stop_when_cancelled, args=(child, cancel), daemon=True,
                     name="child cancel").start()  # ends with the child
    result: dict[str, Any] | None = None
    for line in child.stdout:  # type: ignore[union-attr]
        message = _parsed(line)
        if "progress" in message:
            if on_progress is not None:
                on_progress(message["progress"])
        elif message:
            result = message
    code = child.wait()
    stderr_reader.join(5)
    return ChildOutcome(result, code, "".join(stderr).rstrip())


def _stop_when_cancelled(child: subprocess.Popen, cancel: threading.Event) -> None:
    while child.poll() is None:
        if cancel.wait(0.2):
            if child.poll() is None:
                log.info("asking the %s process to stop", _word(child))
                child.terminate()
                try:
                    child.wait(CANCEL_GRACE_SECONDS)
                except subprocess.TimeoutExpired:
                    log.warning("the %s process did not stop when asked; killed", _word(child))
                    child.kill()
            return


def _word(child: subprocess.Popen) -> str:
    words = [str(part) for part in child.args if str(part).startswith("_")]  # type: ignore[union-attr]
    return words[0].strip("_").replace("-run", "") if words else "child"


def _parsed(line: str) -> dict[str, Any]:
    try:
        message = json.loads(line)
    except ValueError:
        log.warning("a child process said something unexpected: %r", line[:200])
        return {}
    return message if isinstance(message, dict) else {}
