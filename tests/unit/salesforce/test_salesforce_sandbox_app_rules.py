"""Stint's sign-ins against the stricter sandbox: a registered callback, a consumer secret the
app may require, the scopes Stint asks for, the device flow, password sign-in's end."""

from __future__ import annotations

import threading

import pytest

from desktop.salesforce.auth import SOAP_LOGIN_VERSION, password_login
from desktop.salesforce.connection import connect_with_device, connect_with_oauth, resume
from desktop.salesforce.device_flow import sign_in_with_device
from desktop.salesforce.errors import (
    AuthorizationDenied,
    ConsumerSecretRequired,
    ConsumerSecretWrong,
    DeviceCodeExpired,
    DeviceFlowDisabled,
    PasswordSignInRetired,
    ScopeNotAllowed,
    SignInTimedOut,
)
from desktop.salesforce.oauth import sign_in_with_browser
from desktop.salesforce.oauth_client import OAuthClient


def browser_sign_in(sandbox, callback_url, client, opener=None, timeout=10):
    return sign_in_with_browser(sandbox.login_url, client, callback_url, ca_file=sandbox.ca_file,
                                open_browser=opener or sandbox.browser(), timeout=timeout)


# -- the consumer secret --------------------------------------------------------------------

def test_an_app_that_requires_the_secret_signs_in_with_it(sandbox, callback_url, credentials):
    sandbox.apps.configure(require_secret_for_web_server=True, require_secret_for_refresh=True)
    client = OAuthClient(sandbox.client_id, sandbox.client_secret)
    with connect_with_oauth(sandbox.login_url, client, callback_url, ca_file=sandbox.ca_file,
                            credentials=credentials, open_browser=sandbox.browser(),
                            timeout=10) as sf:
        assert sf.user_id == sandbox.org.api_user.id
        # the refresh grant sends the secret too
        sandbox.clock.advance(sandbox.sessions.lifetime.total_seconds() + 1)
        assert next(sf.query_pages("SELECT Id FROM Case LIMIT 1"))["records"]
    assert sandbox.client_secret not in repr(client)
    with resume(sandbox.login_url, "oauth", credentials, client=client,
                ca_file=sandbox.ca_file) as again:
        assert again.limits()


def test_without_the_required_secret_the_app_says_it_needs_one(sandbox, callback_url):
    sandbox.apps.configure(require_secret_for_web_server=True)
    with pytest.raises(ConsumerSecretRequired) as caught:
        browser_sign_in(sandbox, callback_url, OAuthClient(sandbox.client_id))
    assert "requires a consumer secret" in caught.value.message
    assert caught.value.setup_topic == "consumer-secret"


def test_a_wrong_secret_is_told_apart_from_a_missing_one(sandbox, callback_url):
    with pytest.raises(ConsumerSecretWrong) as caught:
        browser_sign_in(sandbox, callback_url, OAuthClient(sandbox.client_id, "not-the-secret"))
    assert "not this connected app's" in caught.value.message
    assert "not-the-secret" not in caught.value.message


def test_refresh_without_the_secret_the_app_now_requires(sandbox, callback_url, credentials):
    client = OAuthClient(sandbox.client_id)
    sf = connect_with_oauth(sandbox.login_url, client, callback_url, ca_file=sandbox.ca_file,
                            credentials=credentials, open_browser=sandbox.browser(), timeout=10)
    sf.close()
    sandbox.apps.configure(require_secret_for_refresh=True)
    with pytest.raises(ConsumerSecretRequired):
        resume(sandbox.login_url, "oauth", credentials, client=client, ca_file=sandbox.ca_file)


# -- callback, scopes --------------------------------------------------------------------------

def test_a_callback_the_app_does_not_list_ends_in_a_message_naming_it(sandbox):
    unregistered = "http://localhost:47999/oauth/callback"
    browser = sandbox.browser()
    with pytest.raises(SignInTimedOut) as caught:
        browser_sign_in(sandbox, unregistered, OAuthClient(sandbox.client_id), browser,
                        timeout=1)
    assert browser.last_redirect is None  # Salesforce showed redirect_uri_mismatch instead
    assert unregistered in caught.value.message and caught.value.setup_topic == "callback-url"


