"""TimerService, TasksService and SyncService: stored state first, then signals."""

from __future__ import annotations

import threading
from datetime import timedelta

from desktop.domain.entries import TimeEntry
from desktop.domain.items import Item, ItemKind
from desktop.domain.synclog import RunOutcome
from desktop.salesforce.errors import HostUnreachable, RefreshTokenRevoked, WrongCredentials
from desktop.services.sync_problems import RECONNECT, REENTER_PASSWORD, RETRY, action_for
from desktop.services.tasks_service import TasksService
from desktop.services.timer_service import TimerService
from tests.gui.conftest import (
    ACME_ID,
    CALL_ID,
    CASE_ID,
    CLOSED_ID,
    HOSTILE_ID,
    NOW,
    SEND_QUOTE_ID,
    reload_and_wait,
)


# -- TimerService ---------------------------------------------------------------------------
def test_start_stores_a_running_entry_and_elapsed_comes_from_timestamps(qtbot, timer, gui_store, clock):
    with qtbot.waitSignal(timer.timer_started) as started:
        timer.start(CALL_ID)
    entry = started.args[0]
    assert entry.item_id == CALL_ID and entry.end is None
    assert gui_store.entries.running().id == entry.id
    clock.advance(minutes=5, seconds=3)
    assert timer.elapsed() == timedelta(minutes=5, seconds=3)
    # A second service on the same store (a restart) sees the same elapsed time.
    assert TimerService(gui_store, clock).elapsed() == timedelta(minutes=5, seconds=3)


def test_stop_ends_the_entry_at_now(qtbot, timer, gui_store, clock):
    timer.start(CALL_ID)
    clock.advance(minutes=30)
    with qtbot.waitSignal(timer.entries_changed), qtbot.waitSignal(timer.timer_stopped) as signal:
        stopped = timer.stop()
    assert stopped.end == NOW + timedelta(minutes=30)
    assert signal.args[0] == stopped
    assert gui_store.entries.running() is None
    assert not timer.is_running() and timer.elapsed() == timedelta(0)
    assert timer.current_item_id() == CALL_ID  # Start resumes the last task


def test_switching_stops_the_old_entry_and_starts_a_new_one(qtbot, timer, gui_store, clock):
    first = timer.start(CALL_ID)
    clock.advance(minutes=10)
    with qtbot.waitSignals([timer.timer_stopped, timer.timer_started]):
        second = timer.switch_to(CASE_ID)
    assert second.item_id == CASE_ID and second.id != first.id
    entries = gui_store.entries.all()
    assert [(e.item_id, e.end) for e in entries] == [
        (CALL_ID, NOW + timedelta(minutes=10)),
        (CASE_ID, None),
    ]
    assert timer.switch_to(CASE_ID) == second  # same task: keeps running, no new entry
    assert len(gui_store.entries.all()) == 2


def test_toggle_starts_the_last_task_and_no_task(qtbot, timer, clock):
    timer.toggle()
    assert timer.running().item_id is None  # "no task"
    clock.advance(seconds=5)
    timer.toggle()
    assert not timer.is_running()


def test_a_refused_start_is_reported_not_raised(qtbot, timer, gui_store, clock):
    gui_store.entries.add(TimeEntry(start=NOW - timedelta(hours=1), end=NOW + timedelta(hours=1),
                                    item_id=ACME_ID))
    with qtbot.waitSignal(timer.timer_failed) as failed:
        assert timer.start(CALL_ID) is None
    assert "falls inside the entry" in failed.args[0]
    assert not timer.is_running()


def test_refresh_picks_up_a_timer_started_elsewhere(qtbot, timer, gui_store, clock):
    gui_store.entries.start_timer(CASE_ID, clock.now())
    with qtbot.waitSignal(timer.timer_started):
        timer.refresh()
    assert timer.running().item_id == CASE_ID


# -- TasksService ---------------------------------------------------------------------------
def test_tasks_load_off_the_gui_thread_and_search(qtbot, gui_store):
    threads = []
    from desktop.services.task_catalog import TaskCatalog

    class Builder:
        def load_tree(self, store):
            threads.append(threading.current_thread())
            return TaskCatalog.load(store)

        def with_index(self, catalog):
            raise AssertionError("the tree came with its index")

        def stop(self):
            pass

    service = TasksService(gui_store, builder=Builder())
    service.tree_changed.connect(lambda: threads.append(threading.current_thread()))
    assert service.search("acme") == [] and not service.is_loaded()
    with qtbot.waitSignal(service.tree_changed, timeout=10_000):
        service.reload()
    loaded_on, announced_on = threads
    assert loaded_on is not threading.main_thread()
    assert announced_on is threading.main_thread()
    assert [item.id for item in service.search("acme")][:1] == [ACME_ID]
    assert [item.id for item in service.search("back call")] == [CALL_ID]
    assert service.search("initech") == []  # archived: not offered
    assert service.item(CLOSED_ID).archived  # ... but still known (its entries need a name)


