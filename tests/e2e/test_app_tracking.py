"""Tracking time in the real app against a sandbox org: pick, start, stop, sync, survive kill -9,
write back.

Each test renames one open Opportunity of its own sandbox to words nothing else has, connects
the profile and syncs it with the CLI (the connection through the UI is test_app_connect's
subject), then drives the app with the keyboard: Ctrl+K and typing in the picker, Enter to
start, Ctrl+Return to stop, Ctrl+R to force a synchronization. What the app did is read from
the same profile with `stint status/entries/tasks --json`, from the sandbox with
simple-salesforce, and from the screen.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tests.e2e.app_driver import StintDriver, region_pixels
from tests.support.processes import wait_until

OPPORTUNITY_NAME = "Zephyr Quartz onboarding"
TASK_PATH = f"Salesforce > {OPPORTUNITY_NAME}"
# The task widget's labels (path, name, key fields) in the window at the screen's top left;
# the running time and the Start/Stop button are to their right, the picker below.
TASK_LABELS_BOX = (8, 28, 620, 60)
# The timesheet's first row (Timesheet is the page shown on a connected profile).
FIRST_ROW_BOX = (10, 260, 860, 24)


def connected_and_synced(stint: StintDriver) -> str:
    return stint.connect_and_sync_with_cli(OPPORTUNITY_NAME)


def running_timer(stint: StintDriver, at_least_seconds: int = 0) -> dict:
    return stint.wait_for_status(
        lambda status: status["timer"]
        if status["timer"] and status["timer"]["elapsed_seconds"] >= at_least_seconds
        else None,
        f"a timer running for {at_least_seconds}s or more",
    )


def stop_with_keyboard(stint: StintDriver) -> None:
    stint.keys("ctrl+Return")
    stint.wait_for_status(lambda status: status["timer"] is None, "the timer to stop")


def parse_utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def test_find_a_task_by_typing_start_and_stop_the_timer(stint):
    opportunity_id = connected_and_synced(stint)
    stint.launch()
    stint.wait_until_searchable()
    empty = stint.screenshot("empty")

    stint.pick_task("quartz zeph")  # words in any order, the second one unfinished
    timer = running_timer(stint, at_least_seconds=2)
    assert (timer["item_id"], timer["task"]) == (opportunity_id, TASK_PATH)
    running = stint.screenshot("running")
    stop_with_keyboard(stint)

    [entry] = stint.entries()
    assert (entry["item_id"], entry["task"], entry["running"]) == (opportunity_id, TASK_PATH, False)
    assert entry["duration_seconds"] >= 2
    assert entry["start"] == timer["started_at"]
    # On screen the timesheet gained a row while the timer ran, and the row changed at the
    # stop (the end time replaces "running"); stopped.png shows it.
    stopped = stint.screenshot("stopped")
    rows = [region_pixels(shot, FIRST_ROW_BOX) for shot in (empty, running, stopped)]
    assert rows[0] != rows[1] != rows[2]


def test_force_synchronization_brings_a_record_changed_in_salesforce(stint):
    opportunity_id = connected_and_synced(stint)
    first_run = stint.status()["last_sync"]["id"]
    stint.launch()
    stint.wait_until_searchable()
    stint.wait_until_connected()

    stint.sandbox.salesforce().Opportunity.update(
        opportunity_id, {"Name": "Zephyr Quartz expansion", "StageName": "Negotiation/Review"}
    )
    stint.keys("ctrl+r")  # Force synchronization
    run = stint.wait_for_sync_after(first_run)
    assert run["outcome"] == "succeeded", run
    assert run["kind"] == "incremental"

    [task] = [task for task in stint.tasks("zephyr quartz") if task["id"] == opportunity_id]
    assert task["name"] == "Zephyr Quartz expansion"
    assert {"label": "Stage", "value": "Negotiation/Review"} in task["fields"]
    # The app's own picker has the new name once it rebuilt its search index.
    stint.wait_until_searchable(count=2)
    stint.pick_task("quartz expansion")
    timer = running_timer(stint)
    assert (timer["item_id"], timer["task"]) == (
        opportunity_id, "Salesforce > Zephyr Quartz expansion"
    )


def test_force_synchronization_pressed_while_the_app_starts_runs_once_it_has_loaded(stint):
    opportunity_id = connected_and_synced(stint)
    first_run = stint.status()["last_sync"]["id"]
    stint.sandbox.salesforce().Opportunity.update(opportunity_id, {"Name": "Zephyr Quartz pilot"})
    stint.launch()
    # At once, while the engine still loads (the next scheduled sync is an interval away):
    # the press is kept, not answered "not connected".
    stint.keys("ctrl+r")
    run = stint.wait_for_sync_after(first_run, timeout=15)
    assert run["outcome"] == "succeeded", run
    assert stint.log_lines("synchronization forced by the user")
    assert not stint.log_lines("not connected")
    [task] = [task for task in stint.tasks("zephyr quartz") if task["id"] == opportunity_id]
    assert task["name"] == "Zephyr Quartz pilot"


def test_a_running_timer_survives_kill_9(stint, desktop_session):
    opportunity_id = connected_and_synced(stint)
    stint.launch()
    stint.wait_until_searchable()
    idle = stint.screenshot("idle")
    icon = desktop_session.wait_for_tray_icon()
    icon_box = (icon.x, icon.y, icon.width, icon.height)

    stint.pick_task("zephyr quartz")
    timer = running_timer(stint, at_least_seconds=1)
    running = stint.screenshot("running")
    stint.kill()
    # The running entry is in the store, not in the dead process.
    assert stint.status()["timer"]["entry_id"] == timer["entry_id"]

    stint.launch()
    stint.wait_until_searchable()
    relaunched = stint.screenshot("relaunched")
    # The task widget and the tray icon look as they did while the timer ran (not idle).
    assert region_pixels(idle, TASK_LABELS_BOX) != region_pixels(running, TASK_LABELS_BOX)
    assert region_pixels(relaunched, TASK_LABELS_BOX) == region_pixels(running, TASK_LABELS_BOX)
    assert region_pixels(idle, icon_box) != region_pixels(running, icon_box)
    assert region_pixels(relaunched, icon_box) == region_pixels(running, icon_box)

    after = running_timer(stint, at_least_seconds=timer["elapsed_seconds"] + 1)
    assert (after["entry_id"], after["item_id"]) == (timer["entry_id"], opportunity_id)
    assert after["started_at"] == timer["started_at"]
    before_stop = datetime.now(UTC)
    stop_with_keyboard(stint)
    # One entry, from the first start to the stop in the relaunched app: the time the app
    # was dead is counted. (started_at is shown to the second, durations are whole seconds.)
    [entry] = stint.entries()
    tracked = (before_stop - parse_utc(timer["started_at"])).total_seconds()
    assert entry["item_id"] == opportunity_id
    assert tracked - 2 <= entry["duration_seconds"] <= tracked + 5


def test_time_tracked_in_the_app_is_written_back_as_an_event(stint):
    opportunity_id = connected_and_synced(stint)
    stint.cli("settings", "set", "writeback", "event")
    # The entry below lasts seconds: entries under a minute go only when the user opts in.
    stint.cli("settings", "set", "writeback_short_entries", "true")
    stint.launch()
    stint.wait_until_searchable()
    stint.wait_until_connected()

    stint.pick_task("zephyr quartz")
    running_timer(stint, at_least_seconds=1)
    stop_with_keyboard(stint)
    [entry] = stint.entries()

    # No Force synchronization: the app pushes a stopped entry on its own, shortly after.
    def events_of_this_entry():
        events = stint.sandbox.salesforce().query(
            "SELECT Id, Subject, StartDateTime, EndDateTime, Description FROM Event "
            f"WHERE WhatId = '{opportunity_id}'"
        )["records"]
        return [event for event in events if entry["client_id"] in (event["Description"] or "")]

    mine = wait_until(events_of_this_entry, timeout=20, what="the Event pushed after the stop",
                      interval=0.5)
    assert len(mine) == 1, mine
    event = mine[0]
    assert OPPORTUNITY_NAME in event["Subject"]
    assert event["StartDateTime"][:19] == entry["start"][:19]
    assert event["EndDateTime"][:19] == entry["end"][:19]
