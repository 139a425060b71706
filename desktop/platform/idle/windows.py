"""Idle time on Windows: GetLastInputInfo against GetTickCount, through ctypes.

Both count milliseconds since boot in 32 bits (wrapping after 49.7 days); the difference is
taken modulo 2**32 so a wrap in between does not matter. The tick count goes on during
sleep, so the idle time after a resume includes it (desktop.domain.idle copes with both).
"""

from __future__ import annotations

import ctypes
from typing import Any

from desktop.platform.idle import IdleReply, IdleUnavailable


class LastInputInfo(ctypes.Structure):
    _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]


class WindowsIdleSource:
    name = "Windows (GetLastInputInfo)"

    def __init__(self, user32: Any = None, kernel32: Any = None) -> None:
        if user32 is None or kernel32 is None:
            windll = getattr(ctypes, "windll", None)
            if windll is None:
                raise IdleUnavailable("not Windows")
            user32, kernel32 = windll.user32, windll.kernel32
        self._user32 = user32
        self._kernel32 = kernel32
        self._info = LastInputInfo()
        self._info.cbSize = ctypes.sizeof(LastInputInfo)

    def idle_seconds(self) -> float | None:
        if not self._user32.GetLastInputInfo(ctypes.pointer(self._info)):
            return None
        now = self._kernel32.GetTickCount() & 0xFFFFFFFF
        return ((now - self._info.dwTime) & 0xFFFFFFFF) / 1000.0

    def query(self, reply: IdleReply) -> None:
        reply(self.idle_seconds())

    def close(self) -> None:
        pass
