"""Giving freed memory back to the system, and keeping less of it.

Freeing a big structure (a replaced task catalog, the temporaries of building one) returns its
memory to the C allocator, which keeps most of it mapped for later: the process's resident
size stays at its peak. On glibc (Linux), malloc_trim(0) hands the free pages of every arena
back. Elsewhere this does nothing. The call runs without the GIL (ctypes releases it), so it
belongs on a worker thread: it can take tens of milliseconds.

glibc also gives threads arenas of their own (up to 8 per core), each keeping what its thread
freed between partly used pages: after a first full sync of the large org (sync, HTTP, task
catalog workers) the app held ~17 MB more with the default than with two arenas
(tests/bench/bench_gui_stall.py's run, 254 vs 237 MB). Python threads rarely allocate at the
same moment (the GIL), so two arenas cost no waiting worth measuring.

And glibc serves blocks of 128 KB and more with a mapping of their own, returned to the system
when freed, but raises that threshold to the size of each such block freed (up to 32 MB): once
a sync has freed its first HTTP bodies and page buffers, every later body, page and catalog
array of that size comes from the heap, and freed there it stays resident wherever a live
block sits above it. The app fixes the threshold at 256 KB instead: a connected app after the
first full sync of the large org and three incremental ones held 203-215 MB instead of
220-230 MB (tests/bench/bench_memory_connected.py; README, "Where the memory goes"). Not at
glibc's own 128 KB: the picker's per-keystroke temporaries of 128-256 KB would then each be
mapped and unmapped (2,700 more mmap/munmap calls in tests/bench/bench_picker.py's run).
"""

from __future__ import annotations

import ctypes
import os
import sys
from functools import cache

APP_MALLOC_ARENAS = 2
APP_MMAP_THRESHOLD = 256 * 1024
_M_MMAP_THRESHOLD = -3  # mallopt's parameter numbers (glibc's malloc.h)
_M_ARENA_MAX = -8


@cache
def _glibc_function(name: str):  # type: ignore[no-untyped-def]
    if not sys.platform.startswith("linux"):
        return None
    try:
        # the process's own symbols, libc's among them (ctypes.util's search costs ~9 ms)
        return getattr(ctypes.CDLL(None), name)  # glibc only: musl has neither function
    except (OSError, AttributeError):
        return None


@cache
def _malloc_trim():  # type: ignore[no-untyped-def]
    trim = _glibc_function("malloc_trim")
    if trim is not None:
        trim.argtypes = [ctypes.c_size_t]
        trim.restype = ctypes.c_int
    return trim


def limit_malloc_arenas(count: int = APP_MALLOC_ARENAS) -> bool:
    """At most `count` glibc malloc arenas for all threads (call it before threads start);
    True when glibc took it. A MALLOC_ARENA_MAX set in the environment wins."""
    return _mallopt(_M_ARENA_MAX, count, "MALLOC_ARENA_MAX")


def fix_mmap_threshold(size: int = APP_MMAP_THRESHOLD) -> bool:
    """Blocks of `size` bytes and more get mappings of their own, returned to the system when
    freed, for good (glibc's threshold no longer rises); True when glibc took it. A
    MALLOC_MMAP_THRESHOLD_ set in the environment wins."""
    return _mallopt(_M_MMAP_THRESHOLD, size, "MALLOC_MMAP_THRESHOLD_")


def _mallopt(parameter: int, value: int, environment_name: str) -> bool:
    mallopt = _glibc_function("mallopt")
    if mallopt is None or os.environ.get(environment_name):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return mallopt(parameter, value) == 1


def return_freed_memory() -> bool:
    """Hand free heap pages back to the system; True when the allocator could be asked."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
