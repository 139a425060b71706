"""Problems the engine reports to its callers (CLI, UI) as one plain-language line."""

from __future__ import annotations

from desktop.domain.text import QT_TRANSLATE_NOOP, Message

_CONTEXT = "EngineError"


class EngineError(Exception):
    """Base of every engine problem; `.message` is written for the user (never secrets), in
    English (the command line prints it), and `.text` is the same as a Message the app shows
    translated: a template marked with QT_TRANSLATE_NOOP("EngineError", ...) and its values,
    or a Message (a ConnectionProblem's text passed on)."""

    def __init__(self, message: str | Message, *values: object) -> None:
        self.text = message if isinstance(message, Message) else Message(_CONTEXT, message, *values)
        self.message = str(self.text)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class NotConnected(EngineError):
    def __init__(self, keyring_problem: object = None) -> None:
        message = QT_TRANSLATE_NOOP(
            "EngineError",
            "Stint is not connected to Salesforce on this profile; run `stint connect` first.")
        if keyring_problem:
            message = QT_TRANSLATE_NOOP(
                "EngineError",
                "Stint has no saved sign-in for this profile: without a usable system keyring a "
                "sign-in lasts for the process that made it only. Start the keyring (or use the "
                "app) and run `stint connect` again."
            )
        super().__init__(message)


class SettingLocked(EngineError):
    def __init__(self, setting: str) -> None:
        self.setting = setting
        super().__init__(QT_TRANSLATE_NOOP(
            "EngineError",
            "The setting %1 is locked by your administrator's policy and cannot be changed."),
            repr(setting))


class SyncAlreadyRunning(EngineError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "EngineError",
            "A sync is already running for this profile (in this or another Stint process); "
            "wait for it to finish."))


class UnknownTask(EngineError):
    pass
