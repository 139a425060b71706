"""Integration page: connect against the sandbox, plain errors, locked settings, saving,
specific items, unlink and re-enable with confirmation."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from desktop.domain.entries import TimeEntry
from desktop.ui.locks import LOCKED_TOOLTIP
from desktop.ui.settings.connect import CUSTOM_PRESET
from desktop.ui.settings.page import (
    CONNECTED,
    NEVER_CONNECTED,
    REAUTHORIZING,
    UNLINKED,
    IntegrationPage,
)
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)

CONNECT_TIMEOUT_MS = 20_000


@pytest.fixture
def page(qtbot, integration_service, engine_tasks_service):
    widget = IntegrationPage(integration_service, engine_tasks_service)
    qtbot.addWidget(widget)
    widget.resize(760, 900)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: integration_service.connection_info() is not None)
    return widget


def fill_password_form(page, sandbox, password=None):
    form = page.connect_form
    form.preset_combo.setCurrentIndex(CUSTOM_PRESET)
    form.url_edit.setText(sandbox.login_url)
    form.password_radio.setChecked(True)
    form.username_edit.setText(sandbox.username)
    form.password_edit.setText(sandbox.password if password is None else password)
    form.token_edit.setText(sandbox.security_token)
    form.advanced_button.setChecked(True)
    form.ca_file_edit.setText(sandbox.ca_file)


def connect(qtbot, page, integration_service, sandbox):
    fill_password_form(page, sandbox)
    with qtbot.waitSignal(integration_service.connected, timeout=CONNECT_TIMEOUT_MS):
        qtbot.mouseClick(page.connect_form.enable_button, Qt.MouseButton.LeftButton)


def wait_for_first_sync(qtbot, sync_service) -> None:
    def finished() -> bool:
        run = sync_service.last_run()
        return run is not None and run.finished_at is not None and not sync_service.is_running()

    qtbot.waitUntil(finished, timeout=CONNECT_TIMEOUT_MS)


def answer_confirmation(qtbot, page, accept: bool) -> None:
    """Click the confirmation's accept (or Cancel) button as soon as it is open."""

    def click() -> None:
        box = page.confirmation
        if box is None:
            QTimer.singleShot(10, click)
            return
        for button in box.buttons():
            role = box.buttonRole(button)
            if (role == QMessageBox.ButtonRole.AcceptRole) == accept:
                button.click()
                return

    QTimer.singleShot(0, click)


def test_first_visit_shows_the_sign_in_form(page):
    assert page.state() == NEVER_CONNECTED
    form = page.connect_form
    assert form.isVisible()
    assert form.preset_combo.currentText() == "Production"
    assert form.url_edit.text() == "https://login.salesforce.com"
    assert not form.url_edit.isEnabled()
    form.preset_combo.setCurrentIndex(1)
    assert form.url_edit.text() == "https://test.salesforce.com"
    assert not page.unlink_button.isVisible()
    assert not page.reenable_button.isVisible()


def test_insecure_login_url_is_refused_next_to_the_field(qtbot, page, integration_service):
    form = page.connect_form
    form.preset_combo.setCurrentIndex(CUSTOM_PRESET)
    assert form.url_edit.isEnabled()
    form.url_edit.setText("http://acme.my.salesforce.com")
    with qtbot.assertNotEmitted(integration_service.connect_started):
        form.enable_button.click()
    assert form.url_error.isVisible()
    assert "https://" in form.url_error.text()


