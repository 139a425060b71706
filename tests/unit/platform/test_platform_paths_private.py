"""Issue 11 point 12: the profile is private even if its folders already exist, and whatever
the umask: Stint's folders 0700, the store, its WAL and SHM, the settings and logs 0600."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from desktop.engine import Engine
from desktop.platform.paths import create_private_file, open_profile
from desktop.platform.secrets import MemorySecretStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def loose_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def make_world_readable_profile(root):
    """A profile as an older Stint or a copy with a loose umask left it."""
    for name in ("config", "data", "logs"):
        (root / name).mkdir(parents=True, mode=0o755)
        os.chmod(root / name, 0o755)
    files = [root / "data" / "stint.sqlite3", root / "data" / "stint.sqlite3-wal",
             root / "data" / "stint.sqlite3-shm", root / "config" / "ui.ini",
             root / "logs" / "stint.log"]
    for file in files:
        file.write_bytes(b"")
        os.chmod(file, 0o644)
    return files


def test_existing_world_readable_folders_and_files_become_private(tmp_path, loose_umask):
    root = tmp_path / "profile"
    files = make_world_readable_profile(root)
    profile = open_profile(root, environ={})
    for directory in (profile.config_dir, profile.data_dir, profile.log_dir):
        assert mode(directory) == 0o700, directory
    for file in files:
        assert mode(file) == 0o600, file


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders on Linux")
def test_default_profile_folders_are_tightened_too(tmp_path, loose_umask):
    environ = {"HOME": str(tmp_path)}
    for variable, folder in (("XDG_DATA_HOME", "d"), ("XDG_CONFIG_HOME", "c"), ("XDG_STATE_HOME", "s")):
        (tmp_path / folder / "Stint").mkdir(mode=0o755, parents=True)
        os.chmod(tmp_path / folder / "Stint", 0o755)
        environ[variable] = str(tmp_path / folder)
    profile = open_profile(None, environ=environ)
    assert profile.is_default
    assert profile.log_dir == (tmp_path / "s" / "Stint" / "log").resolve()
    for directory in (profile.root, profile.config_dir, profile.data_dir, profile.log_dir):
        assert mode(directory) == 0o700, directory


def test_a_new_store_and_its_wal_and_shm_are_private_under_a_loose_umask(tmp_path, loose_umask):
    with Engine.open(tmp_path / "p", secret_store=MemorySecretStore(), log_to_file=True) as engine:
        engine.start_timer(None)  # a write: the WAL and SHM exist now
        data = engine.paths.data_dir
        store_files = [data / "stint.sqlite3", data / "stint.sqlite3-wal", data / "stint.sqlite3-shm"]
        for file in store_files:
            assert file.exists() and mode(file) == 0o600, file
        for file in engine.paths.data_dir.iterdir():
            assert mode(file) & 0o077 == 0, file
        assert mode(engine.paths.log_dir / "stint.log") == 0o600


def test_create_private_file_keeps_content_and_tightens(tmp_path, loose_umask):
    fresh = tmp_path / "fresh.ini"
    create_private_file(fresh)
    assert mode(fresh) == 0o600 and fresh.read_bytes() == b""
    existing = tmp_path / "existing.ini"
    existing.write_text("[window]\n")
    os.chmod(existing, 0o644)
    create_private_file(existing)
    assert mode(existing) == 0o600 and existing.read_text() == "[window]\n"
