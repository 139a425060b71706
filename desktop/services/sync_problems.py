"""What a failed sync tells the user, and which action of the banner fixes it.

Called on the scheduler's thread (SyncService.callbacks): both only read the error.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.services.i18n import error_text

# What the banner offers for an error (see UI contract: sync_failed(message, action)).
REENTER_PASSWORD = "reenter_password"
RETRY = "retry"
RECONNECT = "reconnect"
CHOOSE_CA_FILE = "choose_ca_file"


def action_for(error: BaseException | None) -> str:
    """The banner action that fixes `error`: re-enter the password, reconnect, or retry."""
    # Imported here: desktop.engine pulls in simple-salesforce, which the first paint waits for.
    from desktop.engine.errors import NotConnected
    from desktop.salesforce.errors import (
        CaFileMissing,
        CredentialsMissing,
        PasswordSignInRetired,
        RefreshTokenRevoked,
        SessionExpired,
        TlsProblem,
        WrongCredentials,
    )

    if isinstance(error, CaFileMissing) or (isinstance(error, TlsProblem) and error.ca_file):
        return CHOOSE_CA_FILE
    if isinstance(error, WrongCredentials | SessionExpired):
        return REENTER_PASSWORD
    if isinstance(error, RefreshTokenRevoked | CredentialsMissing | NotConnected
                  | PasswordSignInRetired):  # sign in again, with the browser this time
        return RECONNECT
    return RETRY


def message_for(error: BaseException) -> str:
    """A plain-language message in the user's language (these errors' messages never hold
    secrets)."""
    from desktop.engine.errors import EngineError
    from desktop.salesforce.errors import ConnectionProblem
    from desktop.store.errors import StoreError

    if isinstance(error, ConnectionProblem | EngineError | StoreError):
        return error_text(error)
    return QCoreApplication.translate(
        "SyncService", "Synchronization failed unexpectedly; see the log for details.")
