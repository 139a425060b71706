"""installer/stint_entry.py: programs the bundled app starts do not get its libraries."""

from __future__ import annotations

from installer.stint_entry import restore_library_path


def test_a_path_the_bootloader_added_goes():
    environ = {"LD_LIBRARY_PATH": "/usr/lib/stint/_internal", "HOME": "/home/u"}
    restore_library_path(environ)
    assert environ == {"HOME": "/home/u"}


def test_the_users_own_path_comes_back():
    environ = {"LD_LIBRARY_PATH": "/usr/lib/stint/_internal:/opt/x", "LD_LIBRARY_PATH_ORIG": "/opt/x"}
    restore_library_path(environ)
    assert environ == {"LD_LIBRARY_PATH": "/opt/x"}
