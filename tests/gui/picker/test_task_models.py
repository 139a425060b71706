"""The tree and search models: Qt's model tester, lookups, archived items, plain text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.domain.items import ROOT_ID
from desktop.domain.tree import TaskTree
from desktop.services.task_catalog import TreeLayout
from desktop.ui.picker.search_model import TaskSearchModel
from desktop.ui.picker.tree_model import FIELDS_ROLE, ITEM_ID_ROLE, PATH_ROLE, TaskTreeModel
from tests.gui.conftest import (
    ACME_ID,
    CALL_ID,
    CASE_ID,
    CLOSED_CHILD_ID,
    CLOSED_ID,
    HOSTILE_ID,
    HOSTILE_NAME,
    sample_items,
)


def sample_tree() -> TaskTree:
    items = sorted(sample_items(), key=lambda item: item.name.casefold())
    return TaskTree(items)


def names_under(model: TaskTreeModel, parent: QModelIndex) -> list[str]:
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def test_tree_model_passes_the_model_tester(qtmodeltester):
    model = TaskTreeModel()
    tree = sample_tree()
    model.set_layout(TreeLayout.build(tree), tree)
    qtmodeltester.check(model, force_py=True)


def test_tree_model_with_archived_items_passes_the_model_tester(qtmodeltester):
    model = TaskTreeModel()
    tree = sample_tree()
    model.set_layout(TreeLayout.build(tree, include_archived=True), tree)
    qtmodeltester.check(model, force_py=True)


def test_tree_model_resets_pass_the_model_tester(qtmodeltester):
    model = TaskTreeModel()
    qtmodeltester.check(model, force_py=True)  # stays connected: checks every later reset
    model.set_layout(TreeLayout.build(TaskTree(())), TaskTree(()))
    assert model.rowCount() == 1  # just the "Salesforce" project
    tree = sample_tree()
    model.set_layout(TreeLayout.build(tree), tree)
    assert model.rowCount(model.index(0, 0)) == 3


def test_tree_shows_the_project_structure_with_archived_hidden():
    model = TaskTreeModel()
    tree = sample_tree()
    model.set_layout(TreeLayout.build(tree), tree)
    root = model.index(0, 0)
    assert root.data() == "Salesforce"
    assert root.data(ITEM_ID_ROLE) == ROOT_ID
    top = names_under(model, root)
    assert top == [HOSTILE_NAME, "Acme Corp - 500 Widgets", "Printer on fire"]  # by name
    acme = model.index_of(ACME_ID)
    assert names_under(model, acme) == ["Call back", "Send quote"]
    assert model.parent(acme) == root
    assert not model.index_of(CLOSED_ID).isValid()
    call = model.index_of(CALL_ID)
    assert call.data(PATH_ROLE) == "Salesforce > Acme Corp - 500 Widgets > Call back"
    assert model.index_of(ACME_ID).data(FIELDS_ROLE) == "Acme Corp · Prospecting"


def test_archived_items_show_when_asked_and_are_marked():
    model = TaskTreeModel()
    tree = sample_tree()
    model.set_layout(TreeLayout.build(tree, include_archived=True), tree)
    closed = model.index_of(CLOSED_ID)
    assert closed.isValid()
    assert names_under(model, closed) == ["Initech follow-up"]
    assert model.index_of(CLOSED_CHILD_ID).isValid()
    assert closed.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "Archived (closed)" in closed.data(Qt.ItemDataRole.ToolTipRole)


def test_hostile_names_are_plain_strings_and_tooltips_escaped():
    model = TaskTreeModel()
    tree = sample_tree()
    model.set_layout(TreeLayout.build(tree), tree)
    hostile = model.index_of(HOSTILE_ID)
    assert hostile.data() == HOSTILE_NAME
    tooltip = hostile.data(Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in tooltip and "<img" not in tooltip
    assert "&lt;b&gt;x&lt;/b&gt;&lt;img" in tooltip


def test_search_model_passes_the_model_tester(qtmodeltester):
    tree = sample_tree()
    model = TaskSearchModel(tree.path_text)
    qtmodeltester.check(model, force_py=True)
    model.set_results([tree.get(ACME_ID), tree.get(CALL_ID), tree.get(HOSTILE_ID)])
    assert model.rowCount() == 3
    assert model.index(1, 0).data(PATH_ROLE) == "Salesforce > Acme Corp - 500 Widgets"
    assert model.index(2, 0).data() == HOSTILE_NAME
    assert "<img" not in model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole)
    model.set_results([])
    assert model.rowCount() == 0


def test_tree_model_passes_qts_own_model_tester(qtmodeltester):
    model = TaskTreeModel()
    tree = sample_tree()
    model.set_layout(TreeLayout.build(tree, include_archived=True), tree)
    qtmodeltester.check(model)  # QAbstractItemModelTester (C++) where PySide6 has it
    model.set_layout(TreeLayout.build(tree), tree)


def test_new_results_change_only_the_rows_that_differ(qtmodeltester):
    """A keystroke repaints only what changed: no reset, rows replaced in place."""
    tree = sample_tree()
    model = TaskSearchModel(tree.path_text)
    qtmodeltester.check(model, force_py=True)
    acme, call, case, hostile = (tree.get(i) for i in (ACME_ID, CALL_ID, CASE_ID, HOSTILE_ID))
    model.set_results([acme, call, case])
    events: list[tuple] = []
    model.modelReset.connect(lambda: events.append(("reset",)))
    model.dataChanged.connect(lambda first, last: events.append(("changed", first.row(), last.row())))
    model.rowsInserted.connect(lambda _parent, first, last: events.append(("inserted", first, last)))
    model.rowsRemoved.connect(lambda _parent, first, last: events.append(("removed", first, last)))

    model.set_results([acme, call, case])
    assert events == []
    model.set_results([acme, hostile, case, call])
    assert events == [("inserted", 3, 3), ("changed", 1, 1)]
    assert model.row_shown(1).name == HOSTILE_NAME
    events.clear()
    model.set_results([call])
    assert events == [("removed", 1, 3), ("changed", 0, 0)]
    assert [model.item_at(0)] == [call] and model.row_shown(0).details.startswith("Salesforce >")


def test_the_delegate_paints_selected_archived_and_hostile_rows(qtbot):
    from PySide6.QtWidgets import QListView

    from desktop.ui.picker.search_model import TaskResultDelegate

    tree = sample_tree()
    model = TaskSearchModel(tree.path_text)
    view = QListView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(TaskResultDelegate(model, view))
    view.resize(400, 300)
    model.set_results([tree.get(i) for i in (HOSTILE_ID, CLOSED_ID, CALL_ID)])
    view.setCurrentIndex(model.index(1, 0))
    image = view.grab().toImage()
    row_height = view.sizeHintForRow(0)
    background = image.pixelColor(image.width() - 2, image.height() - 2)  # below the rows
    for row in range(3):  # text (or the selection) in each row, not just the background
        y = row * row_height + row_height // 3
        assert any(image.pixelColor(x, y) != background for x in range(40, 300, 2)), row


def test_a_task_keeps_what_its_row_shows_from_one_query_to_the_next():
    """Typing on shows many of the same tasks in other rows: each is worked out once."""
    tree = sample_tree()
    model = TaskSearchModel(tree.path_text)
    acme, call, case = (tree.get(i) for i in (ACME_ID, CALL_ID, CASE_ID))
    model.set_results([acme, call])
    shown = model.row_shown(1)
    model.set_results([case, call, acme])
    assert model.row_shown(1) is shown  # the same task, another query
    model.set_results([call])
    assert model.row_shown(0) is shown  # in another row
    renamed = call.replaced(name="Call back\nabout the quote")  # same Id, new values
    model.set_results([renamed])
    assert model.row_shown(0) is not shown
    assert model.row_shown(0).name == "Call back about the quote"  # one line


def test_forgetting_what_rows_show_repaints_them_with_the_new_paths():
    paths = {CALL_ID: "Salesforce > Acme Corp - 500 Widgets > Call back",
             ACME_ID: "Salesforce > Acme Corp - 500 Widgets"}
    tree = sample_tree()
    model = TaskSearchModel(lambda item_id: paths[item_id])
    model.set_results([tree.get(ACME_ID), tree.get(CALL_ID)])
    assert model.row_shown(1).details == "Salesforce > Acme Corp - 500 Widgets"
    paths[CALL_ID] = "Salesforce > Acme Corp - 900 Widgets > Call back"
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.row())))
    model.forget_shown()
    assert changed == [(0, 1)]
    assert model.row_shown(1).details == "Salesforce > Acme Corp - 900 Widgets"


def _painted_row(paint, direction: Qt.LayoutDirection) -> bytes:
    """A row of the results list painted by `paint(painter, option)` into an image."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 560, 44)
    option.font = QApplication.font()
    option.palette = QApplication.palette()
    option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Active
    image = QImage(560, 44, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setLayoutDirection(direction)  # (a widget's painter has the widget's)
    paint(painter, option)
    painter.end()
    return bytes(image.constBits())


@pytest.mark.parametrize("name", [
    "Acme Corp - 500 Widgets", "Zürich crème brûlée", "<b>x</b><img src=x>&amp; markup",
    "A name far too long to fit in its row, which the delegate must elide in the middle of "
    "the details and at the end of the name, like every other long name from Salesforce",
])
@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight,
                                       Qt.LayoutDirection.RightToLeft])
