"""PySide's import hook reads each imported module's source through inspect, which keeps it
in linecache for good (~15 MB for the app); with the dropper installed, importing the next
module empties linecache, so at most one module's lines stay."""

from __future__ import annotations

import importlib
import inspect
import linecache
import sys

import pytest

from desktop.platform import source_lines
from desktop.platform.source_lines import drop_source_lines_on_import


@pytest.fixture
def dropper_removed_after():
    before = list(sys.meta_path)
    yield
    sys.meta_path[:] = before


def test_importing_a_module_drops_the_source_lines_kept_before(
    tmp_path, monkeypatch, dropper_removed_after
):
    for name in ("stint_first_module", "stint_second_module"):
        (tmp_path / f"{name}.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    drop_source_lines_on_import()
    first = importlib.import_module("stint_first_module")
    inspect.getsource(first)  # as PySide's hook does after each import
    assert str(tmp_path / "stint_first_module.py") in linecache.cache

    importlib.import_module("stint_second_module")

    assert str(tmp_path / "stint_first_module.py") not in linecache.cache
    assert inspect.getsource(first) == "VALUE = 1\n"  # read again when asked for


def test_installing_twice_installs_one_dropper(dropper_removed_after):
    drop_source_lines_on_import()
    drop_source_lines_on_import()
    droppers = [f for f in sys.meta_path if isinstance(f, source_lines._SourceLinesDropper)]
    assert len(droppers) == 1
    assert sys.meta_path[0] is droppers[0]
