"""Loading the whole cache shares equal values between items (memory), without changing them."""

from datetime import UTC, datetime

from desktop.domain.items import ROOT_ID, Item, ItemKind

STAMP = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _opportunity(number: int, stage: str) -> Item:
    return Item(
        id=f"006{number:015d}", kind=ItemKind.OPPORTUNITY, name=f"Acme - {number} Widgets",
        parent_id=ROOT_ID, sobject="Opportunity",
        fields=(("Account", "Acme"), ("Stage", stage)), owner_id="005000000000001AAA",
        modstamp=STAMP,
    )


def _activity(number: int, parent: Item) -> Item:
    return Item(
        id=f"00T{number:015d}", kind=ItemKind.ACTIVITY, name="Call back", parent_id=parent.id,
        sobject="Task", fields=(("Status", "Waiting"),), modstamp=STAMP,
    )


def test_all_items_round_trip_and_share_equal_values(store):
    opportunities = [_opportunity(n, "Prospecting" if n % 2 else "Closed Won") for n in range(6)]
    activities = [_activity(n, opportunities[n % 3]) for n in range(9)]
    store.items.upsert_many(opportunities + activities)

    loaded = {item.id: item for item in store.items.all()}

    assert {item.id: loaded[item.id] for item in opportunities + activities} == {
        item.id: item for item in opportunities + activities
    }
    first, second = loaded[opportunities[1].id], loaded[opportunities[3].id]
    assert first.fields is second.fields  # same JSON text: one tuple
    assert first.fields[0] is loaded[opportunities[0].id].fields[0]  # same ("Account", "Acme")
    assert first.fields[1][0] is loaded[opportunities[0].id].fields[1][0]  # the label "Stage"
    assert first.sobject is second.sobject and first.owner_id is second.owner_id
    assert first.modstamp is second.modstamp
    for activity in activities:
        child = loaded[activity.id]
        assert child.parent_id is loaded[activity.parent_id].id  # no second copy of the id
    assert loaded[activities[0].id].name is loaded[activities[1].id].name


def test_the_tree_is_built_from_the_shared_items(store):
    parent = _opportunity(1, "Prospecting")
    store.items.upsert_many([parent, _activity(1, parent)])
    tree = store.items.tree()
    assert [item.name for item in tree.path(_activity(1, parent).id)] == [
        "Salesforce", parent.name, "Call back"
    ]
