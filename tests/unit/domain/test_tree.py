from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.domain.tree import TaskTree


def item(item_id, name, parent_id=ROOT_ID, kind=ItemKind.OPPORTUNITY, archived=False):
    return Item(
        id=item_id, kind=kind, name=name, parent_id=parent_id, archived=archived,
        archive_reason="closed" if archived else None,
    )


def sample_tree() -> TaskTree:
    return TaskTree(
        [
            item("opp1", "Acme - 500 Widgets"),
            item("task1", "Call back", parent_id="opp1", kind=ItemKind.ACTIVITY),
            item("task2", "Old call", parent_id="opp1", kind=ItemKind.ACTIVITY, archived=True),
            item("case1", "Broken widget", kind=ItemKind.CASE, archived=True),
            item("case2", "Child case", parent_id="case1", kind=ItemKind.CASE),
            item("orphan", "Lost activity", parent_id="missing", kind=ItemKind.ACTIVITY),
        ]
    )


def test_root_is_added_when_missing():
    tree = TaskTree([])
    assert tree.root.id == ROOT_ID
    assert len(tree) == 1


def test_get_children_and_path_text():
    tree = sample_tree()
    assert tree.get("task1").name == "Call back"
    assert tree.get("nope") is None
    assert [i.id for i in tree.children("opp1")] == ["task1"]
    assert [i.id for i in tree.children("opp1", include_archived=True)] == ["task1", "task2"]
    assert [i.id for i in tree.path("task1")] == [ROOT_ID, "opp1", "task1"]
    assert tree.path_text("task1") == "Salesforce > Acme - 500 Widgets > Call back"
    assert tree.path("nope") == []


def test_visible_items_hide_archived_subtrees_and_orphans():
    tree = sample_tree()
    assert [i.id for i in tree.visible_items()] == ["opp1", "task1"]
    assert [i.id for i in tree.visible_items(include_archived=True)] == [
        "opp1", "task1", "task2", "case1", "case2",
    ]
    assert "orphan" in tree  # still found by id (an entry may point at it)
    assert not tree.is_reachable("orphan")
    assert tree.is_reachable("case2")


def test_walk_reports_depth():
    tree = sample_tree()
    assert [(d, i.id) for d, i in tree.walk()] == [(1, "opp1"), (2, "task1")]


def test_path_survives_a_parent_cycle():
    tree = TaskTree([item("a", "A", parent_id="b"), item("b", "B", parent_id="a")])
    assert [i.id for i in tree.path("a")] == ["b", "a"]
    assert not tree.is_reachable("a")


def test_sort_key_orders_children_per_parent():
    items = [item("b", "beta"), item("a", "Alpha"), item("c", "charlie", parent_id="b"),
             item("d", "Delta", parent_id="b")]
    tree = TaskTree(items, sort_key=lambda i: i.name.casefold())
    assert [i.id for i in tree.children(ROOT_ID)] == ["a", "b"]
    assert [i.id for i in tree.children("b")] == ["c", "d"]
    assert [i.id for i in TaskTree(items).children(ROOT_ID)] == ["b", "a"]  # as given


def test_child_count():
    tree = sample_tree()
    assert tree.child_count("opp1") == 1
    assert tree.child_count("opp1", include_archived=True) == 2
    assert tree.child_count("task1") == 0
