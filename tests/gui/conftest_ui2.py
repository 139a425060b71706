"""Fixtures for the timesheet, integration page and sync status tests (imported explicitly by
those test modules). Each test gets its own profile, store and fake clock; the services are the
real ones (UI-1's TimerService/TasksService, UI-2's EntriesService)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.platform.clock import FakeClock
from desktop.store.store import Store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# What `from tests.gui.conftest_ui2 import *` brings into a test module: the fixtures.
__all__ = [
    "clock",
    "entries_service",
    "qt_warnings_fail_the_test",
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
def clock() -> FakeClock:
    return FakeClock(NOW)


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
    with qtbot.waitSignal(service.tree_changed, timeout=10_000):
        service.reload()
    return service


@pytest.fixture
def entries_service(qtbot, store, timer_service, clock):
    from desktop.services.entries_service import EntriesService

    return EntriesService(store, timer_service, clock=clock, tz=TZ)


# The offscreen platform plugin says "This plugin does not support raise()" (or
# propagateSizeHints(), grabbing the keyboard, ...) for ordinary window operations: not our code.
OFFSCREEN_PLUGIN_NOISE = "This plugin does not support "


@pytest.fixture(autouse=True)
def qt_warnings_fail_the_test(qapp):
    """A Qt warning fails the test (until UI-1's tests/gui/conftest.py does this for all)."""
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