def test_connect_with_password_against_the_sandbox(
    qtbot, page, integration_service, sync_service, engine, sandbox
):
    page.import_form.interval_spin.setValue(30)  # chosen before enabling: kept and saved
    connect(qtbot, page, integration_service, sandbox)
    assert engine.settings.current().sync_interval_minutes == 30
    assert page.import_form.interval_spin.value() == 30
    assert page.state() == CONNECTED
    assert sandbox.username in page.state_label.text()
    assert not page.connect_form.isVisible()
    assert page.unlink_button.isVisible()
    assert page.connect_form.password_edit.text() == ""  # secrets do not linger in the form
    settings = engine.settings.current()
    assert (settings.auth_method, settings.username) == ("password", sandbox.username)
    # the stage picklist comes from describe, in the org's order
    qtbot.waitUntil(lambda: page.import_form.stage_combo.count() > 3, timeout=CONNECT_TIMEOUT_MS)
    stages = [page.import_form.stage_combo.itemText(i)
              for i in range(page.import_form.stage_combo.count())]
    assert "Prospecting" in stages and "Closed Won" in stages
    # connecting started syncing at once: the tasks arrive
    wait_for_first_sync(qtbot, sync_service)
    assert engine.store.items.count() > 0


def test_wrong_password_is_explained_plainly(qtbot, page, integration_service, sandbox):
    fill_password_form(page, sandbox, password="not-the-password")
    with qtbot.waitSignal(integration_service.connect_failed, timeout=CONNECT_TIMEOUT_MS) as failed:
        page.connect_form.enable_button.click()
    form = page.connect_form
    assert form.error_label.isVisible()
    assert form.error_label.text() == failed.args[0]
    assert "did not accept the username, password or security token" in form.error_label.text()
    assert "not-the-password" not in form.error_label.text()
    assert form.enable_button.isEnabled()
    assert not form.progress.isVisible()
    assert form.username_edit.text() == sandbox.username  # nothing typed is lost
    assert page.state() == NEVER_CONNECTED


def test_unreachable_host_is_explained_plainly(qtbot, page, integration_service):
    form = page.connect_form
    form.preset_combo.setCurrentIndex(CUSTOM_PRESET)
    form.url_edit.setText("https://127.0.0.1:9")
    form.password_radio.setChecked(True)
    form.username_edit.setText("someone@example.com")
    form.password_edit.setText("secret-password")
    with qtbot.waitSignal(integration_service.connect_failed, timeout=CONNECT_TIMEOUT_MS):
        form.enable_button.click()
    assert "127.0.0.1" in form.error_label.text()
    assert "secret-password" not in form.error_label.text()


def test_settings_locked_by_policy_show_as_locked(qtbot, tmp_path, monkeypatch, profile_dir):
    policy = tmp_path / "policy.toml"
    policy.write_text(
        'locked = ["connection.login_url", "import.only_mine", "sync.interval_minutes"]\n'
        '[connection]\nlogin_url = "https://acme.my.salesforce.com"\n'
        "[import]\nonly_mine = true\n"
        "[sync]\ninterval_minutes = 30\n"
    )
    monkeypatch.setenv("STINT_POLICY", str(policy))
    from desktop.engine import Engine
    from desktop.platform.secrets import MemorySecretStore
    from desktop.services.integration_service import IntegrationService
    from desktop.services.tasks_service import TasksService

    engine = Engine.open(profile_dir, secret_store=MemorySecretStore(), log_to_file=False)
    try:
        tasks = TasksService(engine.store)
        service = IntegrationService(engine)
        page = IntegrationPage(service, tasks)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: service.connection_info() is not None)
        form, imports = page.connect_form, page.import_form
        assert form.url_edit.text() == "https://acme.my.salesforce.com"
        for widget in (form.preset_combo, form.url_edit, imports.only_mine_box, imports.interval_spin):
            assert not widget.isEnabled()
            assert widget.toolTip() == LOCKED_TOOLTIP
        assert form.url_badge.isVisible() and form.url_badge.toolTip() == LOCKED_TOOLTIP
        assert imports.only_mine_badge.isVisible() and imports.interval_badge.isVisible()
        assert imports.only_mine_box.isChecked()
        assert imports.interval_spin.value() == 30
        # what is not locked stays editable
        assert imports.cases_box.isEnabled() and not imports.stage_badge.isVisible()
        assert form.oauth_radio.isEnabled()
    finally:
        engine.close()


