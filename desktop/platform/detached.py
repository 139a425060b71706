"""Start a `stint` command in the background, detached from the one that starts it.

The child runs in its own session (its own process group on Windows) with no terminal and
its output discarded: it outlives the command that started it, and a Ctrl+C or a closed
terminal there does not reach it. What it does goes to the profile's log and sync log.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def stint_command(arguments: Sequence[str]) -> list[str]:
    """The command line that runs `stint ARGUMENTS` with this installation of Stint."""
    if getattr(sys, "frozen", False):  # a bundled executable is `stint` itself
        return [sys.executable, *arguments]
    return [sys.executable, "-m", "desktop", *arguments]


def start_detached(arguments: Sequence[str]) -> int:
    """Start `stint ARGUMENTS` detached; returns its process id. Does not wait for it."""
    import subprocess  # only the commands that hand work to the background load it

    options: dict = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL,
                     "stderr": subprocess.DEVNULL, "close_fds": True}
    if sys.platform == "win32":
        options["creationflags"] = (subprocess.DETACHED_PROCESS  # type: ignore[attr-defined]
                                    | subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
                                    | subprocess.CREATE_NO_WINDOW)  # type: ignore[attr-defined]
    else:
        options["start_new_session"] = True
    process = subprocess.Popen(stint_command(arguments), **options)
    return process.pid
