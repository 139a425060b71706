"""The log file's handler (loaded with logging.handlers when the first record is written)."""

from __future__ import annotations

import contextlib
import logging.handlers
import os


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating handler whose files are readable by the user only (0600)."""

    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        # e.g. a file system without permissions: the log still works
        with contextlib.suppress(OSError):
            os.chmod(self.baseFilename, 0o600)
        return stream

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        """A full or read-only disk loses the log line, silently: the default prints a
        traceback on stderr for every line, which would bury the one-line messages of the
        CLI (and say nothing the user can act on that Stint does not say itself)."""