def test_save_settings_and_problems_shown_next_to_the_field(qtbot, page, engine):
    imports = page.import_form
    imports.interval_spin.setValue(15)
    imports.opportunities_box.setChecked(False)
    assert page.save_button.isEnabled()
    assert page.save()
    saved = engine.settings.current()
    assert (saved.sync_interval_minutes, saved.import_opportunities) == (15, False)
    assert not page.save_button.isEnabled()

    imports.cases_box.setChecked(False)  # nothing left to import
    imports.specific_radio.setChecked(True)  # and no item chosen
    assert not page.save()
    assert imports.errors["import_opportunities"].isVisible()
    assert "Opportunities, Cases, or both" in imports.errors["import_opportunities"].text()
    assert imports.errors["specific_ids"].isVisible()
    assert not imports.cases_box.isChecked()  # the user's edit is still there
    assert engine.settings.current().import_cases is True

    page.revert_button.click()
    assert imports.cases_box.isChecked() and imports.all_radio.isChecked()
    assert not imports.errors["specific_ids"].isVisible()


def test_pick_specific_items_from_salesforce(
    qtbot, page, integration_service, sync_service, engine, sandbox
):
    connect(qtbot, page, integration_service, sandbox)
    imports = page.import_form
    imports.specific_radio.setChecked(True)
    assert imports.picker.isVisible()
    with qtbot.waitSignal(integration_service.candidates_loaded, timeout=CONNECT_TIMEOUT_MS):
        imports.picker.search_now()
    model = imports.picker.model
    assert model.rowCount() > 0
    first = model.candidate(0)
    model.setData(model.index(0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert imports.picker.status_label.text() == "1 item chosen."
    # a narrower search keeps the chosen item listed (first, still checked)
    word = first.name.split()[0]
    with qtbot.waitSignal(integration_service.candidates_loaded, timeout=CONNECT_TIMEOUT_MS) as got:
        imports.picker.search_edit.setText(word)
        imports.picker.search_now()
    assert all(word.casefold() in c.name.casefold() for c in got.args[0])
    assert model.candidate(0).id == first.id
    assert page.save()
    settings = engine.settings.current()
    assert settings.import_mode == "specific" and settings.specific_ids == (first.id,)


def test_a_pasted_page_of_text_finds_nothing_instead_of_an_error(
    qtbot, page, integration_service, sandbox
):
    """Issue 11 follow-up b: over 4,000 characters Salesforce refuses the LIKE literal."""
    connect(qtbot, page, integration_service, sandbox)
    with qtbot.waitSignal(integration_service.candidates_loaded, timeout=CONNECT_TIMEOUT_MS) as got:
        integration_service.load_candidates("pasted text " * 400)
    assert got.args[0] == []


def test_unlink_keeps_entries_and_reenable_signs_in_again(
    qtbot, page, integration_service, sync_service, engine, sandbox
):
    connect(qtbot, page, integration_service, sandbox)
    wait_for_first_sync(qtbot, sync_service)
    items_before = engine.store.items.count()
    now = datetime.now(UTC).replace(microsecond=0)
    item_id = engine.store.items.all()[1].id
    engine.store.entries.add(
        TimeEntry(start=now.replace(hour=1), end=now.replace(hour=2), item_id=item_id)
    )

    answer_confirmation(qtbot, page, accept=False)  # Cancel changes nothing
    assert not page.confirm_unlink()
    assert page.state() == CONNECTED

    answer_confirmation(qtbot, page, accept=True)
    with qtbot.waitSignal(integration_service.unlinked, timeout=CONNECT_TIMEOUT_MS):
        assert page.confirm_unlink()
    assert page.state() == UNLINKED
    assert page.reenable_button.isVisible() and not page.unlink_button.isVisible()
    assert not engine.connection.credentials.has_any()  # the saved sign-in is gone
    assert not integration_service.is_connected()
    assert not sync_service.is_available()
    assert len(engine.store.entries.all()) == 1  # every tracked minute stays
    assert engine.store.items.count() == items_before  # and the tree

    answer_confirmation(qtbot, page, accept=True)
    assert page.confirm_reenable()
    assert page.state() == REAUTHORIZING
    assert page.connect_form.isVisible()
    assert page.connect_form.username_edit.text() == sandbox.username
    page.connect_form.password_edit.setText(sandbox.password)
    page.connect_form.token_edit.setText(sandbox.security_token)
    with qtbot.waitSignal(sync_service.sync_finished, timeout=CONNECT_TIMEOUT_MS) as synced:
        page.connect_form.enable_button.click()
    assert page.state() == CONNECTED
    assert synced.args[0].kind == "full"  # re-enable refreshes the active items at once
    assert len(engine.store.entries.all()) == 1


def _scripted_browser(sandbox):
    """Plays the user on the sandbox's approve page (like a real browser would)."""
    from tests.unit.salesforce.conftest import ScriptedBrowser

    return ScriptedBrowser(sandbox)


def _no_browser(_sandbox):
    from desktop.platform.browser import BrowserUnavailable

    def opener(url: str) -> None:
        raise BrowserUnavailable(url)

    return opener


@pytest.fixture
def oauth_page(qtbot, engine, sync_service, engine_tasks_service, sandbox, request):
    """The page whose service opens the browser with `request.param(sandbox)`."""
    from desktop.services.integration_service import IntegrationService

    service = IntegrationService(engine, sync_service, open_browser=request.param(sandbox))
    widget = IntegrationPage(service, engine_tasks_service)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: service.connection_info() is not None)
    return widget, service


def fill_oauth_form(page, sandbox, callback_url, radio="oauth_radio"):
    form = page.connect_form
    form.preset_combo.setCurrentIndex(CUSTOM_PRESET)
    form.url_edit.setText(sandbox.login_url)
    getattr(form, radio).setChecked(True)
    form.advanced_button.setChecked(True)
    assert form.consumer_key_edit.isVisible() and form.consumer_secret_edit.isVisible()
    form.consumer_key_edit.setText(sandbox.client_id)
    form.callback_edit.setText(callback_url)
    form.ca_file_edit.setText(sandbox.ca_file)


@pytest.mark.parametrize("oauth_page", [_scripted_browser], indirect=True)
def test_connect_with_browser_sign_in(qtbot, oauth_page, engine, sandbox, callback_url):
    page, service = oauth_page
    fill_oauth_form(page, sandbox, callback_url)
    with qtbot.waitSignal(service.connected, timeout=CONNECT_TIMEOUT_MS):
        page.connect_form.enable_button.click()
    assert page.state() == CONNECTED
    settings = engine.settings.current()
    assert settings.auth_method == "oauth" and settings.oauth_callback_url == callback_url
    assert engine.connection.credentials.refresh_token()  # kept for the next start


@pytest.mark.parametrize("oauth_page", [_scripted_browser], indirect=True)
def test_browser_sign_in_with_the_secret_the_app_requires(
    qtbot, oauth_page, engine, sandbox, callback_url
):
    sandbox.apps.configure(require_secret_for_web_server=True, require_secret_for_refresh=True)
    page, service = oauth_page
    fill_oauth_form(page, sandbox, callback_url)
    with qtbot.waitSignal(service.connect_failed, timeout=CONNECT_TIMEOUT_MS):
        page.connect_form.enable_button.click()
    assert "requires a consumer secret" in page.connect_form.error_label.text()
    link = page.sign_in_status.setup_link
    assert link.isVisible() and "The consumer secret" in link.text()
    assert "salesforce-setup.md" in link.text()

    page.connect_form.consumer_secret_edit.setText(sandbox.client_secret)
    with qtbot.waitSignal(service.connected, timeout=CONNECT_TIMEOUT_MS):
        page.connect_form.enable_button.click()
    assert page.connect_form.consumer_secret_edit.text() == ""  # not left in the form
    assert not link.isVisible()
    assert engine.connection.credentials.consumer_secret() == sandbox.client_secret


def test_the_callback_url_is_shown_for_the_admin_to_copy(qtbot, page, engine):
    from PySide6.QtGui import QGuiApplication

    form = page.connect_form
    form.oauth_radio.setChecked(True)
    form.advanced_button.setChecked(True)
    assert form.callback_edit.isVisible()
    assert form.callback_edit.text() == "http://localhost:7846/oauth/callback"
    form.copy_callback_button.click()
    assert QGuiApplication.clipboard().text() == "http://localhost:7846/oauth/callback"
    form.device_radio.setChecked(True)
    assert not form.callback_edit.isVisible()  # a code sign-in has no callback


def test_a_callback_url_salesforce_would_refuse_is_caught_in_the_form(qtbot, page, sandbox):
    fill_oauth_form(page, sandbox, "http://127.0.0.1:7846/oauth/callback")
    page.connect_form.enable_button.click()
    form = page.connect_form
    assert form.callback_error.isVisible() and "http://localhost" in form.callback_error.text()
    assert not form.progress.isVisible()


def test_sign_in_with_a_code_on_another_device(qtbot, page, integration_service, engine, sandbox):
    sandbox.devices.interval_seconds = 0.3
    fill_oauth_form(page, sandbox, "", radio="device_radio")
    with qtbot.waitSignal(integration_service.device_code_shown,
                          timeout=CONNECT_TIMEOUT_MS) as shown:
        page.connect_form.enable_button.click()
    status = page.sign_in_status
    user_code, verification_uri = shown.args
    assert status.device_code_label.isVisible() and status.device_code_label.text() == user_code
    assert status.verification_url_edit.text() == verification_uri
    assert page.connect_form.cancel_button.isVisible()
    with qtbot.waitSignal(integration_service.connected, timeout=CONNECT_TIMEOUT_MS):
        assert "connected" in sandbox.browser().enter_device_code(verification_uri, user_code)
    assert page.state() == CONNECTED and not status.device_code_label.isVisible()
    assert engine.settings.current().auth_method == "device"
    assert engine.connection.credentials.refresh_token()


def test_password_sign_in_where_salesforce_retired_it(qtbot, page, integration_service, sandbox):
    sandbox.disable_soap_login()
    fill_password_form(page, sandbox)
    assert page.connect_form.retirement_note.isVisible()
    assert "Browser sign-in is the recommended way" in page.connect_form.retirement_note.text()
    with qtbot.waitSignal(integration_service.connect_failed, timeout=CONNECT_TIMEOUT_MS):
        page.connect_form.enable_button.click()
    assert "no longer accepts password sign-in" in page.connect_form.error_label.text()
    assert "Password sign-in ends" in page.sign_in_status.setup_link.text()


@pytest.mark.parametrize("oauth_page", [_no_browser], indirect=True)
def test_without_a_browser_the_address_is_shown_and_cancel_stops(
    qtbot, oauth_page, sandbox, callback_url
):
    page, service = oauth_page
    fill_oauth_form(page, sandbox, callback_url)
    with qtbot.waitSignal(service.browser_url_shown, timeout=CONNECT_TIMEOUT_MS):
        page.connect_form.enable_button.click()
    assert page.browser_url_edit.isVisible()
    assert page.browser_url_edit.text().startswith(sandbox.login_url + "/services/oauth2/authorize")
    assert page.connect_form.cancel_button.isVisible()
    assert "browser" in page.connect_form.status_label.text()
    with qtbot.waitSignal(service.connect_failed, timeout=CONNECT_TIMEOUT_MS):
        page.connect_form.cancel_button.click()
    assert page.connect_form.error_label.text() == "Signing in was cancelled."
    assert page.state() == NEVER_CONNECTED


def test_write_back_target_events_or_a_custom_object(
    qtbot, page, integration_service, engine, sandbox
):
    connect(qtbot, page, integration_service, sandbox)
    form = page.writeback_form
    assert form.off_radio.isChecked()
    form.event_radio.setChecked(True)
    assert page.save()
    assert engine.settings.current().writeback == "event"

    form.custom_radio.setChecked(True)
    assert form.find_button.isEnabled()
    with qtbot.waitSignal(integration_service.writeback_objects_loaded,
                          timeout=CONNECT_TIMEOUT_MS) as found:
        form.find_button.click()
    objects = found.args[0]
    assert objects, "the sandbox org has a custom time-entry object"
    assert form.object_combo.count() == len(objects)
    assert form.mapping_label.isVisible() and "minutes →" in form.mapping_label.text()
    assert page.save()
    saved = engine.settings.current()
    assert (saved.writeback, saved.writeback_object) == ("custom_object", objects[0].name)


def test_short_entries_stay_local_unless_asked_for(qtbot, page, engine):
    form = page.writeback_form
    assert (form.min_minutes.value(), form.short_box.isChecked()) == (1, False)
    assert not form.min_minutes.isEnabled()  # nothing is written back yet
    form.event_radio.setChecked(True)
    assert form.min_minutes.isEnabled() and form.short_box.isEnabled()
    form.min_minutes.setValue(5)
    assert page.save_button.isEnabled()
    assert page.save()
    saved = engine.settings.current()
    assert (saved.writeback_min_minutes, saved.writeback_short_entries) == (5, False)
    qtbot.mouseClick(form.short_box, Qt.MouseButton.LeftButton)
    assert page.save()
    assert engine.settings.current().writeback_short_entries is True
    form.min_minutes.setValue(0)  # nothing is short: nothing to opt into
    assert not form.short_box.isEnabled()


def test_write_back_locked_by_policy(qtbot, tmp_path, monkeypatch, profile_dir):
    policy = tmp_path / "policy.toml"
    policy.write_text('locked = ["writeback.target"]\n[writeback]\ntarget = "event"\n')
    monkeypatch.setenv("STINT_POLICY", str(policy))
    from desktop.engine import Engine
    from desktop.platform.secrets import MemorySecretStore
    from desktop.services.integration_service import IntegrationService
    from desktop.services.tasks_service import TasksService

    engine = Engine.open(profile_dir, secret_store=MemorySecretStore(), log_to_file=False)
    try:
        service = IntegrationService(engine)
        page = IntegrationPage(service, TasksService(engine.store))
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: service.connection_info() is not None)
        form = page.writeback_form
        assert form.event_radio.isChecked()
        for radio in (form.off_radio, form.event_radio, form.custom_radio):
            assert not radio.isEnabled() and radio.toolTip() == LOCKED_TOOLTIP
        assert form.badge.isVisible()
    finally:
        engine.close()


