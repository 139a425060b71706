"""The running app loads the Salesforce client (simple-salesforce, requests, zeep, lxml,
cryptography: ~35 MB resident) only when something talks to Salesforce: not to build the
engine, ask whether the profile is connected, or build the pages, services and write-back
the engine brings, nor for the Settings page's stages and fields while the describe cache the
syncs keep is fresh (issue 12: a light tray app). Checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from desktop.engine import Engine
from desktop.engine.link import USER_ID_KEY, remember_keyring
from desktop.sandbox.org import Org
from desktop.sync.metadata import DESCRIBE_MAX_AGE, MetadataCache

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


# The Settings page asks for the org's stages and fields when it is shown (IntegrationService.
# load_metadata), on a connected profile whose sign-in the app never used.
METADATA_PROBE = f"""
import json, sys
from PySide6.QtCore import QCoreApplication, QTimer
from desktop.engine import Engine
from desktop.platform.secrets import MemorySecretStore
from desktop.salesforce.secret_keys import PASSWORD_KEY
from desktop.services.integration_service import IntegrationService

app = QCoreApplication([])
secrets = MemorySecretStore()
secrets.set(PASSWORD_KEY, "kept")
engine = Engine.open(sys.argv[1], secret_store=secrets, policy={{}}, log_to_file=False)
service = IntegrationService(engine)
answer = {{}}
service.metadata_loaded.connect(lambda metadata: answer.update(stages=list(metadata.stages)))
service.metadata_failed.connect(lambda message: answer.update(failed=True))
service.metadata_loaded.connect(app.quit)
service.metadata_failed.connect(app.quit)
service.load_metadata()
QTimer.singleShot(60_000, app.quit)
app.exec()
loaded = sorted({{name.split(".")[0] for name in sys.modules}} & set({CLIENT!r}))
print("\\nLOADED " + json.dumps({{**answer, "loaded": loaded}}))
"""


class OrgDescribes:
    """The composite calls MetadataCache.get makes, answered from a sandbox org's describes
    (as a sync would have fetched them)."""

    def __init__(self, org: Org) -> None:
        self._org = org

    def data_path(self, resource: str) -> str:
        return resource

    def query_subrequest(self, reference_id: str, soql: str) -> dict:
        return {"method": "GET", "url": "stages", "referenceId": reference_id}

    def composite(self, subrequests):
        return [(200, {"records": [{"ApiName": "Closed Won", "IsClosed": True}]})
                if request["url"] == "stages"
                else (200, self._org.describe(request["url"].split("/")[1]))
                for request in subrequests]


def connected_profile_with_describes(profile, fetched_at: datetime) -> None:
    with Engine.open(profile, policy={}, log_to_file=False) as engine:
        MetadataCache(engine.store).get(OrgDescribes(Org()), ("Opportunity", "Case"), fetched_at)
        with engine.store.transaction():
            engine.store.sync_state.set_value(USER_ID_KEY, "005000000000001AAA")
            remember_keyring(engine.store, persistent=False, problem=None)


def probe_metadata(profile) -> dict:
    done = subprocess.run([sys.executable, "-c", METADATA_PROBE, str(profile)],
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout.rpartition("\nLOADED ")[2])


def test_the_settings_page_gets_fresh_describes_without_loading_the_client(tmp_path):
    connected_profile_with_describes(tmp_path, datetime.now(UTC) - timedelta(hours=1))

    answer = probe_metadata(tmp_path)
    assert answer["loaded"] == [] and "failed" not in answer
    assert "Prospecting" in answer["stages"] and "Closed Won" in answer["stages"]


def test_a_stale_describe_signs_in_to_fetch_it_again(tmp_path):
    connected_profile_with_describes(tmp_path, datetime.now(UTC) - DESCRIBE_MAX_AGE * 2)

    answer = probe_metadata(tmp_path)  # no instance to reach here: the sign-in fails
    assert answer["failed"] and "simple_salesforce" in answer["loaded"]
