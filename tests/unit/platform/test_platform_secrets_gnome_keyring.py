"""The secret store against a real Secret Service (gnome-keyring on a private D-Bus bus)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop.platform.secrets import KeyringSecretStore, MemorySecretStore, open_secret_store

pytestmark = pytest.mark.real_keyring

SERVICE = "Stint/0123456789ab"
SECRET = "real-keyring-secret-4f9c2e"

CHILD = """
import json, sys
from desktop.platform.secrets import open_secret_store
store = open_secret_store(sys.argv[1])
if sys.argv[2] == "set":
    store.set("refresh_token", sys.argv[3])
print(json.dumps({"persistent": store.persistent, "problem": store.problem and str(store.problem),
                  "value": store.get("refresh_token")}))
"""


def run_child(session, *args):
    result = subprocess.run(
        [sys.executable, "-c", CHILD, SERVICE, *args],
        env=session.env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_fresh_processes_find_the_secret_service_and_keep_secrets(gnome_keyring):
    written = run_child(gnome_keyring, "set", SECRET)
    assert written == {"persistent": True, "problem": None, "value": SECRET}
    # A later run (a restart of the app) reads it back from the keyring.
    assert run_child(gnome_keyring, "get")["value"] == SECRET


def test_round_trip_and_nothing_readable_in_files(gnome_keyring):
    store = open_secret_store(SERVICE, gnome_keyring.keyring_backend())
    assert isinstance(store, KeyringSecretStore)
    store.set("password", SECRET)
    assert store.get("password") == SECRET
    for path in gnome_keyring.base_dir.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    store.delete("password")
    assert store.get("password") is None
    store.delete("password")  # already gone: still fine


def test_locked_keyring_gives_a_session_only_store(gnome_keyring):
    gnome_keyring.lock()
    store = open_secret_store(SERVICE, gnome_keyring.keyring_backend())
    assert isinstance(store, MemorySecretStore)
    assert "the system keyring is locked" in str(store.problem)
    assert str(store.problem).endswith("Stint will keep your sign-in for this session only.")