def test_an_unusable_keyring_is_said_plainly(qtbot, profile_dir):
    from desktop.engine import Engine
    from desktop.platform.secrets import MemorySecretStore
    from desktop.services.integration_service import IntegrationService
    from desktop.services.tasks_service import TasksService

    problem = "No system keyring was found (no D-Bus session)."
    engine = Engine.open(profile_dir, secret_store=MemorySecretStore(problem=problem),
                         log_to_file=False)
    try:
        service = IntegrationService(engine)
        page = IntegrationPage(service, TasksService(engine.store))
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: service.connection_info() is not None)
        assert page.keyring_label.isVisible()
        assert problem in page.keyring_label.text()
        assert "this session only" in page.keyring_label.text()
    finally:
        engine.close()


def test_candidate_list_model_passes_the_model_tester(qtmodeltester):
    from desktop.services.integration_service import Candidate
    from desktop.ui.settings.items import CandidateListModel

    model = CandidateListModel()
    model.set_checked_ids(("006000000000009AAA",))
    model.set_candidates([
        Candidate("006000000000001AAA", "Opportunity", "<b>Acme</b> - 500 Widgets",
                  "Acme · Prospecting"),
        Candidate("500000000000001AAA", "Case", "Case 00001026: Printer on fire", "Globex"),
    ])
    qtmodeltester.check(model)
    # the checked item that the search did not return stays listed, first
    assert model.candidate(0).id == "006000000000009AAA"
    assert model.data(model.index(1)) == "<b>Acme</b> - 500 Widgets  —  Acme · Prospecting"
    assert model.setData(model.index(2), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_ids() == ("006000000000009AAA", "500000000000001AAA")


def test_padlocks_only_where_the_policy_locks_whatever_the_method(qtbot, page):
    form = page.connect_form
    form.advanced_button.setChecked(True)
    for radio in (form.password_radio, form.device_radio, form.oauth_radio):
        radio.setChecked(True)
        form.set_busy(True)
        for badge in (form.consumer_key_badge, form.consumer_secret_badge, form.callback_badge):
            assert not badge.isVisible()
        form.set_busy(False)


def test_the_callback_url_and_consumer_secret_set_by_policy(qtbot, tmp_path, monkeypatch,
                                                             profile_dir):
    policy = tmp_path / "policy.toml"
    policy.write_text(
        'locked = ["connection.callback_url"]\n'
        '[connection]\ncallback_url = "http://localhost:17846/stint"\n'
        'consumer_key = "3MVG9-key"\nconsumer_secret = "from-the-admin-123"\n'
    )
    monkeypatch.setenv("STINT_POLICY", str(policy))
    from desktop.engine import Engine
    from desktop.platform.secrets import MemorySecretStore
    from desktop.services.integration_service import IntegrationService
    from desktop.services.tasks_service import TasksService

    engine = Engine.open(profile_dir, secret_store=MemorySecretStore(), log_to_file=False)
    try:
        service = IntegrationService(engine)
        page = IntegrationPage(service, TasksService(engine.store))
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: service.connection_info() is not None)
        form = page.connect_form
        form.advanced_button.setChecked(True)
        assert form.callback_edit.text() == "http://localhost:17846/stint"
        assert not form.callback_edit.isEnabled() and form.callback_badge.isVisible()
        assert form.copy_callback_button.isEnabled()  # still copyable for the admin
        assert not form.consumer_secret_edit.isEnabled() and form.consumer_secret_badge.isVisible()
        assert form.consumer_secret_edit.text() == ""  # the secret itself is never shown
        assert not form.consumer_key_badge.isVisible()  # preset, not locked
    finally:
        engine.close()


