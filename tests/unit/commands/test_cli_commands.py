"""The headless commands through `main(argv)` in this process, with their JSON."""

from __future__ import annotations

import csv
import io
import time
from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.entries import TimeEntry
from desktop.engine import Engine


def engine_for(profile_dir, memory_keyring):
    return Engine.open(profile_dir, secret_store=memory_keyring, policy={}, log_to_file=False)


def test_without_a_command_or_connection(stint):
    result = stint("sync")
    assert result.code == 1
    assert result.err == "stint: Stint is not connected to Salesforce on this profile; run `stint connect` first.\n"
    assert result.out == ""


def test_connect_reports_the_user_and_keeps_no_password_in_settings(connected_cli, sandbox):
    result = connected_cli("settings", "--json")
    settings = result.json()["settings"]
    assert settings["username"] == sandbox.username and settings["auth_method"] == "password"
    assert settings["ca_file"] == sandbox.ca_file
    assert sandbox.password not in result.out


def test_connect_json(stint, sandbox):
    result = stint(
        "connect", "--login-url", sandbox.login_url, "--username", sandbox.username,
        "--password-stdin", "--ca-file", sandbox.ca_file, "--json",
        stdin=f"{sandbox.password}\n{sandbox.security_token}\n",
    )
    assert result.code == 0
    assert result.json() == {
        "connected": True, "username": sandbox.username, "login_url": sandbox.login_url,
        "auth_method": "password", "user_id": sandbox.org.api_user.id,
        "instance_url": sandbox.instance_url, "keyring": "system", "keyring_problem": None,
    }


def test_a_wrong_password_is_one_plain_line(stint, sandbox):
    result = stint(
        "connect", "--login-url", sandbox.login_url, "--username", sandbox.username,
        "--password-stdin", "--ca-file", sandbox.ca_file, stdin="wrong-password-123\nNOPE\n",
    )
    assert result.code == 1
    assert result.err.count("\n") == 1 and result.err.startswith("stint: Salesforce did not accept")
    assert "wrong-password-123" not in result.err and "Traceback" not in result.err


def test_an_http_login_url_is_refused(stint, sandbox):
    result = stint("connect", "--login-url", "http://login.salesforce.com", "--username", "u",
                   "--password-stdin", stdin="pw\n")
    assert result.code == 1 and "https://" in result.err


def test_sync_status_and_log_json(connected_cli, sandbox):
    first = connected_cli("sync", "--json")
    assert first.code == 0, first.err
    run = first.json()
    assert set(run) == {"id", "kind", "outcome", "started_at", "finished_at", "api_calls",
                        "error", "counts"}
    # the describes, then one call per query (each under 2,000 records in the small org)
    assert run["kind"] == "full" and run["outcome"] == "succeeded" and run["api_calls"] == 6
    assert set(run["counts"]) == {"Opportunity", "Case", "Task"}
    assert set(run["counts"]["Case"]) == {"created", "modified", "archived", "restored",
                                          "closed", "deleted", "not_visible", "excluded"}
    assert run["started_at"].endswith("Z")
    second = connected_cli("sync", "--json").json()
    assert second["api_calls"] == 1 and second["counts"] == {}

    status = connected_cli("status", "--json").json()
    assert set(status) == {"profile", "connection", "last_sync", "next_sync_at",
                           "next_sync_note", "api_usage", "timer", "counts", "sync_pause"}
    assert status["sync_pause"] == {"paused": False, "since": None, "locked": False}
    assert status["connection"]["connected"] and status["last_sync"]["id"] == second["id"]
    assert status["api_usage"]["limit"] == sandbox.budget.maximum
    assert status["timer"] is None and status["counts"]["opportunities"] > 50

    log = connected_cli("log", "--json").json()
    assert [r["id"] for r in log["runs"]] == [second["id"], run["id"]]
    assert len(log["changes"]) == 100
    change = log["changes"][0]
    assert set(change) == {"at", "sobject", "record_id", "record_name", "action", "direction",
                           "status", "error", "run_id", "reason"}
    assert change["direction"] == "from_salesforce" and change["action"] == "created"

    text = connected_cli("status")
    assert text.code == 0 and "Connected: " + sandbox.username in text.out


