"""The live check's gate: it runs only when STINT_LIVE_* variables name a real org, and never
under CI (tests/live is also outside the default test paths)."""

from tests.live.conftest import LiveOrg, live_org_or_reason


def test_no_variables_means_no_live_check():
    assert "STINT_LIVE_LOGIN_URL" in live_org_or_reason({})


def test_never_in_ci_even_with_an_org_named():
    env = {"CI": "true", "STINT_LIVE_LOGIN_URL": "https://x.my.salesforce.com",
           "STINT_LIVE_USERNAME": "u", "STINT_LIVE_PASSWORD": "p"}
    assert "never runs in CI" in live_org_or_reason(env)


def test_a_login_url_needs_a_sign_in():
    assert "no sign-in" in live_org_or_reason({"STINT_LIVE_LOGIN_URL": "https://x.my.salesforce.com"})


def test_an_org_named_with_a_password_or_a_consumer_key():
    password = live_org_or_reason({"STINT_LIVE_LOGIN_URL": "https://x.my.salesforce.com",
                                   "STINT_LIVE_USERNAME": "u", "STINT_LIVE_PASSWORD": "p"})
    assert isinstance(password, LiveOrg) and password.username == "u"
    device = live_org_or_reason({"STINT_LIVE_LOGIN_URL": "https://x.my.salesforce.com",
                                 "STINT_LIVE_CONSUMER_KEY": "3MVG"})
    assert isinstance(device, LiveOrg) and device.consumer_key == "3MVG"


def test_the_default_test_run_does_not_collect_the_live_check():
    import tomllib
    from pathlib import Path

    config = tomllib.loads(Path("pyproject.toml").read_text())
    assert "tests/live" not in config["tool"]["pytest"]["ini_options"]["testpaths"]
