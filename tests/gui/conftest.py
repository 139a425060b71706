"""GUI test rules for every test under tests/gui (pytest-qt, offscreen):

- a Qt warning (or critical/fatal message) fails the test;
- no test touches the real keyring: `open_secret_store` gives a fresh MemorySecretStore;
- times, weeks and durations show the same on every machine (`fixed_display_format`);
- every test runs on its own temporary profile (STINT_HOME, from tests/conftest.py).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("STINT_EXIT_AFTER_FIRST_PAINT", None)
os.environ.pop("STINT_REPORT_STARTUP", None)
os.environ.pop("STINT_START_HIDDEN", None)

from desktop.domain.items import ROOT_ID, Item, ItemKind  # noqa: E402
from desktop.platform.clock import FakeClock  # noqa: E402

# The offscreen platform plugin says "This plugin does not support raise()" (or
# propagateSizeHints(), grabbing the keyboard, ...) for ordinary window operations: not ours.
OFFSCREEN_PLUGIN_NOISE = "This plugin does not support "

HOSTILE_NAME = '<b>x</b><img src="file:///etc/passwd">&amp; \u202eevil'
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)

ACME_ID = "006000000000001AAA"
CALL_ID = "00T000000000001AAA"
SEND_QUOTE_ID = "00T000000000002AAA"
CASE_ID = "500000000000001AAA"
HOSTILE_ID = "500000000000002AAA"
CLOSED_ID = "006000000000002AAA"
CLOSED_CHILD_ID = "00T000000000003AAA"


def sample_items() -> list[Item]:
    return [
        Item(ACME_ID, ItemKind.OPPORTUNITY, "Acme Corp - 500 Widgets", ROOT_ID, "Opportunity",
             (("Account", "Acme Corp"), ("Stage", "Prospecting"))),
        Item(CALL_ID, ItemKind.ACTIVITY, "Call back", ACME_ID, "Task"),
        Item(SEND_QUOTE_ID, ItemKind.ACTIVITY, "Send quote", ACME_ID, "Task"),
        Item(CASE_ID, ItemKind.CASE, "Printer on fire", ROOT_ID, "Case",
             (("Case Number", "00001026"), ("Account", "Globex"))),
        Item(HOSTILE_ID, ItemKind.CASE, HOSTILE_NAME, ROOT_ID, "Case",
             (("Case Number", "00001027"),)),
        Item(CLOSED_ID, ItemKind.OPPORTUNITY, "Initech - Closed deal", ROOT_ID, "Opportunity",
             (("Stage", "Closed Won"),), archived=True, archive_reason="closed"),
        Item(CLOSED_CHILD_ID, ItemKind.ACTIVITY, "Initech follow-up", CLOSED_ID, "Task"),
    ]


@pytest.fixture(autouse=True)
def qt_warnings_fail_the_test(qapp):
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    warnings: list[str] = []

    def handler(kind, _context, message):
        if message.startswith(OFFSCREEN_PLUGIN_NOISE):
            return
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            warnings.append(message)

    previous = qInstallMessageHandler(handler)
    yield
    qInstallMessageHandler(previous)
    assert not warnings, f"Qt warnings: {warnings}"


@pytest.fixture(autouse=True)
def fixed_display_format():
    """Times as 14:05, weeks from Monday, durations as h:mm, whatever the machine's locale
    (tests of the "locale" choices set a QLocale themselves); restored afterwards."""
    from desktop.domain.settings import Settings
    from desktop.services.display_format import DisplayFormat, install_display_format

    shown = install_display_format(DisplayFormat())
    shown.apply(Settings(time_format="24h", week_start="monday", duration_format="hm"))
    yield shown
    shown.blockSignals(True)  # views of this test that outlive it must not hear of changes
    install_display_format(DisplayFormat())


@pytest.fixture(autouse=True)
def isolated_profile_and_keyring(profile_dir, monkeypatch):
    """Own profile (STINT_HOME) and an in-memory secret store instead of the OS keyring."""
    from desktop.platform import secrets

    stores: list[secrets.MemorySecretStore] = []

    def memory_store(_service_name: str) -> secrets.MemorySecretStore:
        store = secrets.MemorySecretStore()
        stores.append(store)
        return store

    monkeypatch.setattr(secrets, "open_secret_store", memory_store)
    import sys

    core = sys.modules.get("desktop.engine.core")
    if core is not None:
        monkeypatch.setattr(core, "open_secret_store", memory_store)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    return stores


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def gui_store(profile_dir):
    from desktop.store.store import Store

    opened = Store.open(profile_dir / "data" / "stint.sqlite3", display_tz=UTC)
    opened.items.upsert_many(sample_items())
    yield opened
    opened.close()


@pytest.fixture
def timer(qtbot, gui_store, clock):
    from desktop.services.timer_service import TimerService

    return TimerService(gui_store, clock)


@pytest.fixture
def tasks(qtbot, gui_store):
    from desktop.services.tasks_service import TasksService

    service = TasksService(gui_store)
    reload_and_wait(qtbot, service)
    return service


def reload_and_wait(qtbot, service) -> None:
    """Reload the task catalog and wait until the tree and the search index are both in."""
    service.reload()
    qtbot.waitUntil(lambda: not service.is_loading() and service.is_searchable(), timeout=20_000)


class FakeScheduler:
    """Stands in for desktop.sync.scheduler.Scheduler: records calls, runs nothing."""

    def __init__(self) -> None:
        self.forced = 0
        self.cancelled = 0
        self.running = False
        self.next_at: datetime | None = None

    def force_sync(self) -> None:
        self.forced += 1

    def cancel(self) -> None:
        self.cancelled += 1

    def next_run_at(self) -> datetime | None:
        return self.next_at

    def is_running(self) -> bool:
        return self.running


@pytest.fixture
def scheduler() -> FakeScheduler:
    return FakeScheduler()


@pytest.fixture
def sync(qtbot, gui_store, scheduler):
    from desktop.services.sync_service import SyncService

    return SyncService(gui_store, scheduler)
