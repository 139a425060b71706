from __future__ import annotations

import os
import stat
import sys

import pytest

from desktop.platform import paths
from desktop.platform.paths import ProfilePaths, keyring_service_name, open_profile, profile_id_for

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def test_explicit_profile_wins_over_stint_home(tmp_path):
    explicit = tmp_path / "explicit"
    resolved = ProfilePaths.resolve(explicit, environ={"STINT_HOME": str(tmp_path / "home")})
    assert resolved.root == explicit.resolve()
    assert not resolved.is_default


def test_stint_home_used_without_explicit_profile(tmp_path):
    resolved = ProfilePaths.resolve(None, environ={"STINT_HOME": str(tmp_path / "home")})
    assert resolved.root == (tmp_path / "home").resolve()
    assert resolved.config_dir == resolved.root / "config"
    assert resolved.data_dir == resolved.root / "data"
    assert resolved.log_dir == resolved.root / "logs"
    assert resolved.db_path.parent == resolved.data_dir
    assert resolved.lock_path.parent == resolved.data_dir


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders on Linux")


@linux_only
def test_empty_stint_home_falls_back_to_the_xdg_folders(tmp_path):
    environ = {"STINT_HOME": "", "HOME": str(tmp_path / "home"),
               "XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CONFIG_HOME": str(tmp_path / "c"),
               "XDG_STATE_HOME": str(tmp_path / "s")}
    resolved = ProfilePaths.resolve(None, environ=environ)
    assert resolved.is_default
    assert resolved.data_dir == (tmp_path / "d" / "Stint").resolve()
    assert resolved.config_dir == (tmp_path / "c" / "Stint").resolve()
    assert resolved.log_dir == (tmp_path / "s" / "Stint" / "log").resolve()
    assert resolved.root == resolved.data_dir


@linux_only
def test_the_default_profile_on_linux_never_imports_platformdirs(tmp_path, monkeypatch):
    monkeypatch.delitem(sys.modules, "platformdirs", raising=False)
    resolved = ProfilePaths.resolve(None, environ={"HOME": str(tmp_path)})
    assert resolved.data_dir == (tmp_path / ".local" / "share" / "Stint").resolve()
    assert "platformdirs" not in sys.modules


def test_off_plain_linux_the_default_profile_asks_platformdirs_for_stint(monkeypatch, tmp_path):
    seen = []

    def fake_dir(appname, **kwargs):
        seen.append(appname)
        return str(tmp_path / appname)

    for name in ("user_data_dir", "user_config_dir", "user_log_dir"):
        monkeypatch.setattr(paths.platformdirs, name, fake_dir)
    # a relative HOME is off the plain path everywhere (platformdirs has fallbacks for it)
    resolved = ProfilePaths.resolve(None, environ={"HOME": "relative/home"})
    assert seen == ["Stint", "Stint", "Stint"]
    assert resolved.data_dir == (tmp_path / "Stint").resolve()


def test_profile_id_is_stable_and_distinct(tmp_path):
    first = profile_id_for(tmp_path / "a")
    assert first == profile_id_for(tmp_path / "a")
    assert first == profile_id_for(str(tmp_path / "x" / ".." / "a"))
    assert first != profile_id_for(tmp_path / "b")
    assert len(first) == 12 and all(c in "0123456789abcdef" for c in first)


def test_symlinked_profile_has_the_same_id(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    try:
        link.symlink_to(real, target_is_directory=True)
    except OSError:
        pytest.skip("cannot create symlinks here")
    assert profile_id_for(link) == profile_id_for(real)


def test_keyring_service_name_uses_profile_id(tmp_path):
    resolved = ProfilePaths.resolve(tmp_path / "p", environ={})
    assert resolved.keyring_service == f"Stint/{resolved.profile_id}"
    assert keyring_service_name("abc") == "Stint/abc"


def test_resolve_touches_nothing(tmp_path):
    ProfilePaths.resolve(tmp_path / "p", environ={})
    assert not (tmp_path / "p").exists()


@posix_only
def test_open_profile_creates_private_dirs(tmp_path):
    profile = open_profile(tmp_path / "new" / "profile", environ={})
    for directory in (profile.root, profile.config_dir, profile.data_dir, profile.log_dir):
        assert directory.is_dir()
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700, directory


@posix_only
def test_private_dirs_despite_permissive_umask(tmp_path):
    old = os.umask(0)
    try:
        profile = open_profile(tmp_path / "p", environ={})
    finally:
        os.umask(old)
    assert stat.S_IMODE(profile.data_dir.stat().st_mode) == 0o700


@posix_only
def test_existing_chosen_directory_keeps_its_mode(tmp_path):
    chosen = tmp_path / "mine"
    chosen.mkdir(mode=0o755)
    os.chmod(chosen, 0o755)
    profile = open_profile(chosen, environ={})
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o755
    assert stat.S_IMODE(profile.data_dir.stat().st_mode) == 0o700


def test_open_profile_is_idempotent(tmp_path):
    first = open_profile(tmp_path / "p", environ={})
    (first.data_dir / "keep.txt").write_text("x")
    second = open_profile(tmp_path / "p", environ={})
    assert second == first
    assert (second.data_dir / "keep.txt").read_text() == "x"


def test_profile_dir_fixture_is_honoured(profile_dir):
    assert ProfilePaths.resolve().root == profile_dir.resolve()


def test_tilde_is_expanded(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    resolved = ProfilePaths.resolve("~/stint-profile", environ={})
    assert resolved.root == (tmp_path / "stint-profile").resolve()
