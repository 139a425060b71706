"""The task picker: type to filter, arrows, Enter starts, Esc closes, the tree drop-down,
archived tasks hidden, plain text, and in-place updates after a sync."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.domain.items import Item, ItemKind
from desktop.ui.picker.search_model import item_id_of
from desktop.ui.picker.task_widget import TaskWidget
from desktop.ui.picker.tree_model import FIELDS_ROLE
from tests.gui.conftest import (
    ACME_ID,
    CALL_ID,
    CASE_ID,
    CLOSED_CHILD_ID,
    CLOSED_ID,
    HOSTILE_ID,
    HOSTILE_NAME,
    SEND_QUOTE_ID,
    reload_and_wait,
)


@pytest.fixture
def window(qtbot, timer, tasks):
    """A task widget in a window tall enough for the drop-down."""
    host = QWidget()
    host.resize(800, 600)
    widget = TaskWidget(timer, tasks, host)
    widget.setGeometry(0, 0, 800, 160)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    widget.picker.search.setFocus()
    yield widget
    host.close()


def result_ids(picker) -> list[str]:
    model = picker.results_model
    return [item_id_of(model.index(row, 0)) for row in range(model.rowCount())]


def test_typing_filters_with_words_in_any_order(qtbot, window):
    picker = window.picker
    qtbot.keyClicks(picker.search, "quote acme")
    assert picker.is_open() and picker.current_page() == "results"
    assert result_ids(picker) == [SEND_QUOTE_ID]
    picker.search.clear()
    qtbot.keyClicks(picker.search, "00001026")  # a case number
    assert result_ids(picker) == [CASE_ID]
    qtbot.keyClicks(picker.search, " nothing-like-this")
    assert result_ids(picker) == []
    assert "No task matches" in picker.status.text()


def test_arrows_and_enter_start_the_timer(qtbot, window, timer):
    picker = window.picker
    qtbot.keyClicks(picker.search, "acme")
    ids = result_ids(picker)
    assert ids[0] == ACME_ID and len(ids) == 3  # the opportunity, then its activities
    assert item_id_of(picker.results_view.currentIndex()) == ids[0]
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert item_id_of(picker.results_view.currentIndex()) == ids[1]
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)
    with qtbot.waitSignal(timer.timer_started):
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert timer.running().item_id == ids[1]
    assert not picker.is_open() and picker.search.text() == ""


def test_enter_on_a_typed_query_starts_the_best_match(qtbot, window, timer):
    qtbot.keyClicks(window.picker.search, "printer")
    qtbot.keyClick(window.picker.search, Qt.Key.Key_Enter)
    assert timer.running().item_id == CASE_ID


def test_switching_tasks_while_running(qtbot, window, timer, gui_store, clock):
    timer.start(CALL_ID)
    clock.advance(minutes=3)
    qtbot.keyClicks(window.picker.search, "printer")
    qtbot.keyClick(window.picker.search, Qt.Key.Key_Return)
    assert [(e.item_id, e.end is None) for e in gui_store.entries.all()] == [
        (CALL_ID, False),
        (CASE_ID, True),
    ]


def test_escape_closes_then_clears(qtbot, window, timer):
    picker = window.picker
    qtbot.keyClicks(picker.search, "acme")
    assert picker.is_open()
    qtbot.keyClick(picker.search, Qt.Key.Key_Escape)
    assert not picker.is_open() and picker.search.text() == "acme"
    qtbot.keyClick(picker.search, Qt.Key.Key_Escape)
    assert picker.search.text() == ""
    assert not timer.is_running()


def test_the_tree_drop_down_works_from_the_keyboard(qtbot, window, timer):
    picker = window.picker
    qtbot.keyClick(picker.search, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert picker.is_open() and picker.current_page() == "tree"
    tree = picker.tree_view
    assert tree.hasFocus() or tree.isVisible()
    root = picker.tree_model.index(0, 0)
    assert tree.isExpanded(root)  # "Salesforce" open
    tree.setCurrentIndex(root)
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # first child of Salesforce
    first = tree.currentIndex()
    assert first.parent() == root
    qtbot.keyClick(tree, Qt.Key.Key_Escape)
    assert not picker.is_open()
    picker.open_tree(select_id=CALL_ID)
    assert tree.current_item_id() == CALL_ID
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert timer.running().item_id == CALL_ID
    assert not picker.is_open()


def test_typing_in_the_tree_goes_to_the_search(qtbot, window):
    picker = window.picker
    picker.open_tree()
    qtbot.keyClicks(picker.tree_view, "pr")
    assert picker.search.text() == "pr"
    assert picker.current_page() == "results"
    assert result_ids(picker)[0] == CASE_ID


def test_archived_tasks_are_hidden_unless_asked(qtbot, window, tasks):
    picker = window.picker
    qtbot.keyClicks(picker.search, "initech")
    assert result_ids(picker) == []
    assert picker.show_archived.isVisible()  # the way to find them is right there
    with qtbot.waitSignal(tasks.tree_changed, timeout=10_000):
        picker.show_archived.setChecked(True)
    # Searching finds the archived opportunity and the activity under it, marked archived.
    assert set(result_ids(picker)) == {CLOSED_ID, CLOSED_CHILD_ID}
    closed = picker.results_model.index(result_ids(picker).index(CLOSED_ID), 0)
    assert closed.data(FIELDS_ROLE).startswith("Archived")
    picker.open_tree()
    assert picker.tree_model.index_of(CLOSED_ID).isValid()
    picker.show_archived.setChecked(False)
    assert not picker.tree_model.index_of(CLOSED_ID).isValid()
    picker.search.setFocus()
    picker.open_results()
    assert result_ids(picker) == []


def test_archived_results_come_after_active_ones(qtbot, tasks):
    assert [item.id for item in tasks.search("acme", include_archived=True)][0] == ACME_ID
    qtbot.waitUntil(lambda: tasks.search("follow", include_archived=True) != [], timeout=10_000)
    assert [item.id for item in tasks.search("follow", include_archived=True)] == [CLOSED_CHILD_ID]
    assert tasks.search("follow") == []


def test_hostile_names_are_plain_text_in_results(qtbot, window):
    picker = window.picker
    qtbot.keyClicks(picker.search, "00001027")
    index = picker.results_model.index(0, 0)
    assert index.data() == HOSTILE_NAME
    assert "&lt;img" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_the_tree_updates_in_place_after_a_sync(qtbot, window, tasks, gui_store):
    picker = window.picker
    picker.open_tree(select_id=SEND_QUOTE_ID)
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, "acme")
    picker.open_tree()  # the tree shows; the search text stays
    gui_store.items.upsert_many([
        Item("00T000000000010AAA", ItemKind.ACTIVITY, "Acme kick-off", ACME_ID, "Task"),
    ])
    reload_and_wait(qtbot, tasks)
    assert picker.search.text() == "acme"
    assert picker.tree_view.current_item_id() == SEND_QUOTE_ID
    assert picker.tree_view.isExpanded(picker.tree_model.index_of(ACME_ID))
    assert picker.tree_model.index_of("00T000000000010AAA").isValid()
    assert "00T000000000010AAA" in result_ids(picker)  # the results refreshed too


def test_results_keep_the_highlighted_task_after_a_sync(qtbot, window, tasks):
    picker = window.picker
    qtbot.keyClicks(picker.search, "acme")
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    highlighted = item_id_of(picker.results_view.currentIndex())
    reload_and_wait(qtbot, tasks)
    assert item_id_of(picker.results_view.currentIndex()) == highlighted
    assert picker.search.text() == "acme"


def test_a_renamed_parent_shows_in_its_childrens_rows_after_a_sync(qtbot, window, tasks,
                                                                  gui_store):
    """The call itself is unchanged, so its row stays where it is; what the row shows under
    its name (the parent's path) must still follow the rename."""
    picker = window.picker
    qtbot.keyClicks(picker.search, "call back")
    assert result_ids(picker) == [CALL_ID]
    assert picker.results_model.row_shown(0).details.startswith(
        "Salesforce > Acme Corp - 500 Widgets")
    acme = tasks.item(ACME_ID)
    gui_store.items.upsert_many([acme.replaced(name="Acme Corp - 900 Widgets")])
    repainted: list[int] = []
    picker.results_model.dataChanged.connect(lambda first, _last: repainted.append(first.row()))
    reload_and_wait(qtbot, tasks)
    assert result_ids(picker) == [CALL_ID] and repainted
    assert picker.results_model.row_shown(0).details.startswith(
        "Salesforce > Acme Corp - 900 Widgets")


def test_hostile_and_unknown_ids_never_break_the_tree(window):
    assert not window.picker.tree_view.select_item("does-not-exist")
    assert window.picker.tree_view.select_item(HOSTILE_ID)


def test_the_tree_opens_at_the_current_task(qtbot, window, timer):
    timer.start(SEND_QUOTE_ID)
    qtbot.keyClick(window.picker.search, Qt.Key.Key_F4)
    assert window.picker.current_page() == "tree"
    assert window.picker.tree_view.current_item_id() == SEND_QUOTE_ID


def test_context_menus_start_a_task_or_open_its_record(qtbot, window, timer, tasks, gui_store):
    from desktop.platform.browser import RecordingBrowser
    from desktop.services.record_links import RecordLinks
    from desktop.store.sync_state_repo import INSTANCE_URL_KEY
    from tests.gui.popup_menus import answer_next_menu

    browser = RecordingBrowser()
    links = RecordLinks(gui_store, tasks.item, opener=browser)
    window.set_record_links(links)
    picker = window.picker
    qtbot.keyClicks(picker.search, "printer")
    view = picker.results_view
    position = view.visualRect(picker.results_model.index(0, 0)).center()

    seen = answer_next_menu()  # not connected yet: the entry says why it is off
    view.customContextMenuRequested.emit(position)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [("Start timer", True, "Start timer"),
                    ("Open in Salesforce", False, "Connect to Salesforce to open its records.")]
    assert picker.is_open()  # the menu did not close the drop-down

    gui_store.sync_state.set_value(INSTANCE_URL_KEY, "https://acme.my.salesforce.com")
    answer_next_menu("Open in Salesforce")
    with qtbot.waitSignal(links.opened, timeout=5000):
        view.customContextMenuRequested.emit(position)
    assert browser.urls == [f"https://acme.my.salesforce.com/lightning/r/Case/{CASE_ID}/view"]

    picker.open_tree(select_id=CALL_ID)  # the tree: the same menu
    tree = picker.tree_view
    position = tree.visualRect(tree.currentIndex()).center()
    answer_next_menu("Start timer")
    tree.customContextMenuRequested.emit(position)
    qtbot.waitUntil(lambda: timer.is_running())
    assert timer.running().item_id == CALL_ID


def test_a_hidden_picker_builds_its_panel_when_it_first_shows(qtbot, timer, tasks):
    """The app started in the tray: the panel (~3.5 MB) waits for the window."""
    host = QWidget()
    qtbot.addWidget(host)
    widget = TaskWidget(timer, tasks, host)
    widget.picker.prepare_panel()
    assert not widget.picker.has_panel()
    host.show()
    qtbot.waitUntil(widget.picker.has_panel)


def test_a_shown_picker_builds_its_panel_at_once(qtbot, window):
    window.picker.prepare_panel()
    assert window.picker.has_panel()


def test_typing_before_the_panel_is_built_builds_it(qtbot, timer, tasks):
    host = QWidget()
    host.resize(800, 600)
    qtbot.addWidget(host)
    widget = TaskWidget(timer, tasks, host)
    widget.setGeometry(0, 0, 800, 160)
    host.show()
    qtbot.waitExposed(host)
    qtbot.keyClicks(widget.picker.search, "acme")
    assert widget.picker.has_panel()
    qtbot.waitUntil(lambda: ACME_ID in result_ids(widget.picker))
