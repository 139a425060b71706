"""The General preferences for the General page and the parts of the app they steer.

Before the engine exists (the first paint), `settings()` are the stored ones; once it is
attached they come through its SettingsAccess, with the admin policy on top and its locks
enforced. `save()` checks like the Salesforce page does, makes "start at log-in" true on this
computer first (a setting that says "on" with no entry would be a lie), then stores and says
`preferences_changed`, which the display format, idle detection and reminders follow.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop.domain.preferences import settings_message
from desktop.domain.settings import Settings, SettingsError, settings_problems
from desktop.domain.settings_policy import locked_problems
from desktop.domain.text import QT_TRANSLATE_NOOP
from desktop.store.store import Store

if TYPE_CHECKING:  # loaded on first use: the first paint reads the preferences, nothing more
    from desktop.platform.autostart import Autostart

log = logging.getLogger(__name__)


class PreferencesService(QObject):
    preferences_changed = Signal(object)  # Settings

    def __init__(
        self,
        store: Store,
        profile_root: Path | None,
        *,
        autostart: Autostart | None = None,
        autostart_allowed: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._profile_root = profile_root  # None: the default profile
        self._autostart = autostart
        self.autostart_allowed = autostart_allowed  # not for a throwaway (demo) profile
        self._access: Any = None  # engine.settings once attached

    def attach(self, access: Any) -> None:
        """The engine's SettingsAccess is ready: the policy applies from now on. The
        start-at-log-in entry is brought in line with the setting (a policy may set it,
        and a reinstall may have moved the `stint` command)."""
        self._access = access
        from desktop.platform.autostart import AutostartError

        settings = self.settings()
        try:
            self._apply_autostart(settings.start_at_login)
        except AutostartError as exc:
            log.warning("start at log-in: %s", exc.message)
        self.preferences_changed.emit(settings)

    def refresh(self) -> None:
        """Settings changed elsewhere (the Salesforce page saved the minimum entry length):
        say so, so the General page shows them."""
        self.preferences_changed.emit(self.settings())

    def is_ready(self) -> bool:
        return self._access is not None

    def settings(self) -> Settings:
        return self._access.current() if self._access is not None else self._store.settings.load()

    def locked_keys(self) -> frozenset[str]:
        return self._access.locked() if self._access is not None else frozenset()

    def autostart_location(self) -> str:
        return self.autostart().location()

    def autostart(self) -> Autostart:
        if self._autostart is None:
            from desktop.platform.autostart import autostart_for_platform

            self._autostart = autostart_for_platform()
        return self._autostart

    def save(self, settings: Settings) -> Settings:
        """Store the preferences; SettingsError (per setting) when they cannot be."""
        if self._access is None:
            raise SettingsError({"general": settings_message(QT_TRANSLATE_NOOP(
                "Settings", "Stint is still starting; try again in a moment."))})
        current = self.settings()
        problems = settings_problems(settings)
        problems.update(locked_problems(settings, current, self.locked_keys()))
        if problems:
            raise SettingsError(problems)
        if settings.start_at_login != current.start_at_login:
            from desktop.platform.autostart import AutostartError

            try:
                self._apply_autostart(settings.start_at_login)
            except AutostartError as exc:
                raise SettingsError({"start_at_login": exc.text}) from None
        saved = self._access.save(settings)
        log.info("general preferences saved")
        self.preferences_changed.emit(saved)
        return saved

    def _apply_autostart(self, wanted: bool) -> None:
        from desktop.platform.autostart import apply_start_at_login

        if not self.autostart_allowed:
            return
        if apply_start_at_login(wanted, self._profile_root, self.autostart()):
            log.info("start at log-in %s (%s)", "on" if wanted else "off",
                     self.autostart().location())