def test_notify_of_new_items_is_off_by_default_and_saved(qtbot, page, engine):
    """Issue 15: the opt-in notice of items newly assigned to the user."""
    box = page.import_form.notify_box
    assert box.isVisible() and not box.isChecked()
    box.setChecked(True)
    assert page.save_button.isEnabled()
    assert page.save()
    assert engine.settings.current().notify_new_items
    page.reload()
    assert page.import_form.notify_box.isChecked()


def test_the_page_shows_pause_and_excluded_items_when_given_them(
    qtbot, integration_service, engine_tasks_service, sync_service, engine
):
    from desktop.services.exclusions import ExclusionsService
    from desktop.ui.sync_status.text import paused_explained

    sync_service.set_pause_control(engine)
    exclusions = ExclusionsService(engine, sync_service)
    widget = IntegrationPage(integration_service, engine_tasks_service,
                             sync_service=sync_service, exclusions=exclusions,
                             describe_pause=paused_explained)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.pause_row.isVisible() and widget.pause_row.button.isEnabled()
    excluded = widget.import_form.excluded
    assert not excluded.isVisible()
    assert exclusions.exclude("006000000000001AAA") is None  # not imported (yet): its Id shows
    assert excluded.isVisible()
    assert excluded.list.item(0).text() == "006000000000001AAA"
    widget.import_form.specific_radio.setChecked(True)  # only "all items" excludes
    assert not excluded.isVisible()
    widget.import_form.all_radio.setChecked(True)
    widget.import_form.interval_spin.setValue(30)
    assert widget.save()
    assert engine.settings.current().excluded_ids == ("006000000000001AAA",)  # Save keeps it