def test_recent_tasks_rank_first(qtbot, tasks, timer, clock):
    timer.start(CASE_ID)
    clock.advance(minutes=1)
    timer.start(HOSTILE_ID)
    tasks.refresh_recent()
    assert tasks.recent_ids()[:2] == [HOSTILE_ID, CASE_ID]
    assert [item.id for item in tasks.search("")][:2] == [HOSTILE_ID, CASE_ID]
    assert [item.id for item in tasks.recent_items()] == [HOSTILE_ID, CASE_ID]


def test_reload_after_a_sync_shows_new_items(qtbot, tasks, gui_store):
    gui_store.items.upsert_many([Item("006000000000009AAA", ItemKind.OPPORTUNITY,
                                      "Umbrella - Vaccines", "salesforce", "Opportunity")])
    assert tasks.search("umbrella") == []
    reload_and_wait(qtbot, tasks)
    assert [item.name for item in tasks.search("umbrella")] == ["Umbrella - Vaccines"]


def test_archived_layout_loads_on_demand(qtbot, tasks):
    assert tasks.layout() is not None
    with qtbot.waitSignal(tasks.tree_changed, timeout=10_000):
        assert tasks.layout(include_archived=True) is None  # being built
    assert CLOSED_ID in tasks.layout(include_archived=True)
    assert CLOSED_ID not in tasks.layout()


# -- SyncService ----------------------------------------------------------------------------
def test_scheduler_callbacks_from_a_thread_arrive_as_signals(qtbot, sync, gui_store):
    callbacks = sync.callbacks()
    run_id = gui_store.sync_log.start_run(NOW, "incremental")
    gui_store.sync_log.finish_run(run_id, NOW + timedelta(seconds=2), RunOutcome.SUCCEEDED)
    run = gui_store.sync_log.get_run(run_id)

    def scheduler_thread():
        callbacks.on_started()
        callbacks.on_progress("Opportunity", 200, 1000)
        callbacks.on_finished(run)

    progress = []
    sync.sync_progressed.connect(lambda *args: progress.append(args))
    with qtbot.waitSignals([sync.sync_started, sync.sync_progressed, sync.sync_finished],
                           order="strict"):
        threading.Thread(target=scheduler_thread).start()
    assert progress == [("Opportunity", 200, 1000)]
    assert sync.last_run() == run and not sync.is_running()


def test_failures_carry_the_fixing_action(qtbot, sync):
    callbacks = sync.callbacks()
    with qtbot.waitSignal(sync.sync_failed) as failed:
        threading.Thread(target=callbacks.on_failed, args=(WrongCredentials(), None)).start()
    assert failed.args == [WrongCredentials().message, REENTER_PASSWORD]
    assert action_for(RefreshTokenRevoked()) == RECONNECT
    assert action_for(HostUnreachable("login.salesforce.com")) == RETRY
    # Salesforce retired password sign-in: a new password would not help, a browser sign-in does
    from desktop.salesforce.errors import PasswordSignInRetired

    assert action_for(PasswordSignInRetired()) == RECONNECT


def test_force_sync_and_cancel_reach_the_scheduler(sync, scheduler):
    sync.force_sync()
    sync.cancel()
    assert (scheduler.forced, scheduler.cancelled) == (1, 1)
    scheduler.next_at = NOW
    assert sync.next_run_at() == NOW


def test_the_first_sync_after_start_waits_for_the_interval(gui_store):
    from desktop.services.sync_service import SyncService

    service = SyncService(gui_store)
    assert service.first_sync_delay(60, now=NOW) == timedelta(seconds=3)  # never synced
    run_id = gui_store.sync_log.start_run(NOW - timedelta(minutes=10), "incremental")
    gui_store.sync_log.finish_run(run_id, NOW - timedelta(minutes=10), RunOutcome.SUCCEEDED)
    fresh = SyncService(gui_store)
    assert fresh.first_sync_delay(60, now=NOW) == timedelta(minutes=50)  # on schedule
    assert fresh.first_sync_delay(5, now=NOW) == timedelta(seconds=3)  # overdue: soon


