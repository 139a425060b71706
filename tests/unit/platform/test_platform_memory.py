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


ARENAS_PROBE = "from desktop.platform import memory; print(memory.limit_malloc_arenas())"


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's mallopt")
def test_glibc_takes_the_arena_limit_unless_the_environment_sets_one():
    import os
    import subprocess

    def limited(**environment: str) -> str:
        env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
        return subprocess.run([sys.executable, "-c", ARENAS_PROBE], env={**env, **environment},
                              capture_output=True, text=True, check=True).stdout.strip()

    assert limited() == "True"
    assert limited(MALLOC_ARENA_MAX="4") == "False"  # the user's choice stays


def test_without_mallopt_no_arena_limit(monkeypatch):
    monkeypatch.setattr(memory, "_glibc_function", lambda name: None)
    assert memory.limit_malloc_arenas() is False


# A block freed by glibc raises its mmap threshold to the block's size (4 MB here); then blocks
# of 512 KB, each with a small live neighbour as a sync's buffers have, come from the heap and
# stay resident once freed, unless the threshold was fixed.
FREED_BLOCKS_PROBE = """
import sys
from pathlib import Path
from desktop.platform import memory

def resident_kb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

fixed = memory.fix_mmap_threshold() if sys.argv[1] == "fixed" else None
first = bytearray(4 * 2**20)
del first
before = resident_kb()
blocks, kept = [], []
for _ in range(100):
    blocks.append(bytearray(512 * 1024))
    kept.append(bytearray(2000))
del blocks
print(fixed, resident_kb() - before)
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's mallopt")
def test_with_the_threshold_fixed_freed_big_blocks_leave_the_resident_set_at_once():
    import os
    import subprocess

    def still_resident_kb(mode: str) -> tuple[str, int]:
        env = {k: v for k, v in os.environ.items() if k != "MALLOC_MMAP_THRESHOLD_"}
        out = subprocess.run([sys.executable, "-c", FREED_BLOCKS_PROBE, mode], env=env,
                             capture_output=True, text=True, check=True).stdout.split()
        return out[0], int(out[1])

    assert still_resident_kb("default")[1] > 30_000  # 50 MB freed, most of it still resident
    taken, resident = still_resident_kb("fixed")
    assert taken == "True"
    assert resident < 5_000


def test_without_mallopt_no_fixed_threshold(monkeypatch):
    monkeypatch.setattr(memory, "_glibc_function", lambda name: None)
    assert memory.fix_mmap_threshold() is False


def test_a_threshold_set_in_the_environment_wins(monkeypatch):
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "65536")
    assert memory.fix_mmap_threshold() is False
