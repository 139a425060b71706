from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.settings import (
    Settings,
    SettingsError,
    login_url_problem,
    settings_from_dict,
    settings_problems,
    settings_to_dict,
    validate,
)
from desktop.domain.settings_policy import apply_policy


def test_defaults_are_valid():
    settings = validate(Settings())
    assert settings.sync_interval_minutes == 60
    assert settings.writeback == "off"
    assert settings.extra_fields["Opportunity"] == ("Account.Name", "StageName", "Amount", "CloseDate")
    assert "CaseNumber" in settings.extra_fields["Case"]
    assert settings.child_relationships["Case"] == ("Tasks", "Cases")


@pytest.mark.parametrize(
    "url",
    ["https://login.salesforce.com", "https://test.salesforce.com/",
     "https://acme.my.salesforce.com", "https://127.0.0.1:8443"],
)
def test_https_login_urls_are_accepted(url):
    assert login_url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://login.salesforce.com", "must start with https://"),
        ("login.salesforce.com", "must start with https://"),
        ("ftp://x", "must start with https://"),
        ("https://", "needs a host name"),
        ("https://user:pw@login.salesforce.com", "must not contain a user name"),
        ("https://login.salesforce.com/?x=1", "must not contain ?"),
    ],
)
def test_bad_login_urls_have_plain_messages(url, message):
    assert message in str(login_url_problem(url))
    with pytest.raises(SettingsError) as info:
        validate(Settings(login_url=url))
    assert set(info.value.problems) == {"login_url"}


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"sync_interval_minutes": 4}, "sync_interval_minutes"),
        ({"sync_interval_minutes": 1441}, "sync_interval_minutes"),
        ({"auth_method": "magic"}, "auth_method"),
        ({"import_mode": "some"}, "import_mode"),
        ({"import_opportunities": False, "import_cases": False}, "import_opportunities"),
        ({"import_mode": "specific"}, "specific_ids"),
        ({"specific_ids": ("not an id",)}, "specific_ids"),
        ({"opportunity_stage_trigger": "  "}, "opportunity_stage_trigger"),
        ({"extra_fields": {"Case": ("Bad Name!",)}}, "extra_fields"),
        ({"writeback": "mail"}, "writeback"),
        ({"writeback": "custom_object"}, "writeback_object"),
        ({"writeback_min_minutes": -1}, "writeback_min_minutes"),
        ({"writeback_min_minutes": 1441}, "writeback_min_minutes"),
        ({"week_start": "friday"}, "week_start"),
        ({"time_format": "am/pm"}, "time_format"),
        ({"duration_format": "minutes"}, "duration_format"),
        ({"language": "de"}, "language"),
        ({"idle_minutes": 0}, "idle_minutes"),
        ({"idle_minutes": 241}, "idle_minutes"),
        ({"remind_no_timer_minutes": 4}, "remind_no_timer_minutes"),
        ({"remind_long_timer_hours": 25}, "remind_long_timer_hours"),
        ({"work_days": ("mon", "monday")}, "work_days"),
        ({"remind_no_timer": True, "work_days": ()}, "work_days"),
        ({"work_start": "9am"}, "work_start"),
        ({"work_end": "24:00"}, "work_end"),
        ({"work_start": "17:00", "work_end": "09:00"}, "work_end"),
    ],
)
def test_each_rule_reports_its_setting(changes, key):
    problems = settings_problems(Settings(**changes))
    assert key in problems
    assert str(problems[key]).endswith(".")
    assert problems[key].context == "Settings"  # translated by the app


def test_interval_bounds_are_inclusive():
    assert not settings_problems(Settings(sync_interval_minutes=5))
    assert not settings_problems(Settings(sync_interval_minutes=1440))
    assert "5 to 1440" in str(settings_problems(Settings(sync_interval_minutes=2))["sync_interval_minutes"])


def test_short_entries_are_written_back_only_when_asked_for():
    start = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    default = Settings()
    assert default.writeback_min_minutes == 1 and not default.writeback_short_entries
    assert not default.writes_back(start, start + timedelta(seconds=59))
    assert default.writes_back(start, start + timedelta(seconds=60))
    assert Settings(writeback_short_entries=True).writes_back(start, start + timedelta(seconds=1))
    assert Settings(writeback_min_minutes=0).writes_back(start, start + timedelta(seconds=1))
    assert not Settings(writeback_min_minutes=15).writes_back(start, start + timedelta(minutes=14))


def test_specific_ids_accept_15_and_18_characters():
    ids = ("006000000000001", "006000000000001AAA")
    assert not settings_problems(Settings(import_mode="specific", specific_ids=ids))


def test_round_trip_through_a_dict():
    settings = Settings(
        specific_ids=("006000000000001AAA",), import_mode="specific",
        opportunity_stage_trigger="Closed Won", extra_fields={"Case": ("Subject",)},
        writeback="custom_object", writeback_object="Time__c",
        writeback_field_map={"minutes": "Minutes__c"},
    )
    assert settings_from_dict(settings_to_dict(settings)) == settings


