"""Installing and removing a .deb on this machine for a test, one test at a time.

dpkg is machine-wide: two test runs (two engineers' suites, or xdist workers) must not
install and remove the same package at once, so `exclusive_package_slot()` holds a lock file
for the whole install-use-remove cycle. dpkg's own lock can be held by apt elsewhere for a
while: those calls are retried for up to a minute.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

LOCK_FILE = Path("/tmp/stint-system-package-test.lock")
DPKG_LOCK_WAIT_S = 60.0


class PackageCommandFailed(AssertionError):
    """A dpkg/apt-get command failed; the text carries its output."""


def missing_packaging_tools() -> list[str]:
    tools = ("dpkg", "dpkg-deb", "dpkg-shlibdeps", "readelf", "apt-get", "git")
    return [tool for tool in tools if shutil.which(tool) is None]


def can_install_packages() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@contextlib.contextmanager
def exclusive_package_slot(timeout: float = 900.0) -> Iterator[None]:
    """Hold the machine-wide lock for installing a test package (waits for another holder)."""
    with LOCK_FILE.open("a") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"another test held {LOCK_FILE} for {timeout:.0f} s") from None
                time.sleep(1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_package_command(args: Sequence[str], timeout: float = 300.0) -> subprocess.CompletedProcess:
    """Run dpkg/apt-get non-interactively; retried while another process holds dpkg's lock."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    deadline = time.monotonic() + DPKG_LOCK_WAIT_S
    while True:
        result = subprocess.run(list(args), capture_output=True, text=True, env=env,
                                timeout=timeout, stdin=subprocess.DEVNULL)
        locked = "lock" in result.stderr.lower() and "dpkg" in result.stderr.lower()
        if result.returncode == 0 or not locked or time.monotonic() > deadline:
            return result
        time.sleep(2)


def installed_version(package: str) -> str | None:
    """The installed version of `package`, or None when it is not (fully) installed."""
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}\t${Version}", package], capture_output=True, text=True
    )
    status, _, version = result.stdout.partition("\t")
    return version if result.returncode == 0 and status == "install ok installed" else None


def install_deb(deb: Path) -> str:
    """`dpkg -i`; if dependencies are missing, `apt-get -f install` brings them. Returns what
    the commands printed."""
    result = run_package_command(["dpkg", "-i", str(deb)])
    output = result.stdout + result.stderr
    if result.returncode != 0:
        if "dependency problems" not in output:
            raise PackageCommandFailed(f"dpkg -i {deb.name} failed:\n{output[-3000:]}")
        fixed = run_package_command(["apt-get", "-f", "install", "-y", "--no-install-recommends"])
        output += fixed.stdout + fixed.stderr
        if fixed.returncode != 0:
            raise PackageCommandFailed(f"apt-get -f install failed:\n{output[-3000:]}")
    return output


def purge(package: str) -> None:
    result = run_package_command(["dpkg", "--purge", package])
    if result.returncode != 0:
        raise PackageCommandFailed(f"dpkg --purge {package} failed:\n{result.stderr[-3000:]}")


def package_files(package: str) -> list[str]:
    result = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=True)
    return result.stdout.split()
