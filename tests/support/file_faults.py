"""Real file-system faults for a program under test: a read-only profile folder and a full
disk, each only for that program.

With root rights (CAP_SYS_ADMIN) the program runs in its own mount namespace (`unshare -m`):
the folder is bind-mounted read-only there, or replaced by a small tmpfs holding a copy of
it, filled up. Nothing of it outlives the program, and other processes never see it. Without
those rights a read-only folder is made with chmod (a non-root user is refused writes there);
a full disk is then unavailable and the tests that need it are skipped with that reason.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Sequence
from functools import cache
from pathlib import Path


@cache
def mount_namespaces_available() -> str | None:
    """None when `unshare -m` with mounts works here, else why not."""
    if shutil.which("unshare") is None:
        return "no unshare command"
    if os.geteuid() != 0:
        return "mounting needs root rights"
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        return f"cannot mount in a mount namespace: {probe.stderr.strip()}"
    return None


def read_only_unavailable() -> str | None:
    if os.geteuid() != 0:
        return None  # chmod is enough for a normal user
    return mount_namespaces_available()


def full_disk_unavailable() -> str | None:
    return mount_namespaces_available()


def _in_namespace(script: str, argv: Sequence[str]) -> list[str]:
    return ["unshare", "-m", "sh", "-c", f'{script} && exec "$@"', "sh", *argv]


def with_read_only(folder: Path, argv: Sequence[str]) -> list[str]:
    """`argv` run with `folder` read-only (as root: a read-only bind mount; else chmod, which
    the caller undoes with `make_writable`)."""
    if os.geteuid() != 0:
        for path in (folder, *[p for p in folder.rglob("*") if p.is_dir()]):
            path.chmod(0o555)
        return list(argv)
    quoted = shlex.quote(str(folder))
    return _in_namespace(f"mount --bind {quoted} {quoted} && "
                         f"mount -o remount,bind,ro {quoted}", argv)


def make_writable(folder: Path) -> None:
    for path in (folder, *[p for p in folder.rglob("*") if p.is_dir()]):
        path.chmod(0o700)


def with_full_disk(folder: Path, argv: Sequence[str], size_kib: int = 2048) -> list[str]:
    """`argv` run with `folder` on a `size_kib` tmpfs that holds a copy of it and is then
    filled to the last byte. The real folder is never changed."""
    quoted = shlex.quote(str(folder))
    # /mnt: only a mount point inside the namespace (the host's /mnt stays as it is).
    script = (
        f"mount -t tmpfs -o size={size_kib}k tmpfs /mnt && cp -a {quoted}/. /mnt/ && "
        f"mount --bind /mnt {quoted} && "
        f"(dd if=/dev/zero of={quoted}/.filler bs=4k 2>/dev/null; "
        f" dd if=/dev/zero of={quoted}/.filler-tail bs=1 2>/dev/null; true)"
    )
    return _in_namespace(script, argv)
