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


def test_a_program_without_a_console_writes_to_nowhere():
    from types import SimpleNamespace

    from installer.stint_entry import give_missing_streams_a_sink

    kept = object()
    streams = SimpleNamespace(stdout=None, stderr=kept)
    give_missing_streams_a_sink(streams)
    assert streams.stderr is kept
    streams.stdout.write("a benchmark line\n")  # does not raise
    streams.stdout.close()
