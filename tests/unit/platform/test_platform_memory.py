"""Handing freed memory back to the system (glibc's malloc_trim; nothing elsewhere)."""

import platform
import sys
from pathlib import Path

import pytest

from desktop.platform import memory


def test_it_asks_glibc_on_linux_and_can_be_called_again():
    assert memory.return_freed_memory() is memory.return_freed_memory()
    if platform.libc_ver()[0] == "glibc":
        assert memory.return_freed_memory() is True


def test_without_malloc_trim_it_does_nothing(monkeypatch):
    monkeypatch.setattr(memory, "_malloc_trim", lambda: None)
    assert memory.return_freed_memory() is False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc")
def test_freed_memory_leaves_the_resident_set():
    def resident_kb() -> int:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError("no VmRSS")

    memory.return_freed_memory()
    before = resident_kb()
    # many blocks of 64 KB (below glibc's mmap threshold: they come from the heap) ...
    blocks = [bytearray(64 * 1024) for _ in range(800)]
    keep = blocks[-1]  # ... one kept at the top, so the heap cannot simply shrink
    del blocks
    assert resident_kb() > before + 30_000  # freed, but still resident
    memory.return_freed_memory()
    assert resident_kb() < before + 10_000
    del keep
