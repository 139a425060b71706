"""Not keeping the source of every imported module in memory.

PySide's import hook (shibokensupport's feature.py, `_mod_uses_pyside`) reads the source of
each module imported after QtCore with inspect.getsource, to see whether it mentions PySide6;
inspect reads through linecache, which keeps every line for good: ~15 MB of source lines for
the app's modules, and freeing them later gives little back (they sit between objects that
stay). Nothing else needs them: a traceback reads the lines it shows again.
"""

from __future__ import annotations

import linecache
import sys


class _SourceLinesDropper:
    """A meta path finder that finds no module: it empties linecache each time a module is
    about to load, so the lines of at most one module (the last one imported) are kept.
    (Not derived from importlib.abc.MetaPathFinder: importing that costs the start ~10 ms.)"""

    def find_spec(self, fullname, path, target=None):  # type: ignore[no-untyped-def]
        linecache.clearcache()
        return None


def drop_source_lines_on_import() -> None:
    """Install the dropper (once) at the head of sys.meta_path."""
    if not any(isinstance(finder, _SourceLinesDropper) for finder in sys.meta_path):
        sys.meta_path.insert(0, _SourceLinesDropper())