def test_the_delegate_paints_the_same_pixels_as_text_aligned_in_its_rectangles(qapp, name,
                                                                               direction):
    """The rows' text is laid out once and drawn at its top left (QStaticText); it must look
    exactly like text aligned in the row's two rectangles, as plain text."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics

    from desktop.ui.picker.search_model import TaskResultDelegate

    tree = sample_tree()
    acme = tree.get(ACME_ID).replaced(name=name, fields=(("Account", name), ("Stage", "Won")))
    model = TaskSearchModel(lambda _item_id: f"Salesforce > {name} > {name}")
    model.set_results([acme])
    delegate = TaskResultDelegate(model)
    index = model.index(0, 0)
    shown = model.row_shown(0)

    def aligned_in_rectangles(painter, option) -> None:
        """What the delegate drew before: drawText in a rectangle, aligned."""
        margin, size = delegate.MARGIN, delegate.ICON_SIZE
        rect = option.rect
        x, y = rect.x() + 2 * margin, rect.y() + margin
        height = rect.height() - 2 * margin
        painter.drawPixmap(x, y + (height - size) // 2, delegate._icon_pixmap(shown, None))
        x += size + margin + 2
        width = rect.right() - 2 * margin - x + 1
        small_font = delegate._small_font(option.font)
        main, small = QFontMetrics(option.font), QFontMetrics(small_font)
        name_color, muted = delegate._colors(option.palette, True, False)
        painter.setFont(option.font)
        painter.setPen(name_color)
        painter.drawText(QRect(x, y, width, main.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         main.elidedText(shown.name, Qt.TextElideMode.ElideRight, width))
        painter.setFont(small_font)
        painter.setPen(muted)
        painter.drawText(QRect(x, y + main.height() + 1, width, height - main.height() - 1),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         small.elidedText(shown.details, Qt.TextElideMode.ElideMiddle, width))

    def painted_by_the_delegate(painter, option) -> None:
        delegate.paint(painter, option, index)

    expected = _painted_row(aligned_in_rectangles, direction)
    assert _painted_row(painted_by_the_delegate, direction) == expected
    # and again, from the laid-out text it keeps
    assert _painted_row(painted_by_the_delegate, direction) == expected