def test_force_sync_without_a_connection_asks_to_connect(qtbot, gui_store):
    from desktop.services.sync_service import SyncService

    service = SyncService(gui_store)
    with qtbot.assertNotEmitted(service.sync_failed), qtbot.waitSignal(service.connect_requested):
        service.force_sync()
    assert service.state().phase.value == "not_connected" and service.state().problem is None


def test_recent_and_running_tasks_are_known_before_the_first_load(qtbot, gui_store, clock):
    gui_store.entries.start_timer(SEND_QUOTE_ID, clock.now() - timedelta(hours=1))
    gui_store.entries.stop_timer(clock.now() - timedelta(minutes=30))
    gui_store.entries.start_timer(CALL_ID, clock.now())
    service = TasksService(gui_store)
    assert not service.is_loaded()
    assert service.path_text(CALL_ID) == "Salesforce > Acme Corp - 500 Widgets > Call back"
    assert [item.id for item in service.search("")] == [CALL_ID, SEND_QUOTE_ID]
    assert [item.id for item in service.search("quote")] == [SEND_QUOTE_ID]
    assert service.search("printer") == []  # not recent: found once the index is built
    reload_and_wait(qtbot, service)
    assert [item.id for item in service.search("printer")] == [CASE_ID]


def test_the_tree_arrives_before_the_index(qtbot, gui_store):
    from desktop.services.task_catalog import TaskCatalog

    service = TasksService(gui_store)
    states = []
    service.tree_changed.connect(
        lambda: states.append((service.is_loaded(), service.is_searchable(), service.is_loading()))
    )
    service.reload()
    qtbot.waitUntil(lambda: len(states) == 2, timeout=20_000)
    assert states == [(True, False, True), (True, True, False)]
    assert isinstance(service.tree().get(ACME_ID), Item)
    assert TaskCatalog.load(gui_store).index is not None


def test_a_reload_keeps_searching_with_the_previous_index_meanwhile(qtbot, tasks, gui_store):
    gui_store.items.upsert_many([Item("006000000000009AAA", ItemKind.OPPORTUNITY,
                                      "Umbrella - Vaccines", "salesforce", "Opportunity")])
    searches = []
    tasks.tree_changed.connect(lambda: searches.append([i.id for i in tasks.search("acme")]))
    reload_and_wait(qtbot, tasks)
    assert len(searches) == 2 and searches[0] == searches[1] != []
    assert tasks.search("umbrella")


def test_a_service_deleted_before_its_memory_trim_runs_is_left_alone(qtbot, gui_store):
    """The freed-memory trim is queued for the next event-loop turn; a window torn down in the
    meantime (the damaged-store repair rebuilds it) deletes the service first. Seen in CI as an
    uncaught "Internal C++ object (TasksService) already deleted"."""
    import shiboken6

    service = TasksService(gui_store)
    service.reload()
    qtbot.waitUntil(lambda: service.is_searchable() and not service.is_loading(), timeout=20_000)
    service._set_catalog(service._catalog)  # a swap: the trim is queued
    shiboken6.delete(service)
    qtbot.wait(50)  # pytest-qt fails the test on an exception raised in the event loop


def test_quitting_while_a_child_builds_the_catalog_is_no_error(qtbot, gui_store, profile_dir,
                                                                monkeypatch, caplog):
    """The app quits (or repairs its store) while a worker waits for the catalog's child: the
    child goes, and the worker's end is logged as asked for, not as a failed job."""
    import logging
    import sys

    from desktop.platform.paths import ProfilePaths
    from desktop.services import catalog_process
    from desktop.services.catalog_process import ChildCatalogBuilder

    monkeypatch.setattr(catalog_process, "child_command",
                        lambda word, paths: [sys.executable, "-c", "import signal; signal.pause()"])
    started = threading.Event()
    start = ChildCatalogBuilder._start
    monkeypatch.setattr(ChildCatalogBuilder, "_start", lambda self: (start(self), started.set())[0])
    service = TasksService(gui_store)
    service.use_builder(ChildCatalogBuilder(ProfilePaths.resolve(profile_dir)))
    service.reload()
    qtbot.waitUntil(started.is_set, timeout=10_000)

    with caplog.at_level(logging.INFO):
        service.stop_loading()
        qtbot.waitUntil(lambda: not service.is_loading(), timeout=10_000)

    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "CatalogBuildStopped" in caplog.text  # (at INFO)
