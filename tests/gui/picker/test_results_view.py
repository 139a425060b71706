"""The results list: a keystroke repaints the rows it changed and lays nothing out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView

from desktop.ui.picker.results_view import ResultsView
from desktop.ui.picker.search_model import TaskResultDelegate, TaskSearchModel
from tests.gui.picker.test_task_models import sample_tree


def test_its_viewport_is_the_one_qt_would_make(qtbot):
    ours, qts = ResultsView(), QListView()
    for view in (ours, qts):
        qtbot.addWidget(view)
    mine, theirs = ours.viewport(), qts.viewport()
    assert mine is ours._viewport
    assert [attribute for attribute in Qt.WidgetAttribute
            if mine.testAttribute(attribute) != theirs.testAttribute(attribute)] == []
    for read in ("objectName", "backgroundRole", "autoFillBackground", "hasMouseTracking",
                 "focusPolicy", "acceptDrops", "palette"):
        assert getattr(mine, read)() == getattr(theirs, read)(), read
    assert mine.focusProxy() is ours and ours.uniformItemSizes()


class CountingView(ResultsView):
    """Counts the layouts: QListView lays every row out again after any change of data."""

    def __init__(self) -> None:
        super().__init__()
        self.layouts = 0

    def doItemsLayout(self) -> None:  # noqa: N802 (Qt override)
        self.layouts += 1
        super().doItemsLayout()


def sample_results(qtbot, view: ResultsView, delegate=TaskResultDelegate):
    """`view` on a results model of the sample tasks, with `delegate` (a class); (the model,
    the tasks)."""
    tree = sample_tree()
    model = TaskSearchModel(tree.path_text)
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(delegate(model, view))
    view.resize(400, 400)
    return model, [item for item in tree if not item.is_root]


def test_new_results_in_place_lay_nothing_out(qtbot):
    view = CountingView()
    model, items = sample_results(qtbot, view)
    view.show()
    qtbot.waitExposed(view)
    model.set_results(items[:4])
    view.scrollTo(model.index(0, 0))  # (runs a layout that is pending)
    laid_out = view.layouts
    model.set_results([items[4], items[1], items[5], items[3]])  # rows 0 and 2 change
    model.set_results([items[4], items[2], items[5], items[3]])  # row 1
    view.scrollTo(model.index(0, 0))
    assert view.layouts == laid_out
    grabbed = view.grab().toImage()  # and it shows the new rows
    assert grabbed.pixelColor(60, view.sizeHintForRow(0) // 3) != grabbed.pixelColor(398, 398)


def test_a_change_repaints_just_its_rows(qtbot):
    painted: list[int] = []

    class CountingDelegate(TaskResultDelegate):
        def paint(self, painter, option, index) -> None:
            painted.append(index.row())
            super().paint(painter, option, index)

    view = ResultsView()
    model, items = sample_results(qtbot, view, CountingDelegate)
    model.set_results(items[:6])
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: len(painted) >= 6)
    painted.clear()
    model.set_results([items[0], items[6], items[2], items[3], items[1], items[5]])
    qtbot.waitUntil(lambda: bool(painted))
    qtbot.wait(50)
    assert sorted(set(painted)) == [1, 2, 3, 4]  # rows 1 and 4 changed: 1 to 4 repaint
    painted.clear()
    model.set_results([items[0], items[6], items[2], items[3], items[4], items[5]])
    qtbot.waitUntil(lambda: bool(painted))
    qtbot.wait(50)
    assert sorted(set(painted)) == [4]
