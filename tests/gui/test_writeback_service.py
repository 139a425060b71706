"""Write-back from the GUI services (issue 5): a stop, an edit and a delete reach Salesforce
without waiting for the next sync, pushed on a worker, coalesced, one push at a time, and the
timesheet's Salesforce column follows."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.entries import EntrySyncState, TimeEntry
from desktop.platform.clock import FakeClock
from desktop.services.entries_service import EntriesService
from desktop.services.timer_service import TimerService
from desktop.services.writeback_service import WriteBackService
from desktop.ui.pages import build_timesheet_page
from desktop.ui.timesheet.day_model import DayColumn
from desktop.ui.timesheet.view import TimesheetView

WAIT_MS = 30_000


# -- against the sandbox -------------------------------------------------------------------
@pytest.fixture
def wb_clock():
    # Sandbox Events are checked against real dates: start the fake clock at the real time.
    return FakeClock(start=datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def wb_engine(profile_dir, sandbox, wb_clock):
    from desktop.engine import Engine
    from desktop.platform.secrets import MemorySecretStore

    with Engine.open(profile_dir, secret_store=MemorySecretStore(), policy={}, clock=wb_clock,
                     log_to_file=False) as engine:
        engine.connect_password(sandbox.username, sandbox.password, sandbox.security_token,
                                login_url=sandbox.login_url, ca_file=sandbox.ca_file)
        engine.sync()
        engine.settings.update(writeback="event")
        yield engine


@pytest.fixture
def world(qtbot, wb_engine, wb_clock):
    """Timer, entries, write-back and a shown timesheet, wired as app.py wires them."""
    timer = TimerService(wb_engine.store, wb_clock)
    entries = EntriesService(wb_engine.store, timer, clock=wb_clock, tz=UTC)
    writeback = WriteBackService(wb_engine, debounce_ms=50, after_delete_ms=1500)
    writeback.watch_timer(timer)
    writeback.watch_entries(entries)
    writeback.entries_pushed.connect(entries.refresh)
    view = TimesheetView(entries, _Tasks(wb_engine.store), timer)
    qtbot.addWidget(view)
    view.show()
    yield timer, entries, writeback, view
    writeback.shutdown()


class _Tasks:
    """The tree the timesheet names tasks with (TasksService would load it on a worker)."""

    def __init__(self, store) -> None:
        self._tree = store.items.tree()

    def tree(self):
        return self._tree


def _opportunity(engine):
    return next(i for i in engine.store.items.all() if i.sobject == "Opportunity")


def _stint_events(sandbox):
    records = sandbox.salesforce().query_all(
        "SELECT Id, WhatId, Description, DurationInMinutes FROM Event")["records"]
    return [e for e in records if "[stint:" in (e["Description"] or "")]


def _salesforce_cell(view, entry_id):
    row = view.day_model.row_of(entry_id)
    return view.day_model.data(view.day_model.index(row, DayColumn.SALESFORCE))


def test_a_stopped_timer_reaches_salesforce_and_the_timesheet_shows_it_synced(
        qtbot, world, wb_engine, wb_clock, sandbox):
    timer, _entries, writeback, view = world
    opportunity = _opportunity(wb_engine)
    timer.start(opportunity.id)
    wb_clock.advance(minutes=25)
    with qtbot.waitSignal(writeback.entries_pushed, timeout=WAIT_MS) as pushed:
        stopped = timer.stop()
    assert pushed.args[0].created == 1 and pushed.args[0].error is None

    [event] = _stint_events(sandbox)
    assert event["WhatId"] == opportunity.id and event["DurationInMinutes"] == 25
    assert wb_engine.store.entries.get(stopped.id).sync_state is EntrySyncState.SYNCED
    assert _salesforce_cell(view, stopped.id) == "Synced"  # the timesheet reloaded


def test_the_sync_page_lists_a_push_between_syncs(qtbot, world, wb_engine, wb_clock):
    from desktop.services.sync_service import SyncService
    from desktop.ui.sync_status.view import SyncStatusView

    timer, _entries, writeback, _view = world
    sync = SyncService(wb_engine.store)
    writeback.entries_pushed.connect(sync.note_pushed)  # as app.py wires it
    page = SyncStatusView(sync)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=WAIT_MS)
    changes = page.statistics.changes_model

    timer.start(_opportunity(wb_engine).id)
    wb_clock.advance(minutes=5)
    with qtbot.waitSignal(sync.entries_pushed, timeout=WAIT_MS):
        timer.stop()
    qtbot.waitUntil(lambda: changes.rowCount() > 0 and not page.is_loading(), timeout=WAIT_MS)
    texts = [changes.data(changes.index(0, column)) for column in range(changes.columnCount())]
    assert "Event" in texts and "To Salesforce" in texts
    assert "API calls in the last 24 hours" in page.api_label.text()


def test_an_edit_and_a_delete_propagate_the_delete_after_the_undo_grace(
        qtbot, world, wb_engine, wb_clock, sandbox):
    _timer, entries, writeback, view = world
    start = wb_clock.now() - timedelta(hours=2)
    view.set_day(start.date())  # the entry's day (UTC, as the timesheet here): before 02:00, yesterday
    with qtbot.waitSignal(writeback.entries_pushed, timeout=WAIT_MS):
        added = entries.add(_opportunity(wb_engine).id, start, start + timedelta(minutes=30))
    assert len(_stint_events(sandbox)) == 1

    with qtbot.waitSignal(writeback.entries_pushed, timeout=WAIT_MS):
        entries.update(wb_engine.store.entries.get(added.id).with_changes(note="call notes"))
    [event] = _stint_events(sandbox)
    assert "call notes" in event["Description"]
    assert _salesforce_cell(view, added.id) == "Synced"

    # The delete's immediate push keeps the Salesforce copy: Undo may still bring it back.
    with qtbot.waitSignal(writeback.entries_pushed, timeout=WAIT_MS):
        entries.delete(added.id)
    assert len(_stint_events(sandbox)) == 1
    # Past the push code's 30 s grace the delayed push removes it.
    wb_clock.advance(seconds=31)
    with qtbot.waitSignal(writeback.entries_pushed, timeout=WAIT_MS) as pushed:
        pass  # the delayed push (after_delete_ms after the delete)
    assert pushed.args[0].deleted == 1
    assert _stint_events(sandbox) == []


# -- the scheduling rules, with an engine that records its pushes --------------------------
class RecordingEngine:
    """Counts push_from_app calls and how many ran at once; `gate` holds a push open."""

    def __init__(self) -> None:
        self.calls = 0
        self.active = 0
        self.most_at_once = 0
        self.gate = threading.Event()
        self.gate.set()
        self.threads: set[str] = set()
        self._lock = threading.Lock()

    def push_from_app(self, wait_seconds: float = 0, cancel: threading.Event | None = None):
        with self._lock:
            self.calls += 1
            self.active += 1
            self.most_at_once = max(self.most_at_once, self.active)
            self.threads.add(threading.current_thread().name)
        try:
            self.gate.wait(10)
            return "report"
        finally:
            with self._lock:
                self.active -= 1


def test_a_burst_of_changes_makes_one_push_off_the_gui_thread(qtbot):
    engine = RecordingEngine()
    service = WriteBackService(engine, debounce_ms=100)
    with qtbot.waitSignal(service.push_finished, timeout=5000) as finished:
        for _ in range(5):
            service.request_push()
    assert finished.args == ["report"] and engine.calls == 1
    assert threading.current_thread().name not in engine.threads
    qtbot.wait(300)
    assert engine.calls == 1


def test_a_request_during_a_push_waits_and_runs_once_after_it(qtbot):
    engine = RecordingEngine()
    engine.gate.clear()
    service = WriteBackService(engine, debounce_ms=10)
    service.request_push()
    qtbot.waitUntil(lambda: engine.active == 1, timeout=5000)
    for _ in range(3):
        service.request_push()
    with qtbot.waitSignal(service.push_finished, timeout=5000):
        engine.gate.set()
    qtbot.waitUntil(lambda: engine.calls == 2 and not service.is_pushing(), timeout=5000)
    qtbot.wait(100)
    assert engine.calls == 2 and engine.most_at_once == 1


def test_a_stop_before_the_engine_exists_is_pushed_once_it_is_attached(qtbot, gui_store, clock):
    timer = TimerService(gui_store, clock)
    service = WriteBackService(debounce_ms=10)
    service.watch_timer(timer)
    timer.start(None)
    clock.advance(minutes=5)
    timer.stop()
    assert service.has_pending()
    engine = RecordingEngine()
    with qtbot.waitSignal(service.push_finished, timeout=5000):
        service.attach(engine)
    assert engine.calls == 1


def test_an_empty_timer_and_a_start_push_nothing(qtbot, gui_store, clock):
    engine = RecordingEngine()
    timer = TimerService(gui_store, clock)
    service = WriteBackService(engine, debounce_ms=10)
    service.watch_timer(timer)
    timer.start(None)
    timer.stop()  # stopped in the same instant: dropped, nothing to push
    qtbot.wait(100)
    assert engine.calls == 0 and not service.has_pending()


def test_a_delete_pushes_now_and_again_after_the_grace(qtbot, store_with_entry):
    store, entries, entry = store_with_entry
    engine = RecordingEngine()
    service = WriteBackService(engine, debounce_ms=10, after_delete_ms=300)
    service.watch_entries(entries)
    entries.delete(entry.id)
    qtbot.waitUntil(lambda: engine.calls == 1, timeout=5000)
    assert service.has_pending()  # the delayed push is still to come
    qtbot.waitUntil(lambda: engine.calls == 2, timeout=5000)


def test_edits_say_whether_they_deleted_an_entry(qtbot, store_with_entry):
    store, entries, entry = store_with_entry
    edited: list[bool] = []
    entries.entries_edited.connect(edited.append)
    entries.add(None, entry.end + timedelta(hours=1), entry.end + timedelta(hours=2))
    entries.undo()  # undoing an add deletes it: its Salesforce copy goes after the grace
    entries.update(store.entries.get(entry.id).with_changes(note="x"))
    entries.undo()  # undoing an edit
    entries.delete(entry.id)
    entries.undo()  # undoing a delete restores it
    assert edited == [False, True, False, False, True, False]


def test_shutdown_stops_scheduling_and_waits_for_the_push(qtbot):
    engine = RecordingEngine()
    engine.gate.clear()
    service = WriteBackService(engine, debounce_ms=10)
    service.request_push()
    qtbot.waitUntil(lambda: engine.active == 1, timeout=5000)
    threading.Timer(0.2, engine.gate.set).start()
    assert service.shutdown(wait_seconds=5)
    service.request_push()
    qtbot.wait(100)
    assert engine.calls == 1


def test_the_app_timesheet_page_reloads_after_a_push(qtbot, gui_store, clock, tasks):
    timer = TimerService(gui_store, clock)
    service = WriteBackService(RecordingEngine(), debounce_ms=10)
    page = build_timesheet_page(gui_store, timer, tasks, None, service)
    qtbot.addWidget(page)
    reloads: list[int] = []
    page._entries.entries_changed.connect(lambda: reloads.append(1))
    with qtbot.waitSignal(service.entries_pushed, timeout=5000):
        service.request_push()
    assert reloads == [1]


@pytest.fixture
def store_with_entry(qtbot, gui_store, clock):
    timer = TimerService(gui_store, clock)
    entries = EntriesService(gui_store, timer, clock=clock, tz=UTC)
    start = clock.now() - timedelta(hours=3)
    entry = gui_store.entries.add(TimeEntry(start=start, end=start + timedelta(minutes=30)))
    return gui_store, entries, entry
