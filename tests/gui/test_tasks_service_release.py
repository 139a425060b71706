"""A reload frees the replaced catalog on a worker, in steps, never what is still in use."""

from desktop.domain.search import SearchIndex
from desktop.domain.tree import TaskTree
from desktop.services.task_catalog import TreeLayout
from tests.gui.conftest import reload_and_wait


def _record_releases(monkeypatch) -> list[str]:
    released: list[str] = []
    for cls in (TaskTree, TreeLayout, SearchIndex):
        original = cls.release_in_steps

        def recording(self, original=original, name=cls.__name__) -> None:
            released.append(name)
            original(self)

        monkeypatch.setattr(cls, "release_in_steps", recording)
    return released


def test_a_reload_releases_the_old_tree_layout_and_index(qtbot, monkeypatch, tasks):
    released = _record_releases(monkeypatch)
    old_count = len(tasks.tree())
    reload_and_wait(qtbot, tasks)
    def all_released() -> None:
        assert sorted(released) == ["SearchIndex", "TaskTree", "TreeLayout"]

    qtbot.waitUntil(all_released)
    assert len(tasks.tree()) == old_count  # the new catalog is whole
    assert tasks.search("")  # and searchable


def test_a_part_still_referenced_elsewhere_is_left_alone(qtbot, monkeypatch, tasks):
    released = _record_releases(monkeypatch)
    kept_tree = tasks.tree()  # e.g. a view still reading the old tree
    count = len(kept_tree)
    reload_and_wait(qtbot, tasks)
    qtbot.waitUntil(lambda: "SearchIndex" in released)
    assert "TaskTree" not in released
    assert len(kept_tree) == count and kept_tree is not tasks.tree()
