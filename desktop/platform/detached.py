"""Start a `stint` command in the background, detached from the one that starts it.

The child runs in its own session (its own process group on Windows) with no terminal and
its standard streams on the null device: it outlives the command that started it, and a
Ctrl+C or a closed terminal there does not reach it. What it does goes to the profile's log
and sync log. On POSIX it is started with os.posix_spawn: the subprocess module would cost
the command that hands work over ~25 ms to import.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def stint_command(arguments: Sequence[str]) -> list[str]:
    """The command line that runs `stint ARGUMENTS` with this installation of Stint."""
    if getattr(sys, "frozen", False):  # a bundled executable is `stint` itself
        return [sys.executable, *arguments]
    return [sys.executable, "-m", "desktop", *arguments]


def start_detached(arguments: Sequence[str]) -> int:
    """Start `stint ARGUMENTS` detached; returns its process id. Does not wait for it."""
    command = stint_command(arguments)
    if sys.platform == "win32":
        import subprocess

        flags = (subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
                 | subprocess.CREATE_NO_WINDOW)  # type: ignore[attr-defined]
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, creationflags=flags).pid
    null_streams = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
    # Every other descriptor of this process is non-inheritable (PEP 446): none leaks.
    return os.posix_spawn(command[0], command, os.environ, file_actions=null_streams,
                          setsid=True)
