"""The user's settings with the admin policy on top, and locked settings enforced.

`SettingsAccess.current()` is what everything uses (stored settings + policy); `save()` refuses
any change to a locked setting with SettingLocked and any invalid value with an EngineError
naming the problem. `set_text(key, text)` parses a command-line value for one setting, down to
the shape of every part of a JSON value; `null` clears a setting that can be empty.
Every save also records what the change means for the sync (engine.sync_pause: when a pause
began, a full pass after an item was included again), in the same transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import fields
from typing import Any

from desktop.domain.settings import (
    Settings,
    SettingsError,
    settings_from_dict,
    settings_to_dict,
    validate,
)
from desktop.domain.settings_policy import apply_policy
from desktop.domain.text import Message
from desktop.engine.errors import EngineError, SettingLocked
from desktop.engine.sync_pause import record_settings_effects
from desktop.platform.clock import SYSTEM_CLOCK, Clock
from desktop.store import Store

SETTING_NAMES = tuple(f.name for f in fields(Settings))
OPTIONAL_SETTINGS = ("opportunity_stage_trigger",)  # None is their "not set"
# Settings that map Salesforce objects to lists of names, with an example for messages.
NAME_LISTS = {
    "extra_fields": '{"Opportunity": ["StageName", "Amount"]}',
    "child_relationships": '{"Opportunity": ["Tasks"], "Case": ["Tasks", "Cases"]}',
}
FIELD_MAP_EXAMPLE = '{"minutes": "Minutes__c", "note": "Notes__c"}'
_OBJECT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class SettingsAccess:
    def __init__(self, store: Store, policy: Mapping[str, Any], clock: Clock = SYSTEM_CLOCK) -> None:
        self._store = store
        self._policy = dict(policy)
        self._clock = clock

    @property
    def policy(self) -> dict[str, Any]:
        return dict(self._policy)

    def current(self) -> Settings:
        return self._effective()[0]

    def locked(self) -> frozenset[str]:
        return self._effective()[1]

    def save(self, settings: Settings) -> Settings:
        current, locked = self._effective()
        for name in sorted(locked):
            if getattr(settings, name) != getattr(current, name):
                raise SettingLocked(name)
        try:
            validate(settings)
            with self._store.transaction():
                self._store.settings.save(settings)
                saved = self.current()
                record_settings_effects(self._store, current, saved, self._clock.now())
        except SettingsError as exc:
            raise settings_problem(exc) from None
        return saved

    def update(self, **changes: Any) -> Settings:
        unknown = sorted(set(changes) - set(SETTING_NAMES))
        if unknown:
            raise EngineError(f"Unknown setting: {', '.join(unknown)}.")
        return self.save(self.current().with_changes(**changes))

    def set_text(self, key: str, text: str,
                 check: Callable[[Any], Any] | None = None) -> Settings:
        """Change one setting from command-line text ("true", "30", "a,b", JSON for dicts,
        "null" to clear). `check` sees the parsed value and returns the one to store (or
        raises EngineError), for rules the settings alone cannot know (the org's stages)."""
        if key not in SETTING_NAMES:
            raise EngineError(
                f"Unknown setting {key!r}. Known settings: {', '.join(SETTING_NAMES)}."
            )
        data = settings_to_dict(self.current())
        data[key] = _parse_value(key, text, data[key])
        if check is not None:
            data[key] = check(data[key])
        try:
            changed = settings_from_dict(data)
        except SettingsError as exc:
            raise settings_problem(exc) from None
        return self.save(changed)

    def _effective(self) -> tuple[Settings, frozenset[str]]:
        try:
            return apply_policy(self._store.settings.load(), self._policy)
        except SettingsError as exc:
            raise settings_problem(exc) from None


def _parse_value(key: str, text: str, current: Any) -> Any:
    text = text.strip()
    if text.lower() == "null":
        return _cleared(key, current)
    if key in OPTIONAL_SETTINGS:
        return None if text.lower() in ("", "none", "off") else text
    if isinstance(current, bool):
        lowered = text.lower()
        if lowered in ("true", "yes", "on", "1"):
            return True
        if lowered in ("false", "no", "off", "0"):
            return False
        raise EngineError(f"{key} is true or false, not {text!r}.")
    if isinstance(current, int):
        try:
            return int(text)
        except ValueError:
            raise EngineError(f"{key} is a whole number, not {text!r}.") from None
    if isinstance(current, list):
        return [part.strip() for part in text.split(",") if part.strip()]
    if isinstance(current, dict):
        return _json_object(key, text)
    return text


def _cleared(key: str, current: Any) -> Any:
    """What `null` sets: nothing for a setting that can be unset or empty."""
    if key in OPTIONAL_SETTINGS:
        return None
    if isinstance(current, bool | int):
        kind = "true or false" if isinstance(current, bool) else "a whole number"
        raise EngineError(f"{key} cannot be cleared: it is {kind}.")
    return type(current)()  # "", [] or {}


def _json_object(key: str, text: str) -> dict[str, Any]:
    """A JSON object of the shape `key` takes, checked part by part."""
    example = NAME_LISTS.get(key, FIELD_MAP_EXAMPLE)
    try:
        value = json.loads(text)
    except ValueError:
        raise EngineError(f"{key} is a JSON object, e.g. {example}.") from None
    if not isinstance(value, dict):
        raise EngineError(f"{key} is a JSON object, e.g. {example}, not {text!r}.")
    for name, part in value.items():
        if not _OBJECT_NAME.match(name):
            raise EngineError(f"{key}: {name!r} is not a Salesforce API name (e.g. {example}).")
        if key in NAME_LISTS:
            if not isinstance(part, list) or not all(isinstance(n, str) for n in part):
                raise EngineError(
                    f"{key}: the value for {name!r} must be a list of names, e.g. {example} "
                    f"(not {json.dumps(part, ensure_ascii=False)}).")
        else:
            _check_field_map_entry(name, part)
    return value


def _check_field_map_entry(name: str, part: Any) -> None:
    from desktop.sync.push.mapping import MAPPING_KEYS

    if name not in MAPPING_KEYS:
        raise EngineError(f"writeback_field_map: {name!r} is none of {', '.join(MAPPING_KEYS)} "
                          f"(e.g. {FIELD_MAP_EXAMPLE}).")
    if not isinstance(part, str) or not _OBJECT_NAME.match(part):
        raise EngineError(
            f"writeback_field_map: the value for {name!r} must be a field's API name, e.g. "
            f"{FIELD_MAP_EXAMPLE} (not {json.dumps(part, ensure_ascii=False)}).")


def settings_problem(error: SettingsError) -> EngineError:
    """The EngineError saying every problem of `error`, each translatable (the app shows
    them in the user's language; up to nine, as many as a template can hold)."""
    texts = list(error.texts.values())[:9]
    template = " ".join(f"%{number}" for number in range(1, len(texts) + 1))
    return EngineError(Message("EngineError", template, *texts))
