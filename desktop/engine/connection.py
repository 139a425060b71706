"""The profile's link to Salesforce: connect, resume from stored secrets, unlink.

What is remembered where:
- secrets (password + security token, or the refresh token; a consumer secret the user
  entered): the SecretStore (OS keyring); a consumer secret from the admin policy stays there;
- login URL, method, consumer key, callback URL, username, CA file: the Settings (not secret);
- the connected user id and instance URL, and where the sign-in is kept: the store's
  sync_state (not secret; engine.link reads them without the keyring);
- the access token: only in the SalesforceClient, in memory.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from desktop.domain.settings import Settings, callback_url_problem
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.engine.errors import EngineError, NotConnected
from desktop.engine.link import (
    USER_ID_KEY,
    ConnectionInfo,
    keyring_connection_info,
    remember_keyring,
    stored_keyring,
)
from desktop.engine.settings_access import SettingsAccess
from desktop.platform.secrets import SecretStore
from desktop.salesforce import connection as sf_connection
from desktop.salesforce.client import SalesforceClient
from desktop.salesforce.credentials import Credentials
from desktop.salesforce.device_flow import DEFAULT_DEVICE_TIMEOUT, DeviceCode
from desktop.salesforce.errors import InvalidConsumerKey
from desktop.salesforce.login_url import normalize_login_url
from desktop.salesforce.oauth import DEFAULT_SIGN_IN_TIMEOUT, BrowserOpener
from desktop.salesforce.oauth_client import OAuthClient
from desktop.store import Store
from desktop.store.sync_state_repo import INSTANCE_URL_KEY

log = logging.getLogger(__name__)

__all__ = ["USER_ID_KEY", "ConnectionInfo", "ConnectionManager"]


class ConnectionManager:
    def __init__(
        self,
        store: Store,
        settings: SettingsAccess,
        secret_store: Callable[[], SecretStore],
        *,
        keep_session: bool = False,
    ) -> None:
        """`keep_session`: start from the session the last sync process kept in the keyring,
        and keep new ones (the app's sync and push processes; see credentials.py)."""
        self._keep_session = keep_session
        self._store = store
        self._settings = settings
        self._secret_store_factory = secret_store
        self._secrets: SecretStore | None = None
        self._client: SalesforceClient | None = None
        self._lock = threading.RLock()

    @property
    def credentials(self) -> Credentials:
        with self._lock:
            if self._secrets is None:
                self._secrets = self._secret_store_factory()
            return Credentials(self._secrets)

    def info(self) -> ConnectionInfo:
        with self._lock:
            if self._secrets is None:
                self._secrets = self._secret_store_factory()
            secrets = self._secrets
        return keyring_connection_info(self._store, self._settings.current(), secrets,
                                       signed_in=self._client is not None)

    # -- connecting ------------------------------------------------------------------------

    def connect_password(
        self,
        username: str,
        password: str,
        security_token: str = "",
        *,
        login_url: str | None = None,
        ca_file: str | None = None,
    ) -> ConnectionInfo:
        if not username.strip():
            raise EngineError(QT_TRANSLATE_NOOP("EngineError", "Enter the Salesforce username."))
        if not password:
            raise EngineError(QT_TRANSLATE_NOOP("EngineError", "Enter the Salesforce password."))
        settings = self._planned(
            auth_method="password", username=username.strip(), login_url=login_url, ca_file=ca_file
        )
        client = sf_connection.connect_with_password(
            settings.login_url,
            settings.username,
            password,
            security_token,
            ca_file=settings.ca_file or None,
            credentials=self.credentials,
        )
        return self._adopt(client, settings)

    def connect_oauth(
        self,
        *,
        login_url: str | None = None,
        consumer_key: str | None = None,
        consumer_secret: str | None = None,
        callback_url: str | None = None,
        ca_file: str | None = None,
        open_browser: BrowserOpener | None = None,
        show_url: Callable[[str], None] | None = None,
        timeout: float = DEFAULT_SIGN_IN_TIMEOUT,
        cancel: threading.Event | None = None,
    ) -> ConnectionInfo:
        """Browser sign-in through `callback_url`, else the callback URL of the settings."""
        settings, client = self._planned_oauth("oauth", login_url, consumer_key,
                                               consumer_secret, ca_file, callback_url)
        sf_client = sf_connection.connect_with_oauth(
            settings.login_url,
            client,
            settings.oauth_callback_url,
            ca_file=settings.ca_file or None,
            credentials=self.credentials,
            open_browser=open_browser,
            show_url=show_url,
            timeout=timeout,
            cancel=cancel,
        )
        return self._adopt_oauth(sf_client, settings, consumer_secret)

    def connect_device(
        self,
        show_code: Callable[[DeviceCode], None],
        *,
        login_url: str | None = None,
        consumer_key: str | None = None,
        consumer_secret: str | None = None,
        ca_file: str | None = None,
        timeout: float = DEFAULT_DEVICE_TIMEOUT,
        cancel: threading.Event | None = None,
    ) -> ConnectionInfo:
        """Sign-in with a code: `show_code` tells the user where to enter it."""
        settings, client = self._planned_oauth("device", login_url, consumer_key,
                                               consumer_secret, ca_file)
        sf_client = sf_connection.connect_with_device(
            settings.login_url,
            client,
            show_code,
            ca_file=settings.ca_file or None,
            credentials=self.credentials,
            timeout=timeout,
            cancel=cancel,
        )
        return self._adopt_oauth(sf_client, settings, consumer_secret)

    def _planned_oauth(self, method: str, login_url: str | None, consumer_key: str | None,
                       consumer_secret: str | None, ca_file: str | None,
                       callback_url: str | None = None) -> tuple[Settings, OAuthClient]:
        changes: dict = {"auth_method": method, "login_url": login_url, "ca_file": ca_file,
                         "oauth_callback_url": callback_url.strip() if callback_url else None}
        if consumer_key is not None:
            changes["consumer_key"] = consumer_key.strip()
        settings = self._planned(**changes)
        problem = callback_url_problem(settings.oauth_callback_url)
        if problem:
            raise EngineError(problem)
        if not settings.consumer_key:
            raise InvalidConsumerKey(QT_TRANSLATE_NOOP(
                "ConnectionProblem",
                "Signing in through the browser or with a code needs the consumer key of your "
                "org's connected app (--consumer-key, or ask your administrator)."))
        # A secret kept for another app (the consumer key changed) is not this app's.
        same_app = settings.consumer_key == self._settings.current().consumer_key
        return settings, self._oauth_client(settings, consumer_secret, use_kept=same_app)

    def _oauth_client(self, settings: Settings, entered_secret: str | None = None, *,
                      use_kept: bool = True) -> OAuthClient:
        """The connected app as Stint presents it: the secret just entered, else the admin
        policy's, else the one kept from an earlier sign-in (none: a public client)."""
        policy_secret = self._settings.policy.get("connection", {}).get("consumer_secret")
        kept = self.credentials.consumer_secret() if use_kept else None
        return OAuthClient(settings.consumer_key, entered_secret or policy_secret or kept or None)

    def _adopt_oauth(self, client: SalesforceClient, settings: Settings,
                     entered_secret: str | None) -> ConnectionInfo:
        if entered_secret:  # it worked: keep it for renewals and the next sign-in
            self.credentials.save_consumer_secret(entered_secret)
        elif settings.consumer_key != self._settings.current().consumer_key:
            self.credentials.save_consumer_secret(None)  # another app's secret
        # Kept (not secret) like the password flow's; "" rather than a previous user's name.
        settings = settings.with_changes(username=client.session_info.username or "")
        return self._adopt(client, settings)

    def client(self) -> SalesforceClient:
        """The signed-in client, resumed from the stored secrets on first use."""
        with self._lock:
            if self._client is not None:
                return self._client
            if not self._store.sync_state.get_value(USER_ID_KEY):
                raise NotConnected()
            settings = self._settings.current()
            credentials = self.credentials
            if not credentials.has_any():
                # Linked, but the secrets are gone: a session-only store forgets them at exit.
                raise NotConnected(None if credentials.persistent else credentials.problem)
            self._client = sf_connection.resume(
                settings.login_url,
                settings.auth_method,  # type: ignore[arg-type]
                credentials,
                username=settings.username,
                client=self._oauth_client(settings) if settings.consumer_key else None,
                ca_file=settings.ca_file or None,
                keep_session=self._keep_session,
            )
            if stored_keyring(self._store) is None:  # linked before Stint remembered it
                remember_keyring(self._store, credentials.persistent, credentials.problem)
            return self._client

    def change_ca_file(self, ca_file: str) -> Settings:
        """Trust another CA certificate file ("" for the system's bundle) from the next request
        on, connected or not: the signed-in client is dropped and the next use resumes the
        sign-in with the new file (the stored secrets stay). EngineError when it is missing."""
        settings = self._planned(ca_file=ca_file.strip())
        saved = self._settings.save(settings)
        with self._lock:
            # Not closed: a sync may be using it right now; it goes when that run ends.
            self._client = None
        log.info("CA certificate file %s", "changed" if saved.ca_file else "cleared")
        return saved

    def current_client(self) -> SalesforceClient | None:
        with self._lock:
            return self._client

    def disconnect(self) -> None:
        """Unlink: revoke/delete the stored secrets and forget the session. Items, entries
        and the archived tree stay."""
        settings = self._settings.current()
        with self._lock:
            client, self._client = self._client, None
            if client is not None:
                client.close()
            sf_connection.disconnect(
                self.credentials, settings.login_url, settings.ca_file or None
            )
            with self._store.transaction():
                self._store.sync_state.set_value(USER_ID_KEY, None)
                self._store.sync_state.set_value(INSTANCE_URL_KEY, None)
        log.info("unlinked this profile from Salesforce")

    def close(self) -> None:
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    # -- helpers -----------------------------------------------------------------------------

    def _planned(self, **changes: object) -> Settings:
        """The settings a connection attempt will use (locks checked, nothing saved yet)."""
        current = self._settings.current()
        values = {k: v for k, v in changes.items() if v is not None}
        if "login_url" in values:
            values["login_url"] = normalize_login_url(str(values["login_url"]))
        if values.get("ca_file"):
            path = Path(str(values["ca_file"])).expanduser().resolve()
            if not path.is_file():
                raise EngineError(QT_TRANSLATE_NOOP(
                    "EngineError", "The CA certificate file %1 does not exist: choose an "
                    "existing certificate file (PEM)."), path)
            values["ca_file"] = str(path)
        planned = current.with_changes(**values)
        locked = self._settings.locked()
        for name in sorted(locked):
            if getattr(planned, name) != getattr(current, name):
                from desktop.engine.errors import SettingLocked

                raise SettingLocked(name)
        return planned

    def _adopt(self, client: SalesforceClient, settings: Settings) -> ConnectionInfo:
        state = self._store.sync_state
        previous_user = state.get_value(USER_ID_KEY)
        with self._lock:
            old, self._client = self._client, client
        if old is not None and old is not client:
            old.close()
        with self._store.transaction():
            if previous_user and previous_user != client.user_id:
                # Another user's view of the org: start the sync bookkeeping afresh.
                state.reset()
            state.set_value(USER_ID_KEY, client.user_id)
            state.set_value(INSTANCE_URL_KEY, client.instance_url)
            credentials = self.credentials
            remember_keyring(self._store, credentials.persistent, credentials.problem)
            # Connect / Re-enable refreshes everything: the next sync is a full pass.
            state.set_last_full_sync(None)
            # In the same transaction: a `stint status` meanwhile must not see the new link
            # with the previous sign-in method (seen in an e2e run: "oauth" after a device
            # sign-in).
            self._settings.save(settings)
        log.info("connected to %s as user %s", client.host, client.user_id)
        return self.info()
