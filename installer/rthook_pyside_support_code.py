"""PyInstaller runtime hook: the bundle's first import of PySide keeps shiboken's support code.

PyInstaller's own runtime hook for PySide6 imports QtCore before the app's code runs, so the
app's start (desktop.cli) would find shiboken loaded and its support modules compiled from
source once more (~23 ms of each start: desktop/platform/pyside_support_cache.py). Custom
runtime hooks run before PyInstaller's, so this one imports QtCore first, within the cache.
"""

from desktop.platform.pyside_support_cache import spare_pyside_support

with spare_pyside_support():
    import PySide6.QtCore  # noqa: F401