def test_general_preferences_round_trip_and_default_to_the_locale():
    defaults = Settings()
    assert (defaults.week_start, defaults.time_format, defaults.language) == (
        "locale", "locale", "system")
    assert (defaults.idle_detection, defaults.idle_minutes) == (True, 5)
    assert defaults.remind_no_timer is False  # the working-hours reminder is opt-in
    assert defaults.start_at_login is False
    changed = Settings(work_days=("sat", "sun"), duration_format="decimal", idle_minutes=12)
    data = settings_to_dict(changed)
    assert data["work_days"] == ["sat", "sun"]  # JSON-ready
    assert settings_from_dict(data) == changed


def test_work_days_must_be_a_list_not_a_string():
    with pytest.raises(SettingsError) as info:
        settings_from_dict({"work_days": "mon"})
    assert set(info.value.problems) == {"work_days"}


def test_policy_locks_general_preferences_with_their_types():
    policy = {"reminders": {"work_days": ["mon", "tue"], "no_timer": True},
              "general": {"start_at_login": True},
              "locked": ["reminders.work_days", "general.start_at_login"]}
    settings, locked = apply_policy(Settings(), policy)
    assert settings.work_days == ("mon", "tue")  # a tuple, as the user's would be
    assert settings.remind_no_timer and settings.start_at_login
    assert locked == frozenset({"work_days", "start_at_login"})
    with pytest.raises(SettingsError) as info:
        apply_policy(Settings(), {"idle": {"minutes": 0}})
    assert info.value.problems["idle_minutes"].startswith("The admin policy sets an unusable")


def test_from_dict_ignores_unknown_keys_and_fills_defaults():
    settings = settings_from_dict({"sync_interval_minutes": 15, "from_the_future": 1})
    assert settings == Settings(sync_interval_minutes=15)


def test_from_dict_rejects_wrong_types():
    with pytest.raises(SettingsError) as info:
        settings_from_dict({"sync_interval_minutes": "15", "only_mine": 1})
    assert set(info.value.problems) == {"sync_interval_minutes", "only_mine"}


def test_policy_values_are_locked_and_forced():
    user = Settings(login_url="https://test.salesforce.com", sync_interval_minutes=15)
    policy = {
        "connection": {"login_url": "https://acme.my.salesforce.com"},
        "sync": {"interval_minutes": 30},
        "locked": ["connection.login_url", "sync.interval_minutes"],
    }
    settings, locked = apply_policy(user, policy)
    assert settings.login_url == "https://acme.my.salesforce.com"
    assert settings.sync_interval_minutes == 30
    assert locked == frozenset({"login_url", "sync_interval_minutes"})


def test_unlocked_policy_values_are_presets_the_user_can_change():
    policy = {"sync": {"interval_minutes": 30}, "import": {"cases": False}}
    settings, locked = apply_policy(Settings(), policy)
    assert (settings.sync_interval_minutes, settings.import_cases) == (30, False)
    assert locked == frozenset()
    mine, _ = apply_policy(Settings(sync_interval_minutes=15), policy)
    assert mine.sync_interval_minutes == 15  # the user's own choice stays


def test_locked_without_value_locks_the_default():
    settings, locked = apply_policy(Settings(writeback="event"), {"locked": ["writeback.target"]})
    assert settings.writeback == "off"
    assert locked == frozenset({"writeback"})


def test_policy_with_an_unusable_value_is_reported():
    with pytest.raises(SettingsError) as info:
        apply_policy(Settings(), {"connection": {"login_url": "http://insecure.example.com"},
                                  "locked": ["connection.login_url"]})
    assert info.value.problems["login_url"].startswith("The admin policy sets an unusable value")


def test_empty_policy_changes_nothing():
    user = Settings(sync_interval_minutes=15)
    assert apply_policy(user, {}) == (user, frozenset())


def test_sync_controls_default_off_and_round_trip():
    """Issue 15: not paused, nothing excluded, no notification of new items by default."""
    defaults = Settings()
    assert (defaults.sync_paused, defaults.excluded_ids, defaults.notify_new_items) == (
        False, (), False)
    changed = Settings(sync_paused=True, excluded_ids=("006000000000001AAA",),
                       notify_new_items=True)
    data = settings_to_dict(changed)
    assert data["excluded_ids"] == ["006000000000001AAA"]
    assert settings_from_dict(data) == changed


def test_excluded_ids_must_be_salesforce_ids():
    problems = settings_problems(Settings(excluded_ids=("006000000000001AAA", "not an id")))
    assert {name: str(text) for name, text in problems.items()} == {
        "excluded_ids": "These are not Salesforce Ids: not an id."}


def test_the_policy_can_lock_pausing():
    locked_on, locked = apply_policy(Settings(), {"sync": {"paused": True},
                                                  "locked": ["sync.paused"]})
    assert locked_on.sync_paused and locked == frozenset({"sync_paused"})
    kept_running, _ = apply_policy(Settings(sync_paused=True), {"locked": ["sync.paused"]})
    assert not kept_running.sync_paused  # locked at the default: users cannot pause