def test_tasks_search_start_and_stop(connected_cli):
    connected_cli("sync")
    tasks = connected_cli("tasks", "--json").json()
    assert tasks and set(tasks[0]) == {"id", "name", "kind", "sobject", "parent_id", "path",
                                       "archived", "archive_reason", "fields"}
    assert all(not t["archived"] for t in tasks)
    case = next(t for t in tasks if t["kind"] == "case" and t["parent_id"] == "salesforce")
    number = case["fields"][1]["value"]
    found = connected_cli("tasks", "--search", number, "--json").json()
    assert found[0]["id"] == case["id"]

    started = connected_cli("start", case["id"], "--json")
    assert started.code == 0 and started.json()["item_id"] == case["id"]
    status = connected_cli("status", "--json").json()
    assert status["timer"]["item_id"] == case["id"]
    assert status["timer"]["task"] == case["path"]

    other = next(t for t in tasks if t["kind"] == "opportunity")
    switched = connected_cli("start", other["name"])  # by its (search) name
    assert switched.code == 0 and other["path"] in switched.out

    stopped = connected_cli("stop", "--json").json()
    assert stopped["item_id"] == other["id"] and stopped["duration_seconds"] >= 0
    assert connected_cli("stop").out == "No timer was running.\n"


def test_an_ambiguous_start_lists_the_candidates(connected_cli):
    connected_cli("sync")
    result = connected_cli("start", "e")
    assert result.code == 3
    lines = result.err.splitlines()
    assert lines[0].startswith("stint: 10+ tasks match 'e'")
    assert len(lines) == 11 and all(line.startswith("  ") for line in lines[1:])
    assert connected_cli("start", "no such task anywhere").code == 1


def test_archived_tasks_are_listed_on_request(connected_cli, sandbox):
    connected_cli("sync")
    opp = next(t for t in connected_cli("tasks", "--json").json() if t["kind"] == "opportunity")
    sandbox.salesforce().Opportunity.update(opp["id"], {"StageName": "Closed Won"})
    connected_cli("sync")
    assert opp["id"] not in {t["id"] for t in connected_cli("tasks", "--json").json()}
    archived = {t["id"]: t for t in connected_cli("tasks", "--archived", "--json").json()}
    assert archived[opp["id"]]["archived"] and archived[opp["id"]]["archive_reason"] == "closed"


