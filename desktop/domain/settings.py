"""User settings: defaults, validation with plain messages, and the admin policy on top.

Settings never hold secrets (passwords, tokens live in the keyring); they are stored as JSON.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from desktop.domain.preferences import DEFAULT_WORK_DAYS, preference_problems
from desktop.domain.preferences import settings_message as _text
from desktop.domain.text import QT_TRANSLATE_NOOP, Message

DEFAULT_LOGIN_URL = "https://login.salesforce.com"
SANDBOX_LOGIN_URL = "https://test.salesforce.com"
# Where the browser sign-in comes back: the connected app must list it exactly (Salesforce
# takes plain http only for localhost). The port is Stint's own, not the Salesforce CLI's
# 1717, so both can sign in on one computer; see docs/salesforce-setup.md for why 7846.
DEFAULT_CALLBACK_URL = "http://localhost:7846/oauth/callback"
# "oauth": browser sign-in; "device": a code entered in a browser anywhere; both keep a
# refresh token. "password": SOAP login, which Salesforce retires in Summer '27.
AUTH_METHODS = ("oauth", "device", "password")
IMPORT_MODES = ("all", "specific")
WRITEBACK_TARGETS = ("off", "event", "custom_object")
SYNC_INTERVAL_MIN = 5
SYNC_INTERVAL_MAX = 1440
WRITEBACK_MIN_MINUTES_MAX = 1440

DEFAULT_EXTRA_FIELDS: dict[str, tuple[str, ...]] = {
    "Opportunity": ("Account.Name", "StageName", "Amount", "CloseDate"),
    "Case": ("Account.Name", "CaseNumber", "Priority", "Status"),
    "Task": (),
}
DEFAULT_CHILD_RELATIONSHIPS: dict[str, tuple[str, ...]] = {
    "Opportunity": ("Tasks",),
    "Case": ("Tasks", "Cases"),
}

_SALESFORCE_ID = re.compile(r"^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$")
_API_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$")


class SettingsError(ValueError):
    """Settings that cannot be used. `problems` maps a setting name to a plain message in
    English (the command line's); `texts` to the same as a Message the app shows translated."""

    def __init__(self, problems: Mapping[str, str | Message]) -> None:
        self.texts = dict(problems)
        self.problems = {name: str(text) for name, text in self.texts.items()}
        super().__init__(" ".join(self.problems.values()))


@dataclass(frozen=True)
class Settings:
    login_url: str = DEFAULT_LOGIN_URL
    auth_method: str = "oauth"
    consumer_key: str = ""
    oauth_callback_url: str = DEFAULT_CALLBACK_URL
    username: str = ""
    import_opportunities: bool = True
    import_cases: bool = True
    import_mode: str = "all"
    specific_ids: tuple[str, ...] = ()
    only_mine: bool = False
    opportunity_stage_trigger: str | None = None
    extra_fields: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(DEFAULT_EXTRA_FIELDS)
    )
    child_relationships: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(DEFAULT_CHILD_RELATIONSHIPS)
    )
    sync_interval_minutes: int = 60
    full_sync_interval_hours: int = 24
    # Pause: no automatic sync and no write-back push until resumed (a forced sync still runs
    # once); the moment it was paused is kept with the sync state (engine.sync_pause).
    sync_paused: bool = False
    # "All items" mode: Opportunities and Cases (with their subtasks) the user took out of the
    # tree; they are archived as "excluded" and come back when removed from this list.
    excluded_ids: tuple[str, ...] = ()
    # Opt-in: a notification when a sync brings items newly assigned to the user.
    notify_new_items: bool = False
    writeback: str = "off"
    writeback_object: str = ""
    writeback_field_map: dict[str, str] = field(default_factory=dict)
    # Entries shorter than this stay in Stint (a timer started by mistake, a quick switch)
    # unless writeback_short_entries is on; 0: every entry goes.
    writeback_min_minutes: int = 1
    writeback_short_entries: bool = False
    # A private certificate authority to trust for this org (e.g. the built-in sandbox's);
    # empty: the public CAs (certifi). A path, not a secret.
    ca_file: str = ""
    # -- General (issue 13; allowed values in domain.preferences) --------------------------
    start_at_login: bool = False  # the platform's autostart entry runs `stint --hidden`
    week_start: str = "locale"  # locale, monday, saturday, sunday
    time_format: str = "locale"  # locale, 24h, 12h
    duration_format: str = "hm"  # hm (1:30) or decimal (1.50 h)
    notifications: bool = True  # reminders and sync problems as desktop notifications
    language: str = "system"  # system, en, fr: stored now, applied by the translations
    idle_detection: bool = True
    idle_minutes: int = 5  # away at least this long with a timer running: ask what it was
    remind_no_timer: bool = False  # "no timer running" during working hours
    remind_no_timer_minutes: int = 15  # ...after this long without a timer, and as often
    work_days: tuple[str, ...] = DEFAULT_WORK_DAYS
    work_start: str = "09:00"  # local HH:MM
    work_end: str = "17:00"
    remind_long_timer: bool = True  # "timer running for more than X hours"
    remind_long_timer_hours: int = 8

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def writes_back(self, start: datetime, end: datetime) -> bool:
        """Whether write-back sends an entry of this span (short ones only when opted in)."""
        if self.writeback_short_entries:
            return True
        return end - start >= timedelta(minutes=self.writeback_min_minutes)


