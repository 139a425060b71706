"""The profile's link to Salesforce as the store remembers it, read without the keyring.

`stint status` (which panels and prompts call every few seconds) must not load the keyring or
the Salesforce client: it reads the connected user, the instance and where the last sign-in
was kept (the system keyring, or this session only) from the store's sync_state, where
engine.connection writes them at every sign-in and resume. A sign-in kept for one session
only is gone in any later process, so only one kept in the system keyring counts as connected
there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.domain.settings import Settings
from desktop.domain.text import Message
from desktop.salesforce.secret_keys import sign_in_kept
from desktop.store import Store
from desktop.store.sync_state_repo import INSTANCE_URL_KEY

if TYPE_CHECKING:
    from desktop.platform.secrets import SecretStore

USER_ID_KEY = "connection.user_id"
KEYRING_KEY = "connection.keyring"  # where the last sign-in was kept: "system" or "session-only"
KEYRING_PROBLEM_KEY = "connection.keyring_problem"  # why not the system keyring (plain text)
SYSTEM_KEYRING = "system"
SESSION_ONLY = "session-only"


@dataclass(frozen=True)
class ConnectionInfo:
    connected: bool
    username: str
    login_url: str
    auth_method: str
    user_id: str | None
    instance_url: str | None
    keyring_persistent: bool | None  # None: no sign-in has said yet (never connected)
    keyring_problem: str | Message | None  # a Message from this process's keyring check

    def to_json(self) -> dict:
        keyring = None
        if self.keyring_persistent is not None:
            keyring = SYSTEM_KEYRING if self.keyring_persistent else SESSION_ONLY
        return {
            "connected": self.connected,
            "username": self.username or None,
            "login_url": self.login_url,
            "auth_method": self.auth_method,
            "user_id": self.user_id,
            "instance_url": self.instance_url,
            "keyring": keyring,
            "keyring_problem": None if self.keyring_problem is None else str(self.keyring_problem),
        }


def remember_keyring(store: Store, persistent: bool, problem: str | Message | None) -> None:
    """Note where the sign-in is kept (joins the transaction that links the user, if any);
    the problem is stored in English."""
    state = store.sync_state
    with store.transaction():
        state.set_value(KEYRING_KEY, SYSTEM_KEYRING if persistent else SESSION_ONLY)
        state.set_value(KEYRING_PROBLEM_KEY, None if problem is None else str(problem))


def stored_keyring(store: Store) -> str | None:
    """"system", "session-only", or None when no sign-in of this version has said."""
    return store.sync_state.get_value(KEYRING_KEY)


def stored_connection_info(store: Store, settings: Settings) -> ConnectionInfo:
    """The link as a process that has not signed in sees it: connected when a user is linked
    and the sign-in is kept in the system keyring."""
    state = store.sync_state
    user_id = state.get_value(USER_ID_KEY)
    keyring = stored_keyring(store)
    return ConnectionInfo(
        connected=bool(user_id) and keyring == SYSTEM_KEYRING,
        username=settings.username,
        login_url=settings.login_url,
        auth_method=settings.auth_method,
        user_id=user_id,
        instance_url=state.get_value(INSTANCE_URL_KEY),
        keyring_persistent=None if keyring is None else keyring == SYSTEM_KEYRING,
        keyring_problem=state.get_value(KEYRING_PROBLEM_KEY),
    )


def keyring_connection_info(
    store: Store, settings: Settings, secrets: SecretStore, signed_in: bool = False
) -> ConnectionInfo:
    """The link as it is now, asking the keyring (`signed_in`: a session is open in this
    process): connected when a user is linked and a sign-in is kept or open. Needs no
    Salesforce client, so the app can ask at start without loading it."""
    state = store.sync_state
    user_id = state.get_value(USER_ID_KEY)
    connected = bool(user_id) and (signed_in or sign_in_kept(secrets))
    if connected and stored_keyring(store) is None:  # linked before Stint noted it
        remember_keyring(store, secrets.persistent, secrets.problem)
    return ConnectionInfo(
        connected=connected,
        username=settings.username,
        login_url=settings.login_url,
        auth_method=settings.auth_method,
        user_id=user_id,
        instance_url=state.get_value(INSTANCE_URL_KEY),
        keyring_persistent=secrets.persistent,
        keyring_problem=secrets.problem,
    )
