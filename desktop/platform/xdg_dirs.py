"""Stint's folders on Linux (the default profile's and the admin policy's), worked out by the
XDG Base Directory Specification without importing platformdirs (whose import costs ~2.4 ms
before the app's first paint, and ~0.7 MB for as long as the app runs).

https://specifications.freedesktop.org/basedir-spec/latest/ : "$XDG_DATA_HOME defines the
base directory relative to which user-specific data files should be stored. If $XDG_DATA_HOME
is either not set or empty, a default equal to $HOME/.local/share should be used" (likewise
$XDG_CONFIG_HOME, $HOME/.config and $XDG_STATE_HOME, $HOME/.local/state), and "All paths set in
these environment variables must be absolute. If an implementation encounters a relative path
in any of these variables it should consider the path invalid and ignore it." And "If
$XDG_CONFIG_DIRS is either not set or empty, a value equal to /etc/xdg should be used."

These are the folders platformdirs (4.x, the version range pyproject.toml allows) gives for
`user_data_dir`, `user_config_dir`, `user_log_dir` (its "log" folder in the state directory),
`user_cache_dir` ($XDG_CACHE_HOME, else $HOME/.cache) and `site_config_dir` (the first
absolute entry of $XDG_CONFIG_DIRS);
tests/unit/platform/test_xdg_dirs.py compares the two under every case below, so a
platformdirs release that moved them would be caught before an existing profile was lost.
Anything off the plain Linux path (another OS, Android, a missing or relative HOME) returns
None and the caller asks platformdirs.
"""

from __future__ import annotations

import os
import posixpath
import sys
from collections.abc import Mapping


class XdgFolders:
    """The three folders of one application (plain strings, as platformdirs returns them)."""

    __slots__ = ("data_dir", "config_dir", "log_dir")

    def __init__(self, data_dir: str, config_dir: str, log_dir: str) -> None:
        self.data_dir = data_dir
        self.config_dir = config_dir
        self.log_dir = log_dir


def xdg_folders(app_name: str, environ: Mapping[str, str] | None = None,
                platform: str | None = None) -> XdgFolders | None:
    """The application's data, config and log folders on plain Linux; None elsewhere."""
    env = os.environ if environ is None else environ
    if not _is_plain_linux(env, sys.platform if platform is None else platform):
        return None
    home = env.get("HOME", "")
    if not posixpath.isabs(home):
        return None  # platformdirs has its own fallbacks (the password database) for this
    home = home.rstrip("/")  # as os.path.expanduser does: HOME=/home/me/ gives /home/me/.config
    state_dir = posixpath.join(_base_dir(env, "XDG_STATE_HOME", home + "/.local/state"), app_name)
    return XdgFolders(
        data_dir=posixpath.join(_base_dir(env, "XDG_DATA_HOME", home + "/.local/share"), app_name),
        config_dir=posixpath.join(_base_dir(env, "XDG_CONFIG_HOME", home + "/.config"), app_name),
        log_dir=posixpath.join(state_dir, "log"),
    )


def xdg_site_config_folder(app_name: str, environ: Mapping[str, str] | None = None,
                           platform: str | None = None) -> str | None:
    """The application's folder in the first system-wide config directory; None off Linux."""
    env = os.environ if environ is None else environ
    if not _is_plain_linux(env, sys.platform if platform is None else platform):
        return None
    for base in env.get("XDG_CONFIG_DIRS", "").split(":"):
        if posixpath.isabs(base):  # relative entries are ignored, as for the variables above
            return posixpath.join(base, app_name)
    return posixpath.join("/etc/xdg", app_name)


def xdg_cache_folder(app_name: str, environ: Mapping[str, str] | None = None,
                     platform: str | None = None) -> str | None:
    """The application's folder in the user's cache directory ($XDG_CACHE_HOME, else
    $HOME/.cache); None off plain Linux."""
    env = os.environ if environ is None else environ
    if not _is_plain_linux(env, sys.platform if platform is None else platform):
        return None
    home = env.get("HOME", "")
    if not posixpath.isabs(home):
        return None
    return posixpath.join(_base_dir(env, "XDG_CACHE_HOME", home.rstrip("/") + "/.cache"), app_name)


def _base_dir(env: Mapping[str, str], variable: str, default: str) -> str:
    value = env.get(variable, "")
    return value if posixpath.isabs(value) else default  # unset, empty or relative: ignored


def _is_plain_linux(env: Mapping[str, str], platform: str) -> bool:
    if not platform.startswith("linux") or hasattr(sys, "getandroidapilevel"):
        return False
    # platformdirs treats a process with Android's data and system roots as an Android app
    return not (env.get("ANDROID_DATA") == "/data" and env.get("ANDROID_ROOT") == "/system")
