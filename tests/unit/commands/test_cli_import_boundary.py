"""The fast commands load only what they use (issue 16): in a fresh interpreter, none of them
imports the Salesforce client, the HTTP stack, the keyring or Qt. Panels and prompts run
`stint status` every few seconds; those imports alone cost it half a second."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest

from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.engine import Engine
from desktop.engine.link import USER_ID_KEY, remember_keyring
from desktop.store.sync_state_repo import INSTANCE_URL_KEY

HEAVY = ("simple_salesforce", "requests", "urllib3", "zeep", "keyring", "PySide6", "subprocess")
TASK = "006000000000001AAA"

# Runs `stint ARGS` in a fresh interpreter, then lists the heavy modules it loaded.
PROBE = f"""
import json, sys
from desktop.cli import main
code = main(sys.argv[1:])
loaded = sorted({{name.split(".")[0] for name in sys.modules}} & set({HEAVY!r}))
print("\\nLOADED " + json.dumps({{"code": code, "loaded": loaded}}))
"""

YESTERDAY = str(date.today() - timedelta(days=1))
COMMANDS = [
    ("status",), ("status", "--json"), ("status", "--line"), ("status", "--waybar"),
    ("start", TASK), ("stop",), ("tasks", "--search", "acme"), ("entries",), ("report",),
    ("settings",), ("settings", "set", "sync_interval_minutes", "30"),
    ("add", TASK, "--start", f"{YESTERDAY} 09:00", "--duration", "30m"),
    # issue 15, reports, errors: none of them talks to Salesforce either
    ("sync", "--pause"), ("sync", "--resume"), ("start", "--archived", TASK), ("log",),
    ("report", "--by", "account"), ("open", TASK, "--print"), ("repair",),
    ("settings", "set", "work_days", "mon,tue"), ("settings", "set", "excluded_ids", TASK),
]


@pytest.fixture
def profile(tmp_path):
    """A profile as these commands meet a real one: a cached task with a timer running for
    half an hour, write-back on, linked to a user (and instance) whose sign-in is in the
    system keyring (so `start` and `stop` hand a push to the background)."""
    with Engine.open(tmp_path, policy={}, log_to_file=False) as engine:
        engine.store.items.upsert_many([Item(id=TASK, kind=ItemKind.OPPORTUNITY,
                                             name="Acme renewal", parent_id=ROOT_ID,
                                             sobject="Opportunity")])
        engine.store.entries.start_timer(TASK, datetime.now(UTC) - timedelta(minutes=30))
        engine.settings.update(writeback="event")
        with engine.store.transaction():
            engine.store.sync_state.set_value(USER_ID_KEY, "005000000000001AAA")
            engine.store.sync_state.set_value(INSTANCE_URL_KEY, "https://acme.my.salesforce.com")
            remember_keyring(engine.store, persistent=True, problem=None)
    return tmp_path


@pytest.mark.parametrize("arguments", COMMANDS, ids=" ".join)
def test_a_fast_command_loads_no_salesforce_http_keyring_or_qt(profile, arguments):
    done = subprocess.run([sys.executable, "-c", PROBE, "--profile", str(profile), *arguments],
                          capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin"})
    report = json.loads(done.stdout.rpartition("LOADED ")[2])
    assert report["code"] == 0, done.stderr
    assert report["loaded"] == [], f"stint {' '.join(arguments)} loaded {report['loaded']}"
