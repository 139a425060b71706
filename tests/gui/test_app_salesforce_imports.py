"""The running app loads the Salesforce client (simple-salesforce, requests, zeep, lxml,
cryptography: ~35 MB resident) only when something talks to Salesforce: not to build the
engine, ask whether the profile is connected, or build the pages, services and write-back
the engine brings (issue 12: a light tray app). Checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

from desktop.engine import Engine
from desktop.engine.link import USER_ID_KEY, remember_keyring

CLIENT = ("simple_salesforce", "requests", "urllib3", "zeep", "lxml", "cryptography")

PROBE = f"""
import json, sys
from desktop.engine import Engine
from desktop.platform.secrets import MemorySecretStore
from desktop.salesforce.secret_keys import PASSWORD_KEY

# what desktop.app loads once the engine is built (_build_engine, _engine_ready)
import desktop.services.exclusions, desktop.services.integration_service
import desktop.services.new_items_notice, desktop.services.writeback_service
import desktop.ui.pages, desktop.ui.settings.page, desktop.ui.sync_status.view

secrets = MemorySecretStore()
secrets.set(PASSWORD_KEY, "kept")
engine = Engine.open(sys.argv[1], secret_store=secrets, policy={{}}, log_to_file=False)
info = engine.connection_info()
loaded = sorted({{name.split(".")[0] for name in sys.modules}} & set({CLIENT!r}))
print("\\nLOADED " + json.dumps({{"connected": info.connected, "loaded": loaded}}))
"""


def probe(profile) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, str(profile)], capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(done.stdout.rpartition("\nLOADED ")[2])


def test_a_connected_profile_is_told_connected_without_loading_the_client(tmp_path):
    with Engine.open(tmp_path, policy={}, log_to_file=False) as engine, \
            engine.store.transaction():
        engine.store.sync_state.set_value(USER_ID_KEY, "005000000000001AAA")
        remember_keyring(engine.store, persistent=False, problem=None)

    assert probe(tmp_path) == {"connected": True, "loaded": []}


def test_an_unlinked_profile_is_told_not_connected_without_loading_the_client(tmp_path):
    Engine.open(tmp_path, policy={}, log_to_file=False).close()

    assert probe(tmp_path) == {"connected": False, "loaded": []}
