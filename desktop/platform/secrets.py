"""Secret storage: the OS keyring through `keyring`, or memory for this run only.

Secrets (password, security token, refresh token) are stored under one keyring service name
per profile ("Stint/<profile-id>", see paths.keyring_service_name), one entry per key.

`open_secret_store` checks that the keyring actually works before trusting it: a missing
backend (keyring's fail backend), the null backend, a chainer with nothing usable, a
plaintext/file backend from keyrings.alt, or a backend whose set/get/delete probe fails (a
locked or absent Secret Service, one with no default keyring, ...) all give a
`MemorySecretStore` whose `.problem` tells the user, in plain words, that the sign-in is kept
for this session only. There is no plaintext fallback, ever. keyring's Secret Service backend
is used through secret_service.py, which never creates a keyring and avoids a gnome-keyring
crash.

Every secret read or written here is registered with the log redactor.
"""

from __future__ import annotations

import logging
import secrets as _random
import threading
from typing import Protocol, runtime_checkable

import keyring
import keyring.backend
import keyring.errors
from keyring.backends.chainer import ChainerBackend

from desktop.domain.text import QT_TRANSLATE_NOOP, Message
from desktop.platform.logs import redact, register_secret

log = logging.getLogger(__name__)

# The probe entry gets a random suffix: two processes on one profile (the app and the CLI) may
# check the keyring at the same moment and must not read each other's test value.
PROBE_KEY_PREFIX = "stint-keyring-check-"
_CONTEXT = "SecretStore"  # the texts' translation context (the app shows them translated)
SESSION_ONLY_PROBLEM = QT_TRANSLATE_NOOP(
    "SecretStore",
    "No usable system keyring was found (%1); Stint will keep your sign-in for this session only.")

# Backends that keep secrets in files (in plaintext or under a key stored next to them) or do
# nothing at all: never acceptable for credentials.
NO_KEYRING_SERVICE = QT_TRANSLATE_NOOP("SecretStore", "no keyring service is installed")
_REJECTED_BACKENDS = {
    "keyring.backends.fail.Keyring": NO_KEYRING_SERVICE,
    "keyring.backends.null.Keyring": QT_TRANSLATE_NOOP("SecretStore", "the keyring is turned off"),
}
_REJECTED_MODULE_PREFIXES = ("keyrings.alt",)


class SecretStoreError(Exception):
    """A keyring operation failed; the text names the key, never the secret. `.message` is
    English (the command line's, the log's), `.text` the same as a Message the app translates."""

    def __init__(self, text: Message, *, key: str, operation: str) -> None:
        self.text = text
        self.message = str(text)
        super().__init__(self.message)
        self.key = key
        self.operation = operation


@runtime_checkable
class SecretStore(Protocol):
    """Where the credentials of one profile live."""

    @property
    def persistent(self) -> bool:
        """True when secrets survive a restart (the OS keyring)."""
        ...

    @property
    def problem(self) -> Message | None:
        """A plain-language reason the OS keyring is not used, or None."""
        ...

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def delete(self, key: str) -> None:
        """Remove `key`; removing a key that is not there is not an error."""
        ...


class MemorySecretStore:
    """Secrets kept in this process only. Also the fake for tests (problem=None)."""

    persistent = False

    def __init__(self, problem: Message | None = None) -> None:
        self.problem = problem
        self._values: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._values.get(key)

    def set(self, key: str, value: str) -> None:
        register_secret(value)
        with self._lock:
            self._values[key] = value

    def delete(self, key: str) -> None:
        with self._lock:
            self._values.pop(key, None)

    def keys(self) -> list[str]:
        """The keys currently held (for tests and diagnostics; never the values)."""
        with self._lock:
            return sorted(self._values)


class KeyringSecretStore:
    """Secrets in the OS keyring under one service name."""

    persistent = True
    problem = None

    def __init__(self, service_name: str, backend: keyring.backend.KeyringBackend) -> None:
        self.service_name = service_name
        self.backend = backend

    def get(self, key: str) -> str | None:
        try:
            value = self.backend.get_password(self.service_name, key)
        except Exception as exc:
            raise _keyring_failure("read", key, exc) from None
        register_secret(value)
        return value

    def set(self, key: str, value: str) -> None:
        register_secret(value)
        try:
            self.backend.set_password(self.service_name, key, value)
        except Exception as exc:
            raise _keyring_failure("save", key, exc, value) from None

    def delete(self, key: str) -> None:
        try:
            self.backend.delete_password(self.service_name, key)
        except keyring.errors.PasswordDeleteError:
            # Raised for a missing entry by every backend; an unlink must still succeed. A real
            # failure to delete shows up as a different error or in the next read.
            if self._exists(key):
                raise SecretStoreError(
                    Message(_CONTEXT, QT_TRANSLATE_NOOP(
                        "SecretStore", "Could not remove %1 from the system keyring."), repr(key)),
                    key=key,
                    operation="remove",
                ) from None
        except Exception as exc:
            raise _keyring_failure("remove", key, exc) from None

    def _exists(self, key: str) -> bool:
        try:
            return self.backend.get_password(self.service_name, key) is not None
        except Exception:
            return True


