"""The default profile's folders on Linux follow the XDG Base Directory Specification
(https://specifications.freedesktop.org/basedir-spec/latest/) and are the very folders
platformdirs gives, so no existing profile moves (desktop/platform/xdg_dirs.py)."""

from __future__ import annotations

import sys

import pytest

from desktop.platform.xdg_dirs import xdg_cache_folder, xdg_folders, xdg_site_config_folder

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="platformdirs' Unix rules")

CASES = {
    "only HOME": {"HOME": "/home/ada"},
    "HOME with a trailing slash": {"HOME": "/home/ada/"},
    "HOME is the root": {"HOME": "/"},
    "every XDG folder set": {"HOME": "/home/ada", "XDG_DATA_HOME": "/srv/data",
                             "XDG_CONFIG_HOME": "/srv/config", "XDG_STATE_HOME": "/srv/state",
                             "XDG_CACHE_HOME": "/srv/cache"},
    "XDG folders empty": {"HOME": "/home/ada", "XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "",
                          "XDG_STATE_HOME": "", "XDG_CACHE_HOME": ""},
    # "If an implementation encounters a relative path in any of these variables it should
    # consider the path invalid and ignore it."
    "XDG folders relative": {"HOME": "/home/ada", "XDG_DATA_HOME": "data",
                             "XDG_CONFIG_HOME": "./config", "XDG_STATE_HOME": "~/state",
                             "XDG_CACHE_HOME": "cache"},
    "one XDG folder set": {"HOME": "/home/ada", "XDG_CONFIG_HOME": "/etc/ada"},
    "XDG folders with spaces and a trailing slash": {"HOME": "/home/ada",
                                                     "XDG_DATA_HOME": "/my data/"},
}


@linux_only
@pytest.mark.parametrize("environ", CASES.values(), ids=CASES.keys())
def test_the_folders_are_those_platformdirs_gives(environ, monkeypatch):
    import platformdirs

    for variable in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environ.items():
        monkeypatch.setenv(variable, value)
    folders = xdg_folders("Stint", environ, platform="linux")
    assert folders is not None
    assert folders.data_dir == platformdirs.user_data_dir("Stint", appauthor=False)
    assert folders.config_dir == platformdirs.user_config_dir("Stint", appauthor=False)
    assert folders.log_dir == platformdirs.user_log_dir("Stint", appauthor=False)
    cache = xdg_cache_folder("Stint", environ, platform="linux")
    assert cache == platformdirs.user_cache_dir("Stint", appauthor=False)


def test_the_spec_defaults_under_home():
    folders = xdg_folders("Stint", {"HOME": "/home/ada"}, platform="linux")
    assert (folders.data_dir, folders.config_dir, folders.log_dir) == (
        "/home/ada/.local/share/Stint", "/home/ada/.config/Stint", "/home/ada/.local/state/Stint/log")
    assert xdg_cache_folder("Stint", {"HOME": "/home/ada"}, platform="linux") == "/home/ada/.cache/Stint"


@pytest.mark.parametrize("platform", ["darwin", "win32", "freebsd14", "ios"])
def test_other_systems_are_left_to_platformdirs(platform):
    assert xdg_folders("Stint", {"HOME": "/home/ada"}, platform=platform) is None
    assert xdg_cache_folder("Stint", {"HOME": "/home/ada"}, platform=platform) is None


@pytest.mark.parametrize("home", [None, "", "relative/home", "~"])
def test_a_missing_or_relative_home_is_left_to_platformdirs(home):
    environ = {"XDG_DATA_HOME": "/srv/data"} if home is None else {"HOME": home}
    assert xdg_folders("Stint", environ, platform="linux") is None
    assert xdg_cache_folder("Stint", environ, platform="linux") is None


def test_an_android_process_is_left_to_platformdirs():
    environ = {"HOME": "/data", "ANDROID_DATA": "/data", "ANDROID_ROOT": "/system"}
    assert xdg_folders("Stint", environ, platform="linux") is None


SITE_CASES = {
    "unset": {},
    "empty": {"XDG_CONFIG_DIRS": ""},
    "one folder": {"XDG_CONFIG_DIRS": "/etc/xdg/xdg-ubuntu"},
    "two folders": {"XDG_CONFIG_DIRS": "/etc/xdg/xdg-ubuntu:/etc/xdg"},
    "a relative folder first": {"XDG_CONFIG_DIRS": "relative:/opt/xdg"},
    "only relative folders": {"XDG_CONFIG_DIRS": "relative:./also"},
    "an empty entry first": {"XDG_CONFIG_DIRS": ":/opt/xdg"},
}


@linux_only
@pytest.mark.parametrize("environ", SITE_CASES.values(), ids=SITE_CASES.keys())
def test_the_site_config_folder_is_the_one_platformdirs_gives(environ, monkeypatch):
    import platformdirs

    monkeypatch.delenv("XDG_CONFIG_DIRS", raising=False)
    for variable, value in environ.items():
        monkeypatch.setenv(variable, value)
    folder = xdg_site_config_folder("stint", environ, platform="linux")
    assert folder == platformdirs.site_config_dir("stint", appauthor=False)


def test_the_site_config_folder_defaults_to_etc_xdg():
    assert xdg_site_config_folder("stint", {}, platform="linux") == "/etc/xdg/stint"


def test_the_site_config_folder_off_linux_is_left_to_platformdirs():
    assert xdg_site_config_folder("stint", {}, platform="darwin") is None
