"""Idle time on X11: the MIT-SCREEN-SAVER extension's idle counter, through ctypes.

libXss's XScreenSaverQueryInfo reports the milliseconds since the last input the X server
saw (keyboard, pointer, XTEST). The query is one round trip on a connection of our own
(Qt's xcb connection is not shared), cheap enough to poll.
"""

from __future__ import annotations

import ctypes
import ctypes.util

from desktop.platform.idle import IdleReply, IdleUnavailable


class _ScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("event_mask", ctypes.c_ulong),
    ]


def _load(name: str, soname: str) -> ctypes.CDLL:
    try:
        return ctypes.CDLL(soname)  # the usual name: no ldconfig run
    except OSError:
        found = ctypes.util.find_library(name)
        if found is None:
            raise IdleUnavailable(f"lib{name} is not installed") from None
        return ctypes.CDLL(found)


class X11IdleSource:
    name = "X11 (MIT-SCREEN-SAVER)"

    def __init__(self, display_name: str) -> None:
        self._xlib = xlib = _load("X11", "libX11.so.6")
        self._xss = xss = _load("Xss", "libXss.so.1")
        xlib.XOpenDisplay.restype = ctypes.c_void_p
        xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        xlib.XDefaultRootWindow.restype = ctypes.c_ulong
        xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        xlib.XFree.argtypes = [ctypes.c_void_p]
        xss.XScreenSaverQueryExtension.argtypes = [
            ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
        xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_ScreenSaverInfo)
        xss.XScreenSaverQueryInfo.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(_ScreenSaverInfo)]
        self._display = xlib.XOpenDisplay(display_name.encode())
        if not self._display:
            raise IdleUnavailable(f"cannot open the X display {display_name}")
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not xss.XScreenSaverQueryExtension(
            self._display, ctypes.byref(event_base), ctypes.byref(error_base)
        ):
            self.close()
            raise IdleUnavailable("the X server has no MIT-SCREEN-SAVER extension")
        self._root = xlib.XDefaultRootWindow(self._display)
        self._info = xss.XScreenSaverAllocInfo()

    def idle_seconds(self) -> float | None:
        if not self._display:
            return None
        if not self._xss.XScreenSaverQueryInfo(self._display, self._root, self._info):
            return None
        return self._info.contents.idle / 1000.0

    def query(self, reply: IdleReply) -> None:
        reply(self.idle_seconds())

    def close(self) -> None:
        if getattr(self, "_info", None):
            self._xlib.XFree(self._info)
            self._info = None
        if self._display:
            self._xlib.XCloseDisplay(self._display)
            self._display = None
