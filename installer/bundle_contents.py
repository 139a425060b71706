"""What stint.spec leaves out of the bundle, and why (used by the spec; tested on its own).

Two kinds of files PyInstaller would collect are left out:

- Qt plugins a desktop app never loads: embedded-device platforms (eglfs, linuxfb, vnc,
  minimal...), evdev input, network-information backends, and the GTK 3 platform theme,
  which would drag a copy of GTK, GLib, Cairo and Pango into the bundle.
- On Linux, the libraries of the running desktop: X11/xcb and xkbcommon (the X server's
  protocol), GL/EGL/DRM/Wayland (the graphics driver), fontconfig/freetype (the system's font
  configuration), D-Bus and systemd (the session bus), GLib (its modules are loaded from the
  system), and the C++ runtime (the system's GPU driver loads the system's). A copy older than
  the system's breaks in known ways, so they come from the system: the .deb depends on their
  packages (dpkg-shlibdeps works those out), and the tarball's README lists them.

Everything else (Python, Qt's own libraries, OpenSSL, SQLite, ICU...) is bundled, so the
target needs no Python. After the cut, libraries nothing left in the bundle needs are dropped
too (the GTK theme's dependencies).

Two of PyInstaller's runtime hooks are left out as well: they run before the app and import
`inspect` and `zipfile`, and `multiprocessing`, for features Stint does not use (the source
of frozen code for inspect.getsource; multiprocessing's child processes). Without them, and
with the modules as plain .pyc files instead of a zlib-compressed archive (the spec's
noarchive), the bundle's start costs what the pip-installed app's does (installer/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# Paths inside PySide6/Qt/plugins (or Nuitka's qt-plugins) of plugins the app never loads.
UNUSED_QT_PLUGINS = re.compile(
    r"(^|/)plugins/("
    r"platforms/libq(eglfs|linuxfb|minimal|minimalegl|vnc|vkkhrdisplay)\.so"
    r"|egldeviceintegrations/|generic/|networkinformation/"
    r"|platformthemes/libqgtk3\.so"
    r")"
)

# Sonames of the Linux libraries the desktop provides (see above).
SYSTEM_LIBRARY = re.compile(
    r"^lib("
    r"X[A-Za-z0-9-]*|xcb[a-z0-9-]*|xkbcommon(-x11)?"
    r"|GL|GLX|GLdispatch|OpenGL|EGL|gbm|drm|wayland-[a-z]+"
    r"|fontconfig|freetype|dbus-1|systemd"
    r"|glib-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|gthread-2\.0"
    r"|stdc\+\+|gcc_s"
    r")\.so(\.\d+)*$"
)


UNUSED_RUNTIME_HOOKS = frozenset({"pyi_rth_inspect", "pyi_rth_multiprocessing"})


def without_unused_runtime_hooks(
    scripts: Iterable[tuple[str, str, str]],
) -> list[tuple[str, str, str]]:
    """The scripts TOC (runtime hooks, then the entry point) without UNUSED_RUNTIME_HOOKS."""
    return [entry for entry in scripts if entry[0] not in UNUSED_RUNTIME_HOOKS]


def is_unused_qt_plugin(destination: str) -> bool:
    return UNUSED_QT_PLUGINS.search(destination.replace("\\", "/")) is not None


def is_system_library(destination: str) -> bool:
    """A library the target's desktop provides (only top-level libraries: Qt's own and the
    Python packages' libraries live in subfolders and are always kept)."""
    return "/" not in destination and SYSTEM_LIBRARY.match(destination) is not None


def _is_library(destination: str) -> bool:
    """A shared library other binaries link to (not a Qt plugin, not a Python extension)."""
    name = destination.replace("\\", "/").rsplit("/", 1)[-1]
    return name.startswith("lib") and ".so" in name and "/plugins/" not in f"/{destination}"


def select_binaries(
    binaries: Iterable[tuple[str, str, str]],
    linked_libraries: Callable[[str], Iterable[str]],
    linux: bool,
) -> list[tuple[str, str, str]]:
    """PyInstaller's binaries TOC (destination, source, kind) without what is left out.

    `linked_libraries(source)` gives the sonames a binary links to directly (DT_NEEDED). On
    Linux, a library that only left-out binaries linked to goes too, repeatedly (the GTK
    theme's GTK, Cairo, Pango...); libraries nothing links to are kept (Qt and Python load
    some with dlopen).
    """
    entries = list(binaries)
    if linux:
        cut = [e for e in entries if is_unused_qt_plugin(e[0]) or is_system_library(e[0])]
    else:
        cut = [e for e in entries if is_unused_qt_plugin(e[0])]
    kept = [e for e in entries if e not in cut]
    if not linux:
        return kept
    needs = {e[1]: set(linked_libraries(e[1])) for e in entries}
    while True:
        needed_by_kept = set().union(*(needs[e[1]] for e in kept))
        needed_by_cut = set().union(*(needs[e[1]] for e in cut))
        orphans = [
            e for e in kept
            if _is_library(e[0]) and _soname(e[0]) in needed_by_cut - needed_by_kept
        ]
        if not orphans:
            return kept
        cut += orphans
        kept = [e for e in kept if e not in orphans]


def without_dangling_links(
    datas: Iterable[tuple[str, str, str]], binaries: Iterable[tuple[str, str, str]]
) -> list[tuple[str, str, str]]:
    """The datas TOC without links (typecode SYMLINK, e.g. libQt6Core.so.6 at the top) to
    binaries that select_binaries left out."""
    import posixpath

    present = {destination.replace("\\", "/") for destination, _source, _kind in binaries}

    def target(destination: str, link: str) -> str:
        folder = posixpath.dirname(destination.replace("\\", "/"))
        return posixpath.normpath(posixpath.join(folder, link.replace("\\", "/")))

    return [
        entry for entry in datas
        if entry[2] != "SYMLINK" or target(entry[0], entry[1]) in present
    ]


def _soname(destination: str) -> str:
    return destination.replace("\\", "/").rsplit("/", 1)[-1]


def elf_needed(path: str) -> list[str]:
    """The sonames an ELF file links to directly (DT_NEEDED), read with binutils' readelf."""
    import subprocess

    dynamic = subprocess.run(
        ["readelf", "--dynamic", "--wide", path], capture_output=True, text=True, check=False
    ).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)
