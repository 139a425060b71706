"""The admin policy over the user's settings: which policy key sets which setting, presets
and locks (desktop/platform/policy.py reads the policy; docs/policy.md describes it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from desktop.domain.preferences import settings_message as _text
from desktop.domain.settings import Settings, SettingsError, coerce_setting, settings_problems
from desktop.domain.text import QT_TRANSLATE_NOOP, Message

# Dotted policy names (desktop/platform/policy.py) -> Settings attribute.
POLICY_TO_SETTING: dict[str, str] = {
    "connection.login_url": "login_url",
    "connection.auth_method": "auth_method",
    "connection.consumer_key": "consumer_key",
    "connection.callback_url": "oauth_callback_url",
    "import.opportunities": "import_opportunities",
    "import.cases": "import_cases",
    "import.mode": "import_mode",
    "import.only_mine": "only_mine",
    "import.opportunity_stage_trigger": "opportunity_stage_trigger",
    "sync.interval_minutes": "sync_interval_minutes",
    "sync.paused": "sync_paused",
    "writeback.target": "writeback",
    "writeback.min_minutes": "writeback_min_minutes",
    "writeback.short_entries": "writeback_short_entries",
    # The General page (issue 13): display, start at log-in, idle detection, reminders.
    "general.start_at_login": "start_at_login",
    "general.week_start": "week_start",
    "general.time_format": "time_format",
    "general.duration_format": "duration_format",
    "general.notifications": "notifications",
    "general.language": "language",
    "idle.detection": "idle_detection",
    "idle.minutes": "idle_minutes",
    "reminders.no_timer": "remind_no_timer",
    "reminders.no_timer_minutes": "remind_no_timer_minutes",
    "reminders.work_days": "work_days",
    "reminders.work_start": "work_start",
    "reminders.work_end": "work_end",
    "reminders.long_timer": "remind_long_timer",
    "reminders.long_timer_hours": "remind_long_timer_hours",
}

# Policy keys that are no setting: secrets go to the sign-in directly, never into Settings.
POLICY_SECRETS = frozenset({"connection.consumer_secret"})

SET_BY_ADMINISTRATOR = QT_TRANSLATE_NOOP("Settings", "This setting is set by your administrator.")


def apply_policy(
    settings: Settings, policy: Mapping[str, Any]
) -> tuple[Settings, frozenset[str]]:
    """Put the admin policy (the dict from platform.policy.load_policy) over the user's settings.

    A locked setting takes the policy's value, or the built-in default when the policy locks it
    without a value. An unlocked policy value is a preset: it replaces the user's value only
    while that is still the built-in default. Returns the settings and the names of the locked
    Settings attributes. Values the policy sets that break a rule raise SettingsError with the
    message prefixed by "The admin policy".
    """
    defaults = Settings()
    locked_dotted = set(policy.get("locked", ()))
    values: dict[str, Any] = {}
    for section, content in policy.items():
        if section == "locked":
            continue
        for key, value in dict(content).items():
            values[f"{section}.{key}"] = value
    changes: dict[str, Any] = {}
    locked: set[str] = set()
    for dotted in set(values) | locked_dotted:
        if dotted in POLICY_SECRETS:
            continue
        attribute = POLICY_TO_SETTING.get(dotted)
        if attribute is None:
            raise SettingsError({dotted: _text(QT_TRANSLATE_NOOP(
                "Settings", "The admin policy names an unknown setting (%1)."), dotted)})
        is_locked = dotted in locked_dotted
        if is_locked:
            locked.add(attribute)
        if dotted in values:
            if is_locked or getattr(settings, attribute) == getattr(defaults, attribute):
                default = getattr(defaults, attribute)
                changes[attribute] = coerce_setting(attribute, values[dotted], default)
        elif is_locked:
            changes[attribute] = getattr(defaults, attribute)
    result = replace(settings, **changes)
    problems = {
        name: _text(QT_TRANSLATE_NOOP("Settings", "The admin policy sets an unusable value: %1"),
                    message)
        for name, message in settings_problems(result).items()
        if name in changes
    }
    if problems:
        raise SettingsError(problems)
    return result, frozenset(locked)


def locked_changes(settings: Settings, current: Settings, locked: frozenset[str]) -> list[str]:
    """The locked settings whose value `settings` would change (sorted)."""
    return [name for name in sorted(locked) if getattr(settings, name) != getattr(current, name)]


def locked_problems(settings: Settings, current: Settings,
                    locked: frozenset[str]) -> dict[str, Message]:
    """{setting: "set by your administrator"} for each locked setting `settings` would change."""
    return {name: _text(SET_BY_ADMINISTRATOR)
            for name in locked_changes(settings, current, locked)}