def open_secret_store(
    service_name: str, backend: keyring.backend.KeyringBackend | None = None
) -> SecretStore:
    """The keyring-backed store if the keyring works, else a session-only MemorySecretStore.

    `backend` defaults to keyring's configured backend (keyring.get_keyring()).
    """
    # Imported here: the Secret Service client loads cryptography, which importing this
    # module must not (tests/gui/test_app_salesforce_imports.py); opening the keyring does.
    from desktop.platform.secret_service import safer_backend

    chosen = keyring.get_keyring() if backend is None else backend
    usable, reason = _usable_backend(chosen)
    if usable is not None:
        usable = safer_backend(usable)
        failure = _probe(usable, service_name)
        if failure is None:
            log.info("secrets are kept in the system keyring (%s)", _class_name(usable))
            return KeyringSecretStore(service_name, usable)
        reason = failure
    problem = Message(_CONTEXT, SESSION_ONLY_PROBLEM, reason)
    log.warning("%s", problem)
    return MemorySecretStore(problem=problem)


def _usable_backend(
    backend: keyring.backend.KeyringBackend,
) -> tuple[keyring.backend.KeyringBackend | None, Message | str]:
    """The backend to use (unwrapping a chainer), or None and why there is none."""
    if isinstance(backend, ChainerBackend):
        reasons = []
        for candidate in backend.backends:
            reason = _rejection(candidate)
            if reason is None:
                return candidate, ""
            reasons.append(reason)
        return None, reasons[0] if reasons else Message(_CONTEXT, NO_KEYRING_SERVICE)
    reason = _rejection(backend)
    return (None, reason) if reason else (backend, "")


def _rejection(backend: keyring.backend.KeyringBackend) -> Message | None:
    name = _class_name(backend)
    if name in _REJECTED_BACKENDS:
        return Message(_CONTEXT, _REJECTED_BACKENDS[name])
    if name.startswith(_REJECTED_MODULE_PREFIXES):
        return Message(_CONTEXT, QT_TRANSLATE_NOOP(
            "SecretStore",
            "only a file-based keyring is available, and Stint does not store passwords in files"))
    return None


def _probe(backend: keyring.backend.KeyringBackend, service_name: str) -> Message | None:
    """Write, read back and delete a random value; None if that worked, else why not."""
    value = _random.token_urlsafe(16)
    probe_key = PROBE_KEY_PREFIX + _random.token_hex(4)
    try:
        backend.set_password(service_name, probe_key, value)
        read_back = backend.get_password(service_name, probe_key)
        backend.delete_password(service_name, probe_key)
    except Exception as exc:
        log.warning("keyring check failed: %s", type(exc).__name__)
        return Message(_CONTEXT, "%1 (%2)", _probe_failure_summary(exc), _describe(exc, value))
    if read_back != value:
        return Message(_CONTEXT, QT_TRANSLATE_NOOP(
            "SecretStore", "the system keyring did not keep a test value"))
    return None


def _probe_failure_summary(exc: BaseException) -> Message:
    from desktop.platform.secret_service import NoDefaultKeyring

    if isinstance(exc, keyring.errors.KeyringLocked):
        summary = QT_TRANSLATE_NOOP("SecretStore", "the system keyring is locked and was not unlocked")
    elif isinstance(exc, NoDefaultKeyring):
        summary = QT_TRANSLATE_NOOP(
            "SecretStore", "the system keyring has no default keyring, and Stint does not create one")
    elif isinstance(exc, keyring.errors.NoKeyringError):
        summary = QT_TRANSLATE_NOOP("SecretStore", "no keyring service is running")
    else:
        summary = QT_TRANSLATE_NOOP("SecretStore", "the system keyring did not work")
    return Message(_CONTEXT, summary)


def _keyring_failure(
    operation: str, key: str, exc: BaseException, secret: str | None = None
) -> SecretStoreError:
    template = _FAILURES.get(operation, _FAILURES["read"])
    text = Message(_CONTEXT, template, repr(key), _describe(exc, secret))
    log.warning("keyring %s of %r failed: %s", operation, key, type(exc).__name__)
    return SecretStoreError(text, key=key, operation=operation)


_FAILURES = {
    "read": QT_TRANSLATE_NOOP("SecretStore", "Could not read %1 from the system keyring: %2"),
    "save": QT_TRANSLATE_NOOP("SecretStore", "Could not save %1 in the system keyring: %2"),
    "remove": QT_TRANSLATE_NOOP("SecretStore", "Could not remove %1 from the system keyring: %2"),
}


def _describe(exc: BaseException, secret: str | None = None) -> str:
    """Exception type and text with the secret (and anything credential-like) removed."""
    text = str(exc)
    if secret:
        text = text.replace(secret, "[REDACTED]")
    text = redact(text).strip()
    name = type(exc).__name__
    return f"{name}: {text}" if text else name


def _class_name(obj: object) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"
