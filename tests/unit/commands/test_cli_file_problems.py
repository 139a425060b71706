"""Every failure of the CLI is one line with the action that fixes it, never a traceback
(issue 11 point 8): a read-only profile and a full disk (real file systems, see
tests/support/file_faults.py), a busy database, a damaged store (garbage written into the
real file) and its repair, a CA file moved away or not the server's."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.domain.entries import TimeEntry
from desktop.store import Store
from desktop.store.recovery import DAMAGED_MARK
from tests.support import file_faults
from tests.unit.store.test_recovery import write_garbage


def run(argv: list[str], profile) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, timeout=120,
                          env={**_clean_env(), "STINT_HOME": str(profile)})


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("STINT_")}


def stint_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "desktop", *args]


def assert_one_line(result: subprocess.CompletedProcess, *phrases: str) -> None:
    assert result.returncode == 1, result
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("stint: "), result.stderr
    assert "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


@pytest.fixture
def made_profile(tmp_path):
    """A profile with a store (and one setting changed), made by the real command."""
    profile = tmp_path / "profile"
    made = run(stint_argv("settings", "set", "sync_interval_minutes", "30"), profile)
    assert made.returncode == 0, made.stderr
    return profile


def test_a_read_only_profile_is_one_line_with_the_fix(made_profile):
    reason = file_faults.read_only_unavailable()
    if reason:
        pytest.skip(reason)
    try:
        for args in (("status",), ("settings", "set", "sync_interval_minutes", "45"),
                     ("start", "anything"), ("sync",)):
            result = run(file_faults.with_read_only(made_profile, stint_argv(*args)), made_profile)
            assert_one_line(result, str(made_profile / "data"),
                            "--profile DIR or STINT_HOME")
            assert "read-only" in result.stderr or "permission denied" in result.stderr
    finally:
        file_faults.make_writable(made_profile)
    assert run(stint_argv("settings", "--json"), made_profile).returncode == 0


def test_a_full_disk_is_one_line_with_the_fix(made_profile):
    reason = file_faults.full_disk_unavailable()
    if reason:
        pytest.skip(reason)
    data = made_profile / "data"
    for args in (("settings", "set", "sync_interval_minutes", "45"), ("start", "anything")):
        result = run(file_faults.with_full_disk(data, stint_argv(*args)), made_profile)
        assert_one_line(result, f"The disk holding {data} is full", "Free some space")
    # The real profile was never touched: the setting made before is still there.
    shown = run(stint_argv("settings", "--json"), made_profile)
    assert '"sync_interval_minutes": 30' in shown.stdout


def test_a_busy_database_is_one_line(stint, profile_dir, monkeypatch):
    assert stint("settings", "set", "sync_interval_minutes", "30").code == 0
    monkeypatch.setattr("desktop.store.database.BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(profile_dir / "data" / "stint.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        result = stint("settings", "set", "sync_interval_minutes", "45")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.code == 1
    assert result.err.startswith("stint: The local database ") and result.err.count("\n") == 1
    assert "is busy: another program" in result.err and "Try again in a moment" in result.err
    assert stint("settings", "set", "sync_interval_minutes", "45").code == 0


def test_a_damaged_store_says_so_and_repair_keeps_the_file_and_the_entries(stint, profile_dir):
    assert stint("status").code == 0  # the profile and its store exist
    store = profile_dir / "data" / "stint.sqlite3"
    with Store.open(store) as opened:
        start = datetime(2026, 3, 2, 9, tzinfo=UTC)
        for n in range(5):
            opened.entries.add(TimeEntry(start=start + timedelta(days=n),
                                         end=start + timedelta(days=n, hours=1), note=f"day {n}"))
    with sqlite3.connect(store) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    write_garbage(store, 0, 100)
    damaged = store.read_bytes()

    status = stint("status")
    assert status.code == 1 and status.err.count("\n") == 1
    assert "is damaged" in status.err and "run `stint repair`" in status.err

    repaired = stint("repair", "--json")
    assert repaired.code == 0, repaired.err
    report = repaired.json()
    assert report["repaired"] and report["rows"]["time_entries"] == 5
    assert DAMAGED_MARK in report["damaged_copy"]
    assert Path(report["damaged_copy"]).read_bytes() == damaged  # kept as it was
    listed = stint("entries", "--from", "2026-03-01", "--to", "2026-03-10", "--json")
    assert sorted(e["note"] for e in listed.json()) == [f"day {n}" for n in range(5)]
    again = stint("repair")
    assert again.code == 0 and "sound: nothing to repair" in again.out


def test_a_moved_or_wrong_ca_file_says_which_file_and_how_to_choose_another(
        stint, sandbox, tmp_path):
    ca_file = tmp_path / "ca.pem"
    shutil.copy(sandbox.ca_file, ca_file)
    connected = stint("connect", "--login-url", sandbox.login_url, "--username",
                      sandbox.username, "--password-stdin", "--ca-file", str(ca_file),
                      stdin=f"{sandbox.password}\n{sandbox.security_token}\n")
    assert connected.code == 0, connected.err
    ca_file.rename(tmp_path / "elsewhere.pem")
    moved = stint("sync")
    assert moved.code == 1 and moved.err.count("\n") == 1
    assert f"The CA certificate file {ca_file} that Stint trusts" in moved.err
    assert "`stint settings set ca_file PATH`" in moved.err

    ca_file.write_text("-----BEGIN CERTIFICATE-----\nnot one\n-----END CERTIFICATE-----\n")
    wrong = stint("sync")
    assert wrong.code == 1 and wrong.err.count("\n") == 1
    assert f"could not be verified with the CA certificate file {ca_file}" in wrong.err

    assert stint("settings", "set", "ca_file", str(tmp_path / "elsewhere.pem")).code == 0
    assert stint("sync").code == 0
