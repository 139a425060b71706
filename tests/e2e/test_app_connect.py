"""Connecting the real app to a sandbox org from its Settings page, with keyboard input only.

The profile starts empty, so the app opens on Settings. The tests type into the sign-in form
through its mnemonics (Alt+letter moves the focus to a field, as a keyboard user does) and
judge the result from outside: `stint status` on the same profile, the session's keyring,
the profile's files, the URL the app handed to the browser, screenshots.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from tests.e2e.app_driver import StintDriver

KEYRING_PASSWORD_KEY = "salesforce-password"


def open_sign_in_form(stint: StintDriver) -> None:
    """Launch on the empty profile and wait until the Settings page shows the sign-in form."""
    stint.launch()
    stint.wait_for_log("integration page shows state 'never'")


def type_custom_login_url(stint: StintDriver) -> None:
    """Environment: the list's last entry, "My Domain (custom URL)"; then its address (the
    URL field has the focus once that entry is chosen)."""
    stint.keys("alt+r", "End")
    stint.type_into_window(stint.sandbox.login_url)


def connected_status(stint: StintDriver, timeout: float = 20.0) -> dict:
    return stint.wait_for_status(
        lambda status: status if status["connection"]["connected"] else None,
        "the profile to be connected",
        timeout,
    )


def first_sync(stint: StintDriver) -> dict:
    """Connecting starts a sync at once; wait for it and return `stint status`."""
    stint.wait_for_sync_after(None)
    return stint.status()


def profile_files_contain(profile: Path, secret: str) -> list[str]:
    needle = secret.encode()
    return [str(p) for p in profile.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_connect_with_username_password_and_token_typed_in_settings(stint, desktop_session):
    sandbox = stint.sandbox
    open_sign_in_form(stint)
    # "Username, password and security token": its mnemonic focuses the radio button and
    # clicks it only 100 ms later (animateClick); Space checks it at once, so the password
    # fields are shown before Alt+M looks for them.
    stint.keys("alt+u", "space")
    type_custom_login_url(stint)
    stint.keys("alt+m")
    stint.type_into_window(sandbox.username)
    stint.keys("alt+p")
    stint.type_into_window(sandbox.password)
    stint.keys("alt+t")
    stint.type_into_window(sandbox.security_token)
    stint.keys("alt+i")  # the CA file, in Advanced (open, as browser sign-in left it)
    stint.type_into_window(sandbox.ca_file)
    stint.keys("alt+p", "Return")  # Enter in the password field signs in

    status = connected_status(stint)
    assert status["connection"]["auth_method"] == "password"
    assert status["connection"]["username"] == sandbox.username
    assert status["connection"]["login_url"] == sandbox.login_url
    assert status["connection"]["keyring"] == "system"
    # The password went to gnome-keyring (the session's Secret Service), not to a file.
    service = f"Stint/{profile_id(stint.profile)}"
    assert desktop_session.read_secret(service, KEYRING_PASSWORD_KEY) == sandbox.password
    assert profile_files_contain(stint.profile, sandbox.password) == []

    synced = first_sync(stint)
    assert synced["last_sync"]["outcome"] == "succeeded", synced["last_sync"]
    assert synced["counts"]["opportunities"] > 0 and synced["counts"]["cases"] > 0
    assert_signed_in_from_a_child(stint)


def assert_signed_in_from_a_child(stint: StintDriver) -> None:
    """The sign-in ran in a child process (desktop.engine.sign_in_process), which kept it in
    the keyring and fetched the describes the Settings page shows: the app itself never
    loaded the Salesforce client (zeep's lxml is its largest native part, ~7 MB)."""
    stint.wait_for_log("integration page shows state 'connected'")
    assert "signing in here" not in stint.log_text()
    lxml = [path for path in stint.loaded_libraries() if "/lxml/" in path]
    assert lxml == [], "the app loaded the Salesforce client itself"


def use_a_free_callback_port(stint) -> str:
    """Register a callback URL on a free port and set it on the profile, as an admin does
    with the policy (parallel runs must not share Stint's fixed default port)."""
    from tests.support.callback import registered_callback_url

    url = registered_callback_url(stint.sandbox)
    stint.cli("settings", "set", "oauth_callback_url", url)
    return url


def test_connect_with_browser_sign_in(stint, desktop_session):
    sandbox = stint.sandbox
    callback_url = use_a_free_callback_port(stint)
    open_sign_in_form(stint)
    type_custom_login_url(stint)  # "Sign in with the browser" is the default method
    stint.keys("alt+k")  # the connected app's consumer key, then the CA file
    stint.type_into_window(sandbox.client_id)
    stint.keys("alt+i")
    stint.type_into_window(sandbox.ca_file)
    stint.keys("alt+n")  # Enable

    # The app asked the system browser ($BROWSER, recorded by the session) to open the
    # sandbox's authorize page; a scripted browser approves it as the user and follows the
    # redirect to the app's loopback listener.
    url = desktop_session.wait_for_opened_url("/services/oauth2/authorize", timeout=15)
    assert url.startswith(sandbox.login_url)
    assert f"client_id={sandbox.client_id}" in url
    assert "code_challenge=" in url and f"redirect_uri={quote(callback_url, safe='')}" in url
    browser = sandbox.browser()
    browser(url)
    assert browser.last_redirect is not None and "code=" in browser.last_redirect

    status = connected_status(stint)
    assert status["connection"]["auth_method"] == "oauth"
    user = sandbox.salesforce().query(
        f"SELECT Id FROM User WHERE Username = '{sandbox.username}'"
    )["records"][0]
    assert status["connection"]["user_id"] == user["Id"]  # the user who approved
    assert status["connection"]["username"] == sandbox.username  # by name, from UserInfo
    service = f"Stint/{profile_id(stint.profile)}"
    refresh_token = desktop_session.read_secret(service, "salesforce-refresh-token")
    assert refresh_token
    assert profile_files_contain(stint.profile, refresh_token) == []
    synced = first_sync(stint)
    assert synced["last_sync"]["outcome"] == "succeeded", synced["last_sync"]
    assert synced["counts"]["opportunities"] > 0
    assert_signed_in_from_a_child(stint)


def test_connect_with_a_code_on_another_device(stint, desktop_session):
    """Where no browser on this computer can be used: the app shows a code, the user enters it
    in a browser elsewhere, and the app connects on its own."""
    sandbox = stint.sandbox
    sandbox.devices.interval_seconds = 0.5
    open_sign_in_form(stint)
    type_custom_login_url(stint)
    # Tab from the URL enters the method list at "Sign in with the browser"; Down moves to
    # (and checks) "Sign in with a code on another device".
    stint.keys("Tab", "Down")
    stint.keys("alt+k")
    stint.type_into_window(sandbox.client_id)
    stint.keys("alt+i")
    stint.type_into_window(sandbox.ca_file)
    stint.keys("alt+n")

    stint.wait_for_log("integration page shows a sign-in code")
    [code] = sandbox.devices.pending()
    assert desktop_session.opened_urls() == []  # no browser on this computer was involved
    stint.screenshot("device-code")
    verification_uri = f"{sandbox.login_url}/setup/connect"
    assert "connected" in sandbox.browser().enter_device_code(verification_uri, code.user_code)

    status = connected_status(stint)
    assert status["connection"]["auth_method"] == "device"
    assert status["connection"]["username"] == sandbox.username
    service = f"Stint/{profile_id(stint.profile)}"
    refresh_token = desktop_session.read_secret(service, "salesforce-refresh-token")
    assert refresh_token and profile_files_contain(stint.profile, refresh_token) == []
    synced = first_sync(stint)
    assert synced["last_sync"]["outcome"] == "succeeded", synced["last_sync"]
    assert_signed_in_from_a_child(stint)


def profile_id(profile: Path) -> str:
    from desktop.platform.paths import profile_id_for

    return profile_id_for(profile)