def test_an_app_without_the_scopes_stint_asks_for(sandbox, callback_url):
    sandbox.apps.configure(scopes=["api", "refresh_token"])  # no id: the identity service
    with pytest.raises(ScopeNotAllowed) as caught:
        browser_sign_in(sandbox, callback_url, OAuthClient(sandbox.client_id))
    assert "api, id, refresh_token" in caught.value.message


# -- the device flow ---------------------------------------------------------------------------

@pytest.fixture
def fast_polling(sandbox):
    sandbox.devices.interval_seconds = 0.2


def user_enters_the_code(sandbox, **browser_options):
    """A show_code callback: the user types the code on the verification page, elsewhere."""
    shown = []

    def show_code(code):
        shown.append(code)
        browser = sandbox.browser(**browser_options.get("login", {}))
        browser.allow = browser_options.get("allow", True)
        threading.Thread(target=browser.enter_device_code,
                         args=(code.verification_uri, code.user_code)).start()

    return show_code, shown


def test_device_sign_in_end_to_end(sandbox, credentials, fast_polling):
    show_code, shown = user_enters_the_code(sandbox)
    client = OAuthClient(sandbox.client_id)
    with connect_with_device(sandbox.login_url, client, show_code, ca_file=sandbox.ca_file,
                             credentials=credentials, timeout=20) as sf:
        assert sf.user_id == sandbox.org.api_user.id
        assert sf.session_info.username == sandbox.username
    [code] = shown
    assert code.verification_uri == f"{sandbox.login_url}/setup/connect"
    assert code.device_code not in repr(code)
    with resume(sandbox.login_url, "device", credentials, client=client,
                ca_file=sandbox.ca_file) as again:
        assert again.limits()


def test_device_sign_in_denied(sandbox, fast_polling):
    show_code, _ = user_enters_the_code(sandbox, allow=False)
    with pytest.raises(AuthorizationDenied):
        sign_in_with_device(sandbox.login_url, OAuthClient(sandbox.client_id), show_code,
                            ca_file=sandbox.ca_file, timeout=20)


def test_device_flow_off_in_the_app(sandbox):
    sandbox.apps.configure(device_flow=False)
    with pytest.raises(DeviceFlowDisabled) as caught:
        sign_in_with_device(sandbox.login_url, OAuthClient(sandbox.client_id), lambda code: None,
                            ca_file=sandbox.ca_file)
    assert caught.value.setup_topic == "device-flow"


def test_an_unused_code_expires(sandbox, fast_polling):
    def walk_away(code):
        sandbox.clock.advance(10 * 60 + 1)

    with pytest.raises(DeviceCodeExpired):
        sign_in_with_device(sandbox.login_url, OAuthClient(sandbox.client_id), walk_away,
                            ca_file=sandbox.ca_file, timeout=20)


# -- password sign-in ----------------------------------------------------------------------------

def test_password_sign_in_is_pinned_to_a_version_that_has_login(sandbox):
    assert float(SOAP_LOGIN_VERSION) < 65.0
    session = password_login(sandbox.login_url, sandbox.username, sandbox.password,
                             sandbox.security_token, ca_file=sandbox.ca_file)
    assert session.user_id == sandbox.org.api_user.id


@pytest.mark.parametrize("version", ["65.0", "66.0"])
def test_login_at_65_or_later_says_use_the_browser(sandbox, version, assert_no_secrets,
                                                   sandbox_secrets):
    with pytest.raises(PasswordSignInRetired) as caught:
        password_login(sandbox.login_url, sandbox.username, sandbox.password,
                       sandbox.security_token, ca_file=sandbox.ca_file, api_version=version)
    assert "no longer accepts password sign-in" in caught.value.message
    assert "browser" in caught.value.message and caught.value.setup_topic == "password-sign-in"
    assert_no_secrets(caught.value, sandbox_secrets)


def test_an_org_that_turned_login_off(sandbox):
    sandbox.disable_soap_login()
    with pytest.raises(PasswordSignInRetired):
        password_login(sandbox.login_url, sandbox.username, sandbox.password,
                       sandbox.security_token, ca_file=sandbox.ca_file)
