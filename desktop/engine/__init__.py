"""The non-Qt composition root shared by the headless CLI and the GUI (see core.Engine)."""

from desktop.engine.core import Engine
from desktop.engine.errors import (
    EngineError,
    NotConnected,
    SettingLocked,
    SyncAlreadyRunning,
    UnknownTask,
)
from desktop.engine.link import ConnectionInfo

__all__ = [
    "ConnectionInfo",
    "Engine",
    "EngineError",
    "NotConnected",
    "SettingLocked",
    "SyncAlreadyRunning",
    "UnknownTask",
]
