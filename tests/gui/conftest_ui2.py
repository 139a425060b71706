"""Fixtures for the timesheet, integration page and sync status tests (imported explicitly by
those test modules; tests/gui/conftest.py adds the Qt-warning check, the isolated keyring and
`clock`). Each test gets its own profile and store; the services are the real ones."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.store.store import Store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# What `from tests.gui.conftest_ui2 import *` brings into a test module: the fixtures.
__all__ = [
    "engine",
    "engine_tasks_service",
    "entries_service",
    "integration_service",
    "sync_service",
    "store",
    "tasks_service",
    "timer_service",
]

# A fixed zone with daylight saving, so tests do not depend on the machine's zone.
TZ = ZoneInfo("Europe/Berlin")
# Wednesday 18 November 2026, 10:00 UTC = 11:00 in Berlin.
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)

OPPORTUNITY_ID = "006000000000001AAA"
CALL_ID = "00T000000000001AAA"
CASE_ID = "500000000000001AAA"
ARCHIVED_ID = "006000000000002AAA"

TASK_ITEMS = (
    Item(OPPORTUNITY_ID, ItemKind.OPPORTUNITY, "Acme - 500 Widgets", ROOT_ID, "Opportunity",
         (("Account", "Acme"), ("Stage", "Prospecting"))),
    Item(CALL_ID, ItemKind.ACTIVITY, "Call back", OPPORTUNITY_ID, "Task"),
    Item(CASE_ID, ItemKind.CASE, "<b>Printer</b> on fire", ROOT_ID, "Case",
         (("Case Number", "00001026"),)),
    Item(ARCHIVED_ID, ItemKind.OPPORTUNITY, "Globex - Closed deal", ROOT_ID, "Opportunity",
         archived=True, archive_reason="closed"),
)


def local(day: int, hour: int, minute: int = 0) -> datetime:
    """A Berlin wall-clock time in November 2026, as aware UTC (what the store keeps)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=TZ).astimezone(UTC)


@pytest.fixture
def store(profile_dir):
    opened = Store.open(profile_dir / "stint.db", display_tz=TZ)
    opened.items.upsert_many(TASK_ITEMS)
    yield opened
    opened.close()


@pytest.fixture
def timer_service(qtbot, store, clock):
    from desktop.services.timer_service import TimerService

    return TimerService(store, clock)


@pytest.fixture
def tasks_service(qtbot, store):
    from desktop.services.tasks_service import TasksService

    service = TasksService(store)
    # The tree and the search index both (the first tree_changed comes before the index:
    # waiting for it alone let searches see only the recent tasks on a busy machine).
    service.reload()
    qtbot.waitUntil(lambda: not service.is_loading() and service.is_searchable(), timeout=20_000)
    return service


@pytest.fixture
def entries_service(qtbot, store, timer_service, clock):
    from desktop.services.entries_service import EntriesService

    return EntriesService(store, timer_service, clock=clock, tz=TZ)


@pytest.fixture
def engine(profile_dir):
    """The real engine on the test's profile, with an in-memory keyring."""
    from desktop.engine import Engine
    from desktop.platform.secrets import MemorySecretStore

    opened = Engine.open(profile_dir, secret_store=MemorySecretStore(), log_to_file=False)
    yield opened
    opened.close()


@pytest.fixture
def engine_tasks_service(qtbot, engine):
    from desktop.services.tasks_service import TasksService

    service = TasksService(engine.store)
    with qtbot.waitSignal(service.tree_changed, timeout=10_000):
        service.reload()
    return service


@pytest.fixture
def sync_service(qtbot, engine):
    from desktop.services.sync_service import SyncService

    return SyncService(engine.store)


@pytest.fixture
def integration_service(qtbot, engine, sync_service):
    from desktop.services.integration_service import IntegrationService

    return IntegrationService(engine, sync_service)
