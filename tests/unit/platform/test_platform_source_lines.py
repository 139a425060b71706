"""PySide's import hook reads each imported module's source through inspect, which keeps it
in linecache for good (~15 MB for the app); with the dropper installed, importing the next
module empties linecache, so at most one module's lines stay. And the hook is spared reading
any module but PySide's own (~7 ms of the app's start, ~8 ms more when it first loads the
Salesforce client): the dropper notes them in PySide's feature dict first."""

from __future__ import annotations

import importlib
import inspect
import linecache
import re
import sys
from pathlib import Path

import pytest

from desktop.platform import source_lines
from desktop.platform.source_lines import drop_source_lines_on_import


@pytest.fixture
def sources_read(monkeypatch) -> list[str]:
    """The names of the modules whose source PySide's import hook reads from now on."""
    import PySide6.QtCore  # noqa: F401  (loads the hook)

    feature = sys.modules["shibokensupport.feature"]
    read: list[str] = []
    original = feature._mod_uses_pyside

    def recording(module):  # type: ignore[no-untyped-def]
        read.append(module.__name__)
        return original(module)

    monkeypatch.setattr(feature, "_mod_uses_pyside", recording)
    return read


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


def test_this_pyside_has_the_feature_dict_the_dropper_fills():
    import PySide6.QtCore  # noqa: F401

    assert source_lines._pyside_feature_dict() is not None  # else the start reads sources again


def test_stints_own_modules_are_noted_as_using_pyside_without_reading_them(
    tmp_path, monkeypatch, dropper_removed_after, sources_read
):
    (tmp_path / "stint_own_package").mkdir()
    (tmp_path / "stint_own_package" / "__init__.py").write_text("")
    (tmp_path / "stint_own_package" / "window.py").write_text("from PySide6 import QtCore\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(source_lines, "OWN_PACKAGE", "stint_own_package")
    drop_source_lines_on_import()

    __import__("stint_own_package.window")  # as an import statement (PySide hooks __import__)

    features = source_lines._pyside_feature_dict()
    assert features["stint_own_package.window"] == 0  # as the hook notes a PySide user
    assert "stint_own_package.window" not in sources_read


def test_a_standard_library_module_is_noted_as_not_using_pyside_without_reading_it(
    monkeypatch, dropper_removed_after, sources_read
):
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    features = source_lines._pyside_feature_dict()
    monkeypatch.delitem(features, "colorsys", raising=False)
    drop_source_lines_on_import()

    __import__("colorsys")

    assert features["colorsys"] == -1
    assert "colorsys" not in sources_read


def test_another_packages_module_is_noted_as_not_using_pyside_without_reading_it(
    tmp_path, monkeypatch, dropper_removed_after, sources_read
):
    (tmp_path / "stint_third_party.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    drop_source_lines_on_import()

    __import__("stint_third_party")

    assert "stint_third_party" not in sources_read
    assert source_lines._pyside_feature_dict()["stint_third_party"] == -1


def test_pysides_own_modules_are_left_to_pyside(dropper_removed_after):
    features: dict = {}
    source_lines._note_for_pyside(features, "PySide6.QtNetwork")
    source_lines._note_for_pyside(features, "shiboken6")
    assert features == {}


def test_no_module_of_the_app_turns_on_a_pyside_feature():
    """What the notes above rely on: with no feature selected anywhere, whether a module is
    noted as using PySide changes nothing for it."""
    package = Path(source_lines.__file__).resolve().parents[1]
    feature_import = re.compile(r"^\s*(from|import)\s+__feature__\b", re.MULTILINE)
    selecting = [str(path) for path in package.rglob("*.py")
                 if feature_import.search(path.read_text(encoding="utf-8"))]
    assert selecting == []
