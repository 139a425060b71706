"""The Engine: everything Stint does without a window, composed once per profile.

Used by the headless CLI (desktop/commands) and by the GUI's app.py, which wraps the
scheduler's callbacks into Qt signals. Order of construction: profile paths -> logging ->
store -> admin policy + settings -> secret store (lazily: commands that never talk to
Salesforce never touch the keyring) -> Salesforce client (lazily, resumed from the stored
secrets) -> pull sync -> scheduler (only when asked for).

Only the store, settings and platform basics are imported with this module: the connection
(simple-salesforce, requests), the keyring, the sync and the scheduler load on first use, so
`stint status`, `start` and `stop` start in a few tens of milliseconds (issue 16;
tests/unit/commands/test_cli_import_boundary.py keeps it so). The link to Salesforce (signing
in, the link as it stands, unlinking) is in engine_link.py, a part of the Engine.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from desktop.domain.entries import TimeEntry
from desktop.domain.items import Item
from desktop.domain.synclog import RunOutcome, SyncRun
from desktop.domain.text import QT_TRANSLATE_NOOP, Message
from desktop.engine.engine_link import EngineLink
from desktop.engine.errors import EngineError, SyncAlreadyRunning, UnknownTask
from desktop.engine.salesforce_stack import load_salesforce_stack
from desktop.engine.settings_access import SettingsAccess
from desktop.engine.sync_locks import SyncLocks
from desktop.engine.sync_pause import PauseState, pause_state
from desktop.platform.clock import SYSTEM_CLOCK, Clock
from desktop.platform.file_problems import os_error_text
from desktop.platform.logs import setup_logging
from desktop.platform.paths import ProfilePaths, open_profile
from desktop.platform.policy import PolicyError, load_policy
from desktop.salesforce.api_usage import ApiUsage, parse_limit_info
from desktop.store import Store, StoreError

if TYPE_CHECKING:  # loaded on first use (see the module doc)
    from desktop.engine.connection import ConnectionManager
    from desktop.platform.secrets import SecretStore
    from desktop.salesforce.client import SalesforceClient
    from desktop.sync.pull.run import ProgressCallback, PullSync
    from desktop.sync.push.report import PushReport
    from desktop.sync.scheduler import Scheduler

log = logging.getLogger(__name__)

API_USAGE_KEY = "api_usage"  # "used/limit" from the last Sforce-Limit-Info seen


def open_secret_store(service: str) -> SecretStore:
    """The profile's keyring (loaded here, on the first command that needs a secret)."""
    from desktop.platform.secrets import open_secret_store as open_keyring

    return open_keyring(service)


