"""Idle time on macOS: CGEventSourceSecondsSinceLastEventType, through ctypes.

Asked for the combined session state and any input event type (kCGAnyInputEventType,
~0), it returns the seconds since the last keyboard, mouse or tablet event as a double.
"""

from __future__ import annotations

import ctypes
from typing import Any

from desktop.platform.idle import IdleReply, IdleUnavailable

CORE_GRAPHICS = "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics"
COMBINED_SESSION_STATE = 0  # kCGEventSourceStateCombinedSessionState
ANY_INPUT_EVENT = 0xFFFFFFFF  # kCGAnyInputEventType


class MacIdleSource:
    name = "macOS (CGEventSource)"

    def __init__(self, core_graphics: Any = None) -> None:
        if core_graphics is None:
            try:
                core_graphics = ctypes.CDLL(CORE_GRAPHICS)
            except OSError:
                raise IdleUnavailable("CoreGraphics cannot be loaded") from None
        function = core_graphics.CGEventSourceSecondsSinceLastEventType
        function.restype = ctypes.c_double
        function.argtypes = [ctypes.c_int32, ctypes.c_uint32]
        self._seconds_since = function

    def idle_seconds(self) -> float | None:
        seconds = self._seconds_since(COMBINED_SESSION_STATE, ANY_INPUT_EVENT)
        return seconds if seconds >= 0 else None

    def query(self, reply: IdleReply) -> None:
        reply(self.idle_seconds())

    def close(self) -> None:
        pass