def settings_problems(settings: Settings) -> dict[str, Message]:
    """Every rule the settings break, as {setting name: message}; empty when all is well."""
    problems: dict[str, Message] = {}
    url_problem = login_url_problem(settings.login_url)
    if url_problem:
        problems["login_url"] = url_problem
    if settings.auth_method not in AUTH_METHODS:
        problems["auth_method"] = _text(QT_TRANSLATE_NOOP(
            "Settings",
            "Choose how to connect: browser sign-in (OAuth), a code (device) or password."))
    callback_problem = callback_url_problem(settings.oauth_callback_url)
    if callback_problem:
        problems["oauth_callback_url"] = callback_problem
    if settings.import_mode not in IMPORT_MODES:
        problems["import_mode"] = _text(QT_TRANSLATE_NOOP(
            "Settings", "Choose to import all items or only specific items."))
    if not (settings.import_opportunities or settings.import_cases):
        problems["import_opportunities"] = _text(QT_TRANSLATE_NOOP(
            "Settings", "Import Opportunities, Cases, or both."))
    bad_ids = [i for i in settings.specific_ids if not _SALESFORCE_ID.match(i)]
    if bad_ids:
        problems["specific_ids"] = _text(NOT_IDS, ", ".join(bad_ids[:5]))
    bad_excluded = [i for i in settings.excluded_ids if not _SALESFORCE_ID.match(i)]
    if bad_excluded:
        problems["excluded_ids"] = _text(NOT_IDS, ", ".join(bad_excluded[:5]))
    if settings.import_mode == "specific" and not settings.specific_ids:
        problems["specific_ids"] = _text(QT_TRANSLATE_NOOP(
            "Settings", "Pick at least one item to import, or import all items."))
    if settings.opportunity_stage_trigger is not None and not settings.opportunity_stage_trigger.strip():
        problems["opportunity_stage_trigger"] = _text(QT_TRANSLATE_NOOP(
            "Settings", "The stage filter needs a stage name."))
    if not SYNC_INTERVAL_MIN <= settings.sync_interval_minutes <= SYNC_INTERVAL_MAX:
        problems["sync_interval_minutes"] = _text(QT_TRANSLATE_NOOP(
            "Settings", "Sync every %1 to %2 minutes (not %3)."),
            SYNC_INTERVAL_MIN, SYNC_INTERVAL_MAX, settings.sync_interval_minutes)
    if settings.full_sync_interval_hours < 1:
        problems["full_sync_interval_hours"] = _text(QT_TRANSLATE_NOOP(
            "Settings", "The full reconcile runs at most once an hour."))
    for setting_name, per_object in (
        ("extra_fields", settings.extra_fields),
        ("child_relationships", settings.child_relationships),
    ):
        bad = [name for names in per_object.values() for name in names if not _API_NAME.match(name)]
        if bad:
            problems[setting_name] = _text(QT_TRANSLATE_NOOP(
                "Settings", "These are not Salesforce field names: %1."), ", ".join(bad[:5]))
    if not 0 <= settings.writeback_min_minutes <= WRITEBACK_MIN_MINUTES_MAX:
        problems["writeback_min_minutes"] = _text(QT_TRANSLATE_NOOP(
            "Settings", "Short entries are those under 0 to %1 minutes (not %2)."),
            WRITEBACK_MIN_MINUTES_MAX, settings.writeback_min_minutes)
    if settings.writeback not in WRITEBACK_TARGETS:
        problems["writeback"] = _text(QT_TRANSLATE_NOOP(
            "Settings", "Write-back is off, to Events, or to a custom object."))
    elif settings.writeback == "custom_object" and not settings.writeback_object:
        problems["writeback_object"] = _text(QT_TRANSLATE_NOOP(
            "Settings", "Choose the custom object that receives time entries."))
    problems.update(preference_problems(settings))
    return problems


