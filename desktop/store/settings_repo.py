"""Settings repository: the user's Settings as one JSON document (never secrets)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from desktop.store.database import Database

if TYPE_CHECKING:  # the settings' rules load on first use (see `stored_values`)
    from desktop.domain.settings import Settings

log = logging.getLogger(__name__)

_KEY = "user"


class SettingsRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    def stored_values(self, names: Iterable[str]) -> dict[str, Any]:
        """Some stored values as saved, unchecked (absent ones left out): what the window's
        first paint needs (the display choices) without loading the settings' rules."""
        row = self._db.connect().execute(
            "SELECT value FROM settings WHERE key = ?", (_KEY,)
        ).fetchone()
        try:
            stored = json.loads(row[0]) if row is not None else {}
        except ValueError:
            return {}
        return {name: stored[name] for name in names if isinstance(stored, dict) and name in stored}

    def load(self) -> Settings:
        """The saved settings, or the defaults when none were saved or they are unreadable."""
        from desktop.domain.settings import Settings, SettingsError, settings_from_dict

        row = self._db.connect().execute(
            "SELECT value FROM settings WHERE key = ?", (_KEY,)
        ).fetchone()
        if row is None:
            return Settings()
        try:
            return settings_from_dict(json.loads(row[0]))
        except (ValueError, TypeError, SettingsError) as exc:
            # Unreadable settings must not lock the user out of their time entries.
            log.warning("stored settings are unusable, using defaults: %s", exc)
            return Settings()

    def save(self, settings: Settings) -> Settings:
        """Validate and store; SettingsError (with a message per setting) when invalid."""
        from desktop.domain.settings import settings_to_dict, validate

        validate(settings)
        text = json.dumps(settings_to_dict(settings), ensure_ascii=False, sort_keys=True)
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_KEY, text),
            )
        return settings
