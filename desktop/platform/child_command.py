"""The command line of one of the app's child processes (`stint WORD [--profile ROOT] ...`),
and whether this platform runs the app's work in children at all.

Where a child has been run and tested: Linux (pip-installed and the bundle). Windows' windowed
bundle has no standard streams to report on, and neither it nor macOS has been tried
(installer/README.md): there the app does that work in its own process, as before.
"""

from __future__ import annotations

import sys

from desktop.platform.detached import stint_command
from desktop.platform.paths import ProfilePaths

CHILD_PROCESS_PLATFORM = sys.platform.startswith("linux")
CATALOG_COMMAND = "_catalog-build"  # builds the app's task catalog (desktop.commands)


def child_command(word: str, paths: ProfilePaths, *arguments: str) -> list[str]:
    """`stint WORD [--profile ROOT] ...` with this installation of Stint (pip-installed or
    bundled). The default profile is named by no --profile at all: its config, data and logs
    live in the platform's separate folders, not under one root."""
    profile = [] if paths.is_default else ["--profile", str(paths.root)]
    return stint_command([word, *profile, *arguments])
