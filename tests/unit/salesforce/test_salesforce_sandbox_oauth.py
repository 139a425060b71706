"""Browser sign-in (authorization code + PKCE) driven end to end through the sandbox's
approve page, then refresh, revoke and unlink."""

import threading

import pytest

from desktop.platform.browser import BrowserUnavailable
from desktop.salesforce.connection import connect_with_oauth, disconnect, resume
from desktop.salesforce.credentials import REFRESH_TOKEN_KEY
from desktop.salesforce.errors import (
    AuthorizationDenied,
    ConnectionProblem,
    CredentialsMissing,
    InvalidConsumerKey,
    RefreshTokenRevoked,
)
from desktop.salesforce.http import make_http_session
from desktop.salesforce.oauth import sign_in_with_browser
from desktop.salesforce.oauth_client import OAuthClient
from desktop.salesforce.token_endpoint import fetch_username, refresh_session, revoke_token


@pytest.fixture
def app(sandbox):
    """Stint as the sandbox's connected app knows it (consumer key, no secret)."""
    return OAuthClient(sandbox.client_id)


def sign_in(sandbox, open_browser, callback_url, client=None, **options):
    """Browser sign-in against the sandbox, with `open_browser` standing in for the browser."""
    return sign_in_with_browser(
        sandbox.login_url, client or OAuthClient(sandbox.client_id), callback_url,
        ca_file=sandbox.ca_file, open_browser=open_browser, timeout=10, **options,
    )


def test_the_secret_check_catches_a_leak_in_a_chained_exception(assert_no_secrets):
    try:
        try:
            raise ValueError("body was password=hunter2-secret")
        except ValueError as inner:
            raise ConnectionProblem("plain words") from inner
    except ConnectionProblem as outer:
        with pytest.raises(AssertionError):
            assert_no_secrets(outer, ["hunter2-secret"])


def test_browser_sign_in_end_to_end(sandbox, browser, credentials, app, callback_url):
    driver = browser()
    with connect_with_oauth(
        sandbox.login_url,
        app,
        callback_url,
        ca_file=sandbox.ca_file,
        credentials=credentials,
        open_browser=driver,
        timeout=10,
    ) as client:
        assert len(driver.opened) == 1 and driver.loopback_status == 200
        assert "code_challenge_method=S256" in driver.opened[0]
        assert client.user_id == sandbox.org.api_user.id
        page = next(client.query_pages("SELECT Id, Name FROM Opportunity LIMIT 3"))
        assert len(page["records"]) == 3
        # Only the refresh token is kept; the access token lives in memory.
        store = credentials._secrets
        assert store.keys() == [REFRESH_TOKEN_KEY]
        assert store.get(REFRESH_TOKEN_KEY) == client.session_info.refresh_token
        assert client.session_info.access_token not in driver.opened[0]


def test_browser_sign_in_names_the_user_who_approved(sandbox, browser, callback_url):
    """The token response names the user by id only; the username comes from UserInfo (the
    sign-in asks for the id scope the identity service needs)."""
    session = sign_in(sandbox, browser(), callback_url)
    assert session.user_id == sandbox.org.api_user.id
    assert session.username == sandbox.username == sandbox.org.api_user.username


def test_an_unreadable_identity_leaves_the_username_unknown(sandbox):
    with make_http_session(sandbox.ca_file) as http:
        assert fetch_username(sandbox.login_url, "not-a-valid-token", http) is None


def test_expired_session_is_renewed_with_the_refresh_token(
    sandbox, browser, credentials, app, callback_url
):
    with connect_with_oauth(
        sandbox.login_url,
        app,
        callback_url,
        ca_file=sandbox.ca_file,
        credentials=credentials,
        open_browser=browser(),
        timeout=10,
    ) as client:
        expired = client.session_info.access_token
        sandbox.clock.advance(sandbox.sessions.lifetime.total_seconds() + 1)
        assert next(client.query_pages("SELECT Id FROM Case LIMIT 1"))["records"]
        assert client.session_info.access_token != expired
        assert credentials.refresh_token() == client.session_info.refresh_token


