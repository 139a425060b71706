"""The user's settings with the admin policy on top, and locked settings enforced.

`SettingsAccess.current()` is what everything uses (stored settings + policy); `save()` refuses
any change to a locked setting with SettingLocked and any invalid value with an EngineError
naming the problem. `set_text(key, text)` parses a command-line value for one setting.
Every save also records what the change means for the sync (engine.sync_pause: when a pause
began, a full pass after an item was included again), in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from desktop.domain.settings import (
    Settings,
    SettingsError,
    apply_policy,
    settings_from_dict,
    settings_to_dict,
    validate,
)
from desktop.engine.errors import EngineError, SettingLocked
from desktop.engine.sync_pause import record_settings_effects
from desktop.platform.clock import SYSTEM_CLOCK, Clock
from desktop.store import Store

SETTING_NAMES = tuple(f.name for f in fields(Settings))


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
            raise EngineError(" ".join(exc.problems.values())) from None
        return saved

    def update(self, **changes: Any) -> Settings:
        unknown = sorted(set(changes) - set(SETTING_NAMES))
        if unknown:
            raise EngineError(f"Unknown setting: {', '.join(unknown)}.")
        return self.save(self.current().with_changes(**changes))

    def set_text(self, key: str, text: str) -> Settings:
        """Change one setting from command-line text ("true", "30", "a,b", JSON for dicts)."""
        if key not in SETTING_NAMES:
            raise EngineError(
                f"Unknown setting {key!r}. Known settings: {', '.join(SETTING_NAMES)}."
            )
        data = settings_to_dict(self.current())
        data[key] = _parse_value(key, text, data[key])
        try:
            changed = settings_from_dict(data)
        except SettingsError as exc:
            raise EngineError(" ".join(exc.problems.values())) from None
        return self.save(changed)

    def _effective(self) -> tuple[Settings, frozenset[str]]:
        try:
            return apply_policy(self._store.settings.load(), self._policy)
        except SettingsError as exc:
            raise EngineError(" ".join(exc.problems.values())) from None


def _parse_value(key: str, text: str, current: Any) -> Any:
    text = text.strip()
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
        try:
            value = json.loads(text)
        except ValueError:
            raise EngineError(
                f'{key} is a JSON object, e.g. {{"Opportunity": ["StageName", "Amount"]}}.'
            ) from None
        if not isinstance(value, dict):
            raise EngineError(f"{key} is a JSON object.")
        return value
    if key == "opportunity_stage_trigger" and text.lower() in ("", "none", "off"):
        return None
    return text
