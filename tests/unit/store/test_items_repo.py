from datetime import UTC, datetime

from desktop.domain.archive import REASON_CLOSED, REASON_DELETED, REASON_NOT_VISIBLE, Change
from desktop.domain.items import ROOT_ID, Item, ItemKind

STAMP = datetime(2026, 11, 1, 12, 0, 0, 250000, tzinfo=UTC)


def opp(item_id="006000000000001AAA", name="Acme - 500 Widgets", **kw):
    values = dict(
        id=item_id, kind=ItemKind.OPPORTUNITY, name=name, parent_id=ROOT_ID,
        sobject="Opportunity", fields=(("Account", "Acme"), ("Stage", "Prospecting")),
        owner_id="005000000000001AAA", modstamp=STAMP,
    )
    values.update(kw)
    return Item(**values)


def task(item_id, parent_id, name="Call back"):
    return Item(id=item_id, kind=ItemKind.ACTIVITY, name=name, parent_id=parent_id, sobject="Task")


def test_a_new_store_holds_the_root_project(store):
    root = store.items.by_id(ROOT_ID)
    assert root.name == "Salesforce" and root.parent_id is None
    assert store.items.count() == 1


def test_upsert_round_trips_every_field(store):
    item = opp(name="<b>x</b><img src=y> Crème", fields=(("Account", "Café ☕"), ("Amount", "1,000.00")))
    store.items.upsert_many([item])
    assert store.items.by_id(item.id) == item


def test_upsert_by_id_never_duplicates_and_reports_changes(store):
    first = opp()
    assert store.items.upsert_many([first]) == {first.id: Change.CREATED}
    assert store.items.upsert_many([first]) == {}
    renamed = opp(name="Acme - 600 Widgets")
    assert store.items.upsert_many([renamed]) == {first.id: Change.MODIFIED}
    closed = renamed.archive(REASON_CLOSED)
    assert store.items.upsert_many([closed]) == {first.id: Change.ARCHIVED}
    assert store.items.upsert_many([renamed]) == {first.id: Change.RESTORED}
    rows = store._db.connect().execute("SELECT count(*) FROM items WHERE id = ?", (first.id,))
    assert rows.fetchone()[0] == 1
    assert store.items.by_id(first.id).name == "Acme - 600 Widgets"


def test_the_last_version_in_a_batch_wins(store):
    store.items.upsert_many([opp(name="old"), opp(name="new")])
    assert store.items.by_id(opp().id).name == "new"
    assert store.items.count() == 2


def test_a_newer_modstamp_alone_is_stored_but_not_reported(store):
    store.items.upsert_many([opp()])
    later = opp(modstamp=datetime(2026, 11, 2, tzinfo=UTC))
    assert store.items.upsert_many([later]) == {}
    assert store.items.by_id(later.id).modstamp == later.modstamp


def test_archive_and_restore(store):
    a, b = opp("006A"), opp("006B")
    store.items.upsert_many([a, b])
    assert store.items.archive(["006A", "006B", ROOT_ID], REASON_NOT_VISIBLE) == ["006A", "006B"]
    assert store.items.by_id(ROOT_ID).archived is False  # the root never is
    assert store.items.archive(["006A"], REASON_DELETED) == []  # already archived ...
    assert store.items.by_id("006A").archive_reason == REASON_DELETED  # ... reason updated
    assert store.items.restore(["006A", "unknown"]) == ["006A"]
    restored = store.items.by_id("006A")
    assert (restored.archived, restored.archive_reason) == (False, None)


def test_all_and_active_ids_skip_archived_by_default(store):
    store.items.upsert_many([opp("006A"), opp("006B").archive(REASON_CLOSED), task("00TA", "006A")])
    assert {i.id for i in store.items.all()} == {ROOT_ID, "006A", "00TA"}
    assert len(store.items.all(include_archived=True)) == 4
    assert store.items.active_ids() == {"006A", "00TA"}
    assert store.items.active_ids("Task") == {"00TA"}
    assert store.items.count(include_archived=True) == 4


def test_tree_includes_archived_items_for_paths(store):
    store.items.upsert_many(
        [opp("006A", name="Zulu"), opp("006B", name="alpha").archive(REASON_CLOSED),
         task("00TA", "006B")]
    )
    tree = store.items.tree()
    assert tree.path_text("00TA") == "Salesforce > alpha > Call back"
    assert [i.id for i in tree.children(ROOT_ID, include_archived=True)] == ["006B", "006A"]
    assert [i.id for i in tree.visible_items()] == ["006A"]


def test_by_ids_in_chunks(store):
    items = [opp(f"006{n:015d}") for n in range(1200)]
    store.items.upsert_many(items)
    found = store.items.by_ids([i.id for i in items] + ["missing"])
    assert len(found) == 1200


def test_existing_ids_include_archived(store):
    store.items.upsert_many([opp("006A"), opp("006B").archive(REASON_CLOSED)])
    assert store.items.existing_ids(["006A", "006B", "006C", "006A"]) == {"006A", "006B"}


def test_fields_with_a_repeated_label_keep_both(store):
    item = opp(fields=(("Note", "first"), ("Note", "second"), ("Quote", 'say "hi" \\ \n')))
    store.items.upsert_many([item])
    assert store.items.by_id(item.id).fields == item.fields
