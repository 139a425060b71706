"""The Settings page's choosers: the fields shown with each task and the subtask relationships,
chosen by label from the sandbox's describe (custom fields included), with the keyboard; what a
choice does to the next sync; read-only when not connected or locked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.domain.synclog import RunOutcome
from desktop.sandbox.schema import FieldInfo
from desktop.services.field_choices import Choice, ObjectChoices
from desktop.ui.settings.choice_dialog import VALUE_ROLE, ChoiceDialog
from desktop.ui.settings.choices import FIELDS, LOCKED_NOTE, SUBTASKS, ChoiceRow
from desktop.ui.settings.page import IntegrationPage
from tests.gui.conftest_ui2 import *  # noqa: F403 (the fixtures listed in its __all__)
from tests.gui.settings.test_settings_page import CONNECT_TIMEOUT_MS, connect, wait_for_first_sync


def add_custom_field(sandbox, sobject: str, name: str, label: str) -> None:
    """What an admin does in Setup: a new text field on a standard object."""
    info = sandbox.org.schema.sobject(sobject)
    info.fields.append(FieldInfo(name=name, type="string", label=label, length=80, custom=True))
    info.__post_init__()  # rebuild the name lookups


@pytest.fixture
def page(qtbot, integration_service, engine_tasks_service):
    widget = IntegrationPage(integration_service, engine_tasks_service)
    qtbot.addWidget(widget)
    widget.resize(760, 900)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: integration_service.connection_info() is not None)
    return widget


def rows(dialog: ChoiceDialog) -> list[tuple[str, str, bool]]:
    """(label, API name, checked) of every listed row, top to bottom."""
    proxy = dialog.proxy
    return [
        (proxy.index(r, 0).data(), proxy.index(r, 1).data(),
         proxy.index(r, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked.value)
        for r in range(proxy.rowCount())
    ]


def item_of(dialog: ChoiceDialog, value: str):
    return next(dialog.model.item(r) for r in range(dialog.model.rowCount())
                if dialog.model.item(r).data(VALUE_ROLE) == value)


def connected_row(qtbot, page, integration_service, sandbox, kind=FIELDS) -> ChoiceRow:
    connect(qtbot, page, integration_service, sandbox)
    rows_by_object = page.import_form.field_rows if kind == FIELDS else page.import_form.subtask_rows
    row = rows_by_object["Opportunity"]
    qtbot.waitUntil(lambda: row.choices() is not None, timeout=CONNECT_TIMEOUT_MS)
    return row


def test_fields_are_listed_by_label_with_parent_names_and_custom_fields(
    qtbot, page, integration_service, sandbox
):
    add_custom_field(sandbox, "Opportunity", "Region__c", "Sales Region")
    row = connected_row(qtbot, page, integration_service, sandbox)
    assert row.summary_label.text() == "Account Name, Stage, Amount, Close Date"
    dialog = row.open_dialog()
    qtbot.waitExposed(dialog)
    listed = rows(dialog)
    # the current choice first, in its order, checked; then the rest by label
    assert listed[:4] == [("Account Name", "Account.Name", True), ("Stage", "StageName", True),
                          ("Amount", "Amount", True), ("Close Date", "CloseDate", True)]
    rest = [label for label, _api, checked in listed[4:] if not checked]
    assert rest == sorted(rest, key=str.casefold)
    by_label = {label: api for label, api, _checked in listed}
    assert by_label["Sales Region"] == "Region__c  (custom)"
    assert by_label["Owner Name"] == "Owner.Name"  # one level of parent name fields
    assert "Account ID" not in by_label and "Record ID" not in by_label  # bare ids are not offered
    dialog.reject()


def test_choosing_a_custom_field_by_keyboard_shows_it_after_the_next_sync(
    qtbot, page, integration_service, sync_service, engine, sandbox
):
    add_custom_field(sandbox, "Opportunity", "Region__c", "Sales Region")
    salesforce = sandbox.salesforce()
    opportunity = salesforce.query(
        "SELECT Id FROM Opportunity WHERE IsClosed = false LIMIT 1")["records"][0]["Id"]
    salesforce.Opportunity.update(opportunity, {"Region__c": "<b>EMEA</b>"})
    row = connected_row(qtbot, page, integration_service, sandbox)
    wait_for_first_sync(qtbot, sync_service)
    assert "Sales Region" not in dict(engine.store.items.by_id(opportunity).fields)

    dialog = row.open_dialog()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.search_edit.hasFocus)
    qtbot.keyClicks(dialog.search_edit, "regi")  # type to filter
    assert [label for label, _api, _checked in rows(dialog)] == ["Sales Region"]
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Down)  # into the list
    assert dialog.view.hasFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)  # space toggles
    assert rows(dialog)[0][2]
    with qtbot.waitSignal(dialog.finished, timeout=5_000) as finished:
        qtbot.keyClick(dialog.view, Qt.Key.Key_Return)  # Enter accepts
    assert finished.args == [ChoiceDialog.DialogCode.Accepted.value]
    expected = ("Account.Name", "StageName", "Amount", "CloseDate", "Region__c")
    assert row.values() == expected
    assert row.summary_label.text().endswith(", Sales Region")
    assert page.save_button.isEnabled()

    before = sync_service.last_run().id
    assert page.save()  # a changed import setting syncs at once
    assert engine.settings.current().extra_fields["Opportunity"] == expected

    def synced_again() -> bool:
        run = sync_service.last_run()
        return run.id > before and run.finished_at is not None and not sync_service.is_running()

    qtbot.waitUntil(synced_again, timeout=CONNECT_TIMEOUT_MS)
    fields = engine.store.items.by_id(opportunity).fields
    assert fields[-1] == ("Sales Region", "<b>EMEA</b>")  # last, as ordered; plain text


def test_order_is_kept_with_move_up_and_down(qtbot):
    choices = [Choice("Amount", "Amount", "Amount"), Choice("StageName", "Stage", "StageName"),
               Choice("CloseDate", "Close Date", "CloseDate")]
    dialog = ChoiceDialog("Fields", choices, ["StageName", "Amount"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert [r[0] for r in rows(dialog)] == ["Stage", "Amount", "Close Date"]
    dialog.view.setCurrentIndex(dialog.proxy.index(1, 0))  # Amount
    assert dialog.up_button.isEnabled() and not dialog.down_button.isEnabled()
    dialog.up_button.click()
    assert dialog.chosen() == ("Amount", "StageName")
    assert [r[0] for r in rows(dialog)] == ["Amount", "Stage", "Close Date"]
    assert dialog.view.currentIndex().data(VALUE_ROLE) == "Amount"  # the selection follows
    # checking another appends it; unchecking removes it and it goes back among the rest
    item_of(dialog, "CloseDate").setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen() == ("Amount", "StageName", "CloseDate")
    item_of(dialog, "StageName").setCheckState(Qt.CheckState.Unchecked)
    assert dialog.chosen() == ("Amount", "CloseDate")
    assert [r[0] for r in rows(dialog)] == ["Amount", "Close Date", "Stage"]
    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_subtasks_offer_only_relationships_the_sync_imports(
    qtbot, page, integration_service, sync_service, engine, sandbox
):
    row = connected_row(qtbot, page, integration_service, sandbox, kind=SUBTASKS)
    wait_for_first_sync(qtbot, sync_service)
    case_row = page.import_form.subtask_rows["Case"]
    assert row.summary_label.text() == "Tasks"
    assert case_row.summary_label.text() == "Tasks, Cases"
    dialog = row.open_dialog()
    qtbot.waitExposed(dialog)
    listed = rows(dialog)
    labels = [label for label, _detail, _checked in listed]
    assert "Tasks" in labels and "Events" in labels
    assert "Time_Entries__r" not in labels  # a custom object: not a subtask the sync imports
    assert not dialog.up_button.isVisible()  # no order for subtasks
    item_of(dialog, "Events").setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    assert row.values() == ("Tasks", "Events")
    before = sync_service.last_run().id
    assert page.save()
    assert engine.settings.current().child_relationships["Opportunity"] == ("Tasks", "Events")
    qtbot.waitUntil(lambda: sync_service.last_run().id > before
                    and sync_service.last_run().finished_at is not None, timeout=CONNECT_TIMEOUT_MS)
    assert sync_service.last_run().outcome == RunOutcome.SUCCEEDED
    events = [item for item in engine.store.items.by_ids(list(engine.store.items.all_ids())).values()
              if item.sobject == "Event"]
    assert events and all(engine.store.items.by_id(e.parent_id).sobject == "Opportunity"
                          for e in events)


def test_not_connected_shows_the_current_choice_read_only(qtbot, page):
    row = page.import_form.field_rows["Case"]
    assert row.choices() is None
    assert row.summary_label.text() == "Account.Name, CaseNumber, Priority, Status"
    dialog = row.open_dialog()
    qtbot.waitExposed(dialog)
    assert dialog.note_label.isVisible() and "Connect to Salesforce" in dialog.note_label.text()
    assert not dialog.search_edit.isVisible() and not dialog.up_button.isVisible()
    assert [r[0] for r in rows(dialog)] == ["Account.Name", "CaseNumber", "Priority", "Status"]
    flags = dialog.proxy.index(0, 0).flags()
    assert not flags & Qt.ItemFlag.ItemIsUserCheckable
    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)
    assert row.values() == ("Account.Name", "CaseNumber", "Priority", "Status")


def test_a_locked_choice_shows_the_padlock_and_opens_read_only(qtbot):
    row = ChoiceRow("Opportunity", FIELDS)
    qtbot.addWidget(row)
    row.show()
    row.set_choices(ObjectChoices("Opportunity", (Choice("Amount", "Amount", "Amount"),), ()))
    row.set_values(["Amount"])
    row.set_locked(True)
    assert row.badge.isVisible()
    dialog = row.open_dialog()
    assert dialog.note_label.text() == LOCKED_NOTE
    assert not dialog.proxy.index(0, 0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    dialog.reject()