NOT_IDS = QT_TRANSLATE_NOOP("Settings", "These are not Salesforce Ids: %1.")


def login_url_problem(url: str) -> Message | None:
    """Why `url` cannot be a login URL, or None. Only https is accepted."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "https":
        return _text(QT_TRANSLATE_NOOP(
            "Settings", "The login URL must start with https:// (for example https://login.salesforce.com)."))
    if not parts.hostname:
        return _text(QT_TRANSLATE_NOOP(
            "Settings", "The login URL needs a host name, such as login.salesforce.com."))
    if parts.username or parts.password:
        return _text(QT_TRANSLATE_NOOP(
            "Settings", "The login URL must not contain a user name or password."))
    if parts.query or parts.fragment:
        return _text(QT_TRANSLATE_NOOP(
            "Settings", "The login URL must not contain ? or # parts."))
    return None


def callback_url_problem(url: str) -> Message | None:
    """Why `url` cannot be the browser sign-in's callback URL, or None."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return _text(QT_TRANSLATE_NOOP(
            "Settings", "The callback URL's port must be a number from 1024 to 65535."))
    if parts.scheme != "http" or parts.hostname != "localhost":
        return _text(QT_TRANSLATE_NOOP(
            "Settings",
            "The callback URL must start with http://localhost: Stint receives the sign-in on "
            "this computer, and Salesforce accepts plain http callbacks only for localhost."))
    if port is None or not 1024 <= port <= 65535:
        return _text(QT_TRANSLATE_NOOP(
            "Settings",
            "The callback URL needs a port from 1024 to 65535, such as "
            "http://localhost:7846/oauth/callback."))
    if parts.username or parts.password or parts.query or parts.fragment:
        return _text(QT_TRANSLATE_NOOP(
            "Settings", "The callback URL must not contain a user name, password, ? or # parts."))
    return None


def validate(settings: Settings) -> Settings:
    """The settings unchanged, or SettingsError listing every problem."""
    problems = settings_problems(settings)
    if problems:
        raise SettingsError(problems)
    return settings


def normalised_login_url(url: str) -> str:
    """The login URL without surrounding blanks or a trailing slash."""
    return url.strip().rstrip("/")


def excluded_items(settings: Settings) -> frozenset[str]:
    """The items the user excluded; only "all items" mode excludes (in "specific items" mode
    an item not wanted is simply not picked)."""
    return frozenset(settings.excluded_ids) if settings.import_mode == "all" else frozenset()


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """A JSON-ready dict (tuples become lists)."""
    data = {name: list(value) if isinstance(value, tuple) else value
            for name, value in asdict(settings).items()}
    data["extra_fields"] = {k: list(v) for k, v in settings.extra_fields.items()}
    data["child_relationships"] = {k: list(v) for k, v in settings.child_relationships.items()}
    return data


def settings_from_dict(data: Mapping[str, Any]) -> Settings:
    """Settings from stored JSON: unknown keys are ignored (from a newer/older version),
    missing ones take their defaults, values of the wrong type raise SettingsError."""
    defaults = Settings()
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    problems: dict[str, Message] = {}
    for name, raw in data.items():
        if name not in known:
            continue
        try:
            values[name] = coerce_setting(name, raw, getattr(defaults, name))
        except (TypeError, ValueError):
            problems[name] = _text(QT_TRANSLATE_NOOP(
                "Settings", "The stored value for %1 is not usable (%2)."), name, repr(raw))
    if problems:
        raise SettingsError(problems)
    return replace(defaults, **values)


def coerce_setting(name: str, raw: Any, default: Any) -> Any:
    """`raw` (stored JSON, or a policy's value) as setting `name`'s type; TypeError or
    ValueError when it cannot be."""
    if name == "opportunity_stage_trigger":
        if raw is None or isinstance(raw, str):
            return raw
        raise TypeError(name)
    if name in ("specific_ids", "excluded_ids", "work_days"):
        return tuple(_str(v) for v in _list(raw))
    if name in ("extra_fields", "child_relationships"):
        return {_str(k): tuple(_str(v) for v in _list(names)) for k, names in dict(raw).items()}
    if name == "writeback_field_map":
        return {_str(k): _str(v) for k, v in dict(raw).items()}
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        raise TypeError(name)
    if isinstance(default, int):
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        raise TypeError(name)
    return _str(raw)


def _list(value: Any) -> list | tuple:
    """A list of values; never a text read letter by letter."""
    if not isinstance(value, list | tuple):
        raise TypeError(value)
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value