def test_without_a_browser_the_url_is_shown_and_the_sign_in_still_completes(
    sandbox, browser, callback_url
):
    user = browser()

    def no_browser(url):
        raise BrowserUnavailable(url)

    def show_url(url):  # the user copies the address into a browser by hand
        threading.Thread(target=user, args=(url,)).start()

    session = sign_in(sandbox, no_browser, callback_url, show_url=show_url)
    assert session.user_id == sandbox.org.api_user.id and session.refresh_token


def test_without_a_browser_and_nowhere_to_show_the_url(sandbox, callback_url):
    def no_browser(url):
        raise BrowserUnavailable(url)

    with pytest.raises(BrowserUnavailable):
        sign_in(sandbox, no_browser, callback_url)


def test_a_forged_state_is_refused_and_the_real_answer_still_signs_in(
    sandbox, browser, callback_url
):
    forger, user = browser(tamper_state=True), browser()

    def open_twice(url):  # a forged redirect arrives first, then the user's real one
        forger(url)
        user(url)

    session = sign_in(sandbox, open_twice, callback_url)
    assert forger.loopback_status == 400 and user.loopback_status == 200
    assert session.user_id == sandbox.org.api_user.id


def test_denying_access_in_the_browser(sandbox, browser, callback_url):
    with pytest.raises(AuthorizationDenied):
        sign_in(sandbox, browser(decision="deny"), callback_url)


def test_refresh_gives_a_new_working_access_token(sandbox, browser, app, callback_url):
    first = sign_in(sandbox, browser(), callback_url)
    with make_http_session(sandbox.ca_file) as http:
        renewed = refresh_session(sandbox.login_url, app, first.refresh_token, http)
    assert renewed.access_token != first.access_token
    assert renewed.refresh_token == first.refresh_token
    assert renewed.user_id == first.user_id and renewed.instance_url == sandbox.instance_url


def test_revoked_refresh_token_says_sign_in_again(
    sandbox, browser, assert_no_secrets, app, callback_url
):
    session = sign_in(sandbox, browser(), callback_url)
    with make_http_session(sandbox.ca_file) as http:
        revoke_token(sandbox.login_url, session.refresh_token, http)
        revoke_token(sandbox.login_url, session.refresh_token, http)  # already revoked: fine
        with pytest.raises(RefreshTokenRevoked) as caught:
            refresh_session(sandbox.login_url, app, session.refresh_token, http)
    assert caught.value.message == "Stint's access was revoked; sign in again."
    assert_no_secrets(caught.value, [session.refresh_token, session.access_token])


def test_unknown_consumer_key_on_refresh(sandbox, browser, callback_url):
    session = sign_in(sandbox, browser(), callback_url)
    with make_http_session(sandbox.ca_file) as http, pytest.raises(InvalidConsumerKey) as caught:
        refresh_session(sandbox.login_url, OAuthClient("not-our-app"), session.refresh_token, http)
    assert caught.value.setup_topic == "consumer-key"


def test_resume_from_the_stored_refresh_token(sandbox, browser, credentials, app, callback_url):
    connect_with_oauth(
        sandbox.login_url,
        app,
        callback_url,
        ca_file=sandbox.ca_file,
        credentials=credentials,
        open_browser=browser(),
        timeout=10,
    ).close()
    with resume(
        sandbox.login_url,
        "oauth",
        credentials,
        client=app,
        ca_file=sandbox.ca_file,
    ) as client:
        assert client.limits()["DailyApiRequests"]["Max"] > 0


def test_unlink_revokes_and_forgets(sandbox, browser, credentials, app, callback_url):
    client = connect_with_oauth(
        sandbox.login_url,
        app,
        callback_url,
        ca_file=sandbox.ca_file,
        credentials=credentials,
        open_browser=browser(),
        timeout=10,
    )
    refresh_token = client.session_info.refresh_token
    disconnect(credentials, sandbox.login_url, sandbox.ca_file)
    assert not credentials.has_any()
    with pytest.raises(CredentialsMissing):
        resume(
            sandbox.login_url,
            "oauth",
            credentials,
            client=app,
            ca_file=sandbox.ca_file,
        )
    with make_http_session(sandbox.ca_file) as http, pytest.raises(RefreshTokenRevoked):
        refresh_session(sandbox.login_url, app, refresh_token, http)
