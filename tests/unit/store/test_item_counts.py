"""The item counts the store keeps (migration 6: triggers on the items table) always equal
counting the items, whatever writes them."""

from __future__ import annotations

import random

from desktop.domain.items import ROOT_ID, Item, ItemKind

KINDS = (ItemKind.OPPORTUNITY, ItemKind.CASE, ItemKind.ACTIVITY)


def counted(store) -> dict[tuple[str, bool], int]:
    rows = store._db.connect().execute(
        "SELECT kind, archived, count(*) FROM items WHERE id != ? GROUP BY kind, archived",
        (ROOT_ID,))
    return {(kind, bool(archived)): number for kind, archived, number in rows}


def test_the_counts_follow_every_write(store):
    rng = random.Random(5)
    ids = [f"i{n:03d}" for n in range(120)]

    def some_items(count):
        return [Item(id=rng.choice(ids), kind=rng.choice(KINDS), name="x", parent_id=ROOT_ID,
                     archived=rng.random() < 0.2) for _ in range(count)]

    for _ in range(30):
        step = rng.randrange(4)
        if step == 0:
            store.items.upsert_many(some_items(15))
        elif step == 1:
            store.items.insert_new(some_items(5))
        elif step == 2:
            store.items.archive(rng.sample(ids, 10), "closed")
        else:
            store.items.restore(rng.sample(ids, 10))
        assert store.items.count_by_kind() == counted(store)
    with store.transaction() as conn:
        conn.execute("DELETE FROM items WHERE id IN ('i001', 'i002', 'i003')")
    assert store.items.count_by_kind() == counted(store)
