"""Helpers for building hundreds of thousands of objects at once."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a block allocates many small objects.

    Bulk loads (200,000 items) otherwise trigger repeated full collections that walk every
    object already alive and can double the time. Nests safely across threads: collection
    resumes when the last block ends (only if it was enabled before the first one).
    """
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