def test_the_ca_file_can_be_changed_while_connected(
    qtbot, page, integration_service, sync_service, engine, sandbox, tmp_path
):
    """Issue 11 point 8: a CA file moved away says so (not "internal error"), and choosing
    it again on the connected page works from the next request on, without signing in."""
    import shutil

    kept = tmp_path / "corporate-ca.pem"
    shutil.copy(sandbox.ca_file, kept)
    fill_password_form(page, sandbox)
    page.connect_form.ca_file_edit.setText(str(kept))
    with qtbot.waitSignal(integration_service.connected, timeout=CONNECT_TIMEOUT_MS):
        page.connect_form.enable_button.click()
    wait_for_first_sync(qtbot, sync_service)
    assert page.ca_file_row.isVisible() and page.ca_file_row.path_edit.text() == str(kept)

    moved = tmp_path / "moved" / "corporate-ca.pem"
    moved.parent.mkdir()
    kept.rename(moved)
    with qtbot.waitSignal(sync_service.sync_failed, timeout=CONNECT_TIMEOUT_MS) as failed:
        sync_service.force_sync()
    assert f"The CA certificate file {kept} that Stint trusts for Salesforce is missing" in (
        failed.args[0])

    assert not page.ca_file_row.change(str(tmp_path / "nowhere.pem"))
    assert "does not exist" in page.ca_file_row.error.text()
    with qtbot.waitSignal(sync_service.sync_finished, timeout=CONNECT_TIMEOUT_MS,
                          check_params_cb=lambda run: run.outcome.value == "succeeded"):
        assert page.ca_file_row.change(str(moved))  # a sync follows at once
    assert engine.settings.current().ca_file == str(moved)
    assert page.ca_file_row.path_edit.text() == str(moved)
    assert page.state() == CONNECTED


