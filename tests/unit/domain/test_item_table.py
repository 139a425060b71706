"""The compact item table: items round-trip exactly, Ids are found, strings are stored once."""

from datetime import UTC, datetime, timedelta, timezone

from desktop.domain.item_table import MISSING_PARENT, NO_PARENT, ItemTable
from desktop.domain.items import ROOT_ID, Item, ItemKind

STAMP = datetime(2026, 11, 1, 12, 0, 5, 123456, tzinfo=UTC)


def opportunity(number: int, **changes) -> Item:
    values = dict(
        id=f"006{number:015d}", kind=ItemKind.OPPORTUNITY, name=f"Acme - {number} Widgets",
        parent_id=ROOT_ID, sobject="Opportunity",
        fields=(("Account", "Acme Corp"), ("Stage", "Prospecting")),
        owner_id="005000000000001AAA", modstamp=STAMP,
    )
    values.update(changes)
    return Item(**values)


def activity(number: int, parent: str, **changes) -> Item:
    values = dict(id=f"00T{number:015d}", kind=ItemKind.ACTIVITY, name="Call back",
                  parent_id=parent, sobject="Task", fields=(("Status", "Waiting"),))
    values.update(changes)
    return Item(**values)


def test_items_come_back_equal_whatever_their_values():
    items = [
        opportunity(1),
        opportunity(2, archived=True, archive_reason="closed", modstamp=None, owner_id=None),
        opportunity(3, name="Crème brûlée 🍮 <b>x</b>", fields=(("Stage", "Won"), ("Stage", "x"))),
        opportunity(4, name="lone \udc80 surrogate", fields=()),
        opportunity(5, modstamp=datetime(2026, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))),
        activity(1, opportunity(1).id),
    ]
    table = ItemTable.of_items(items)
    assert len(table) == len(items)
    for item in items:
        assert table.item(table.position(item.id)) == item
    assert table.position("nope") is None and table.position("") is None


def test_positions_are_in_id_order_and_parents_are_positions():
    parent = opportunity(1)
    kid = activity(1, parent.id)
    table = ItemTable.of_items([kid, parent], with_root=True)  # a child before its parent
    ids = [table.id_at(position) for position in range(len(table))]
    assert ids == sorted([kid.id, parent.id, ROOT_ID])
    assert table.parent_at(table.position(kid.id)) == table.position(parent.id)
    assert table.parent_at(table.position(ROOT_ID)) == NO_PARENT
    assert table.item(table.position(ROOT_ID)).is_root


def test_an_orphan_keeps_its_parent_id():
    table = ItemTable.of_items([activity(1, "006MISSING")])
    position = table.position(activity(1, "x").id)
    assert table.parent_at(position) == MISSING_PARENT
    assert table.item(position).parent_id == "006MISSING"


def test_the_last_version_of_an_id_wins():
    first = activity(1, opportunity(1).id)
    moved = activity(1, opportunity(2).id, name="Call again", archived=True, archive_reason="x")
    table = ItemTable.of_items([opportunity(1), first, opportunity(2), moved])
    assert len(table) == 3
    assert table.item(table.position(first.id)) == moved
    assert table.parent_at(table.position(first.id)) == table.position(opportunity(2).id)


def test_equal_strings_and_field_sets_are_stored_once():
    items = [opportunity(n) for n in range(200)]
    table = ItemTable.of_items(items)
    # 200 names, one account, stage, labels, sobject and owner: not 200 copies of each
    assert len(table.strings) < 200 + 10
    assert table.nbytes() < 200 * 80
    first, second = (table.field_numbers(table.position(item.id)) for item in items[:2])
    assert first == second


def test_ordered_by_name_ranks_each_name_once_and_keeps_id_order_on_ties():
    names = ["beta", "Alpha", "beta", "ALPHA", "gamma", "alpha"]
    items = [opportunity(n, name=name) for n, name in enumerate(names)]
    table = ItemTable.of_items(items)
    asked: list[str] = []

    def key(position: int) -> str:
        asked.append(table.name_at(position))
        return table.name_at(position).casefold()

    ordered = [table.id_at(position) for position in table.ordered_by_name(key)]
    assert ordered == [items[n].id for n in (1, 3, 5, 0, 2, 4)]
    assert sorted(asked) == sorted(set(names))  # each distinct name once
    some = [table.position(items[n].id) for n in (4, 0, 3)]  # in any order
    assert [table.id_at(p) for p in table.ordered_by_name(key, some)] == [
        items[3].id, items[0].id, items[4].id
    ]
