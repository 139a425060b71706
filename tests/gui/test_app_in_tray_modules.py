"""The app started in the tray (as at log-in, on a profile a sync left) holds only what it
uses all day (issue 12: <= 80 MB with 5,000 items). Modules that only a user's action needs
load on that action: the browser for a link (webbrowser ~1 MB), QtNetwork (~2.5 MB, which a
second launch used to reach the running one), the idle prompt's dialog, html's entity table,
the picker's drop-down panel (until the window opens), the Salesforce client and the
keyring; platformdirs never on Linux (~0.7 MB: desktop/platform/xdg_dirs.py). The real app runs in a process of its own, here until
its engine is ready (it logs "engine ready:"); then the probe lists what is loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.engine import Engine
from desktop.engine.link import USER_ID_KEY, remember_keyring
from desktop.store.sync_state_repo import INSTANCE_URL_KEY
from tests.gui.conftest import sample_items

REPO = Path(__file__).resolve().parents[2]
NOT_IN_THE_TRAY = (
    "webbrowser", "html", "PySide6.QtNetwork", "desktop.ui.idle.prompt",
    "simple_salesforce", "requests", "keyring", "desktop.ui.timesheet", "desktop.ui.reports",
    "desktop.ui.picker.panel", "desktop.ui.picker.tree_view", "platformdirs",
)

# Runs the app as `stint --hidden` does; when it logs the line that starts with argv[2] ("engine
# ready:", "keyring checked:"), the probe prints the modules loaded and the banner's text (on the
# next event-loop turn: the start-up steps queued before it are done by then) and ends.
PROBE = """
import json, logging, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.app_run import main
from desktop.ui.main_window import MainWindow

def report():
    [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    print("\\nLOADED " + json.dumps({"modules": sorted(sys.modules),
                                     "banner": window.banner.text()}), flush=True)
    os._exit(0)

class Logged(logging.Handler):
    def emit(self, record):
        if record.getMessage().startswith(sys.argv[2]):
            QTimer.singleShot(0, report)

logger = logging.getLogger("desktop.app")
logger.setLevel(logging.INFO)
logger.addHandler(Logged())
sys.exit(main(profile=sys.argv[1], hidden=True))
"""


def app_in_tray(profile, until: str, env: dict[str, str] | None = None) -> dict:
    """{"modules": [...], "banner": text} of the real app on `profile` once it logged `until`."""
    env = {**(os.environ if env is None else env), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(REPO)}
    env.pop("STINT_HOME", None)
    done = subprocess.run([sys.executable, "-c", PROBE, str(profile), until], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.rpartition("\nLOADED ")[2])


def test_the_app_in_the_tray_loads_only_what_it_uses(tmp_path):
    with Engine.open(tmp_path, policy={}, log_to_file=False) as engine:
        engine.store.items.upsert_many(sample_items())
        with engine.store.transaction():  # linked, as a sync leaves it (org not reachable)
            engine.store.sync_state.set_value(USER_ID_KEY, "005000000000001AAA")
            engine.store.sync_state.set_value(INSTANCE_URL_KEY, "https://127.0.0.1:9")
            remember_keyring(engine.store, persistent=True, problem=None)
    loaded = app_in_tray(tmp_path, "engine ready:")["modules"]
    assert "desktop.ui.attention" in loaded and "desktop.ui.tray.controller" in loaded
    assert [name for name in loaded if name.startswith(NOT_IN_THE_TRAY)] == []


def never_linked_app(profile, env: dict[str, str]) -> dict:
    Engine.open(profile, policy={}, log_to_file=False).close()
    return app_in_tray(profile, "keyring checked:", env)  # (asked in a child process)


KEYRING_MODULES = ("keyring", "secretstorage", "cryptography", "jeepney")


def test_a_never_linked_app_warns_of_no_keyring_without_loading_it(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    seen = never_linked_app(tmp_path, env)  # no session bus: no Secret Service to reach

    assert "keep your sign-in for this session only" in seen["banner"]
    assert [name for name in seen["modules"] if name.startswith(KEYRING_MODULES)] == []


def test_a_never_linked_app_with_a_keyring_says_nothing_and_loads_none(tmp_path):
    from tests.support.keyring_session import KeyringSession, unavailable_reason

    if unavailable_reason():
        pytest.skip(f"no gnome-keyring session possible: {unavailable_reason()}")
    with KeyringSession(tmp_path / "keyring") as session:
        seen = never_linked_app(tmp_path / "profile", session.env())

    assert seen["banner"] == ""
    assert [name for name in seen["modules"] if name.startswith(KEYRING_MODULES)] == []
