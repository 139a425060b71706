from __future__ import annotations

import logging

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from desktop.platform import logs
from desktop.platform.secrets import (
    PROBE_KEY_PREFIX,
    KeyringSecretStore,
    MemorySecretStore,
    SecretStore,
    SecretStoreError,
    open_secret_store,
)

SERVICE = "Stint/abc123"
SECRET = "hunter2-very-secret-Pa55"


class DictKeyring(KeyringBackend):
    """A working in-memory keyring backend (priority < 0 keeps it out of keyring's chainer)."""

    priority = -1

    def __init__(self):
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}
        self.calls: list[str] = []

    def get_password(self, service, username):
        self.calls.append("get")
        return self.values.get((service, username))

    def set_password(self, service, username, password):
        self.calls.append("set")
        self.values[(service, username)] = password

    def delete_password(self, service, username):
        self.calls.append("delete")
        try:
            del self.values[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("not found") from None


class LockedKeyring(KeyringBackend):
    """Like a locked Secret Service: every call fails."""

    priority = -1

    def get_password(self, service, username, *password):
        raise keyring.errors.KeyringLocked("Failed to unlock the collection!")

    set_password = delete_password = get_password


class BrokenBusKeyring(KeyringBackend):
    """A backend whose transport fails with a non-keyring error."""

    priority = -1

    def get_password(self, service, username, *password):
        raise RuntimeError("bus gone")

    set_password = delete_password = get_password


class ForgetfulKeyring(KeyringBackend):
    """Accepts writes and keeps nothing."""

    priority = -1

    def get_password(self, service, username):
        return None

    def set_password(self, service, username, password):
        pass

    def delete_password(self, service, username):
        pass


class LeakyErrorKeyring(DictKeyring):
    """Works for the probe, then fails writes with the password in the error text."""

    def set_password(self, service, username, password):
        if username.startswith(PROBE_KEY_PREFIX):
            return super().set_password(service, username, password)
        raise keyring.errors.PasswordSetError(f"could not store {password!r} for {username}")


class FailingDeleteKeyring(DictKeyring):
    def delete_password(self, service, username):
        if username.startswith(PROBE_KEY_PREFIX):
            return super().delete_password(service, username)
        raise keyring.errors.PasswordDeleteError("permission denied")


PlaintextKeyring = type(
    "PlaintextKeyring", (DictKeyring,), {"__module__": "keyrings.alt.file", "priority": -1}
)


def make_chainer(*backends):
    return type(
        "TestChainer", (chainer.ChainerBackend,), {"backends": list(backends), "priority": -1}
    )()


def test_working_keyring_gives_persistent_store():
    backend = DictKeyring()
    store = open_secret_store(SERVICE, backend)
    assert isinstance(store, KeyringSecretStore)
    assert store.persistent and store.problem is None
    assert backend.calls == ["set", "get", "delete"]  # the probe, cleaned up
    assert backend.values == {}


def test_round_trip_under_the_profile_service_name():
    backend = DictKeyring()
    store = open_secret_store(SERVICE, backend)
    store.set("refresh_token", SECRET)
    assert backend.values == {(SERVICE, "refresh_token"): SECRET}
    assert store.get("refresh_token") == SECRET
    assert store.get("password") is None
    store.delete("refresh_token")
    assert store.get("refresh_token") is None


def test_profiles_do_not_share_secrets():
    backend = DictKeyring()
    first = open_secret_store("Stint/one", backend)
    second = open_secret_store("Stint/two", backend)
    first.set("password", SECRET)
    assert second.get("password") is None


def test_deleting_a_missing_key_is_not_an_error():
    store = open_secret_store(SERVICE, DictKeyring())
    store.delete("never-set")


def test_a_delete_that_really_fails_is_reported():
    backend = FailingDeleteKeyring()
    store = open_secret_store(SERVICE, backend)
    store.set("password", SECRET)
    with pytest.raises(SecretStoreError) as caught:
        store.delete("password")
    assert caught.value.key == "password"


class InterleavingKeyring(DictKeyring):
    """Another process on the same profile probes in between our set and get."""

    def set_password(self, service, username, password):
        super().set_password(service, username, password)
        if not getattr(self, "_nested", False) and username.startswith(PROBE_KEY_PREFIX):
            self._nested = True
            assert isinstance(open_secret_store(service, self), KeyringSecretStore)


def test_concurrent_probes_on_one_profile_do_not_disturb_each_other():
    backend = InterleavingKeyring()
    assert isinstance(open_secret_store(SERVICE, backend), KeyringSecretStore)
    assert backend.values == {}


def test_uses_keyrings_global_backend_by_default(restore_keyring):
    backend = DictKeyring()
    keyring.set_keyring(backend)
    store = open_secret_store(SERVICE)
    store.set("password", SECRET)
    assert keyring.get_password(SERVICE, "password") == SECRET


@pytest.mark.parametrize(
    ("backend", "reason"),
    [
        (fail.Keyring(), "no keyring service is installed"),
        (null.Keyring(), "the keyring is turned off"),
        (make_chainer(), "no keyring service is installed"),
        (PlaintextKeyring(), "does not store passwords in files"),
        (make_chainer(PlaintextKeyring()), "does not store passwords in files"),
        (LockedKeyring(), "the system keyring is locked and was not unlocked (KeyringLocked: "),
        (ForgetfulKeyring(), "did not keep a test value"),
        (BrokenBusKeyring(), "the system keyring did not work (RuntimeError: bus gone)"),
    ],
    ids=[
        "fail",
        "null",
        "empty-chainer",
        "plaintext",
        "chained-plaintext",
        "locked",
        "forgetful",
        "broken",
    ],
)
def test_unusable_backend_falls_back_to_memory_with_a_plain_reason(
    backend, reason, restore_keyring
):
    keyring.set_keyring(backend)
    store = open_secret_store(SERVICE)
    assert isinstance(store, MemorySecretStore)
    assert not store.persistent
    problem = str(store.problem)  # English; the app shows it translated
    assert problem.startswith("No usable system keyring was found (")
    assert problem.endswith("; Stint will keep your sign-in for this session only.")
    assert reason in problem


def test_plaintext_backend_is_never_written():
    backend = PlaintextKeyring()
    store = open_secret_store(SERVICE, backend)
    store.set("password", SECRET)
    assert backend.values == {} and backend.calls == []
    assert store.get("password") == SECRET  # kept in memory for this run


def test_chainer_uses_its_first_acceptable_backend():
    plaintext, real = PlaintextKeyring(), DictKeyring()
    store = open_secret_store(SERVICE, make_chainer(plaintext, real))
    assert isinstance(store, KeyringSecretStore)
    store.set("password", SECRET)
    assert real.values == {(SERVICE, "password"): SECRET}
    assert plaintext.values == {}


def test_errors_name_the_key_but_never_the_secret(caplog):
    store = open_secret_store(SERVICE, LeakyErrorKeyring())
    assert store.persistent
    with caplog.at_level(logging.DEBUG), pytest.raises(SecretStoreError) as caught:
        store.set("password", SECRET)
    error = caught.value
    assert "'password'" in str(error) and "PasswordSetError" in str(error)
    assert SECRET not in str(error)
    assert error.__cause__ is None and error.__suppress_context__
    assert SECRET not in caplog.text


def test_locked_keyring_on_read_raises_clear_error():
    backend = DictKeyring()
    store = open_secret_store(SERVICE, backend)
    store.backend = LockedKeyring()  # locked after start-up
    with pytest.raises(SecretStoreError, match=r"Could not read 'refresh_token' from the system"):
        store.get("refresh_token")


def test_secrets_passing_through_the_store_are_redacted_from_logs():
    backend = DictKeyring()
    backend.values[(SERVICE, "password")] = SECRET
    store = open_secret_store(SERVICE, backend)
    store.get("password")
    assert logs.redact(f"login with {SECRET}") == "login with [REDACTED]"


def test_memory_store_is_the_test_fake():
    store = MemorySecretStore()
    assert isinstance(store, SecretStore)
    assert store.problem is None and not store.persistent
    store.set("password", SECRET)
    assert store.get("password") == SECRET
    assert store.keys() == ["password"]
    store.delete("password")
    store.delete("password")
    assert store.get("password") is None
    assert SECRET not in repr(store.__dict__.get("problem"))