@pytest.fixture
def helsinki(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Helsinki")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_entries_use_local_dates_at_the_edges(stint, profile_dir, memory_keyring, helsinki):
    with engine_for(profile_dir, memory_keyring) as engine:
        # 23:30-23:50 local on 2026-03-10 (Helsinki is UTC+2 then): 21:30Z
        engine.store.entries.add(TimeEntry(start=datetime(2026, 3, 10, 21, 30, tzinfo=UTC),
                                           end=datetime(2026, 3, 10, 21, 50, tzinfo=UTC),
                                           note="=cmd|calc"))
        # 00:10 local on 2026-03-11 = 22:10Z on the 10th
        engine.store.entries.add(TimeEntry(start=datetime(2026, 3, 10, 22, 10, tzinfo=UTC),
                                           end=datetime(2026, 3, 10, 23, 10, tzinfo=UTC)))
    day = stint("entries", "--from", "2026-03-10", "--to", "2026-03-10", "--json").json()
    assert [e["start"] for e in day] == ["2026-03-10T21:30:00Z"]
    assert day[0]["duration_seconds"] == 20 * 60 and day[0]["task"] is None
    assert set(day[0]) == {"id", "client_id", "item_id", "task", "start", "end", "running",
                           "duration_seconds", "note", "billable"}
    both = stint("entries", "--from", "2026-03-10", "--to", "2026-03-11", "--csv")
    rows = list(csv.DictReader(io.StringIO(both.out)))
    assert [(r["date"], r["start"], r["end"], r["hours"]) for r in rows] == [
        ("2026-03-10", "23:30", "23:50", "0.33"), ("2026-03-11", "00:10", "01:10", "1.00")]
    assert rows[0]["note"] == "'=cmd|calc"  # no formula injection in spreadsheets
    text = stint("entries", "--from", "2026-03-11", "--to", "2026-03-11")
    assert "Total 1:00 in 1 entries" in text.out
    bad = stint("entries", "--from", "10.3.2026")
    assert bad.code == 1 and "2026-11-21" in bad.err


def test_settings_show_and_set(stint):
    assert stint("settings", "set", "sync_interval_minutes", "30").out == "sync_interval_minutes = 30\n"
    assert stint("settings", "set", "only_mine", "yes").code == 0
    data = stint("settings", "--json").json()
    assert data["settings"]["sync_interval_minutes"] == 30 and data["settings"]["only_mine"]
    assert data["locked"] == []
    bad = stint("settings", "set", "sync_interval_minutes", "1")
    assert bad.code == 1 and "5 to 1440" in bad.err


def test_policy_locks_settings_for_the_cli(stint, tmp_path, monkeypatch):
    policy = tmp_path / "policy.toml"
    policy.write_text('locked = ["sync.interval_minutes", "import.only_mine"]\n'
                      "[sync]\ninterval_minutes = 120\n", encoding="utf-8")
    monkeypatch.setenv("STINT_POLICY", str(policy))
    data = stint("settings", "--json").json()
    assert data["settings"]["sync_interval_minutes"] == 120
    assert data["locked"] == ["only_mine", "sync_interval_minutes"]
    refused = stint("settings", "set", "sync_interval_minutes", "15")
    assert refused.code == 1
    assert refused.err == ("stint: The setting 'sync_interval_minutes' is locked by your "
                           "administrator's policy and cannot be changed.\n")
    assert "(locked by policy)" in stint("settings").out


def test_a_broken_policy_file_is_one_line(stint, tmp_path, monkeypatch):
    policy = tmp_path / "policy.toml"
    policy.write_text("[sync]\ninterval = 5\n", encoding="utf-8")
    monkeypatch.setenv("STINT_POLICY", str(policy))
    result = stint("status")
    assert result.code == 1 and result.err.startswith("stint: The admin policy file")
    assert result.err.count("\n") == 1


def test_disconnect_keeps_the_entries(connected_cli, memory_keyring):
    connected_cli("sync")
    task = connected_cli("tasks", "--json").json()[0]
    connected_cli("start", task["id"])
    connected_cli("stop")
    result = connected_cli("disconnect", "--json")
    assert result.json() == {"connected": False, "entries_kept": 1}
    assert memory_keyring.keys() == []
    assert not connected_cli("status", "--json").json()["connection"]["connected"]
    assert len(connected_cli("entries", "--json").json()) == 1
    assert connected_cli("tasks", "--json").json()  # the tree stays for the entries' paths
    assert connected_cli("sync").code == 1


def test_sync_exit_code_follows_the_outcome(connected_cli, sandbox):
    sandbox.budget.configure(used=sandbox.budget.maximum)
    result = connected_cli("sync")
    assert result.code == 5 and "rate limited" in result.out


def test_timestamps_in_json_are_utc(connected_cli):
    connected_cli("sync")
    run = connected_cli("log", "--json").json()["runs"][0]
    started = datetime.fromisoformat(run["started_at"])
    assert started.utcoffset() == timedelta(0)


def _password_connect(stint, sandbox, *extra, login_url=None, password=None):
    return stint(
        "connect", "--login-url", login_url or sandbox.login_url, "--username", sandbox.username,
        "--password-stdin", *extra,
        stdin=f"{password or sandbox.password}\n{sandbox.security_token}\n",
    )


def test_each_connection_problem_has_its_own_plain_message(stint, sandbox):
    # the sandbox's private CA is not trusted without --ca-file
    tls = _password_connect(stint, sandbox)
    assert tls.code == 1 and "secure connection" in tls.err and "certificate" in tls.err
    # nothing listens there
    down = _password_connect(stint, sandbox, "--ca-file", sandbox.ca_file,
                             login_url="https://127.0.0.1:9")
    assert down.code == 1 and "127.0.0.1:9" in down.err and "network" in down.err
    # API access switched off for the user
    sandbox.org.set_api_enabled(sandbox.username, False)
    disabled = _password_connect(stint, sandbox, "--ca-file", sandbox.ca_file)
    assert disabled.code == 1 and "make sure API access is enabled" in disabled.err
    for result in (tls, down, disabled):
        assert result.err.count("\n") == 1 and sandbox.password not in result.err


def test_browser_sign_in_needs_a_consumer_key(stint, sandbox):
    result = stint("connect", "--oauth", "--login-url", sandbox.login_url)
    assert result.code == 1 and "consumer key" in result.err


def test_browser_sign_in_in_process(stint, sandbox, monkeypatch, memory_keyring, callback_url):
    assert stint("settings", "set", "oauth_callback_url", callback_url).code == 0
    # what webbrowser.open would do: the user allows access on the approve page
    monkeypatch.setattr("desktop.platform.browser._system_browser", sandbox.browser())
    result = stint("connect", "--oauth", "--login-url", sandbox.login_url, "--consumer-key",
                   sandbox.client_id, "--ca-file", sandbox.ca_file, "--json")
    assert result.code == 0, result.err
    assert result.json()["auth_method"] == "oauth"
    # the user who approved, by name (from UserInfo), kept like the password flow's
    assert result.json()["username"] == sandbox.username
    assert stint("status", "--json").json()["connection"]["username"] == sandbox.username
    assert memory_keyring.keys() == ["salesforce-refresh-token"]
    assert stint("sync", "--json").json()["outcome"] == "succeeded"
    denied = sandbox.browser()
    denied.allow = False
    monkeypatch.setattr("desktop.platform.browser._system_browser", denied)
    refused = stint("connect", "--oauth", "--consumer-key", sandbox.client_id)
    assert refused.code == 1 and "not allowed in the browser" in refused.err


def test_browser_sign_in_with_a_required_consumer_secret(
    stint, sandbox, monkeypatch, memory_keyring, callback_url
):
    sandbox.apps.configure(require_secret_for_web_server=True, require_secret_for_refresh=True)
    assert stint("settings", "set", "oauth_callback_url", callback_url).code == 0
    monkeypatch.setattr("desktop.platform.browser._system_browser", sandbox.browser())
    args = ("connect", "--oauth", "--login-url", sandbox.login_url, "--consumer-key",
            sandbox.client_id, "--ca-file", sandbox.ca_file)
    without = stint(*args)
    assert without.code == 1 and "requires a consumer secret" in without.err
    wrong = stint(*args, "--consumer-secret-stdin", stdin="not-it\n")
    assert wrong.code == 1 and "did not accept the consumer secret" in wrong.err
    assert "not-it" not in wrong.err
    connected = stint(*args, "--consumer-secret-stdin", stdin=sandbox.client_secret + "\n")
    assert connected.code == 0, connected.err
    assert memory_keyring.get("salesforce-consumer-secret") == sandbox.client_secret
    sandbox.sessions.expire_all_sessions()  # the refresh grant needs the kept secret
    assert stint("sync", "--json").json()["outcome"] == "succeeded"
    # another app (another consumer key) never gets this app's secret
    sandbox.apps.configure("other-app", callback_urls=[callback_url])
    other = stint("connect", "--oauth", "--consumer-key", "other-app")
    assert other.code == 0, other.err
    assert memory_keyring.get("salesforce-consumer-secret") is None


def test_browser_sign_in_on_a_busy_port(stint, sandbox, callback_url):
    import socket

    port = int(callback_url.rsplit(":", 1)[1].split("/")[0])
    assert stint("settings", "set", "oauth_callback_url", callback_url).code == 0
    with socket.socket() as other_program:
        other_program.bind(("127.0.0.1", port))
        other_program.listen()
        busy = stint("connect", "--oauth", "--login-url", sandbox.login_url, "--consumer-key",
                      sandbox.client_id, "--ca-file", sandbox.ca_file)
    assert busy.code == 1 and busy.err.count("\n") == 1
    assert f"Another program on this computer is using port {port}" in busy.err


def test_password_sign_in_where_salesforce_retired_it(stint, sandbox):
    sandbox.disable_soap_login()
    refused = _password_connect(stint, sandbox, "--ca-file", sandbox.ca_file)
    assert refused.code == 1 and refused.err.count("\n") == 1
    assert "no longer accepts password sign-in" in refused.err and "browser" in refused.err


def test_settings_refuse_a_callback_url_salesforce_would_not_take(stint):
    refused = stint("settings", "set", "oauth_callback_url", "http://127.0.0.1:7846/cb")
    assert refused.code == 1 and "http://localhost" in refused.err


def test_search_finds_an_activity_by_its_parents_words(connected_cli):
    connected_cli("sync")
    tasks = {t["id"]: t for t in connected_cli("tasks", "--json").json()}
    activity = next(t for t in tasks.values() if t["kind"] == "activity")
    parent = tasks[activity["parent_id"]]
    account = next(f["value"] for f in parent["fields"] if f["label"] == "Account")
    query = f"{account.split()[0]} {activity['name'].split()[0]}"
    found = connected_cli("tasks", "--search", query, "--limit", "50", "--json").json()
    assert activity["id"] in {t["id"] for t in found}
    archived_parent = connected_cli("tasks", "--search", query, "--archived", "--json").json()
    assert archived_parent  # the same search over archived items too


def test_start_at_login_writes_and_removes_the_autostart_entry(stint, profile_dir, tmp_path):
    from desktop.platform.autostart import parse_exec

    entry = tmp_path / "xdg-config" / "autostart" / "io.stint.Stint.desktop"
    assert stint("settings", "set", "start_at_login", "on").out == "start_at_login = true\n"
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    command = parse_exec(exec_line[len("Exec="):])
    assert command[-3:] == ["--profile", str(profile_dir.resolve()), "--hidden"]
    assert stint("settings", "--json").json()["settings"]["start_at_login"] is True
    assert stint("settings", "set", "start_at_login", "off").code == 0
    assert not entry.exists()


def test_start_at_login_locked_off_by_policy_writes_nothing(stint, tmp_path, monkeypatch):
    policy = tmp_path / "policy.toml"
    policy.write_text('locked = ["general.start_at_login"]\n', encoding="utf-8")
    monkeypatch.setenv("STINT_POLICY", str(policy))
    refused = stint("settings", "set", "start_at_login", "true")
    assert refused.code == 1 and "locked by your administrator" in refused.err
    assert not (tmp_path / "xdg-config" / "autostart").exists()


def test_general_preferences_from_the_cli(stint):
    assert stint("settings", "set", "work_days", "mon,wed,fri").out == \
        'work_days = ["mon", "wed", "fri"]\n'
    assert stint("settings", "set", "duration_format", "decimal").code == 0
    bad = stint("settings", "set", "idle_minutes", "0")
    assert bad.code == 1 and "idle_minutes is 1 to 240 minutes" in bad.err
    data = stint("settings", "--json").json()["settings"]
    assert (data["work_days"], data["duration_format"], data["idle_minutes"]) == (
        ["mon", "wed", "fri"], "decimal", 5)


def test_status_reads_the_link_without_the_keyring_and_learns_an_old_ones(
        connected_cli, profile_dir, memory_keyring):
    from desktop.engine.link import KEYRING_KEY

    assert connected_cli("status", "--json").json()["connection"]["keyring"] == "system"
    with engine_for(profile_dir, memory_keyring) as engine:  # as linked by an older Stint
        engine.store.sync_state.set_value(KEYRING_KEY, None)
    connection = connected_cli("status", "--json").json()["connection"]
    assert connection["connected"] and connection["keyring"] == "system"  # asked the keyring
    with engine_for(profile_dir, memory_keyring) as engine:
        assert engine.store.sync_state.get_value(KEYRING_KEY) == "system"  # and noted it
    assert connected_cli("disconnect").code == 0
    assert connected_cli("status", "--json").json()["connection"]["connected"] is False
