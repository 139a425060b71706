"""The task catalog read from the store: row layout of the tree, the search index over the
shown items, and the archived items' own layout and index."""

from datetime import UTC

import pytest

from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.services.task_catalog import TaskCatalog, TreeLayout
from desktop.store import Store


def _items() -> list[Item]:
    return [
        Item("006B", ItemKind.OPPORTUNITY, "beta deal", ROOT_ID, "Opportunity",
             (("Account", "Acme"),)),
        Item("006A", ItemKind.OPPORTUNITY, "Alpha deal", ROOT_ID, "Opportunity"),
        Item("00T1", ItemKind.ACTIVITY, "Call back", "006B", "Task"),
        Item("00T2", ItemKind.ACTIVITY, "Old call", "006B", "Task", archived=True,
             archive_reason="closed"),
        Item("006C", ItemKind.OPPORTUNITY, "Closed deal", ROOT_ID, "Opportunity",
             archived=True, archive_reason="closed"),
        Item("00T3", ItemKind.ACTIVITY, "Follow up", "006C", "Task"),
    ]


@pytest.fixture
def catalog(tmp_path):
    store = Store.open(tmp_path / "data" / "stint.db", display_tz=UTC)
    store.items.upsert_many(_items())
    yield TaskCatalog.load(store)
    store.close()


def _rows(layout: TreeLayout, node: int = 0, depth: int = 0) -> list[tuple[int, str, int]]:
    """(depth, id, row) of every laid-out node, depth-first, as the tree view walks them."""
    found = []
    for row in range(layout.child_count(node)):
        child = layout.child(node, row)
        assert layout.parent(child) == node and layout.row(child) == row
        found.append((depth, layout.id_at(child), row))
        found += _rows(layout, child, depth + 1)
    return found


def test_the_layout_shows_active_items_by_name_under_the_root(catalog):
    assert _rows(catalog.layout) == [
        (0, ROOT_ID, 0), (1, "006A", 0), (1, "006B", 1), (2, "00T1", 0),
    ]
    assert "00T1" in catalog.layout and "00T2" not in catalog.layout
    assert catalog.layout.node_of("nope") is None
    assert catalog.layout.child(0, 1) is None and len(catalog.layout) == 4


def test_the_archived_layout_shows_everything_and_its_index_only_what_is_new_there(catalog):
    layout, index = catalog.archived_parts()
    assert [entry[1] for entry in _rows(layout)] == [
        ROOT_ID, "006A", "006B", "00T1", "00T2", "006C", "00T3",
    ]
    assert {item.id for item in index.search("")} == {"00T2", "006C", "00T3"}
    assert [item.id for item in index.search("acme old")] == ["00T2"]  # parent's account


def test_the_index_searches_the_shown_items(catalog):
    assert [item.id for item in catalog.index.search("acme")] == ["006B", "00T1"]
    assert catalog.index.search("closed") == []
    assert catalog.nbytes() > 0
