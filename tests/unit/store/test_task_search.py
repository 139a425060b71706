"""The SQL task search (store.task_search over store.search_table) gives the app's results:
TasksService.search's composition of the active SearchIndex (recent tasks first) and, when
asked, the archived one, both from services.task_catalog, on the same items."""

from __future__ import annotations

import random

import pytest

from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.services.task_catalog import TaskCatalog
from desktop.store import search_table

WORDS = ("Acme", "acme", "Crème", "Brûlée", "Ångström", "Widgets", "widget", "call", "Call",
         "back", "Café", "00001234", "00012345", "Renewal", "re-newal", "Müller", "SÖHNE",
         "a", "ab", "b", "Zürich", "Closed", "Won", "x_y", "Straße", "ﬁle", "Ⅻ", "İstanbul")


def _name(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))


def random_items(seed: int, count: int = 400) -> list[Item]:
    """Opportunities and cases at the root, activities and child cases under them, activities
    under child cases; some archived at every level, a few orphans."""
    rng = random.Random(seed)
    items: list[Item] = []
    parents = [ROOT_ID]
    for number in range(count):
        parent = rng.choice(parents) if rng.random() < 0.7 else ROOT_ID
        if rng.random() < 0.03:
            parent = f"missing{number}"  # its parent is not cached: never shown
        kind = ItemKind.OPPORTUNITY if parent == ROOT_ID else ItemKind.ACTIVITY
        fields = tuple((label, _name(rng)) for label in ("Account", "Stage")[: rng.randint(0, 2)])
        item = Item(id=f"i{number:04d}", kind=kind, name=_name(rng), parent_id=parent,
                    sobject="Opportunity", fields=fields, archived=rng.random() < 0.1)
        items.append(item)
        if rng.random() < 0.4:
            parents.append(item.id)
    return items


def app_search(catalog: TaskCatalog, text: str, limit: int, recent: list[str],
               include_archived: bool) -> list[str]:
    """What TasksService.search returns once both indexes are built."""
    found = catalog.index.search(text, limit=limit, recent_ids=recent)
    if include_archived and len(found) < limit:
        _, archived_index = catalog.archived_parts()
        found += archived_index.search(text, limit=limit - len(found))
    return [item.id for item in found]


def queries(rng: random.Random, count: int) -> list[str]:
    found = ["", "a", "acme", "acme call", "creme brulee", "CRÈME", "0000", "1234", "zzz",
             "call back acme", "b a", "strasse", "file", "xii", "istanbul", "won closed", "!!"]
    for _ in range(count):
        word = rng.choice(WORDS)
        start = rng.randrange(len(word))
        found.append(" ".join([word[start : start + rng.randint(1, 4)],
                               *(rng.choice(WORDS)[:3] for _ in range(rng.randint(0, 2)))]))
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_sql_search_gives_the_apps_results(store, seed):
    items = random_items(seed)
    rng = random.Random(seed)
    rng.shuffle(items)  # children may arrive before their parents
    for start in range(0, len(items), 70):
        store.items.upsert_many(items[start : start + 70])
    catalog = TaskCatalog.load(store)
    table = catalog.tree.table
    shown = [table.id_at(position) for position in catalog.layout.item_positions()]
    for text in queries(rng, 60):
        recent = rng.sample(shown, 4) + [items[0].id, "nothing-like-it"]
        for limit in (1, 7, 1000):
            for include_archived in (False, True):
                expected = app_search(catalog, text, limit, recent, include_archived)
                found = store.items.search(text, limit, recent, include_archived)
                assert [item.id for item in found] == expected, (text, limit, include_archived)


def test_a_renamed_parent_is_found_through_its_children(store):
    store.items.upsert_many([
        Item(id="o1", kind=ItemKind.OPPORTUNITY, name="Acme renewal", parent_id=ROOT_ID),
        Item(id="a1", kind=ItemKind.ACTIVITY, name="Call back", parent_id="o1"),
    ])
    assert [i.id for i in store.items.search("globex call", 10)] == []
    store.items.upsert_many([
        Item(id="o1", kind=ItemKind.OPPORTUNITY, name="Globex renewal", parent_id=ROOT_ID),
    ])
    assert [i.id for i in store.items.search("globex call", 10)] == ["a1"]
    assert [i.id for i in store.items.search("acme", 10)] == []


def test_a_child_stored_before_its_parent_gets_the_parents_words(store):
    store.items.insert_new([Item(id="a1", kind=ItemKind.ACTIVITY, name="Call", parent_id="o1")])
    assert store.items.search("acme", 10) == []  # not shown: its parent is not cached
    store.items.insert_new([
        Item(id="o1", kind=ItemKind.OPPORTUNITY, name="Acme", parent_id=ROOT_ID)])
    assert [i.id for i in store.items.search("acme", 10)] == ["o1", "a1"]


def test_the_rows_written_with_the_items_equal_a_rebuild(store):
    store.items.search("", 1)  # a new store's table is built by its first search
    items = random_items(9, 300)
    random.Random(9).shuffle(items)
    for start in range(0, len(items), 50):
        store.items.upsert_many(items[start : start + 50])
    conn = store._db.connect()
    assert search_table.is_complete(conn)  # kept up to date by every write
    written = conn.execute("SELECT * FROM item_search ORDER BY id").fetchall()
    with store.transaction():
        conn.execute("UPDATE item_search_state SET complete = 0")
        search_table.ensure_complete(conn, lambda: store.items.all(include_archived=True))
    assert conn.execute("SELECT * FROM item_search ORDER BY id").fetchall() == written
    assert len(written) == len(items)


def test_a_bulk_fill_leaves_the_table_to_the_first_search(store):
    store.items.search("", 1)
    conn = store._db.connect()
    items = random_items(4, 2500)
    store.items.insert_new(items[:1200])  # a first sync's page: more than the store held
    assert not search_table.is_complete(conn)
    assert conn.execute("SELECT count(*) FROM item_search").fetchone() == (0,)
    store.items.upsert_many(items[1200:1300])  # written by the rebuild, not now
    assert conn.execute("SELECT count(*) FROM item_search").fetchone() == (0,)
    expected = app_search(TaskCatalog.load(store), "acme", 20, [], False)
    assert [item.id for item in store.items.search("acme", 20)] == expected
    assert search_table.is_complete(conn)
    store.items.insert_new(items[1300:2400])  # fewer than the store holds: written at once
    assert search_table.is_complete(conn)
    assert conn.execute("SELECT count(*) FROM item_search").fetchone() == (2400,)


def test_the_short_id_form_finds_the_item(store):
    store.items.upsert_many([
        Item(id="006000000000001AAA", kind=ItemKind.OPPORTUNITY, name="A", parent_id=ROOT_ID)])
    assert store.items.by_short_id("006000000000001").id == "006000000000001AAA"
    assert store.items.by_short_id("006000000000002") is None
    assert store.items.by_short_id("00600000000000*") is None
