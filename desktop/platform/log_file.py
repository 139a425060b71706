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
