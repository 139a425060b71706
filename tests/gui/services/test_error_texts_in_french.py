"""Errors made below the UI reach the user in their language (issue 13, point 7): every layer's
exception keeps its English `.message` (the command line prints it, the log keeps it) and
carries the same text as a Message the app translates. Measured against the French
translation: the French text differs from the English one and keeps the values (hosts, paths)."""

from __future__ import annotations

import errno
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from desktop.domain.settings import Settings, SettingsError, settings_problems, validate
from desktop.domain.synclog import RunOutcome
from desktop.domain.text import Message
from desktop.engine.errors import NotConnected, SettingLocked, SyncAlreadyRunning
from desktop.platform.autostart import CANNOT_WRITE, AutostartError
from desktop.platform.file_problems import full_text, os_error_text
from desktop.platform.secrets import open_secret_store
from desktop.salesforce.error_mapping import translate as translate_problem
from desktop.salesforce.errors import (
    CallbackPortBusy,
    HostUnreachable,
    RequestRejected,
    TlsProblem,
    WrongCredentials,
)
from desktop.services.i18n import (
    error_text,
    install_language,
    problem_texts,
    run_error_text,
    translated,
)
from desktop.services.sync_problems import message_for
from desktop.store.errors import StoreCorrupt, store_problem
from desktop.store.store import Store
from desktop.sync.push.mapping import PushSetupError


@pytest.fixture
def french(qapp):
    installed = install_language("fr")
    yield
    installed.remove()


def errors_of_every_layer(tmp_path: Path) -> list[BaseException]:
    import sqlite3

    return [
        WrongCredentials(),
        HostUnreachable("login.example.com"),
        TlsProblem("login.example.com", "/etc/ca.pem"),
        CallbackPortBusy(7846),
        RequestRejected(400, "MALFORMED_QUERY", ""),
        NotConnected(),
        SettingLocked("sync_interval_minutes"),
        SyncAlreadyRunning(),
        StoreCorrupt(tmp_path / "stint.sqlite3", "database disk image is malformed"),
        store_problem(tmp_path / "stint.sqlite3", sqlite3.OperationalError("database is locked")),
        PushSetupError("Write-back is off."),
        AutostartError(CANNOT_WRITE, tmp_path / "stint.desktop", "Permission denied"),
    ]


def test_each_layers_errors_are_french_in_the_app_and_english_for_the_command_line(
        french, tmp_path):
    for error in errors_of_every_layer(tmp_path):
        english, shown = error.message, error_text(error)
        assert shown != english, f"{type(error).__name__} is shown in English: {english!r}"
        assert english.isascii() or "…" in english  # what the CLI prints stays English
    # The reason made by error_mapping is a Message of its own: French too.
    timeout = translate_problem(requests.exceptions.Timeout(), "login.example.com")
    assert error_text(timeout) == ("login.example.com n’a pas répondu à temps. Vérifiez l’URL de "
                                   "connexion et votre connexion réseau, puis réessayez.")


def test_the_sync_banner_says_a_connection_problem_in_french(french):
    error = WrongCredentials()
    assert message_for(error) == error_text(error) != error.message


def test_settings_rules_are_french_in_the_app(french):
    problems = settings_problems(Settings(login_url="ftp://x", sync_interval_minutes=2))
    with pytest.raises(SettingsError) as raised:
        validate(Settings(login_url="ftp://x", sync_interval_minutes=2))
    english = raised.value.problems
    shown = problem_texts(raised.value)
    assert english["login_url"] == str(problems["login_url"])
    assert english["login_url"].startswith("The login URL must start with https://")
    assert shown["login_url"].startswith("L’URL de connexion doit commencer par https://")
    assert shown["sync_interval_minutes"] == "Synchronisez toutes les 5 à 1440 minutes (pas 2)."


def test_file_and_keyring_problems_are_french(french, tmp_path):
    assert translated(full_text(tmp_path)).startswith(f"Le disque qui contient {tmp_path} est plein")
    denied = os_error_text(PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "x")))
    assert "permission refusée" in translated(denied)
    from keyring.backends.fail import Keyring as NoKeyring

    store = open_secret_store("stint-test", backend=NoKeyring())
    assert str(store.problem).startswith("No usable system keyring was found (no keyring")
    assert translated(store.problem) == (
        "Aucun trousseau système utilisable n’a été trouvé (aucun service de trousseau n’est "
        "installé)\u00a0; Stint ne gardera votre connexion que pour cette session.")


def test_a_stored_run_failure_is_shown_in_the_language_of_the_day(french, tmp_path):
    """The sync log keeps why a run failed in English (stint log) and as a Message, so the
    Sync page and the banner after a restart say it in French; runs of older versions and
    Salesforce's own words show as stored."""
    with Store.open(tmp_path / "stint.sqlite3") as store:
        run = store.sync_log.start_run(datetime(2026, 12, 1, tzinfo=UTC), "incremental")
        store.sync_log.finish_run(run, datetime(2026, 12, 1, 0, 1, tzinfo=UTC), RunOutcome.FAILED,
                                  WrongCredentials().text)
        old = store.sync_log.start_run(datetime(2026, 12, 2, tzinfo=UTC), "incremental")
        store.sync_log.finish_run(old, datetime(2026, 12, 2, 0, 1, tzinfo=UTC), RunOutcome.FAILED,
                                  "INVALID_SESSION_ID: Session expired")
        failed, older = store.sync_log.get_run(run), store.sync_log.get_run(old)
    assert failed.error == WrongCredentials().message  # English for the command line
    assert run_error_text(failed) == error_text(WrongCredentials()) != failed.error
    assert run_error_text(older) == "INVALID_SESSION_ID: Session expired"


def test_a_message_survives_storage_and_damaged_data_is_refused():
    nested = Message("ConnectionProblem", "%1 %2.", "h", Message("ConnectionProblem", "x"))
    assert Message.from_data(nested.to_data()) == nested
    for damaged in (None, [], {"context": 1}, {"context": "c", "template": "t", "values": [3]},
                    {"context": "c", "template": "t", "values": [{"context": "c"}]}):
        assert Message.from_data(damaged) is None
