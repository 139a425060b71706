"""installer/bundle_contents.py: what the PyInstaller spec leaves out of the bundle."""

from __future__ import annotations

from installer.bundle_contents import (
    is_system_library,
    is_unused_qt_plugin,
    select_binaries,
    without_dangling_links,
)

QT = "PySide6/Qt"


def test_desktop_plugins_stay_and_embedded_ones_go():
    for kept in ("platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                 "iconengines/libqsvgicon.so", "platformthemes/libqxdgdesktopportal.so",
                 "xcbglintegrations/libqxcb-glx-integration.so"):
        assert not is_unused_qt_plugin(f"{QT}/plugins/{kept}"), kept
    for cut in ("platforms/libqeglfs.so", "platforms/libqvnc.so", "platforms/libqminimal.so",
                "egldeviceintegrations/libqeglfs-kms-integration.so",
                "platformthemes/libqgtk3.so", "generic/libqevdevmouseplugin.so"):
        assert is_unused_qt_plugin(f"{QT}/plugins/{cut}"), cut
    assert is_unused_qt_plugin(f"{QT}\\plugins\\platforms\\libqeglfs.so")  # Windows paths


def test_the_desktops_libraries_are_left_to_the_system():
    for system in ("libX11.so.6", "libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libGL.so.1",
                   "libEGL.so.1", "libfontconfig.so.1", "libdbus-1.so.3", "libstdc++.so.6",
                   "libglib-2.0.so.0", "libwayland-client.so.0"):
        assert is_system_library(system), system
    for bundled in ("libssl.so.3", "libpython3.11.so.1.0", "libsqlite3.so.0", "libffi.so.8",
                    f"{QT}/lib/libQt6Gui.so.6", "libxml2.so.2", "libxslt.so.1"):
        assert not is_system_library(bundled), bundled


def test_libraries_only_the_cut_ones_needed_go_too():
    gtk_theme = (f"{QT}/plugins/platformthemes/libqgtk3.so", "/s/libqgtk3.so", "BINARY")
    xcb = (f"{QT}/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY")
    gtk = ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY")
    cairo = ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY")
    png = ("libpng16.so.16", "/usr/lib/libpng16.so.16", "BINARY")  # cairo's, and Qt's
    dlopened = ("libssl.so.3", "/usr/lib/libssl.so.3", "BINARY")  # nothing links it
    x11 = ("libX11.so.6", "/usr/lib/libX11.so.6", "BINARY")
    links = {
        "/s/libqgtk3.so": ["libgtk-3.so.0", "libQt6Gui.so.6"],
        "/s/libqxcb.so": ["libX11.so.6", "libpng16.so.16"],
        "/usr/lib/libgtk-3.so.0": ["libcairo.so.2"],
        "/usr/lib/libcairo.so.2": ["libpng16.so.16", "libX11.so.6"],
    }
    kept = select_binaries([gtk_theme, xcb, gtk, cairo, png, dlopened, x11],
                           lambda path: links.get(path, []), linux=True)
    assert kept == [xcb, png, dlopened]


def test_other_platforms_keep_their_libraries():
    plugin = (f"{QT}/plugins/platforms/qwindows.dll", "C:/q/qwindows.dll", "BINARY")
    eglfs = (f"{QT}/plugins/platforms/libqeglfs.so", "/q/libqeglfs.so", "BINARY")
    x11 = ("libX11.so.6", "/usr/lib/libX11.so.6", "BINARY")
    assert select_binaries([plugin, eglfs, x11], lambda _path: [], linux=False) == [plugin, x11]


def test_links_to_left_out_libraries_go():
    kept_binaries = [(f"{QT}/lib/libQt6Core.so.6", "/q/libQt6Core.so.6", "BINARY")]
    datas = [
        ("libQt6Core.so.6", f"{QT}/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6EglFsKmsSupport.so.6", f"{QT}/lib/libQt6EglFsKmsSupport.so.6", "SYMLINK"),
        ("desktop/sandbox/approve_page.html", "/src/approve_page.html", "DATA"),
    ]
    assert without_dangling_links(datas, kept_binaries) == [datas[0], datas[2]]


def test_runtime_hooks_stint_has_no_use_for_are_left_out():
    from installer.bundle_contents import without_unused_runtime_hooks

    scripts = [
        ("pyi_rth_inspect", "/h/pyi_rth_inspect.py", "PYSOURCE"),
        ("pyi_rth_pyside6", "/h/pyi_rth_pyside6.py", "PYSOURCE"),
        ("pyi_rth_multiprocessing", "/h/pyi_rth_multiprocessing.py", "PYSOURCE"),
        ("stint_entry", "/i/stint_entry.py", "PYSOURCE"),
    ]
    assert without_unused_runtime_hooks(scripts) == [scripts[1], scripts[3]]
