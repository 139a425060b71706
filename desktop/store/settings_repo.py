"""Settings repository: the user's Settings as one JSON document (never secrets)."""

from __future__ import annotations

import json
import logging

from desktop.domain.settings import (
    Settings,
    SettingsError,
    settings_from_dict,
    settings_to_dict,
    validate,
)
from desktop.store.database import Database

log = logging.getLogger(__name__)

_KEY = "user"


class SettingsRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    def load(self) -> Settings:
        """The saved settings, or the defaults when none were saved or they are unreadable."""
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
        validate(settings)
        text = json.dumps(settings_to_dict(settings), ensure_ascii=False, sort_keys=True)
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_KEY, text),
            )
        return settings
