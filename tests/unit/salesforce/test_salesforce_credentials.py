import pytest

from desktop.platform.secrets import MemorySecretStore
from desktop.salesforce.credentials import (
    PASSWORD_KEY,
    REFRESH_TOKEN_KEY,
    SECURITY_TOKEN_KEY,
    Credentials,
    unlink,
)
from desktop.salesforce.errors import CredentialsMissing


def test_password_sign_in_keeps_password_and_token_only():
    store = MemorySecretStore()
    credentials = Credentials(store)
    credentials.save_refresh_token("5Aep-old-refresh-token")
    credentials.save_password("pw-123456", "TOKEN123456")
    assert store.keys() == sorted([PASSWORD_KEY, SECURITY_TOKEN_KEY])
    assert credentials.password() == ("pw-123456", "TOKEN123456")
    with pytest.raises(CredentialsMissing):
        credentials.refresh_token()


def test_browser_sign_in_keeps_the_refresh_token_only():
    store = MemorySecretStore()
    credentials = Credentials(store)
    credentials.save_password("pw-123456", "TOKEN123456")
    credentials.save_refresh_token("5Aep-refresh-token")
    assert store.keys() == [REFRESH_TOKEN_KEY]
    assert credentials.refresh_token() == "5Aep-refresh-token"
    with pytest.raises(CredentialsMissing):
        credentials.password()


def test_an_empty_security_token_is_allowed():
    credentials = Credentials(MemorySecretStore())
    credentials.save_password("pw-123456", "")
    assert credentials.password() == ("pw-123456", "")


def test_unlink_deletes_everything_even_offline():
    store = MemorySecretStore()
    credentials = Credentials(store)
    credentials.save_refresh_token("5Aep-refresh-token")
    assert credentials.has_any()
    # Nothing listens on this port: revocation fails, the secrets are deleted anyway.
    unlink(credentials, "https://127.0.0.1:9", ca_file=None)
    assert store.keys() == []
    assert not credentials.has_any()


def test_keyring_problem_is_visible_through_credentials():
    credentials = Credentials(MemorySecretStore(problem="No keyring: secrets last for this run."))
    assert not credentials.persistent
    assert credentials.problem == "No keyring: secrets last for this run."