def test_cached_tasks_loaded_after_the_check_show_the_integration_unlinked(qtbot, profile_dir):
    """A profile with cached tasks and no saved user name was linked before: the page says
    "unlinked" (Re-enable), not "connect Stint", also when the task tree loads after the
    connection check has answered (the app builds the tree in a child process)."""
    from desktop.engine import Engine
    from desktop.platform.secrets import MemorySecretStore
    from desktop.services.integration_service import IntegrationService
    from desktop.services.tasks_service import TasksService
    from tests.gui.conftest import reload_and_wait, sample_items

    engine = Engine.open(profile_dir, secret_store=MemorySecretStore(), log_to_file=False)
    try:
        engine.store.items.upsert_many(sample_items())
        service, tasks = IntegrationService(engine), TasksService(engine.store)
        page = IntegrationPage(service, tasks)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: service.connection_info() is not None)
        assert page.state() == NEVER_CONNECTED  # nothing loaded yet says otherwise

        reload_and_wait(qtbot, tasks)

        assert page.state() == UNLINKED
        assert page.reenable_button.isVisible() and not page.connect_form.isVisible()
    finally:
        engine.close()


@pytest.mark.parametrize("shown", ["device code", "browser address"])
def test_what_the_user_must_act_on_is_scrolled_into_view(qtbot, page, integration_service, shown):
    """In a window of the default size the sign-in code (or the address to open) lands below
    the fold of the page: the page scrolls to it."""
    page.resize(760, 420)
    status = page.sign_in_status
    if shown == "device code":
        integration_service.device_code_shown.emit("N4MKYDUR", "https://example.test/setup/connect")
        target = status.device_code_label
    else:
        integration_service.browser_url_shown.emit("https://example.test/services/oauth2/authorize")
        target = status.browser_url_edit
    qtbot.wait(100)  # the layout places it (a label just shown sits at 0,0 until then)
    assert target.isVisible()
    assert target.visibleRegion().boundingRect().height() == target.height()  # all of it
