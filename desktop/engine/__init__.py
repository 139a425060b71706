"""The non-Qt composition root shared by the headless CLI and the GUI (see core.Engine)."""

from desktop.engine.connection import ConnectionInfo
from desktop.engine.core import Engine
from desktop.engine.errors import (
    EngineError,
    NotConnected,
    SettingLocked,
    SyncAlreadyRunning,
    UnknownTask,
)

__all__ = [
    "ConnectionInfo",
    "Engine",
    "EngineError",
    "NotConnected",
    "SettingLocked",
    "SyncAlreadyRunning",
    "UnknownTask",
]
