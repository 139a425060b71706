from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.domain.search import SearchIndex
from desktop.domain.search_scan import search_items

ITEMS = [
    Item(id="o1", kind=ItemKind.OPPORTUNITY, name="Acme - 500 Widgets", parent_id=ROOT_ID,
         fields=(("Account", "Acme Corp"), ("Stage", "Prospecting"))),
    Item(id="o2", kind=ItemKind.OPPORTUNITY, name="Globex renewal", parent_id=ROOT_ID,
         fields=(("Account", "Globex"), ("Stage", "Negotiation/Review"))),
    Item(id="c1", kind=ItemKind.CASE, name="Widget broken", parent_id=ROOT_ID,
         fields=(("Account", "Acme Corp"), ("Case Number", "00001235"))),
    Item(id="a1", kind=ItemKind.ACTIVITY, name="Call back", parent_id="o1"),
    Item(id="a2", kind=ItemKind.ACTIVITY, name="Call back", parent_id="o2"),
]


def ids(results):
    return [item.id for item in results]


def test_search_items_gives_what_the_index_gives():
    index = SearchIndex(ITEMS)
    for query in ("widget", "acme", "call", "call globex", "00001235", "", "zzz", "negot"):
        for recent in ((), ("a2", "c1")):
            assert ids(search_items(ITEMS, query, 50, recent)) == ids(
                index.search(query, 50, recent)
            ), query


def test_search_items_examples():
    assert ids(search_items(ITEMS, "call acme")) == ["a1"]
    assert ids(search_items(ITEMS, "widget", recent_ids=["o1"])) == ["o1", "c1", "a1"]
    assert search_items(ITEMS, "acme", limit=0) == []
    assert len(search_items(ITEMS, "c", limit=2)) == 2
