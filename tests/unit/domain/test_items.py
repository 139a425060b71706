from datetime import UTC, datetime

import pytest

from desktop.domain.items import ROOT_ID, Item, ItemKind, root_item


def opportunity(**changes) -> Item:
    values = dict(
        id="006000000000001AAA",
        kind=ItemKind.OPPORTUNITY,
        name="Acme - 500 Widgets",
        parent_id=ROOT_ID,
        sobject="Opportunity",
        fields=(("Account", "Acme"), ("Stage", "Prospecting")),
    )
    values.update(changes)
    return Item(**values)


def test_root_item_is_the_salesforce_project():
    root = root_item()
    assert root.id == ROOT_ID == "salesforce"
    assert root.name == "Salesforce"
    assert root.kind is ItemKind.PROJECT
    assert root.parent_id is None and root.is_root


def test_only_the_root_may_lack_a_parent():
    with pytest.raises(ValueError, match="no parent"):
        opportunity(parent_id=None)


def test_modstamp_must_be_timezone_aware():
    with pytest.raises(ValueError, match="timezone-aware"):
        opportunity(modstamp=datetime(2026, 1, 1))
    assert opportunity(modstamp=datetime(2026, 1, 1, tzinfo=UTC)).modstamp.year == 2026


def test_field_looks_up_by_label():
    item = opportunity()
    assert item.field("Stage") == "Prospecting"
    assert item.field("Amount") is None


def test_archive_and_restore_return_new_items():
    item = opportunity()
    archived = item.archive("closed")
    assert (archived.archived, archived.archive_reason) == (True, "closed")
    assert not item.archived  # frozen: the original is unchanged
    restored = archived.restore()
    assert (restored.archived, restored.archive_reason) == (False, None)
    assert restored == item


def test_item_kind_values_are_stable_strings():
    assert [kind.value for kind in ItemKind] == ["project", "opportunity", "case", "activity"]