class Engine(EngineLink):
    """One profile's store, settings, connection, sync and timer. Close it when done."""

    def __init__(
        self,
        paths: ProfilePaths,
        store: Store,
        policy: Mapping[str, Any],
        *,
        secret_store: SecretStore | Callable[[], SecretStore] | None = None,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self.paths = paths
        self.store = store
        self.clock = clock
        self.settings = SettingsAccess(store, policy, clock)
        if secret_store is None:
            factory: Callable[[], SecretStore] = lambda: open_secret_store(paths.keyring_service)  # noqa: E731
        elif callable(secret_store) and not hasattr(secret_store, "get"):
            factory = secret_store
        else:
            factory = lambda: secret_store  # type: ignore[assignment,return-value]  # noqa: E731
        self._secret_store_factory = factory
        self._secrets_handed_in = secret_store is not None  # the demo's, tests': this process's only
        self.keeps_session = False  # the app's sync processes set it (commands/child_runs.py)
        # The app sets it: a never-linked profile's keyring is asked in a child process
        # (engine/sign_in_process.py), whose answer note_keyring_answer() keeps.
        self.asks_keyring_in_child = False
        self._keyring_answered = False
        self._keyring_problem: Message | None = None  # the answer: None, it keeps sign-ins
        self._secret_store: SecretStore | None = None  # opened on first use, then shared
        self._secrets_lock = threading.Lock()
        self._connection: ConnectionManager | None = None
        self._pull: PullSync | None = None
        self._scheduler: Scheduler | None = None
        self._locks = SyncLocks(paths.data_dir)

    @classmethod
    def open(
        cls,
        profile: str | os.PathLike[str] | None = None,
        *,
        secret_store: SecretStore | Callable[[], SecretStore] | None = None,
        clock: Clock | None = None,
        policy: Mapping[str, Any] | None = None,
        environ: Mapping[str, str] | None = None,
        log_to_file: bool = True,
    ) -> Engine:
        """Open (creating if needed) the profile `profile`, else STINT_HOME, else the default."""
        try:
            paths = open_profile(profile, environ)
        except OSError as exc:
            raise EngineError(QT_TRANSLATE_NOOP(
                "EngineError", "The profile folder cannot be created: %1"), os_error_text(exc)) from None
        if log_to_file:
            setup_logging(paths.log_dir, deferred=True)  # opened by the first record
        try:
            active_policy = load_policy(environ=environ) if policy is None else dict(policy)
        except PolicyError as exc:
            raise EngineError(exc.message) from None
        try:
            store = Store.open(paths.db_path)
        except StoreError as exc:
            raise EngineError(exc.text) from None
        engine = cls(
            paths, store, active_policy, secret_store=secret_store, clock=clock or SYSTEM_CLOCK
        )
        engine.settings.current()  # a broken policy value fails here, with its message
        return engine

    # -- sync --------------------------------------------------------------------------------

    def sync(
        self,
        full: bool = False,
        *,
        cancel: threading.Event | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> SyncRun:
        """Sync now and return the run. With the scheduler running, joins/starts it there."""
        if self._scheduler is not None and self._scheduler_thread_alive():
            run = self._scheduler.force_sync(full, wait=True)
            if run is None:
                raise EngineError(QT_TRANSLATE_NOOP("EngineError", "The sync did not finish."))
            return run
        return self.run_sync(full, cancel or threading.Event(), on_progress)

    def run_sync(
        self, full: bool, cancel: threading.Event, on_progress: ProgressCallback | None = None
    ) -> SyncRun:
        """One run on this thread, holding the profile's sync lock (one sync per profile,
        across processes). Raises SyncAlreadyRunning, NotConnected."""
        load_salesforce_stack()
        from desktop.sync.push.pusher import push_after_pull

        if not self._locks.local.acquire(blocking=False):
            raise SyncAlreadyRunning()
        try:
            if not self._locks.profile.acquire():
                raise SyncAlreadyRunning()
            try:
                # Holding the lock, any run still marked running was cut short by a crash.
                self.store.sync_log.mark_interrupted(self.clock.now())
                pull = self._pull_sync()
                client = pull.client
                client.cancel_event = cancel
                try:
                    run = pull.run(
                        self.settings.current(), full=full, cancel=cancel, on_progress=on_progress
                    )
                    # Write-back (issue 5): push time entries into the same run when it is on.
                    run = push_after_pull(
                        self.store, client, self.settings.current(), run, self.clock.now
                    )
                finally:
                    client.cancel_event = threading.Event()
                self._remember_api_usage(client.api_usage)
                return run
            finally:
                self._locks.profile.release()
        finally:
            self._locks.local.release()

    # -- pause (issue 15) ----------------------------------------------------------------------

    def pause_state(self) -> PauseState:
        """Whether synchronization is paused, since when, and whether the policy decides."""
        settings, locked = self.settings.current(), self.settings.locked()
        return pause_state(self.store, settings, locked)

    def set_sync_paused(self, paused: bool) -> PauseState:
        """Pause or resume automatic synchronization (stored: it survives a restart). Raises
        SettingLocked when the admin policy decides. A running sync is not cancelled."""
        self.settings.update(sync_paused=paused)
        if self._scheduler is not None:
            self._scheduler.wake()
        return self.pause_state()

    def push_now(
        self, wait_seconds: float = 120.0, cancel: threading.Event | None = None
    ) -> PushReport | None:
        """Write-back now, e.g. right after a timer stop or an edit (call it off the GUI
        thread: it talks to Salesforce). Waits up to `wait_seconds` for a running sync or
        push (of this process or another) to finish first: a sync pushes too, and two pushes
        never overlap. None when write-back is off, synchronization is paused (the entries
        wait, pending), not connected, or the profile stays busy. Setting `cancel` stops the
        push between requests; what it did not send stays pending."""
        load_salesforce_stack()
        from desktop.salesforce.errors import ConnectionProblem
        from desktop.sync.push.pusher import EntryPusher

        if not self.writeback_enabled() or self.settings.current().sync_paused:
            return None
        try:
            client = self.connection.client()
        except (ConnectionProblem, EngineError):  # not connected, or the sign-in fails
            return None
        cancel = cancel or threading.Event()
        deadline = time.monotonic() + wait_seconds  # real waiting, whatever clock the engine has
        if not self._locks.wait_local(wait_seconds, cancel):
            return None
        try:
            if not self._locks.wait_profile(deadline, cancel):
                return None
            try:
                client.cancel_event = cancel
                return EntryPusher(
                    self.store, client, self.settings.current(), now=self.clock.now
                ).push()
            finally:
                client.cancel_event = threading.Event()
                self._remember_api_usage(client.api_usage)
                self._locks.profile.release()
        finally:
            self._locks.local.release()

    def push_from_app(
        self, wait_seconds: float = 120.0, cancel: threading.Event | None = None
    ) -> PushReport | None:
        """push_now as the app runs it: in a child process when one can sign in (the sign-in
        is kept in the system keyring), so the Salesforce client never loads in the app
        (desktop.engine.push_process); here otherwise, or when no child can be started."""
        if not self.writeback_enabled() or self.settings.current().sync_paused:
            return None
        if self.can_run_in_child():
            from desktop.engine.push_process import PushProcess

            try:
                return PushProcess(self.paths, self._locks)(
                    wait_seconds, cancel or threading.Event())
            except OSError as exc:
                log.warning("write-back: no push process (%s); this push runs in the app", exc)
        return self.push_now(wait_seconds, cancel)

    def writeback_enabled(self) -> bool:
        """True when time entries go to Salesforce (settings or admin policy)."""
        return self.settings.current().writeback != "off"

    def last_problem(self, run: SyncRun) -> BaseException | None:
        """The exception behind a failed run of this engine (for "re-enter password" etc.)."""
        pull = self._pull
        return pull.last_problem if pull is not None and run.outcome is not RunOutcome.SUCCEEDED else None

    def api_usage(self) -> ApiUsage | None:
        client = self._connection.current_client() if self._connection is not None else None
        usage = client.api_usage if client is not None else None
        if usage is not None:
            return usage
        return parse_limit_info(
            f"api-usage={self.store.sync_state.get_value(API_USAGE_KEY) or ''}"
        )

    def _pull_sync(self) -> PullSync:
        load_salesforce_stack()
        from desktop.sync.pull.run import PullSync

        client = self._client_or_failed_run()
        if self._pull is None or self._pull.client is not client:
            self._pull = PullSync(self.store, client, clock=self.clock)
        return self._pull

    def _client_or_failed_run(self) -> SalesforceClient:
        from desktop.salesforce.errors import ConnectionProblem

        try:
            return self.connection.client()
        except ConnectionProblem as exc:
            # The stored sign-in no longer works: record it like any failed run.
            now = self.clock.now()
            run_id = self.store.sync_log.start_run(now, "incremental")
            self.store.sync_log.finish_run(run_id, now, RunOutcome.FAILED, exc.text, 0)
            raise

    def _remember_api_usage(self, usage: ApiUsage | None) -> None:
        if usage is not None:
            self.store.sync_state.set_value(API_USAGE_KEY, f"{usage.used}/{usage.limit}")

    # -- scheduler ---------------------------------------------------------------------------

    def start_scheduler(self, first_delay: timedelta = timedelta(0), *,
                        runs_in_child: bool = False, **callbacks: Any) -> Scheduler:
        """Start automatic syncing (on_started, on_progress, on_finished, on_failed and
        on_pause_changed callbacks, called on the scheduler's thread; nothing runs by itself
        while paused). With `runs_in_child` (the app), each run whose sign-in a child process
        can find runs in one (desktop.engine.sync_process). Returns the running Scheduler."""
        from desktop.sync.scheduler import Scheduler

        if self._scheduler is None:
            run_sync: Callable[..., SyncRun] = self.run_sync
            problem_of: Callable[[SyncRun], BaseException | None] = self.last_problem
            if runs_in_child:
                from desktop.engine.sync_process import ScheduledRuns

                runs = ScheduledRuns(self.paths, self.store, self._locks.local, self.run_sync,
                                     self.last_problem, self.can_run_in_child)
                run_sync, problem_of = runs, runs.last_problem
            self._scheduler = Scheduler(
                run_sync,
                interval=lambda: timedelta(minutes=self.settings.current().sync_interval_minutes),
                api_usage=self.api_usage,
                clock=self.clock,
                problem_of=problem_of,
                first_delay=first_delay,
                is_paused=lambda: self.settings.current().sync_paused,
                **callbacks,
            )
        self._scheduler.start()
        return self._scheduler

    def can_run_in_child(self) -> bool:
        """Whether a sync or push of the app may run in a child process (engine/sync_process):
        on a platform where that is done, with a sign-in the child can find."""
        from desktop.platform.child_command import CHILD_PROCESS_PLATFORM

        return CHILD_PROCESS_PLATFORM and self.sign_in_in_system_keyring()

    @property
    def scheduler(self) -> Scheduler | None:
        return self._scheduler

    def stop_scheduler(self) -> None:
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None:
            scheduler.stop()

    def cancel_sync(self) -> None:
        if self._scheduler is not None:
            self._scheduler.cancel()

    def _scheduler_thread_alive(self) -> bool:
        return self._scheduler is not None and self._scheduler._thread is not None

    # -- tasks and the timer ------------------------------------------------------------------

    def task(self, item_id: str) -> Item:
        item = self.store.items.by_id(item_id)
        if item is None or item.is_root:
            raise UnknownTask(QT_TRANSLATE_NOOP(
                "EngineError", "There is no task with the id %1 on this profile."), repr(item_id))
        return item

    def start_timer(self, item_id: str | None, note: str = "", billable: bool = False):
        """Start the timer on a task (None: "no task"); stops the running one first."""
        if item_id is not None:
            self.task(item_id)
        return self.store.entries.start_timer(item_id, self.clock.now(), note, billable)

    def stop_timer(self):
        return self.store.entries.stop_timer(self.clock.now())

    def add_entry(self, item_id: str | None, start: datetime, end: datetime, note: str = "",
                  billable: bool = False) -> TimeEntry:
        """Store a manual (stopped) entry with the timesheet's rules: EntryError when it ends
        before it starts or shares time with another entry."""
        if item_id is not None:
            self.task(item_id)
        entry = TimeEntry(start=start, end=end, item_id=item_id, note=note, billable=billable)
        return self.store.entries.add(entry, now=self.clock.now())

    # -- life cycle --------------------------------------------------------------------------

    def close(self) -> None:
        self.stop_scheduler()
        if self._connection is not None:
            self._connection.close()
        self.store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

