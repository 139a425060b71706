"""Giving freed memory back to the system.

Freeing a big structure (a replaced task catalog, the temporaries of building one) returns its
memory to the C allocator, which keeps most of it mapped for later: the process's resident
size stays at its peak. On glibc (Linux), malloc_trim(0) hands the free pages of every arena
back. Elsewhere this does nothing. The call runs without the GIL (ctypes releases it), so it
belongs on a worker thread: it can take tens of milliseconds.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache


@cache
def _malloc_trim():  # type: ignore[no-untyped-def]
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim  # glibc only (musl has no such function)
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def return_freed_memory() -> bool:
    """Hand free heap pages back to the system; True when the allocator could be asked."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
