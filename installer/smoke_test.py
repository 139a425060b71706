"""Check a built or installed Stint from outside, as a user's first session would use it.

    python installer/smoke_test.py PATH/TO/stint [--workdir DIR]

Runs the bundle's own programs only (no Python of the build): `stint --version` names the
release's version; `stint sandbox` serves the built-in org (the sandbox's pages, its TLS
certificate: trustme and cryptography in the bundle); `stint connect` signs in with a
password and keeps it in the platform's keyring (Secret Service, Credential Locker or
Keychain: the bundle found keyring's backend); a second process syncs with the stored
sign-in and `status` reports the keyring as "system"; `disconnect` removes the sign-in.
Each step prints one line; a failing step exits 1 with what the program said.

CI runs it on the bundles of all three platforms (.github/workflows/installers.yml); the
Linux end-to-end test runs it on the installed .deb (tests/e2e/test_installed_package.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import release  # noqa: E402

TIMEOUT_S = 120


class SmokeFailure(AssertionError):
    """A step of the smoke test failed; the text says which and what the program printed."""


class StintProgram:
    """The `stint` under test, run with one environment and one profile."""

    def __init__(self, executable: Path | str, profile: Path, env: Mapping[str, str] | None = None):
        self.executable = str(executable)
        self.profile = profile
        self.env = dict(env) if env is not None else None

    def run(self, *args: str, stdin: str | None = None, profile: bool = True) -> str:
        command = [self.executable, *(("--profile", str(self.profile)) if profile else ()), *args]
        result = subprocess.run(command, input=stdin, capture_output=True, text=True,
                                env=self.env, timeout=TIMEOUT_S)
        if result.returncode != 0:
            raise SmokeFailure(f"`stint {' '.join(args)}` exited {result.returncode}: "
                               f"{(result.stderr or result.stdout).strip()[-2000:]}")
        return result.stdout

    def json(self, *args: str, stdin: str | None = None) -> Any:
        return json.loads(self.run(*args, "--json", stdin=stdin))

    def start_sandbox(self) -> tuple[subprocess.Popen[str], dict[str, str]]:
        """`stint sandbox --size demo`; returns the process and its connection details."""
        process = subprocess.Popen(
            [self.executable, "sandbox", "--size", "demo"], stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env=self.env,
        )
        assert process.stdout is not None
        line = process.stdout.readline()  # printed once it listens
        if not line:
            process.wait(timeout=10)
            raise SmokeFailure(f"`stint sandbox` exited {process.returncode} without serving: "
                               f"{process.stderr.read()[-2000:] if process.stderr else ''}")
        return process, json.loads(line)


def run_smoke_test(
    executable: Path | str, workdir: Path, env: Mapping[str, str] | None = None,
    report=print,
) -> dict[str, Any]:
    """Every step above; returns the final `status --json` (raises SmokeFailure)."""
    stint = StintProgram(executable, workdir / "profile", env)
    printed = stint.run("--version", profile=False).strip()
    if printed != f"stint {release.version()}":
        raise SmokeFailure(f"`stint --version` printed {printed!r}, not 'stint {release.version()}'")
    report(f"ok: {printed}")

    sandbox, org = stint.start_sandbox()
    try:
        report(f"ok: the bundled sandbox serves {org['login_url']}")
        connection = stint.json(
            "connect", "--login-url", org["login_url"], "--username", org["username"],
            "--password-stdin", "--ca-file", org["ca_file"],
            stdin=f"{org['password']}\n{org['security_token']}\n",
        )
        if connection["keyring"] != "system":
            raise SmokeFailure(f"the sign-in is not in the system keyring: "
                               f"{connection['keyring_problem']}")
        report("ok: connected; the password is in the system keyring")
        run = stint.json("sync")  # a new process: reads the sign-in back from the keyring
        if run["outcome"] != "succeeded":
            raise SmokeFailure(f"sync did not succeed: {run}")
        report(f"ok: synced with the stored sign-in ({sum(run['counts'][o]['created'] for o in run['counts'])} records)")
        status = stint.json("status")
        if not status["connection"]["connected"] or status["connection"]["keyring"] != "system":
            raise SmokeFailure(f"status after sync: {status['connection']}")
        stint.run("disconnect")
        if stint.json("status")["connection"]["connected"]:
            raise SmokeFailure("still connected after `stint disconnect`")
        report("ok: disconnected")
        return status
    finally:
        sandbox.terminate()
        try:
            sandbox.wait(timeout=15)
        except subprocess.TimeoutExpired:
            sandbox.kill()
            sandbox.wait(timeout=15)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stint", help="the bundle's stint program (Linux/macOS) or stint.com")
    parser.add_argument("--workdir", type=Path, help="where the test profile goes (default: temp)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="stint-smoke-") as folder:
        try:
            run_smoke_test(args.stint, args.workdir or Path(folder))
        except SmokeFailure as failure:
            print(f"FAILED: {failure}", file=sys.stderr)
            return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
