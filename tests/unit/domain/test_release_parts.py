"""Catalog parts emptied in steps when nobody reads them any more (domain side)."""

from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.domain.search import SearchIndex
from desktop.domain.tree import TaskTree


def _items() -> list[Item]:
    parent = Item(id="006A", kind=ItemKind.OPPORTUNITY, name="Acme deal", parent_id=ROOT_ID,
                  fields=(("Stage", "Prospecting"),))
    kids = [Item(id=f"00T{n}", kind=ItemKind.ACTIVITY, name=f"Call {n}", parent_id="006A")
            for n in range(50)]
    return [parent, *kids]


def test_a_released_tree_is_empty_and_its_items_live_on_elsewhere():
    items = _items()
    tree = TaskTree(items, sort_key=lambda item: item.name)
    assert len(tree.children("006A")) == 50
    tree.release_in_steps()
    assert len(tree) == 0 and tree.children("006A") == []
    assert items[1].name == "Call 0"  # only the tree's own containers were emptied


def test_a_released_index_finds_nothing_and_another_index_is_untouched():
    items = _items()
    index, other = SearchIndex(items), SearchIndex(items)
    index.release_in_steps()
    assert len(index) == 0
    found = other.search("acme call 7")
    assert found[0].id == "00T7" and found == SearchIndex(items).search("acme call 7")
