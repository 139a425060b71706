"""Which record an entry's time is logged against, and the subject path."""

from datetime import UTC

from desktop.domain.items import ROOT_ID, Item, ItemKind
from desktop.store.store import Store
from desktop.sync.push.links import LinkResolver

OPP = "006000000000001AAA"
CASE = "500000000000001AAA"
CHILD_CASE = "500000000000002AAA"
TASK = "00T000000000001AAA"


def test_links_walk_up_to_the_opportunity_or_case(tmp_path):
    store = Store.open(tmp_path / "s.db", display_tz=UTC)
    store.items.upsert_many([
        Item(id=OPP, kind=ItemKind.OPPORTUNITY, name="Acme - 500 Widgets", parent_id=ROOT_ID,
             sobject="Opportunity"),
        Item(id=TASK, kind=ItemKind.ACTIVITY, name="Call back", parent_id=OPP, sobject="Task"),
        Item(id=CASE, kind=ItemKind.CASE, name="Broken pump", parent_id=ROOT_ID, sobject="Case"),
        Item(id=CHILD_CASE, kind=ItemKind.CASE, name="Spare part", parent_id=CASE,
             sobject="Case"),
    ])
    links = LinkResolver(store).links([TASK, CHILD_CASE, OPP, None, "001000000000001AAA"])
    assert set(links) == {TASK, CHILD_CASE, OPP}
    assert (links[TASK].what_id, links[TASK].what_sobject, links[TASK].subject) == (
        OPP, "Opportunity", "Acme - 500 Widgets > Call back")
    assert (links[CHILD_CASE].what_id, links[CHILD_CASE].subject) == (
        CHILD_CASE, "Broken pump > Spare part")
    store.close()


def test_an_opportunity_or_case_that_is_not_imported_links_by_its_key_prefix(tmp_path):
    store = Store.open(tmp_path / "s.db", display_tz=UTC)
    links = LinkResolver(store).links([OPP, CASE, "001000000000001AAA"])
    assert {k: (v.what_sobject, v.subject) for k, v in links.items()} == {
        OPP: ("Opportunity", ""), CASE: ("Case", "")}
    store.close()
