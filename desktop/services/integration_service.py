"""The Salesforce integration for the Settings page: connect, unlink, re-enable, settings.

Wraps the engine (desktop/engine): every network step (sign-in, revoke, describe, the item
query for "specific items") runs on a worker thread and comes back as a past-tense signal;
errors arrive as the plain-language messages of desktop.salesforce.errors / the engine.
Settings reads and saves are one small store query each, done on the caller's thread.

"Unlink" (as the core defines it) revokes and deletes the stored secrets and stops syncing;
every tracked minute and the archived tree stay. "Re-enable" asks for authorization again;
after any successful sign-in the next sync is a full pass (the engine resets it), and when a
SyncService is given it is started at once, so the active items refresh immediately.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.domain.settings import Settings, SettingsError, settings_problems
from desktop.domain.settings_policy import locked_problems
from desktop.engine import ConnectionInfo, Engine, EngineError
from desktop.engine.engine_link import IMPORTABLE_OBJECTS
from desktop.engine.salesforce_stack import load_salesforce_stack
from desktop.engine.sign_in_process import SignInInApp, sign_in_in_child
from desktop.salesforce.errors import Cancelled, ConnectionProblem
from desktop.services.candidates import Candidate, can_match, candidate, candidate_soql
from desktop.services.field_choices import ObjectChoices, object_choices
from desktop.services.i18n import error_text
from desktop.services.workers import run_in_background
from desktop.sync.metadata import MetadataCache

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OrgMetadata:
    """What the settings form offers from describe: stages in order, and per object the
    fields it can show and the relationships it can import as subtasks."""

    stages: tuple[str, ...] = ()
    choices: dict[str, ObjectChoices] = field(default_factory=dict)


def problem_message(error: BaseException) -> str:
    """The user-facing text of a failure; never a traceback, never a secret."""
    if isinstance(error, ConnectionProblem | EngineError):
        return error_text(error)
    if isinstance(error, Cancelled):
        return QCoreApplication.translate("IntegrationService", "Signing in was cancelled.")
    log.error("unexpected integration failure: %r", error)
    return QCoreApplication.translate(
        "IntegrationService", "Something unexpected went wrong; the log file has the details.")


class IntegrationService(QObject):
    connection_changed = Signal(object)  # ConnectionInfo, once known / after a change
    connect_started = Signal()
    connect_progressed = Signal(str)  # what is happening now, for the progress line
    browser_url_shown = Signal(str)  # no browser could be opened: show this URL to the user
    device_code_shown = Signal(str, str)  # sign-in with a code: (user code, where to enter it)
    connected = Signal(str)  # username (or the user id for a browser sign-in without one)
    # A sign-in failed for a set-up reason: the guide's topic (ConnectionProblem.setup_topic);
    # emitted just before connect_failed.
    setup_problem_found = Signal(str)
    connect_failed = Signal(str)
    unlinked = Signal()
    unlink_failed = Signal(str)
    reauthorization_requested = Signal()  # "Re-enable": show the sign-in form again
    settings_saved = Signal()
    ca_file_changed = Signal(str)  # the file now trusted ("" for the default)
    candidates_loaded = Signal(object)  # list[Candidate]
    candidates_failed = Signal(str)
    metadata_loaded = Signal(object)  # OrgMetadata
    metadata_failed = Signal(str)
    writeback_objects_loaded = Signal(object)  # list[desktop.sync.push.time_entry_objects.TimeEntryObject]
    writeback_objects_failed = Signal(str)

    def __init__(
        self,
        engine: Engine,
        sync_service: QObject | None = None,
        parent: QObject | None = None,
        *,
        open_browser: Callable[[str], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._sync = sync_service
        self._open_browser = open_browser
        self._cancel: threading.Event | None = None
        self._busy = False
        self._candidate_request = 0
        self._info: ConnectionInfo | None = None
        self.refresh_connection()

    # -- state -----------------------------------------------------------------------------
    def settings(self) -> Settings:
        return self._engine.settings.current()

    def locked_keys(self) -> frozenset[str]:
        return self._engine.settings.locked()

    def consumer_secret_from_policy(self) -> bool:
        """Whether the admin policy hands out the connected app's consumer secret."""
        return bool(self._engine.settings.policy.get("connection", {}).get("consumer_secret"))

    def connection_info(self) -> ConnectionInfo | None:
        """The last known connection state; None until the first check has answered (it
        opens the keyring, so it runs on a worker: see refresh_connection)."""
        return self._info

    def is_connected(self) -> bool:
        return self._info is not None and self._info.connected

    def refresh_connection(self) -> None:
        run_in_background(
            self, self._engine.known_connection_info, self._set_info,
            lambda error: log.warning("connection state unavailable: %s", error),
            name="connection info",
        )

    def _set_info(self, info: ConnectionInfo) -> None:
        self._info = info
        self.connection_changed.emit(info)

    def is_busy(self) -> bool:
        return self._busy

    # -- settings --------------------------------------------------------------------------
    def save_settings(self, settings: Settings) -> Settings:
        """Validate and store; SettingsError with a message per setting when invalid,
        EngineError (SettingLocked) when a locked setting would change."""
        problems = settings_problems(settings)
        current = self.settings()
        problems.update(locked_problems(settings, current, self.locked_keys()))
        if problems:
            raise SettingsError(problems)
        saved = self._engine.settings.save(settings)
        log.info("integration settings saved")
        self.settings_saved.emit()
        if (self._sync is not None and _import_changed(current, saved) and self.is_connected()
                and not saved.sync_paused):
            self._sync.force_sync()  # show the effect of new filters now, not in an hour
        return saved

    def change_ca_file(self, ca_file: str) -> None:
        """Trust another CA certificate file ("" for the default), connected or not; the next
        request uses it (a sync runs now to show whether it works). EngineError when the file
        does not exist or the setting is locked."""
        self._engine.change_ca_file(ca_file)
        self.ca_file_changed.emit(self.settings().ca_file)
        if self._sync is not None and self.is_connected():
            self._sync.force_sync()

    # -- connecting ------------------------------------------------------------------------
    def connect_password(
        self,
        login_url: str,
        username: str,
        password: str,
        security_token: str = "",
        ca_file: str | None = None,
    ) -> None:
        """Sign in with username + password + security token on a worker thread."""

        def work() -> ConnectionInfo:
            self.connect_progressed.emit(
                QCoreApplication.translate("IntegrationService", "Signing in to Salesforce…"))
            request = {"method": "password", "username": username, "password": password,
                       "security_token": security_token, "login_url": login_url,
                       "ca_file": ca_file or ""}
            return self._signed_in(request, threading.Event(), lambda: self._engine.connect_password(
                username, password, security_token, login_url=login_url, ca_file=ca_file or ""
            ))

        self._start_connect(work)

    def connect_oauth(
        self,
        login_url: str,
        consumer_key: str | None = None,
        ca_file: str | None = None,
        consumer_secret: str | None = None,
        callback_url: str | None = None,
    ) -> None:
        """Sign in through the system browser (authorization code + PKCE) on a worker; the
        redirect comes to `callback_url` (saved as the setting when the sign-in works)."""
        cancel = threading.Event()

        def work() -> ConnectionInfo:
            self.connect_progressed.emit(
                QCoreApplication.translate("IntegrationService", "Waiting for you to allow access in your browser…"))
            request: dict[str, Any] = {
                "method": "oauth",
                "login_url": login_url,
                "consumer_key": consumer_key,
                "consumer_secret": consumer_secret,
                "callback_url": callback_url,
                "ca_file": ca_file or "",
            }
            options = {name: value for name, value in request.items() if name != "method"}
            options.update(show_url=self.browser_url_shown.emit, cancel=cancel)
            if self._open_browser is not None:
                options["open_browser"] = self._open_browser
            return self._signed_in(request, cancel, lambda: self._engine.connect_oauth(**options),
                                   show_url=self.browser_url_shown.emit)

        self._start_connect(work, cancel)

    def connect_device(
        self,
        login_url: str,
        consumer_key: str | None = None,
        ca_file: str | None = None,
        consumer_secret: str | None = None,
    ) -> None:
        """Sign in with a code the user enters in a browser elsewhere, on a worker."""
        cancel = threading.Event()

        def show_code(user_code: str, verification_uri: str) -> None:
            self.connect_progressed.emit(
                QCoreApplication.translate("IntegrationService", "Waiting for you to enter the code…"))
            self.device_code_shown.emit(user_code, verification_uri)

        def work() -> ConnectionInfo:
            self.connect_progressed.emit(
                QCoreApplication.translate("IntegrationService", "Asking Salesforce for a sign-in code…"))
            request = {"method": "device", "login_url": login_url, "consumer_key": consumer_key,
                       "consumer_secret": consumer_secret, "ca_file": ca_file or ""}
            return self._signed_in(request, cancel, lambda: self._engine.connect_device(
                lambda code: show_code(code.user_code, code.verification_uri),
                login_url=login_url, consumer_key=consumer_key,
                consumer_secret=consumer_secret, ca_file=ca_file or "", cancel=cancel,
            ), show_code=show_code)

        self._start_connect(work, cancel)

    def _signed_in(self, request: dict[str, Any], cancel: threading.Event,
                   in_app: Callable[[], ConnectionInfo], *,
                   show_url: Callable[[str], None] | None = None,
                   show_code: Callable[[str, str], None] | None = None) -> ConnectionInfo:
        """Sign in from a child process when the system keyring can keep the sign-in (the app
        then never loads the Salesforce client for it: sign_in_process), else `in_app`. A
        browser opener handed in (tests') only works in this process."""
        if self._open_browser is None and self._engine.can_sign_in_in_child():
            try:
                sign_in_in_child(self._engine.paths, request, cancel, show_url, show_code)
                return self._engine.adopt_sign_in_from_child()
            except SignInInApp:
                log.info("no system keyring to keep a sign-in made in a child: signing in here")
            except OSError as exc:
                log.warning("no sign-in process could be started (%s): signing in here", exc)
        return in_app()

    def cancel_connect(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def reenable(self) -> None:
        """Re-enable after an unlink: the page asks for authorization again."""
        log.info("re-enable requested: asking for authorization again")
        self.reauthorization_requested.emit()

    def _start_connect(
        self, work: Callable[[], ConnectionInfo], cancel: threading.Event | None = None
    ) -> None:
        if self._busy:
            return
        self._busy = True
        self._cancel = cancel
        self.connect_started.emit()
        run_in_background(self, work, self._on_connected, self._on_connect_failed, name="connect")

    def _on_connected(self, info: ConnectionInfo) -> None:
        self._busy = False
        self._cancel = None
        log.info("connected to Salesforce")
        self._set_info(info)
        self._start_syncing()
        self.connected.emit(info.username or info.user_id or "your Salesforce user")

    def _on_connect_failed(self, error: BaseException) -> None:
        self._busy = False
        self._cancel = None
        topic = getattr(error, "setup_topic", None)
        if isinstance(error, ConnectionProblem) and topic:
            self.setup_problem_found.emit(topic)
        self.connect_failed.emit(problem_message(error))

    def _start_syncing(self) -> None:
        """Run the schedule and a (full) sync now, so the active items refresh at once."""
        if self._sync is None:
            return
        callbacks = self._sync.callbacks()
        scheduler = self._engine.start_scheduler(runs_in_child=True, **callbacks.as_kwargs())
        self._sync.attach(scheduler)
        if not self.settings().sync_paused:  # paused: nothing syncs until resumed or forced
            self._sync.force_sync()

    # -- unlinking -------------------------------------------------------------------------
    def unlink(self) -> None:
        """Stop syncing and forget the stored secrets (revoked first when possible)."""
        if self._busy:
            return
        self._busy = True
        if self._sync is not None:
            self._sync.attach(None)

        def work() -> ConnectionInfo:
            self._engine.disconnect()
            return self._engine.connection_info()

        run_in_background(self, work, self._on_unlinked, self._on_unlink_failed, name="unlink")

    def _on_unlinked(self, info: ConnectionInfo) -> None:
        self._busy = False
        self._set_info(info)
        self.unlinked.emit()

    def _on_unlink_failed(self, error: BaseException) -> None:
        self._busy = False
        self.unlink_failed.emit(problem_message(error))

    # -- what the org offers ---------------------------------------------------------------
    def load_metadata(self) -> None:
        """Describe Opportunity and Case (stage picklist, fields, child relationships) on a
        worker, through the sync's describe cache (each sync keeps it under a day old). Only a
        missing or stale describe signs in from this process: that loads the Salesforce client
        and keyring (~45 MB) into an app whose syncs otherwise sign in in processes of their own."""

        def work() -> OrgMetadata:
            cache = MetadataCache(self._engine.store)
            now = self._engine.clock.now()
            metas = cache.all_cached(IMPORTABLE_OBJECTS, now)
            if metas is None:
                metas = cache.get(self._engine.connection.client(), IMPORTABLE_OBJECTS, now)
            return OrgMetadata(
                stages=metas["Opportunity"].picklist("StageName"),
                choices={name: object_choices(meta) for name, meta in metas.items()},
            )

        run_in_background(
            self, work, self.metadata_loaded.emit,
            lambda error: self.metadata_failed.emit(problem_message(error)), name="describe",
        )

    def load_writeback_objects(self) -> None:
        """Find the org's custom objects that can receive time entries (a few API calls)."""

        def work() -> list:
            # (on the worker: the push code loads the Salesforce client)
            load_salesforce_stack()
            from desktop.sync.push.time_entry_objects import find_time_entry_objects

            return find_time_entry_objects(self._engine.connection.client())

        run_in_background(
            self, work, self.writeback_objects_loaded.emit,
            lambda error: self.writeback_objects_failed.emit(problem_message(error)),
            name="write-back objects",
        )

    def load_candidates(self, text: str = "", sobjects: Sequence[str] = IMPORTABLE_OBJECTS) -> None:
        """Query Opportunities/Cases whose name (or case number/subject) contains `text`.

        Only the latest request's answer is delivered (typing fast never shows stale lists).
        """
        self._candidate_request += 1
        request = self._candidate_request
        wanted = [s for s in sobjects if s in IMPORTABLE_OBJECTS]

        def work() -> list[Candidate]:
            if not can_match(text.strip()):
                return []  # longer than any name: nothing to ask Salesforce
            client = self._engine.connection.client()
            found: list[Candidate] = []
            for sobject in wanted:
                for page in client.query_pages(candidate_soql(sobject, text.strip())):
                    found.extend(candidate(sobject, record) for record in page["records"])
                    break  # the first page is plenty for a picking list
            return found

        def done(found: list[Candidate]) -> None:
            if request == self._candidate_request:
                self.candidates_loaded.emit(found)

        def failed(error: BaseException) -> None:
            if request == self._candidate_request:
                self.candidates_failed.emit(problem_message(error))

        run_in_background(self, work, done, failed, name="candidates")


_IMPORT_SETTINGS = (
    "import_opportunities", "import_cases", "import_mode", "specific_ids", "only_mine",
    "opportunity_stage_trigger", "extra_fields", "child_relationships", "writeback",
    "writeback_object", "excluded_ids",
)


def _import_changed(before: Settings, after: Settings) -> bool:
    return any(getattr(before, name) != getattr(after, name) for name in _IMPORT_SETTINGS)
