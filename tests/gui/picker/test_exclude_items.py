"""Excluding an item in "all items" mode from the picker's menu and including it again from
Settings (issue 15), on the real engine against the sandbox: it leaves the task list with the
sync the exclusion starts, Settings lists it (plain text) with Include again, and it returns."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QWidget

from desktop.domain.items import ItemKind
from desktop.engine import Engine
from desktop.platform.secrets import MemorySecretStore
from desktop.services.exclusions import ExclusionsService
from desktop.services.integration_service import IntegrationService
from desktop.services.sync_service import SyncService
from desktop.services.tasks_service import TasksService
from desktop.services.timer_service import TimerService
from desktop.ui.picker.task_widget import TaskWidget
from desktop.ui.settings.page import IntegrationPage
from desktop.ui.sync_status.text import paused_explained
from tests.gui.conftest import HOSTILE_NAME
from tests.gui.popup_menus import answer_next_menu

TIMEOUT_MS = 20_000


@pytest.fixture
def engine(profile_dir, sandbox):
    opened = Engine.open(profile_dir, secret_store=MemorySecretStore(), policy={},
                         log_to_file=False)
    opened.connect_password(sandbox.username, sandbox.password, sandbox.security_token,
                            login_url=sandbox.login_url, ca_file=sandbox.ca_file)
    yield opened
    opened.close()


@pytest.fixture
def app_parts(qtbot, engine, sandbox):
    """What the app wires: tasks reloaded after each sync, the picker and Settings sharing one
    ExclusionsService. One Opportunity is renamed to a hostile name first."""
    salesforce = sandbox.salesforce()
    opp_id = salesforce.query(
        "SELECT Id FROM Opportunity WHERE IsClosed = false ORDER BY Id LIMIT 1")["records"][0]["Id"]
    salesforce.Opportunity.update(opp_id, {"Name": f"Quasar {HOSTILE_NAME}"})
    assert engine.sync().outcome.value == "succeeded"

    sync = SyncService(engine.store)
    callbacks = sync.callbacks()
    sync.attach(engine.start_scheduler(
        first_delay=timedelta(hours=1),
        **callbacks.as_kwargs()))
    sync.set_pause_control(engine)
    tasks = TasksService(engine.store)
    sync.sync_finished.connect(lambda _run: tasks.reload())
    with qtbot.waitSignal(tasks.tree_changed, timeout=TIMEOUT_MS):
        tasks.reload()
    qtbot.waitUntil(lambda: tasks.is_searchable(), timeout=TIMEOUT_MS)
    exclusions = ExclusionsService(engine, sync)

    host = QWidget()
    host.resize(800, 600)
    widget = TaskWidget(TimerService(engine.store), tasks, host)
    widget.setGeometry(0, 0, 800, 160)
    widget.picker.set_exclusions(exclusions)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    integration = IntegrationService(engine, sync)
    settings = IntegrationPage(integration, tasks, sync_service=sync, exclusions=exclusions,
                               describe_pause=paused_explained)
    qtbot.addWidget(settings)
    settings.show()
    yield opp_id, sync, tasks, widget.picker, settings
    engine.stop_scheduler()
    qtbot.waitUntil(lambda: not tasks.is_loading(), timeout=TIMEOUT_MS)
    for service in (sync, tasks, exclusions, integration):  # as the app's shutdown does
        service.blockSignals(True)
    del host  # closed by qtbot


def menu_on_first_result(qtbot, picker, choose=None):
    view = picker.results_view
    position = view.visualRect(picker.results_model.index(0, 0)).center()
    seen = answer_next_menu(choose)
    view.customContextMenuRequested.emit(position)
    qtbot.waitUntil(lambda: bool(seen))
    return [text for text, _enabled, _tip in seen]


def test_exclude_from_the_picker_and_include_again_from_settings(qtbot, app_parts, engine):
    opp_id, sync, tasks, picker, settings = app_parts
    excluded_list = settings.import_form.excluded
    assert not excluded_list.isVisible()  # nothing excluded yet

    qtbot.keyClicks(picker.search, "quasar")
    assert picker.results_model.item_at(0).id == opp_id
    entries = menu_on_first_result(qtbot, picker)
    assert entries[0] == "Start timer" and entries[-1] == "Exclude from synchronization"

    with qtbot.waitSignal(sync.sync_finished, timeout=TIMEOUT_MS):  # it syncs at once
        menu_on_first_result(qtbot, picker, "Exclude from synchronization")
    assert "is excluded: it leaves the task list" in picker.status.text()
    assert engine.settings.current().excluded_ids == (opp_id,)
    qtbot.waitUntil(lambda: tasks.item(opp_id) is not None and tasks.item(opp_id).archived,
                    timeout=TIMEOUT_MS)
    assert tasks.item(opp_id).archive_reason == "excluded"
    qtbot.waitUntil(lambda: opp_id not in [i.id for i in tasks.search("quasar")])
    qtbot.waitUntil(lambda: picker.results_model.rowCount() == 0)  # gone from the results...
    assert "is excluded: it leaves the task list" in picker.status.text()  # ...and it says why

    # Settings lists it, by name, as plain text
    assert excluded_list.isVisible()
    assert [excluded_list.list.item(r).text() for r in range(excluded_list.list.count())] == [
        f"Quasar {HOSTILE_NAME}  (Opportunity)"]
    excluded_list.list.item(0).setSelected(True)
    with qtbot.waitSignal(sync.sync_finished, timeout=TIMEOUT_MS) as finished:
        excluded_list.include_button.click()
    assert finished.args[0].kind == "full"  # an unchanged record comes back only this way
    assert engine.settings.current().excluded_ids == ()
    assert not excluded_list.isVisible()
    qtbot.waitUntil(lambda: not tasks.item(opp_id).archived, timeout=TIMEOUT_MS)


def test_exclusion_is_offered_for_opportunities_and_cases_in_all_items_mode_only(
    qtbot, app_parts, engine
):
    opp_id, _sync, tasks, picker, _settings = app_parts
    activity = next(i for i in tasks.tree().visible_items() if i.kind is ItemKind.ACTIVITY)
    picker.focus_search(activity.name)
    qtbot.waitUntil(lambda: picker.results_model.rowCount() > 0)
    assert picker.results_model.item_at(0).kind is ItemKind.ACTIVITY
    assert "Exclude from synchronization" not in menu_on_first_result(qtbot, picker)

    engine.settings.update(import_mode="specific", specific_ids=(opp_id,))
    picker.focus_search("quasar")
    assert "Exclude from synchronization" not in menu_on_first_result(qtbot, picker)
