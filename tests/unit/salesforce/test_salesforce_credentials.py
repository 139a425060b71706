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


def test_a_kept_session_comes_back_and_a_new_sign_in_drops_it():
    from desktop.salesforce.session_info import SessionInfo

    credentials = Credentials(MemorySecretStore())
    credentials.save_password("pw", "tok")
    credentials.save_session(SessionInfo("00D!abc", "https://acme.my.salesforce.com", "005x",
                                         username="ana@acme.com"))
    kept = credentials.session()
    assert (kept.access_token, kept.instance_url, kept.user_id, kept.username) == (
        "00D!abc", "https://acme.my.salesforce.com", "005x", "ana@acme.com")
    assert credentials.has_any()
    credentials.save_refresh_token("5Aep-new")  # signed in again: that session is not this one
    assert credentials.session() is None
    credentials.save_session(kept)
    credentials.forget_all()
    assert credentials.session() is None and not credentials.has_any()


def test_a_session_alone_is_no_sign_in_and_damaged_ones_are_ignored():
    secrets = MemorySecretStore()
    credentials = Credentials(secrets)
    for damaged in ("not json", "[1]", '{"access_token": "x", "instance_url": "http://plain",'
                    ' "user_id": "005x"}', '{"access_token": 5}'):
        secrets.set("salesforce-session", damaged)
        assert credentials.session() is None
    assert not credentials.has_any()  # nothing to sign in with
