from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop.platform import policy as policy_module
from desktop.platform.policy import (
    POLICY_KEYS,
    PolicyError,
    load_policy,
    locked_keys,
    policy_path,
    policy_values,
)

FULL_POLICY = """
locked = ["connection.login_url", "connection.auth_method", "sync.interval_minutes"]

[connection]
login_url = "https://acme.my.salesforce.com"
auth_method = "oauth"
consumer_key = "3MVG9-example"
consumer_secret = "C0NSUMER-SECRET-example"
callback_url = "http://localhost:17846/oauth/callback"

[import]
opportunities = true
cases = false
mode = "all"
only_mine = true
opportunity_stage_trigger = "Closed Won"

[sync]
interval_minutes = 120
paused = false

[writeback]
target = "event"
min_minutes = 2
short_entries = true

[general]
start_at_login = true
week_start = "sunday"
time_format = "24h"
duration_format = "decimal"
notifications = false
language = "fr"

[idle]
detection = true
minutes = 10

[reminders]
no_timer = true
no_timer_minutes = 30
work_days = ["mon", "tue", "wed", "thu"]
work_start = "08:30"
work_end = "16:30"
long_timer = true
long_timer_hours = 6
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_full_policy_has_the_documented_shape(tmp_path, monkeypatch):
    monkeypatch.setenv("STINT_POLICY", str(write(tmp_path, FULL_POLICY)))
    assert load_policy() == {
        "locked": ["connection.login_url", "connection.auth_method", "sync.interval_minutes"],
        "connection": {
            "login_url": "https://acme.my.salesforce.com",
            "auth_method": "oauth",
            "consumer_key": "3MVG9-example",
            "consumer_secret": "C0NSUMER-SECRET-example",
            "callback_url": "http://localhost:17846/oauth/callback",
        },
        "import": {
            "opportunities": True,
            "cases": False,
            "mode": "all",
            "only_mine": True,
            "opportunity_stage_trigger": "Closed Won",
        },
        "sync": {"interval_minutes": 120, "paused": False},
        "writeback": {"target": "event", "min_minutes": 2, "short_entries": True},
        "general": {
            "start_at_login": True,
            "week_start": "sunday",
            "time_format": "24h",
            "duration_format": "decimal",
            "notifications": False,
            "language": "fr",
        },
        "idle": {"detection": True, "minutes": 10},
        "reminders": {
            "no_timer": True,
            "no_timer_minutes": 30,
            "work_days": ["mon", "tue", "wed", "thu"],
            "work_start": "08:30",
            "work_end": "16:30",
            "long_timer": True,
            "long_timer_hours": 6,
        },
    }


def test_every_documented_key_is_in_the_full_example(tmp_path):
    policy = load_policy(write(tmp_path, FULL_POLICY))
    assert set(policy_values(policy)) == set(POLICY_KEYS)


def test_helpers_flatten_values_and_locks(tmp_path):
    policy = load_policy(write(tmp_path, FULL_POLICY))
    assert policy_values(policy)["sync.interval_minutes"] == 120
    assert locked_keys(policy) == frozenset(
        {"connection.login_url", "connection.auth_method", "sync.interval_minutes"}
    )
    assert locked_keys({}) == frozenset()


def test_missing_file_is_an_empty_policy(tmp_path, monkeypatch):
    monkeypatch.setenv("STINT_POLICY", str(tmp_path / "absent.toml"))
    assert load_policy() == {}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_CONFIG_DIRS on Linux")
def test_default_location_is_the_site_config_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("STINT_POLICY", raising=False)
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{tmp_path / 'site'}:/etc/xdg")
    assert policy_path() == tmp_path / "site" / "stint" / "policy.toml"
    write_dir = tmp_path / "site" / "stint"
    write_dir.mkdir(parents=True)
    (write_dir / "policy.toml").write_text("[sync]\ninterval_minutes = 30\n")
    assert load_policy() == {"sync": {"interval_minutes": 30}}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG_CONFIG_DIRS on Linux")
def test_empty_stint_policy_means_default_location(tmp_path):
    assert policy_path({"STINT_POLICY": ""}) == Path("/etc/xdg/stint/policy.toml")
    assert policy_path({"STINT_POLICY": "", "XDG_CONFIG_DIRS": str(tmp_path)}) == (
        tmp_path / "stint" / "policy.toml")


def test_off_linux_the_site_config_dir_comes_from_platformdirs(tmp_path, monkeypatch):
    import platformdirs

    calls = []

    def fake_site_config_dir(appname, **kwargs):
        calls.append(appname)
        return str(tmp_path / "site")

    monkeypatch.setattr(policy_module, "xdg_site_config_folder", lambda *a, **k: None)
    monkeypatch.setattr(platformdirs, "site_config_dir", fake_site_config_dir)
    assert policy_path({}) == tmp_path / "site" / "policy.toml"
    assert calls == ["stint"]


def test_broken_toml_names_the_file_and_the_error(tmp_path):
    path = write(tmp_path, "[connection]\nlogin_url = https://oops\n")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    message = str(caught.value)
    assert str(path) in message
    assert "not valid TOML" in message and "line 2" in message
    assert caught.value.path == path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[conection]\nlogin_url = 'https://x'\n", "unknown section or key 'conection'"),
        ("[sync]\ninterval = 5\n", "unknown key 'sync.interval' (known: interval_minutes, paused)"),
        ("[sync]\ninterval_minutes = '60'\n", "sync.interval_minutes must be a whole number"),
        ("[sync]\ninterval_minutes = true\n", "must be a whole number, not true or false"),
        ("[import]\nonly_mine = 'yes'\n", "import.only_mine must be true or false"),
        ("[connection]\nlogin_url = 5\n", "connection.login_url must be a string"),
        ("[reminders]\nwork_days = 'mon'\n", "work_days must be a list of strings, not a string"),
        (
            "[reminders]\nwork_days = [1, 2]\n",
            "work_days must be a list of strings, not a list holding other things",
        ),
        ("[idle]\nminute = 5\n", "unknown key 'idle.minute' (known: detection, minutes)"),
        ("connection = 'x'\n", "'connection' must be a [connection] table"),
        ("locked = 'sync.interval_minutes'\n", "locked must be a list of setting names"),
        ("locked = ['sync.interval']\n", "locked names unknown settings: sync.interval"),
        (
            "[connection]\nlocked = ['connection.login_url']\n",
            "'locked' is inside [connection]: put the locked = [...] line before",
        ),
    ],
)
def test_invalid_content_is_a_plain_policy_error(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert expected in str(caught.value)
    assert str(path) in str(caught.value)


def test_locking_without_a_value_is_allowed(tmp_path):
    policy = load_policy(write(tmp_path, 'locked = ["import.only_mine"]\n'))
    assert policy == {"locked": ["import.only_mine"]}


def test_non_utf8_file_is_a_policy_error(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_bytes(b"[sync]\n\xff = 1\n")
    with pytest.raises(PolicyError, match="not UTF-8"):
        load_policy(path)


def test_unreadable_policy_is_a_policy_error(tmp_path):
    directory = tmp_path / "policy.toml"
    directory.mkdir()  # reading a directory fails on every platform
    with pytest.raises(PolicyError, match="cannot be read"):
        load_policy(directory)


def test_a_consumer_secret_from_the_policy_never_reaches_a_log_line(tmp_path):
    from desktop.platform.logs import redact

    load_policy(write(tmp_path, FULL_POLICY))
    assert "C0NSUMER-SECRET-example" not in redact("form: client_secret=C0NSUMER-SECRET-example")
