"""The Engine's link to Salesforce: signing in (here, or as a child process does it for the
app: sign_in_process), the link as it stands (from the store, else the keyring), unlinking.

A part of the Engine (desktop/engine/core.py; `class Engine(EngineLink)`), in a module of its
own so each stays readable: it uses the engine's store, settings, clock and the secret-store
and connection slots the Engine's __init__ sets up (listed below).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from desktop.domain.text import Message
from desktop.engine.link import (
    SYSTEM_KEYRING,
    USER_ID_KEY,
    ConnectionInfo,
    keyring_connection_info,
    stored_connection_info,
    stored_keyring,
)
from desktop.engine.salesforce_stack import load_salesforce_stack
from desktop.engine.settings_access import SettingsAccess
from desktop.platform.clock import Clock
from desktop.store import Store

if TYPE_CHECKING:
    from desktop.engine.connection import ConnectionManager
    from desktop.platform.secrets import SecretStore
    from desktop.sync.pull.run import PullSync

log = logging.getLogger(__name__)

IMPORTABLE_OBJECTS = ("Opportunity", "Case")  # what Settings offers to import, and describes


class EngineLink:
    # Set by Engine.__init__.
    store: Store
    settings: SettingsAccess
    clock: Clock
    keeps_session: bool
    asks_keyring_in_child: bool
    _connection: ConnectionManager | None
    _pull: PullSync | None
    _secret_store: SecretStore | None
    _secret_store_factory: Callable[[], SecretStore]
    _secrets_handed_in: bool
    _secrets_lock: threading.Lock
    _keyring_answered: bool
    _keyring_problem: Message | None
    stop_scheduler: Callable[[], None]

    @property
    def connection(self) -> ConnectionManager:
        """The link to Salesforce (its first use loads the Salesforce client and keyring code)."""
        if self._connection is None:
            load_salesforce_stack()  # one thread at a time (see there)
            from desktop.engine.connection import ConnectionManager

            self._connection = ConnectionManager(self.store, self.settings, self._secrets,
                                                 keep_session=self.keeps_session)
        return self._connection

    def _secrets(self) -> SecretStore:
        """The profile's secret store, opened once (a memory store must stay the same one)."""
        with self._secrets_lock:
            if self._secret_store is None:
                self._secret_store = self._secret_store_factory()
            return self._secret_store

    def connection_info(self) -> ConnectionInfo:
        """The link as it is now, asking the keyring. Until something has used the
        connection, without loading the Salesforce client (the app asks at start; a sync
        or a sign-in loads it when it needs it)."""
        if self._connection is not None:
            return self._connection.info()
        return keyring_connection_info(self.store, self.settings.current(), self._secrets())

    def known_connection_info(self) -> ConnectionInfo:
        """What the app shows and starts from: the link as the store notes it when the
        sign-in is kept in the system keyring (the syncs sign in in a process of their own,
        so this one need not load the keyring and cryptography); for a never-linked profile
        of an app that asks a child about the keyring, the same with the child's answer
        (keyring_persistent None until it came); else connection_info()."""
        if self._connection is None and self.sign_in_in_system_keyring():
            return self.link_info()
        if self._connection is None and self._keyring_asked_in_child():
            info = self.link_info()
            if not self._keyring_answered:
                return info
            return replace(info, keyring_persistent=self._keyring_problem is None,
                           keyring_problem=self._keyring_problem)
        return self.connection_info()

    def note_keyring_answer(self, problem: Message | None) -> None:
        """What a child process said of the system keyring (sign_in_process.
        check_keyring_in_child): None, it keeps sign-ins; else why it cannot."""
        self._keyring_problem = problem
        self._keyring_answered = True

    def _keyring_asked_in_child(self) -> bool:
        return (self.asks_keyring_in_child and self.can_sign_in_in_child()
                and not self.store.sync_state.get_value(USER_ID_KEY))

    def link_info(self) -> ConnectionInfo:
        """The link as the store remembers it, without the keyring (engine.link): what
        `stint status` shows. Live once this engine has used its connection."""
        if self._connection is not None:
            return self._connection.info()
        info = stored_connection_info(self.store, self.settings.current())
        if info.user_id and info.keyring_persistent is None:
            # Linked by a version that did not note where the sign-in is kept: ask the
            # keyring this once (ConnectionManager.info notes the answer).
            return self.connection.info()
        return info

    def connect_password(self, username: str, password: str, security_token: str = "",
                         **options: Any) -> ConnectionInfo:
        info = self.connection.connect_password(username, password, security_token, **options)
        self._pull = None
        return info

    def connect_oauth(self, **options: Any) -> ConnectionInfo:
        info = self.connection.connect_oauth(**options)
        self._pull = None
        return info

    def connect_device(self, show_code: Callable[..., None], **options: Any) -> ConnectionInfo:
        info = self.connection.connect_device(show_code, **options)
        self._pull = None
        return info

    def change_ca_file(self, ca_file: str) -> None:
        """Trust another CA certificate file ("" for the default) from the next request on,
        also while connected (see ConnectionManager.change_ca_file)."""
        self.connection.change_ca_file(ca_file)
        self._pull = None

    def disconnect(self) -> None:
        """Unlink: stop syncing, delete the stored secrets; entries and items stay."""
        self.stop_scheduler()
        self._pull = None
        self.connection.disconnect()

    # -- signing in from a child process (the app) -------------------------------------------

    def can_sign_in_in_child(self) -> bool:
        """Whether the app may sign in from a child process (desktop.engine.sign_in_process),
        which then keeps the sign-in in the system keyring for the app's syncs to find."""
        from desktop.platform.child_command import CHILD_PROCESS_PLATFORM

        return CHILD_PROCESS_PLATFORM and not self._secrets_handed_in

    def system_keyring_usable(self) -> bool:
        """Whether this profile's secrets go to the system keyring (not into this process's
        memory, which a sign-in made in a child process would die with)."""
        return not self._secrets_handed_in and self._secrets().persistent

    def refresh_describes(self, sobjects: tuple[str, ...] = IMPORTABLE_OBJECTS) -> None:
        """Fetch the missing or stale describes of `sobjects` into the store's cache (one API
        call at most), for the Settings page of an app that did not sign in itself. A failure
        only leaves the cache as it was: the page asks again."""
        from desktop.sync.metadata import MetadataCache

        try:
            MetadataCache(self.store).get(self.connection.client(), sobjects, self.clock.now())
        except Exception as exc:  # noqa: BLE001 - the sign-in itself worked
            log.warning("the describes could not be fetched after signing in: %s", exc)

    def adopt_sign_in_from_child(self) -> ConnectionInfo:
        """After a child process signed in (sign_in_process): drop this process's view of the
        old link (its client, its secret store: the keyring changed under it) and tell the link
        as the store now notes it. A sync still using the old client finishes with it."""
        self._connection = None
        self._pull = None
        with self._secrets_lock:
            self._secret_store = None
        return self.known_connection_info()

    def sign_in_in_system_keyring(self) -> bool:
        """Whether another process would find this profile's sign-in: kept in the system
        keyring (as the store notes at sign-in), and not secrets handed to this engine."""
        return not self._secrets_handed_in and stored_keyring(self.store) == SYSTEM_KEYRING
