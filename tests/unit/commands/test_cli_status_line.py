"""`stint status --line`, `--format` and `--waybar` (issue 16): the timer in one line for
panels, tmux and prompts, and Waybar's custom-module JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.entries import TimeEntry
from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.domain.synclog import RunOutcome
from desktop.engine import Engine

OPPORTUNITY = "006000000000001AAA"
TASK = "00T000000000001AAA"


@pytest.fixture
def profile(profile_dir):
    with Engine.open(profile_dir, policy={}, log_to_file=False) as engine:
        engine.store.items.upsert_many([
            Item(id=OPPORTUNITY, kind=ItemKind.OPPORTUNITY, name="Acme - renewal",
                 parent_id=ROOT_ID),
            Item(id=TASK, kind=ItemKind.ACTIVITY, name="Call <Müller> & Söhne",
                 parent_id=OPPORTUNITY),
        ])
    return profile_dir


def _run_for(profile, minutes: int, item_id: str = OPPORTUNITY, note: str = "") -> None:
    with Engine.open(profile, policy={}, log_to_file=False) as engine:
        engine.store.entries.start_timer(item_id, datetime.now(UTC) - timedelta(minutes=minutes),
                                         note)


def _failed_sync(profile, error: str) -> None:
    with Engine.open(profile, policy={}, log_to_file=False) as engine:
        now = datetime.now(UTC)
        run = engine.store.sync_log.start_run(now, "incremental")
        engine.store.sync_log.finish_run(run, now, RunOutcome.FAILED, error, 0)


def test_the_line_when_idle_and_while_the_timer_runs(stint, profile):
    assert stint("status", "--line").out == "■ idle\n"
    _run_for(profile, 83)
    assert stint("status", "--line").out == "▶ 1:23 Acme - renewal\n"
    assert stint("stop").code == 0
    assert stint("status", "--line").out == "■ idle\n"


def test_a_template_takes_the_documented_fields(stint, profile):
    with Engine.open(profile, policy={}, log_to_file=False) as engine:  # 10 min earlier today
        now = datetime.now(UTC)
        engine.store.entries.add(TimeEntry(start=now - timedelta(minutes=40),
                                           end=now - timedelta(minutes=30), item_id=TASK), now)
    _run_for(profile, 25, TASK, note="first call")
    shown = stint("status", "--format",
                  "{state}|{icon}|{elapsed}|{seconds}|{task}|{path}|{note}|{sync}|{error}|{text}")
    state, icon, elapsed, seconds, task, path, note, sync, error, text = shown.out.rstrip(
        "\n").split("|")
    assert (state, icon, elapsed, task, note, sync, error) == (
        "running", "▶", "0:25", "Call <Müller> & Söhne", "first call", "never", "")
    assert 25 * 60 <= int(seconds) < 26 * 60
    assert path == "Salesforce > Acme - renewal > Call <Müller> & Söhne"
    assert text == "0:25 Call <Müller> & Söhne"
    today, elapsed_hms = stint("status", "--format", "{today} {elapsed_hms}").out.split()
    hours, minutes = today.split(":")
    # the running 25 minutes and the 10 before them, as much of them as is today's (a run
    # just after midnight has fewer)
    local_now = datetime.now().astimezone()
    since_midnight = local_now.hour * 60 + local_now.minute
    assert min(25, since_midnight) <= int(hours) * 60 + int(minutes) <= 35
    assert elapsed_hms.startswith("0:25:")


def test_an_unknown_field_names_the_fields(stint, profile):
    refused = stint("status", "--format", "{icon} {project}")
    assert refused.code == 1 and refused.out == ""
    assert refused.err.startswith("stint: --format knows no field {project}; the fields are: "
                                  "{icon}, {text}, {state}, {elapsed}")


def test_waybar_json_running_idle_and_error(stint, profile):
    idle = stint("status", "--waybar")
    assert idle.out.count("\n") == 1  # one JSON object, one line
    assert json.loads(idle.out) == {"text": "■ idle", "tooltip": "No timer running\nToday: 0:00",
                                    "class": "idle", "alt": "idle"}
    _run_for(profile, 5, TASK)
    running = json.loads(stint("status", "--waybar").out)
    # Waybar reads text and tooltip as Pango markup: a name shows as written, never as markup
    assert running["text"] == "▶ 0:05 Call &lt;Müller&gt; &amp; Söhne"
    assert running["tooltip"].startswith(
        "0:05:0") and "Acme - renewal &gt; Call &lt;Müller&gt; &amp; Söhne" in running["tooltip"]
    assert (running["class"], running["alt"]) == ("running", "running")
    _failed_sync(profile, "Salesforce did not answer <in time>.")
    failed = json.loads(stint("status", "--waybar", "--format", "{icon} {elapsed}").out)
    assert (failed["text"], failed["class"], failed["alt"]) == ("▶ 0:05", "error", "running")
    assert "Last sync failed: Salesforce did not answer &lt;in time&gt;." in failed["tooltip"]


def test_waybar_shows_a_status_it_cannot_read_as_an_error(stint, profile_dir):
    (profile_dir / "data").mkdir(exist_ok=True)
    (profile_dir / "data" / "stint.sqlite3").write_bytes(b"not a database" * 100)
    shown = stint("status", "--waybar")
    assert shown.code == 0 and shown.err == ""  # Waybar hides a module whose command fails
    data = json.loads(shown.out)
    assert (data["text"], data["class"]) == ("⚠ stint", "error")
    # (the store's message for a damaged file, which also says how to repair it)
    assert "is damaged" in data["tooltip"] and "stint repair" in data["tooltip"]
    assert stint("status", "--line").code == 1  # elsewhere a failure is a failure
