"""Problems the engine reports to its callers (CLI, UI) as one plain-language line."""

from __future__ import annotations


class EngineError(Exception):
    """Base of every engine problem; `.message` is written for the user (never secrets)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotConnected(EngineError):
    def __init__(self, keyring_problem: str | None = None) -> None:
        message = "Stint is not connected to Salesforce on this profile; run `stint connect` first."
        if keyring_problem:
            message = (
                "Stint has no saved sign-in for this profile: without a usable system keyring a "
                "sign-in lasts for the process that made it only. Start the keyring (or use the "
                "app) and run `stint connect` again."
            )
        super().__init__(message)


class SettingLocked(EngineError):
    def __init__(self, setting: str) -> None:
        self.setting = setting
        super().__init__(
            f"The setting {setting!r} is locked by your administrator's policy and cannot be changed."
        )


class SyncAlreadyRunning(EngineError):
    def __init__(self) -> None:
        super().__init__(
            "A sync is already running for this profile (in this or another Stint process); "
            "wait for it to finish."
        )


class UnknownTask(EngineError):
    pass
