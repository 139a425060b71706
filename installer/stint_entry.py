"""The bundled app's entry point: `stint` as PyInstaller freezes it (see stint.spec).

On Linux, PyInstaller's bootloader points LD_LIBRARY_PATH at the bundle's libraries so the
app finds them. Programs the app starts (the web browser for sign-in, xdg-open) would inherit
it and load the bundle's OpenSSL, ICU or Qt instead of their own, and may crash. The app's
libraries are loaded by then, so the variable is put back as it was before the bundle started.

On Windows, Stint.exe has no console, and a windowed PyInstaller program starts with
sys.stdout and sys.stderr set to None: they become the null device, so a write (a log
handler's, a benchmark line) cannot fail.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping


def restore_library_path(environ: MutableMapping[str, str]) -> None:
    """Undo the bootloader's LD_LIBRARY_PATH (it keeps a set value in LD_LIBRARY_PATH_ORIG)."""
    original = environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        environ.pop("LD_LIBRARY_PATH", None)
    else:
        environ["LD_LIBRARY_PATH"] = original


def give_missing_streams_a_sink(module=sys) -> None:
    """sys.stdout/sys.stderr that are None (a program without a console) write to nowhere."""
    for name in ("stdout", "stderr"):
        if getattr(module, name) is None:
            setattr(module, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def run() -> int:
    if getattr(sys, "frozen", False):
        give_missing_streams_a_sink()
        if sys.platform.startswith("linux"):
            restore_library_path(os.environ)
    from desktop.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
