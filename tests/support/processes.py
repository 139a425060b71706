"""Child processes for end-to-end tests: bounded waits, group kills, captured output."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def wait_until(condition: Callable[[], T], timeout: float, what: str, interval: float = 0.05) -> T:
    """Poll `condition` until it returns something truthy (returned) or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout:.1f}s waiting for {what}")
        time.sleep(interval)


def dying_with_parent(args: Sequence[str]) -> list[str]:
    """`args` run so that the process gets SIGTERM if the test process dies without cleanup.

    setpriv (util-linux) sets PR_SET_PDEATHSIG and then execs `args`, so the pid stays the
    program's; a preexec_fn would do the same but is unsafe in threaded parents (xdist).
    """
    if shutil.which("setpriv") is None:
        return list(args)
    return ["setpriv", "--pdeathsig", "TERM", "--", *args]


def stop_group(process: subprocess.Popen, grace: float = 3.0) -> None:
    """SIGTERM the process group, give it `grace` seconds, then SIGKILL whatever is left."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=grace)


def tail(path: Path, limit: int = 2000) -> str:
    """The end of a log file, for error messages."""
    try:
        text = path.read_text(errors="replace")
    except FileNotFoundError:
        return "(no output)"
    return text[-limit:].strip() or "(no output)"


class LaunchedProcess:
    """A program started in a desktop session; stdout and stderr go to files in its log dir."""

    def __init__(self, name: str, popen: subprocess.Popen, stdout: Path, stderr: Path) -> None:
        self.name = name
        self.popen = popen
        self.stdout_path = stdout
        self.stderr_path = stderr

    @property
    def pid(self) -> int:
        return self.popen.pid

    def is_running(self) -> bool:
        return self.popen.poll() is None

    def stdout(self) -> str:
        return self.stdout_path.read_text(errors="replace")

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def describe(self) -> str:
        """Exit state and the tail of both streams, for assertion and timeout messages."""
        state = "running" if self.is_running() else f"exited with {self.popen.returncode}"
        return (
            f"{self.name} (pid {self.pid}) {state}\n--- stdout ---\n{tail(self.stdout_path)}"
            f"\n--- stderr ---\n{tail(self.stderr_path)}"
        )

    def wait_for_output(self, text: str, timeout: float = 10.0) -> str:
        """Wait until a stdout line contains `text`; return that line. Fails fast on exit."""

        def matching_line() -> str | None:
            exited = not self.is_running()  # read after checking, so no last words are missed
            line = next((line for line in self.stdout().splitlines() if text in line), None)
            if line is None and exited:
                raise AssertionError(f"{text!r} was never printed:\n{self.describe()}")
            return line

        try:
            return wait_until(matching_line, timeout, f"{self.name} to print {text!r}")
        except TimeoutError as error:
            raise TimeoutError(f"{error}\n{self.describe()}") from None

    def kill(self) -> None:
        """SIGKILL the whole process group at once, like a crash or `kill -9`."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        self.popen.wait(timeout=5)

    def stop(self, grace: float = 5.0) -> int:
        """SIGTERM, then SIGKILL after `grace` seconds; returns the exit status."""
        stop_group(self.popen, grace)
        return self.popen.returncode
