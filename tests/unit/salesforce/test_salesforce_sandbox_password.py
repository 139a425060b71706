"""Password (SOAP) sign-in against the sandbox: success and each failure's own message."""

import socket

import pytest

from desktop.salesforce.auth import password_login
from desktop.salesforce.connection import connect_with_password, resume
from desktop.salesforce.credentials import PASSWORD_KEY, SECURITY_TOKEN_KEY
from desktop.salesforce.errors import (
    ApiDisabled,
    HostUnreachable,
    InsecureLoginUrl,
    TlsProblem,
    WrongCredentials,
)


def test_password_login_returns_a_session(sandbox):
    session = password_login(
        sandbox.login_url,
        sandbox.username,
        sandbox.password,
        sandbox.security_token,
        ca_file=sandbox.ca_file,
    )
    assert session.user_id == sandbox.org.api_user.id
    assert session.instance_url == sandbox.instance_url
    assert session.access_token and session.refresh_token is None
    assert session.access_token not in repr(session)


@pytest.mark.parametrize(
    ("password", "token"),
    [("not-the-password", None), (None, "WRONGTOKEN123"), ("", "")],
)
def test_wrong_password_or_token_is_wrong_credentials(
    sandbox, sandbox_secrets, assert_no_secrets, password, token
):
    password = sandbox.password if password is None else password
    token = sandbox.security_token if token is None else token
    with pytest.raises(WrongCredentials) as caught:
        password_login(
            sandbox.login_url, sandbox.username, password, token, ca_file=sandbox.ca_file
        )
    assert "username, password or security token" in caught.value.message
    assert_no_secrets(caught.value, [*sandbox_secrets, password, token])


def test_unknown_user_is_wrong_credentials(sandbox):
    with pytest.raises(WrongCredentials):
        password_login(sandbox.login_url, "nobody@example.com", "x", "y", ca_file=sandbox.ca_file)


def test_api_disabled_for_the_profile_has_its_own_message(
    sandbox, sandbox_secrets, assert_no_secrets
):
    sandbox.org.set_api_enabled(sandbox.username, False)
    with pytest.raises(ApiDisabled) as caught:
        password_login(
            sandbox.login_url,
            sandbox.username,
            sandbox.password,
            sandbox.security_token,
            ca_file=sandbox.ca_file,
        )
    assert "make sure API access is enabled for your profile" in caught.value.message
    assert_no_secrets(caught.value, sandbox_secrets)


def test_untrusted_certificate_is_a_tls_problem(sandbox, sandbox_secrets, assert_no_secrets):
    # Without the sandbox CA, certifi's bundle cannot verify the sandbox certificate.
    with pytest.raises(TlsProblem) as caught:
        password_login(
            sandbox.login_url, sandbox.username, sandbox.password, sandbox.security_token
        )
    assert f"127.0.0.1:{sandbox.port}" in caught.value.message
    assert_no_secrets(caught.value, sandbox_secrets)


def test_closed_port_is_host_unreachable(assert_no_secrets):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(HostUnreachable) as caught:
        password_login(f"https://127.0.0.1:{port}", "u@example.com", "secret-pw-1", "TOKEN-XYZ-1")
    assert caught.value.host == f"127.0.0.1:{port}"
    assert f"127.0.0.1:{port}" in caught.value.message
    assert_no_secrets(caught.value, ["secret-pw-1", "TOKEN-XYZ-1"])


def test_plain_http_login_url_is_refused_before_anything_is_sent(sandbox):
    insecure = sandbox.login_url.replace("https://", "http://")
    before = sandbox.budget.used
    with pytest.raises(InsecureLoginUrl):
        password_login(insecure, sandbox.username, sandbox.password, sandbox.security_token)
    with pytest.raises(InsecureLoginUrl):
        connect_with_password(insecure, sandbox.username, sandbox.password, sandbox.security_token)
    assert sandbox.budget.used == before


def test_connect_keeps_password_and_token_but_never_the_access_token(sandbox, credentials):
    client = connect_with_password(
        sandbox.login_url,
        sandbox.username,
        sandbox.password,
        sandbox.security_token,
        ca_file=sandbox.ca_file,
        credentials=credentials,
    )
    with client:
        assert credentials._secrets.keys() == sorted([PASSWORD_KEY, SECURITY_TOKEN_KEY])
        assert client.session_info.access_token not in credentials.password()
        assert client.limits()["DailyApiRequests"]["Max"] == sandbox.budget.maximum


def test_resume_signs_in_again_from_the_stored_password(sandbox, credentials):
    credentials.save_password(sandbox.password, sandbox.security_token)
    with resume(
        sandbox.login_url,
        "password",
        credentials,
        username=sandbox.username,
        ca_file=sandbox.ca_file,
    ) as client:
        assert client.user_id == sandbox.org.api_user.id
        first = next(client.query_pages("SELECT Id FROM Opportunity LIMIT 5"))
        assert len(first["records"]) == 5


def test_nothing_relies_on_the_oauth_password_grant(sandbox, monkeypatch):
    """Orgs created since Summer '23 block the OAuth username-password flow (the sandbox too,
    by default): password sign-in and its renewal go through SOAP login() only."""
    from desktop.platform.secrets import MemorySecretStore
    from desktop.salesforce.credentials import Credentials
    from desktop.sandbox import oauth_grants

    def one_opportunity(client) -> int:
        pages = client.query_pages("SELECT Id FROM Opportunity LIMIT 1")
        return len(next(iter(pages))["records"])

    asked = []
    original = oauth_grants._GRANTS["password"]
    monkeypatch.setitem(oauth_grants._GRANTS, "password",
                        lambda *args: asked.append(1) or original(*args))
    credentials = Credentials(MemorySecretStore())
    client = connect_with_password(sandbox.login_url, sandbox.username, sandbox.password,
                                   sandbox.security_token, ca_file=sandbox.ca_file,
                                   credentials=credentials)
    assert one_opportunity(client) == 1
    sandbox.sessions.expire_all_sessions()  # the renewal signs in again
    assert one_opportunity(client) == 1
    resumed = resume(sandbox.login_url, "password", credentials, username=sandbox.username,
                     ca_file=sandbox.ca_file)
    assert one_opportunity(resumed) == 1
    assert asked == []
    assert not sandbox._ctx.oauth_password_flow_allowed  # blocked, as in a new org
