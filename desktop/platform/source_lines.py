"""Sparing the app PySide's look at the source of every module it imports.

PySide's import hook (shibokensupport's feature.py) decides for each module imported after
QtCore whether it uses PySide: `feature_imported` reads its source with inspect.getsource
(`_mod_uses_pyside`) unless the module's name is already in `pyside_feature_dict`. For the
app's ~60 modules that is ~7 ms of its start, and inspect reads through linecache, which
keeps every line for good: ~15 MB of source lines (freeing them later gives little back:
they sit between objects that stay). Nothing else needs them: a traceback reads the lines it
shows again.

So, as each module is about to load, it is entered in that dict as the hook would enter it
when that is known without reading it: Stint's own modules 0 (uses PySide, the default
feature selection), every other package's -1 (does not use PySide: the standard library,
platformdirs off Linux, simple-salesforce and keyring when the app first
talks to Salesforce: ~250 modules, ~8 ms). The value only steers PySide's feature switching,
which no module of the app turns on (none imports `__feature__`;
tests/unit/platform/test_platform_source_lines.py keeps it so), so it would change nothing
for a package that did use PySide. PySide's own modules are left to the hook. Once QtCore is
in, so are the modules loaded before it (the hook also runs when an import statement names a
module already loaded). Then linecache is emptied, so at most one other module's lines are
kept. If a PySide version lays the hook out differently, only the dict step is skipped.
"""

from __future__ import annotations

import linecache
import sys

OWN_PACKAGE = "desktop"
_DEFAULT_FEATURES = 0  # what the hook notes for a module that uses PySide
_NO_PYSIDE = -1  # ... and for one that does not


def _pyside_feature_dict() -> dict | None:
    feature = sys.modules.get("shibokensupport.feature")
    found = getattr(feature, "pyside_feature_dict", None)
    return found if isinstance(found, dict) else None


_PYSIDE_PACKAGES = frozenset({"PySide6", "shiboken6", "shibokensupport", "__feature__"})


def _note_for_pyside(features: dict, name: str) -> None:
    package = name.partition(".")[0]
    if package == OWN_PACKAGE:
        features.setdefault(name, _DEFAULT_FEATURES)
    elif package not in _PYSIDE_PACKAGES:
        features.setdefault(name, _NO_PYSIDE)


class _SourceLinesDropper:
    """A meta path finder that finds no module: each time a module is about to load, it
    notes what it can for PySide's hook and empties linecache.
    (Not derived from importlib.abc.MetaPathFinder: importing that costs the start ~10 ms.)"""

    def __init__(self) -> None:
        self._noted_loaded = False

    def find_spec(self, fullname, path, target=None):  # type: ignore[no-untyped-def]
        features = _pyside_feature_dict()
        if features is not None:
            if not self._noted_loaded:
                self._noted_loaded = True
                for name in list(sys.modules):
                    _note_for_pyside(features, name)
            _note_for_pyside(features, fullname)
        linecache.clearcache()
        return None


def drop_source_lines_on_import() -> None:
    """Install the dropper (once) at the head of sys.meta_path."""
    if not any(isinstance(finder, _SourceLinesDropper) for finder in sys.meta_path):
        sys.meta_path.insert(0, _SourceLinesDropper())
