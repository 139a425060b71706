"""keyring's Secret Service backend, made safe for gnome-keyring's first call from a connection.

keyring's own backend opens a new D-Bus connection for every call and starts with a property
read on /org/freedesktop/secrets/aliases/default. gnome-keyring (seen with 42.1; the code is
unchanged upstream) registers a new connection as a client in an idle callback, and a call on
a collection or item object that it dispatches before that callback ran aborts the daemon:
"gkd_secret_service_get_pkcs11_session: assertion 'client' failed", then GLib's
"invoke_get_property_in_idle_cb: assertion failed: (error != NULL)", SIGABRT. Every program
then sees "Message recipient disconnected from message bus without replying" (and on a
desktop the restarted daemon comes back locked). The same alias path is also rewritten on
gnome-keyring's D-Bus thread from a table its main thread replaces on each new client, which
can send the call to a garbage collection path; keyring then tries to *create* a collection.

`DefaultCollectionKeyring` starts each connection with the service's ReadAlias("default")
instead (as libsecret does): a not-yet-registered client gets "/" back rather than a crash,
and that answer is asked again a bounded number of times. The calls that follow use the real
collection path. A keyring with no default collection is reported, never created.
"""

from __future__ import annotations

import time

import keyring.backend
import keyring.errors
from keyring.backends.SecretService import Keyring as SecretServiceKeyring

DEFAULT_ALIAS = "default"
# ReadAlias answers "/" to a connection gnome-keyring has not registered yet; it has on the
# next try (the registration is already queued). Three tries within 0.1 s, then "/" is real.
ALIAS_ATTEMPTS = 3
ALIAS_RETRY_DELAY_S = 0.05


class NoDefaultKeyring(keyring.errors.InitError):
    """The Secret Service has no default collection (Stint does not create one)."""


class DefaultCollectionKeyring(SecretServiceKeyring):
    """The Secret Service backend addressing the default collection by its real path."""

    def get_preferred_collection(self):
        import secretstorage

        connection = secretstorage.dbus_init()
        try:
            collection = default_collection(connection)
            if collection.is_locked():
                collection.unlock()  # the desktop's unlock prompt, as keyring does
                if collection.is_locked():
                    raise keyring.errors.KeyringLocked("Failed to unlock the collection!")
        except BaseException:
            connection.close()
            raise
        return collection


def default_collection(connection, attempts: int = ALIAS_ATTEMPTS):
    """The default collection of the Secret Service on `connection`, by ReadAlias."""
    from secretstorage import Collection
    from secretstorage.defines import DBUS_UNKNOWN_METHOD, SS_PATH
    from secretstorage.exceptions import ItemNotFoundException, SecretStorageException
    from secretstorage.util import SERVICE_IFACE, DBusAddressWrapper

    service = DBusAddressWrapper(SS_PATH, SERVICE_IFACE, connection)
    try:
        for attempt in range(1, attempts + 1):
            try:
                (path,) = service.call("ReadAlias", "s", DEFAULT_ALIAS)
            except ItemNotFoundException as exc:
                if getattr(exc.__cause__, "name", None) != DBUS_UNKNOWN_METHOD:
                    raise
                return Collection(connection)  # a Secret Service without ReadAlias
            if len(path) > 1:
                return Collection(connection, path)
            if attempt < attempts:
                time.sleep(ALIAS_RETRY_DELAY_S)
    except ItemNotFoundException:
        pass  # the collection went away after ReadAlias named it
    except SecretStorageException as exc:
        raise keyring.errors.InitError(f"Failed to open the default keyring: {exc}.") from exc
    raise NoDefaultKeyring("the Secret Service has no default keyring")


def safer_backend(backend: keyring.backend.KeyringBackend) -> keyring.backend.KeyringBackend:
    """keyring's own Secret Service backend replaced by DefaultCollectionKeyring; any other
    backend (or one given a preferred_collection by the user's keyring config) unchanged."""
    if type(backend) is not SecretServiceKeyring or hasattr(backend, "preferred_collection"):
        return backend
    safer = DefaultCollectionKeyring()
    safer.scheme = backend.scheme
    return safer
